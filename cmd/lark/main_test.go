package main

import (
	"bytes"
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/larkdb/lark/connect"
	"github.com/larkdb/lark/internal/testdb"
)

// TestMain lets the testscripts run lark as a real command.
func TestMain(m *testing.M) {
	testscript.Main(cleanupBinary{m}, map[string]func(){
		"lark": func() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) },
	})
}

// TestScriptSQLite runs every script in testdata/script on a fresh SQLite
// file per script.
func TestScriptSQLite(t *testing.T) {
	t.Parallel()
	testscript.Run(t, params("sqlite", func(env *testscript.Env) (string, string) {
		return "sqlite:" + filepath.Join(env.WorkDir, "lark.db"), "sqlite:" + filepath.Join(env.WorkDir, "scratch.db")
	}))
}

// TestScriptPostgres runs the same scripts on a fresh PostgreSQL database
// per script.
func TestScriptPostgres(t *testing.T) {
	t.Parallel()
	testdb.Postgres(t) // skips (or fails under CI) when PostgreSQL is down
	testscript.Run(t, params("postgres", func(env *testscript.Env) (string, string) {
		return testdb.Postgres(env.T().(testing.TB)), scratchPostgres(env)
	}))
}

// scratchPostgres returns the URL of a PostgreSQL database that does not
// exist yet, for create/drop/reset; it is dropped when the script ends.
func scratchPostgres(env *testscript.Env) string {
	u, err := url.Parse(testdb.AdminURL())
	if err != nil {
		env.T().Fatal(err)
	}
	b := make([]byte, 6)
	_, _ = rand.Read(b)
	name := "lark_test_scratch_" + hex.EncodeToString(b)
	u.Path = "/" + name
	env.Defer(func() {
		if _, err := connect.Drop(context.Background(), u.String()); err != nil {
			env.T().Log(err)
		}
	})
	return u.String()
}

// params runs the scripts with $DATABASE_URL set to a fresh database from
// urls, $SCRATCH_URL to a database that does not exist yet, and $DB to kind
// (also the script conditions [sqlite] and [postgres]).
func params(kind string, urls func(*testscript.Env) (db, scratch string)) testscript.Params {
	return testscript.Params{
		Dir:                 "testdata/script",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			db, scratch := urls(env)
			env.Setenv("DATABASE_URL", db)
			env.Setenv("SCRATCH_URL", scratch)
			env.Setenv("DB", kind)
			return nil
		},
		Condition: func(cond string) (bool, error) {
			switch cond {
			case "sqlite", "postgres":
				return cond == kind, nil
			}
			return false, fmt.Errorf("unknown condition %q", cond)
		},
		Cmds: map[string]func(ts *testscript.TestScript, neg bool, args []string){
			"sql":   sqlCmd,
			"exits": exitsCmd,
		},
	}
}

// sqlCmd runs one SQL statement on $DATABASE_URL and prints the rows it
// returns, one line each, columns separated by "|": a way for scripts to
// check the schema and the versions table independently of lark.
//
//	sql 'SELECT version FROM schema_migrations ORDER BY version'
func sqlCmd(ts *testscript.TestScript, neg bool, args []string) {
	if len(args) != 1 {
		ts.Fatalf("usage: sql QUERY")
	}
	ctx := context.Background()
	db, _, err := connect.Open(ctx, ts.Getenv("DATABASE_URL"))
	ts.Check(err)
	defer db.Close()
	rows, err := db.QueryContext(ctx, args[0])
	if err != nil {
		if neg {
			fmt.Fprintln(ts.Stderr(), err)
			return
		}
		ts.Fatalf("sql: %v", err)
	}
	defer rows.Close()
	cols, err := rows.Columns()
	ts.Check(err)
	var out bytes.Buffer
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		ts.Check(rows.Scan(ptrs...))
		parts := make([]string, len(vals))
		for i, v := range vals {
			switch v := v.(type) {
			case nil:
				parts[i] = "NULL"
			case []byte:
				parts[i] = string(v)
			default:
				parts[i] = fmt.Sprint(v)
			}
		}
		out.WriteString(strings.Join(parts, "|") + "\n")
	}
	err = rows.Err()
	if err != nil && !neg {
		ts.Fatalf("sql: %v", err)
	}
	if neg && err == nil {
		ts.Fatalf("sql: unexpected success")
	}
	fmt.Fprint(ts.Stdout(), out.String())
}

