package main

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/larkdb/lark/watch"
)

func init() {
	register(40, "lark watch: from a save to the database updated", benchWatch)
}

// watchSaves is how many saves each database gets.
const watchSaves = 100

// watchTargets are issue 4's targets for the median.
var watchTargets = map[string]time.Duration{
	"sqlite":   100 * time.Millisecond,
	"postgres": 250 * time.Millisecond,
}

// benchWatch runs `lark watch` as a user would and times each save of an
// applied migration until watch reports the database updated.
func benchWatch(ctx context.Context, e *Env) (string, error) {
	var rows [][]string
	for _, kind := range []string{"sqlite", "postgres"} {
		row, err := benchWatchOn(ctx, e, kind)
		if err != nil {
			return "", fmt.Errorf("%s: %w", kind, err)
		}
		rows = append(rows, row)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "`lark watch` (the binary, default 40 ms debounce window) on a directory with two migrations; the test rewrites the second, "+
		"an applied `create_table` with one column, %d times, each time with a different column. Each save therefore makes watch roll "+
		"that migration back with its stored log and apply the new text, each in its own transaction. The time runs from just before "+
		"the file is written to the moment watch prints its line for the action, which it does after the migration's transaction "+
		"has committed; it includes the debounce window, during which watch waits for the rest of an editor's save burst. "+
		"The next save starts as soon as the line arrives. After the last save the database is checked to hold the last column.\n\n", watchSaves)
	b.WriteString(Table([]string{"Database", "median", "p95", "min", "max", "target (median)", "result"}, rows))
	fmt.Fprintf(&b, "\nOf each time, %s is the debounce window itself (watch.DefaultQuiet; `lark watch --quiet` changes it); the rest is "+
		"fsnotify's delivery, reading and checking the directory and the versions table, evaluating the script, the rollback and the "+
		"apply, and the process writing its line.\n", watchMs(watch.DefaultQuiet))
	return b.String(), nil
}

// watchLine is one line of watch's output and when it arrived.
type watchLine struct {
	at   time.Time
	text string
}

func benchWatchOn(ctx context.Context, e *Env, kind string) ([]string, error) {
	url, cleanup, err := e.freshDB(kind, "watch-db")
	if err != nil {
		return nil, err
	}
	defer cleanup()
	root, err := e.Dir("watch-" + kind)
	if err != nil {
		return nil, err
	}
	dir := filepath.Join(root, "migrations")
	if err := os.Mkdir(dir, 0o755); err != nil {
		return nil, fmt.Errorf("mkdir: %w", err)
	}
	base := "def change():\n    create_table(\"base\", add(\"name\", \"string\"))\n"
	if err := os.WriteFile(filepath.Join(dir, "1_base.star"), []byte(base), 0o644); err != nil {
		return nil, err
	}
	bench := filepath.Join(dir, "2_bench.star")
	save := func(i int) error {
		src := fmt.Sprintf("def change():\n    create_table(\"bench\", add(\"c%d\", \"integer\"))\n", i)
		return os.WriteFile(bench, []byte(src), 0o644)
	}
	if err := save(0); err != nil {
		return nil, err
	}

	cctx, cancel := context.WithCancel(ctx)
	defer cancel()
	cmd := exec.CommandContext(cctx, e.LarkBin, "--database", url, "--dir", dir, "watch")
	cmd.Dir = root
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("start lark watch: %w", err)
	}
	lines := make(chan watchLine, 1024)
	go func() {
		defer close(lines)
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			lines <- watchLine{time.Now(), sc.Text()}
		}
	}()
	stop := func() error {
		_ = cmd.Process.Signal(os.Interrupt)
		for range lines { // drain until lark exits and closes its stdout
		}
		return cmd.Wait()
	}
	next := func(want string) (watchLine, error) {
		timeout := time.After(30 * time.Second)
		for {
			select {
			case l, ok := <-lines:
				if !ok {
					return l, fmt.Errorf("lark watch exited before printing %q\n%s", want, tail(stderr.String(), 2000))
				}
				if strings.Contains(l.text, want) {
					return l, nil
				}
			case <-timeout:
				return watchLine{}, fmt.Errorf("lark watch printed no %q within 30 s", want)
			}
		}
	}
	if _, err := next("watching "); err != nil {
		cancel()
		_ = stop()
		return nil, err
	}
	var ds []time.Duration
	for i := 1; i <= watchSaves; i++ {
		start := time.Now()
		if err := save(i); err != nil {
			cancel()
			_ = stop()
			return nil, err
		}
		l, err := next("2_bench.star: ")
		if err == nil && (!strings.Contains(l.text, "applied 2_bench") || strings.Contains(l.text, "FAILED")) {
			err = fmt.Errorf("save %d: lark watch printed %q", i, l.text)
		}
		if err != nil {
			cancel()
			_ = stop()
			return nil, err
		}
		ds = append(ds, l.at.Sub(start))
	}
	if err := stop(); err != nil {
		return nil, fmt.Errorf("lark watch did not exit cleanly on SIGINT: %w\n%s", err, tail(stderr.String(), 2000))
	}
	if err := watchCheckColumn(ctx, kind, url, fmt.Sprintf("c%d", watchSaves)); err != nil {
		return nil, err
	}
	return watchRow(kind, ds), nil
}

// watchCheckColumn checks that the bench table ended with column col.
func watchCheckColumn(ctx context.Context, kind, url, col string) error {
	driver, dsn := "pgx", url
	if kind == "sqlite" {
		driver, dsn = "sqlite", sqliteDSN(strings.TrimPrefix(url, "sqlite:"))
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return err
	}
	defer db.Close()
	if _, err := db.ExecContext(ctx, "SELECT "+col+" FROM bench"); err != nil {
		return fmt.Errorf("after the last save the database lacks bench.%s: %w", col, err)
	}
	return nil
}

func watchRow(kind string, ds []time.Duration) []string {
	sorted := append([]time.Duration(nil), ds...)
	sort.Slice(sorted, func(i, j int) bool { return sorted[i] < sorted[j] })
	p95 := sorted[int(math.Ceil(0.95*float64(len(sorted))))-1]
	med := median(ds)
	verdict := "met"
	if med >= watchTargets[kind] {
		verdict = "**missed**"
	}
	return []string{kind, watchMs(med), watchMs(p95), watchMs(sorted[0]), watchMs(sorted[len(sorted)-1]), "< " + watchMs(watchTargets[kind]), verdict}
}

// watchMs formats a duration in milliseconds.
func watchMs(d time.Duration) string { return fmt.Sprintf("%.1f ms", d.Seconds()*1000) }
