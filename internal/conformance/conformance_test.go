package conformance_test

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/engine/eval"
	"github.com/larkdb/lark/op"
)

// testCase is one script under testdata/cases with its header.
type testCase struct {
	name     string
	file     string // relative to testdata/cases
	src      []byte
	dialects []string            // empty: all
	setup    map[string][]string // by dialect; "" for every dialect
	schemas  []string
	noTx     bool
	revert   string            // "log" (default) or "down"
	expect   string            // "", "irreversible" or "refused"
	skip     map[string]string // dialect -> why this case is skipped there
	// refusal is the error a refused case must raise, and refusalLine the
	// script line it must name: the line marked ### "regexp".
	refusal     *regexp.Regexp
	refusalLine int
}

// loadCases reads every case and its header.
func loadCases(t *testing.T) []testCase {
	t.Helper()
	paths, err := filepath.Glob(filepath.Join("testdata", "cases", "*.star"))
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) == 0 {
		t.Fatal("no cases under testdata/cases")
	}
	var cases []testCase
	for _, p := range paths {
		src, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		c := testCase{
			name:   strings.TrimSuffix(filepath.Base(p), ".star"),
			file:   filepath.Base(p),
			src:    src,
			setup:  map[string][]string{},
			revert: "log",
			skip:   map[string]string{},
		}
		for _, line := range strings.Split(string(src), "\n") {
			if !strings.HasPrefix(line, "#") {
				break
			}
			key, val, _ := strings.Cut(strings.TrimSpace(strings.TrimPrefix(line, "#")), ":")
			val = strings.TrimSpace(val)
			switch {
			case key == "dialects":
				c.dialects = splitList(val)
			case key == "setup":
				c.setup[""] = append(c.setup[""], val)
			case strings.HasPrefix(key, "setup."):
				d := strings.TrimPrefix(key, "setup.")
				c.setup[d] = append(c.setup[d], val)
			case key == "schemas":
				c.schemas = splitList(val)
			case key == "notx":
				c.noTx = true
			case key == "revert":
				c.revert = val
			case key == "expect":
				c.expect = val
			case strings.HasPrefix(key, "skip."):
				c.skip[strings.TrimPrefix(key, "skip.")] = val
			}
		}
		if c.expect == "refused" {
			c.refusal, c.refusalLine = refusalMark(t, p, src)
		}
		cases = append(cases, c)
	}
	return cases
}

// refusalMark finds the line marked with a trailing ### "regexp" (as in
// starlark-go's testdata) and compiles the regexp.
func refusalMark(t *testing.T, path string, src []byte) (*regexp.Regexp, int) {
	t.Helper()
	var re *regexp.Regexp
	line := 0
	for i, l := range strings.Split(string(src), "\n") {
		_, mark, ok := strings.Cut(l, "### ")
		if !ok {
			continue
		}
		mark = strings.TrimSpace(mark)
		if len(mark) < 2 || mark[0] != '"' || mark[len(mark)-1] != '"' {
			t.Fatalf("%s:%d: ### wants a regexp in double quotes", path, i+1)
		}
		if re != nil {
			t.Fatalf("%s:%d: a second ### mark; a refused case marks one line", path, i+1)
		}
		// The regexp is the text between the quotes, taken as written
		// (quotes inside need no escaping), so \( means a literal paren.
		var err error
		if re, err = regexp.Compile(mark[1 : len(mark)-1]); err != nil {
			t.Fatalf("%s:%d: %v", path, i+1, err)
		}
		line = i + 1
	}
	if re == nil {
		t.Fatalf("%s: expect: refused, but no line is marked ### \"regexp\"", path)
	}
	return re, line
}

func splitList(s string) []string {
	var out []string
	for _, f := range strings.Split(s, ",") {
		if f = strings.TrimSpace(f); f != "" {
			out = append(out, f)
		}
	}
	return out
}