// exitsCmd runs a program, as exec does, and checks its exit code: `!
// exec` accepts any failure, but lark's usage errors must exit 2 and its
// other failures 1. Its stdout and stderr are left for the next commands.
//
//	exits 2 lark up --step 0
//	stderr '--step must be at least 1'
func exitsCmd(ts *testscript.TestScript, neg bool, args []string) {
	if neg {
		ts.Fatalf("exits does not take !: give the exit code expected")
	}
	if len(args) < 2 {
		ts.Fatalf("usage: exits CODE program [args...]")
	}
	want, err := strconv.Atoi(args[0])
	if err != nil {
		ts.Fatalf("exits: code %q is not a number", args[0])
	}
	err = ts.Exec(args[1], args[2:]...)
	got := 0
	var ee *exec.ExitError
	switch {
	case errors.As(err, &ee):
		got = ee.ExitCode()
	case err != nil:
		ts.Fatalf("exits: %v", err)
	}
	if got != want {
		ts.Fatalf("%s exited with %d, want %d", args[1], got, want)
	}
}

// TestExitCodes checks lark's exit codes: 0 ok, 1 failure, 2 usage.
func TestExitCodes(t *testing.T) {
	// Not parallel: it changes the working directory, and the subtests must
	// end before the check after them.
	dir := t.TempDir()
	t.Chdir(dir)
	if err := os.Mkdir("migrations", 0o755); err != nil {
		t.Fatal(err)
	}
	db := "sqlite:" + filepath.Join(dir, "x.db")
	if err := os.WriteFile("typo.json", []byte(`{"databse": "sqlite:y.db"}`), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"--database", db, "status"}, 0, ""},
		{[]string{"--help"}, 0, ""},
		{[]string{"up", "--help"}, 0, ""},
		{[]string{"nosuch"}, 2, "unknown command"},
		{[]string{"up", "--nosuch"}, 2, "unknown flag"},
		{[]string{"up", "extra"}, 2, "takes no arguments"},
		{[]string{"down", "--step", "1", "--all"}, 2, "at most one of"},
		{[]string{"up", "--to", "abc"}, 2, "not a migration version"},
		{[]string{"plan", "sideways"}, 2, "not one of"},
		{[]string{"new", "BadName"}, 2, "snake_case"},
		{[]string{"--database", "mysql://x/y", "up"}, 2, "unknown scheme"},
		{[]string{"--database", db, "up", "--step", "0"}, 2, "--step must be at least 1, not 0"},
		{[]string{"--database", db, "down", "--step", "0"}, 2, "--step must be at least 1, not 0"},
		{[]string{"--database", db, "redo", "--step", "0"}, 2, "--step must be at least 1, not 0"},
		{[]string{"--database", db, "plan", "--step", "0"}, 2, "--step must be at least 1, not 0"},
		{[]string{"--database", db, "--prefix", "app", "status"}, 2, `--prefix "app": SQLite has no schemas`},
		{[]string{"--database", db, "--table", "a b", "status"}, 2, "not a plain identifier"},
		{[]string{"--database", db, "--config", "typo.json", "status"}, 1, `typo.json: unknown key "databse" (did you mean "database"?)`},
		{[]string{"--database", db, "--dir", "nope", "up"}, 1, "migrations directory"},
		{[]string{"--database", "sqlite:" + filepath.Join(dir, "no", "such", "dir.db"), "up"}, 1, "connect to"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			var stdout, stderr bytes.Buffer
			if code := run(tt.args, &stdout, &stderr); code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, stderr.String())
			}
			if !strings.Contains(stderr.String(), tt.msg) {
				t.Errorf("stderr %q does not say %q", stderr.String(), tt.msg)
			}
		})
	}
	// status touches nothing, not even a missing SQLite file.
	if _, err := os.Stat(filepath.Join(dir, "x.db")); !errors.Is(err, fs.ErrNotExist) {
		t.Errorf("x.db after status: %v, want it not to exist", err)
	}
}
