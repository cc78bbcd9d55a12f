package main

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"

	"github.com/creack/pty"
)

// TestProgressOnTerminal runs a real `lark up` process on a pseudo-terminal,
// as a user at a shell would, with a backfill and a keyed batches loop over
// 2,000 rows (each loop made to take about a second), on SQLite and PostgreSQL. What reaches the terminal must be a
// bar redrawn in place ("\r" and erase-line before each frame) with rows done
// of the total, the rate and the ETA, ending at 100% on its own line.
func TestProgressOnTerminal(t *testing.T) {
	t.Parallel()
	bin := larkBinary(t)
	files := map[string]string{
		"1_items.star": itemsMigration(2000),
		// Progress is redrawn at most every 100 ms, so each loop is made
		// to take about a second: a costly SET expression, and Starlark
		// work for each row.
		"2_fill.star": `disable_ddl_transaction = True

slow = "length(hex(randomblob(200000 + n * 0))) * 0" if dialect() == "sqlite" else "(SELECT 0 FROM pg_sleep(0.0005 + n * 0))"

def up():
    backfill("items", set = "n = n + 1 + " + slow, batch_size = 100)
    for rows in batches("SELECT id FROM items", size = 100, key = "id"):
        for r in rows:
            for i in range(6000):
                pass
            exec("UPDATE items SET n = n + 1 WHERE id = $1", r.id)

def down():
    pass
`,
	}
	frame := regexp.MustCompile(`^(backfill 2_fill\.star:6:13|batches 2_fill\.star:7:24) \[[#.]{30}\] +\d+% [\d,]+ of 2,000 rows(, [\d,]+ rows/s)?(, ETA \S+)?$`)
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			writeFiles(t, dir, files)
			out := runOnTerminal(t, exec.Command(bin, "--database", dbk.URL(t), "--dir", dir, "up"))

			for _, kind := range []string{"backfill", "batches"} {
				var line string
				for _, l := range strings.Split(out, "\r\n") {
					if strings.Contains(l, "\r\x1b[K"+kind+" ") {
						line = l
					}
				}
				if line == "" {
					t.Fatalf("no %s bar on the terminal; it showed:\n%q", kind, out)
				}
				frames := strings.Split(strings.TrimPrefix(line, "\r\x1b[K"), "\r\x1b[K")
				if len(frames) < 4 {
					t.Errorf("%s: %d frames, want the start, the end and a few between:\n%q", kind, len(frames), line)
				}
				eta := false
				for _, f := range frames {
					if !frame.MatchString(f) {
						t.Errorf("%s frame %q does not have the bar's form", kind, f)
					}
					eta = eta || strings.Contains(f, ", ETA ")
				}
				if !eta {
					t.Errorf("%s: no frame showed an ETA:\n%q", kind, line)
				}
				if last := frames[len(frames)-1]; !strings.Contains(last, "] 100% 2,000 of 2,000 rows, ") || strings.Contains(last, "ETA") {
					t.Errorf("%s: last frame %q, want 100%% of 2,000 rows with a rate and no ETA", kind, last)
				}
			}
		})
	}
}

// runOnTerminal runs cmd with a pseudo-terminal as its stdin, stdout and
// stderr, and returns everything it wrote there once it has exited 0.
func runOnTerminal(t *testing.T, cmd *exec.Cmd) string {
	t.Helper()
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 40, Cols: 160})
	if err != nil {
		t.Fatalf("start %s on a pty: %v", cmd.Path, err)
	}
	defer tty.Close()
	var out bytes.Buffer
	copied := make(chan error, 1)
	go func() {
		_, err := io.Copy(&out, tty)
		copied <- err
	}()
	werr := cmd.Wait()
	// Once the process has gone, reading the pty's master side ends with
	// EIO on Linux: that is the end of the output, not a failure.
	if err := <-copied; err != nil && !errors.Is(err, os.ErrClosed) && !strings.Contains(err.Error(), "input/output error") {
		t.Fatalf("read the pty: %v", err)
	}
	if werr != nil {
		t.Fatalf("%s: %v\n%s", strings.Join(cmd.Args, " "), werr, out.String())
	}
	return out.String()
}
