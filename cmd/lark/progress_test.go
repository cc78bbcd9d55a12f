package main

import (
	"bytes"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/internal/testdb"
	"github.com/larkdb/lark/op"
)

var progressPos = op.Pos{File: "2_fill.star", Line: 4, Col: 13}

// TestBarLine checks the terminal bar's text: kind and position, the bar
// and percentage when the total is known, rows done of the total, the
// rate of this run (rows resumed from an earlier run do not count) and
// the ETA.
func TestBarLine(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name string
		d    engine.DataProgress
		want string
	}{
		{"start", engine.DataProgress{Kind: "backfill", Total: 100_000},
			"backfill 2_fill.star:4:13 [..........]   0% 0 of 100,000 rows"},
		{"half way", engine.DataProgress{Kind: "backfill", Rows: 50_000, Total: 100_000, Elapsed: 4 * time.Second},
			"backfill 2_fill.star:4:13 [#####.....]  50% 50,000 of 100,000 rows, 12,500 rows/s, ETA 4s"},
		{"resumed", engine.DataProgress{Kind: "batches", Rows: 75_000, Resumed: 50_000, Total: 100_000, Elapsed: 5 * time.Second},
			"batches 2_fill.star:4:13 [#######...]  75% 75,000 of 100,000 rows, 5,000 rows/s, ETA 5s"},
		{"no total", engine.DataProgress{Kind: "batches", Rows: 1_234_567, Elapsed: time.Second},
			"batches 2_fill.star:4:13 1,234,567 rows, 1,234,567 rows/s"},
		{"past an estimated total", engine.DataProgress{Kind: "backfill", Rows: 120, Total: 100, Elapsed: time.Second},
			"backfill 2_fill.star:4:13 [##########] 100% 120 of 100 rows, 120 rows/s"},
		{"done", engine.DataProgress{Kind: "backfill", Rows: 100_000, Total: 100_000, Elapsed: 8 * time.Second, Done: true},
			"backfill 2_fill.star:4:13 [##########] 100% 100,000 of 100,000 rows, 12,500 rows/s"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			tc.d.Pos = progressPos
			if got := barLine(tc.d, 10); got != tc.want {
				t.Errorf("barLine:\n got %q\nwant %q", got, tc.want)
			}
		})
	}
}

// TestProgressTerminal checks that on a terminal each report redraws the
// line in place and the last one ends it.
func TestProgressTerminal(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	p := &progress{w: &buf, tty: true, every: 5 * time.Second, now: time.Now}
	for _, d := range []engine.DataProgress{
		{Kind: "backfill", Total: 4},
		{Kind: "backfill", Rows: 2, Total: 4, Elapsed: time.Second},
		{Kind: "backfill", Rows: 4, Total: 4, Elapsed: 2 * time.Second, Done: true},
	} {
		d.Pos = progressPos
		p.report(d)
	}
	bar := "\r\033[Kbackfill 2_fill.star:4:13 "
	want := bar + "[..............................]   0% 0 of 4 rows" +
		bar + "[###############...............]  50% 2 of 4 rows, 2 rows/s, ETA 1s" +
		bar + "[##############################] 100% 4 of 4 rows, 2 rows/s\n"
	if got := buf.String(); got != want {
		t.Errorf("terminal output:\n got %q\nwant %q", got, want)
	}
}

// TestProgressPlain checks the plain lines of a pipe or --json against an
// injected clock: the first report, then at most one line per interval,
// and always the last.
func TestProgressPlain(t *testing.T) {
	t.Parallel()
	var buf bytes.Buffer
	clock := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	p := newProgress(&buf, true)
	p.now = func() time.Time { return clock }
	steps := []struct {
		after time.Duration // clock advance before the report
		rows  int64
		done  bool
	}{
		{0, 0, false},
		{100 * time.Millisecond, 1_000, false}, // too soon after the first line
		{4 * time.Second, 40_000, false},       // 4.1 s: still too soon
		{time.Second, 50_000, false},           // 5.1 s: printed
		{time.Second, 60_000, false},           // too soon
		{5 * time.Second, 100_000, false},      // printed
		{100 * time.Millisecond, 100_000, true},
	}
	var elapsed time.Duration
	for _, s := range steps {
		clock = clock.Add(s.after)
		elapsed += s.after
		p.report(engine.DataProgress{Pos: progressPos, Kind: "batches", Rows: s.rows, Total: 100_000, Elapsed: elapsed, Done: s.done})
	}
	want := strings.Join([]string{
		"batches 2_fill.star:4:13: 0 of 100,000 rows",
		"batches 2_fill.star:4:13: 50,000 of 100,000 rows, 9,803 rows/s, ETA 6s",
		"batches 2_fill.star:4:13: 100,000 of 100,000 rows, 9,009 rows/s",
		"batches 2_fill.star:4:13: 100,000 of 100,000 rows, 8,928 rows/s (done)",
	}, "\n") + "\n"
	if got := buf.String(); got != want {
		t.Errorf("plain output:\n got %q\nwant %q", got, want)
	}
}