// TestConformance runs every case on every dialect it applies to: up,
// golden snapshot, revert, and the snapshot it started from.
func TestConformance(t *testing.T) {
	t.Parallel()
	cases := loadCases(t)
	fsys := os.DirFS(filepath.Join("testdata", "cases"))
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			for _, c := range cases {
				if len(c.dialects) > 0 && !slices.Contains(c.dialects, d.name) {
					continue
				}
				t.Run(c.name, func(t *testing.T) {
					t.Parallel()
					if why, ok := c.skip[d.name]; ok {
						t.Skip(why)
					}
					runCase(t, d.name, c, fsys)
				})
			}
		})
	}
}

// runCase is one case on one dialect.
func runCase(t *testing.T, dialectName string, c testCase, fsys fs.FS) {
	ctx := context.Background()
	db := freshDB(t, dialectName)
	d := dialectFor(t, dialectName)
	execSetup(ctx, t, db, c.setup[""])
	execSetup(ctx, t, db, c.setup[dialectName])
	before := snapshot(ctx, t, db, dialectName, c.schemas)

	script, err := eval.Load(ctx, fsys, c.file, c.src, engine.ScriptOptions(d))
	if err != nil {
		t.Fatalf("load: %v", err)
	}
	var upLog op.Log
	ran, err := session(ctx, t, db, d, c.noTx, func(e *executor) error {
		var err error
		upLog, err = script.Run(ctx, engine.Up, e)
		return err
	})
	if c.expect == "refused" {
		checkRefused(t, c, err, ran, before, snapshot(ctx, t, db, dialectName, c.schemas))
		return
	}
	if err != nil {
		t.Fatalf("up: %v\nSQL run:\n%s", err, strings.Join(ran, ";\n"))
	}
	after := snapshot(ctx, t, db, dialectName, c.schemas)
	golden(t, filepath.Join("testdata", "golden", c.name+"."+dialectName+".schema"), after)
	if after == before && c.expect == "" {
		t.Errorf("the migration changed nothing in the schema; the case proves nothing")
	}

	ran, err = session(ctx, t, db, d, c.noTx, func(e *executor) error {
		if c.revert == "down" {
			_, err := script.Run(ctx, engine.Down, e)
			return err
		}
		_, err := eval.Revert(ctx, upLog, script, e)
		return err
	})
	reverted := snapshot(ctx, t, db, dialectName, c.schemas)
	if c.expect == "irreversible" {
		var irr *engine.IrreversibleError
		if !errors.As(err, &irr) {
			t.Fatalf("revert: want an *engine.IrreversibleError, got %v", err)
		}
		if !strings.Contains(err.Error(), c.file) {
			t.Errorf("irreversible error %q does not name the file %s", err, c.file)
		}
		if len(ran) > 0 {
			t.Errorf("revert ran SQL before failing:\n%s", strings.Join(ran, ";\n"))
		}
		if reverted != after {
			t.Errorf("a failed revert changed the schema:\n%s", diff(after, reverted))
		}
		return
	}
	if err != nil {
		t.Fatalf("revert: %v\nSQL run:\n%s", err, strings.Join(ran, ";\n"))
	}
	if reverted != before {
		t.Errorf("revert did not restore the schema (- before, + after revert):\n%s\nSQL run:\n%s",
			diff(before, reverted), strings.Join(ran, ";\n"))
	}
}

// checkRefused checks a case the dialect must refuse: the up fails at the
// marked line with the marked message, before it runs any SQL, and the
// schema is the one it started from.
func checkRefused(t *testing.T, c testCase, err error, ran []string, before, after string) {
	t.Helper()
	if err == nil {
		t.Fatalf("up succeeded; want it refused at %s:%d with %q", c.file, c.refusalLine, c.refusal)
	}
	if at := fmt.Sprintf("%s:%d:", c.file, c.refusalLine); !strings.Contains(err.Error(), at) {
		t.Errorf("refusal %q is not at %s", err, at)
	}
	if !c.refusal.MatchString(err.Error()) {
		t.Errorf("refusal %q does not match %q", err, c.refusal)
	}
	if len(ran) > 0 {
		t.Errorf("a refused migration ran SQL:\n%s", strings.Join(ran, ";\n"))
	}
	if after != before {
		t.Errorf("a refused migration changed the schema (- before, + after):\n%s", diff(before, after))
	}
}
