package eval

import (
	"context"
	"errors"
	"flag"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/larkdb/lark/builtins"
	"time"

	"github.com/larkdb/lark/op"
)

var update = flag.Bool("update", false, "rewrite the expected .err files of testdata/bad")

// TestBadScripts evaluates each testdata/bad/NAME.star (load, up, down)
// and compares the first error with NAME.err exactly. Scripts run as on
// SQLite, or on PostgreSQL when their first line is "# dialect: postgres".
func TestBadScripts(t *testing.T) {
	t.Parallel()
	files, err := filepath.Glob("testdata/bad/*.star")
	if err != nil || len(files) < 25 {
		t.Fatalf("want at least 25 bad scripts, have %d (%v)", len(files), err)
	}
	fsys := os.DirFS("testdata/bad")
	for _, path := range files {
		name := filepath.Base(path)
		t.Run(strings.TrimSuffix(name, ".star"), func(t *testing.T) {
			t.Parallel()
			got := badError(t, fsys, name)
			errFile := strings.TrimSuffix(path, ".star") + ".err"
			if *update {
				if err := os.WriteFile(errFile, []byte(got+"\n"), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(errFile)
			if err != nil {
				t.Fatal(err)
			}
			if got != strings.TrimSuffix(string(want), "\n") {
				t.Errorf("got:\n%s\nwant:\n%s", got, want)
			}
		})
	}
}

// badError returns the first error evaluating name gives.
func badError(t *testing.T, fsys fs.FS, name string) string {
	t.Helper()
	src, err := fs.ReadFile(fsys, name)
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	opts := smallSteps
	if strings.HasPrefix(string(src), "# dialect: postgres\n") {
		opts.Dialect = "postgres"
		opts.Traits = builtins.Traits{ConcurrentIndexOutsideTx: true} // as engine.ScriptOptions gives it
	}
	s, err := Load(ctx, fsys, name, src, opts)
	if err == nil {
		_, err = s.Run(ctx, Up, nil)
	}
	if err == nil {
		_, err = s.Run(ctx, Down, nil)
	}
	if err == nil {
		t.Fatal("no error")
	}
	return err.Error()
}

// smallSteps bounds the step-limit script so the test is fast.
var smallSteps = Options{Dialect: "sqlite", MaxSteps: 100_000, Traits: builtins.Traits{TimeAsText: true}}

func loadSrc(t *testing.T, fsys map[string]string, file string) (*Script, error) {
	t.Helper()
	m := fstest.MapFS{}
	for k, v := range fsys {
		m[k] = &fstest.MapFile{Data: []byte(v)}
	}
	return Load(context.Background(), m, file, []byte(fsys[file]), Options{Dialect: "sqlite"})
}

// TestLoadHelpers checks load(): a helper in the directory works, records
// into the migration, is read once, and is listed in Files.
func TestLoadHelpers(t *testing.T) {
	t.Parallel()
	files := map[string]string{
		"1_a.star": `load("lib/helpers.star", "audit")
load("lib/base.star", "stamp")

def change():
    audit("orders")
`,
		"lib/helpers.star": `load("lib/base.star", "stamp")

def audit(table):
    create_table(table + "_audit", add("note", "text"), stamp())
`,
		"lib/base.star": `def stamp():
    return timestamps()
`,
	}
	s, err := loadSrc(t, files, "1_a.star")
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(s.Files, ","); got != "1_a.star,lib/helpers.star,lib/base.star" {
		t.Errorf("Files = %s", got)
	}
	log, err := s.Run(context.Background(), Up, nil)
	if err != nil {
		t.Fatal(err)
	}
	ct := log[0].(*op.CreateTable)
	if ct.Table.Name != "orders_audit" || len(ct.Columns) != 4 || ct.Pos.String() != "lib/helpers.star:4:17" {
		t.Errorf("recorded %#v at %s", ct.Table, ct.Pos)
	}
}

// TestLoadFilesOnError checks that Files lists what was read even when
// a helper is broken.
func TestLoadFilesOnError(t *testing.T) {
	t.Parallel()
	s, err := loadSrc(t, map[string]string{
		"1_a.star": "load(\"h.star\", \"x\")\ndef change():\n    pass\n",
		"h.star":   "x = (\n",
	}, "1_a.star")
	if err == nil || !strings.HasPrefix(err.Error(), "h.star:2:1: ") {
		t.Fatalf("err = %v", err)
	}
	if got := strings.Join(s.Files, ","); got != "1_a.star,h.star" {
		t.Errorf("Files = %s", got)
	}
}

// TestStepLimit checks that a runaway loop stops with a positioned error.
func TestStepLimit(t *testing.T) {
	t.Parallel()
	src := "def change():\n    n = 0\n    while True:\n        n += 1\n"
	s, err := Load(context.Background(), fstest.MapFS{}, "1_x.star", []byte(src), smallSteps)
	if err != nil {
		t.Fatal(err)
	}
	start := time.Now()
	_, err = s.Run(context.Background(), Up, nil)
	if err == nil || !strings.HasPrefix(err.Error(), "1_x.star:4:") || !strings.Contains(err.Error(), "step limit of 100000 exceeded") {
		t.Fatalf("err = %v", err)
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("step limit took %s", d)
	}
}

// TestCancel checks that cancelling the context stops a running script.
func TestCancel(t *testing.T) {
	t.Parallel()
	src := "def change():\n    n = 0\n    while True:\n        n += 1\n"
	s, err := Load(context.Background(), fstest.MapFS{}, "1_x.star", []byte(src), Options{MaxSteps: 1 << 62})
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 50*time.Millisecond)
	defer cancel()
	_, err = s.Run(ctx, Up, nil)
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("err = %v, want one wrapping context.DeadlineExceeded", err)
	}
	var oe *op.Error
	// The line is the running one, or 1:1 when the cancel lands on an
	// instruction without a position (a loop's jump).
	if !errors.As(err, &oe) || oe.Pos.File != "1_x.star" {
		t.Errorf("err = %#v", err)
	}
}