func TestThousands(t *testing.T) {
	t.Parallel()
	for n, want := range map[int64]string{0: "0", 999: "999", 1000: "1,000", 1234567: "1,234,567", -45000: "-45,000"} {
		if got := thousands(n); got != want {
			t.Errorf("thousands(%d) = %q, want %q", n, got, want)
		}
	}
}

// TestProgressPipe runs a real `lark up` (in process, stderr a buffer: a
// pipe) with a backfill and a batches loop on SQLite and checks the
// plain lines it prints for each: the start with the total, and the end.
// How many lines come between depends on the machine's speed, so only
// their form is checked.
func TestProgressPipe(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	files := map[string]string{
		"1_items.star": itemsMigration(300),
		"2_fill.star": `disable_ddl_transaction = True

def up():
    backfill("items", set = "n = n + 1", batch_size = 50)
    for rows in batches("SELECT id FROM items WHERE id <= 120", size = 40, key = "id"):
        pass

def down():
    pass
`,
	}
	writeFiles(t, dir, files)
	db := "sqlite:" + testdb.SQLite(t)
	for _, json := range []bool{false, true} {
		args := []string{"--database", db, "--dir", dir, "up"}
		if json {
			args = append(args, "--json")
		}
		var stdout, stderr bytes.Buffer
		if code := run(args, &stdout, &stderr); code != 0 {
			t.Fatalf("lark %v: exit %d\n%s", args, code, stderr.String())
		}
		var lines []string
		for _, l := range strings.Split(strings.TrimSpace(stderr.String()), "\n") {
			if strings.HasPrefix(l, "backfill ") || strings.HasPrefix(l, "batches ") {
				lines = append(lines, l)
			}
		}
		if len(lines) < 4 {
			t.Fatalf("json=%v: want at least 4 progress lines, got:\n%s", json, stderr.String())
		}
		line := regexp.MustCompile(`^(backfill|batches) 2_fill\.star:\d+:\d+: [\d,]+( of [\d,]+)? rows(, [\d,]+ rows/s)?(, ETA \S+)?( \(done\))?$`)
		for _, l := range lines {
			if !line.MatchString(l) {
				t.Errorf("json=%v: progress line %q does not have the documented form", json, l)
			}
		}
		wantFirst := []string{"backfill 2_fill.star:4:13: 0 of 300 rows", "batches 2_fill.star:5:24: 0 of 120 rows"}
		wantDone := []*regexp.Regexp{
			regexp.MustCompile(`^backfill 2_fill\.star:4:13: 300 of 300 rows, [\d,]+ rows/s \(done\)$`),
			regexp.MustCompile(`^batches 2_fill\.star:5:24: 120 of 120 rows, [\d,]+ rows/s \(done\)$`),
		}
		for i, kind := range []string{"backfill", "batches"} {
			var mine []string
			for _, l := range lines {
				if strings.HasPrefix(l, kind+" ") {
					mine = append(mine, l)
				}
			}
			if len(mine) < 2 || mine[0] != wantFirst[i] || !wantDone[i].MatchString(mine[len(mine)-1]) {
				t.Errorf("json=%v: %s lines:\n%s\nwant first %q and a last (done) line", json, kind, strings.Join(mine, "\n"), wantFirst[i])
			}
		}
		// Redo for the --json round.
		if code := run([]string{"--database", db, "--dir", dir, "down"}, &stdout, &stderr); code != 0 {
			t.Fatalf("lark down: exit %d\n%s", code, stderr.String())
		}
	}
}
