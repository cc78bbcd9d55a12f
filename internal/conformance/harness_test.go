package conformance_test

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/dialect/postgres"
	"github.com/larkdb/lark/dialect/sqlite"
	"github.com/larkdb/lark/internal/testdb"
	"github.com/larkdb/lark/op"
)

var update = flag.Bool("update", false, "rewrite the golden files under testdata/golden")

// dialects lists every dialect the suite proves, with how to get a fresh
// database of it and the runtime's catalog reader that reads its schema.
var dialects = []struct {
	name    string
	new     func() dialect.Dialect
	catalog dialect.CatalogReader
}{
	{"postgres", func() dialect.Dialect { return postgres.New() }, postgres.New()},
	{"sqlite", func() dialect.Dialect { return sqlite.New() }, sqlite.New()},
}

// dialectFor returns a new dialect by name.
func dialectFor(t *testing.T, name string) dialect.Dialect {
	t.Helper()
	for _, d := range dialects {
		if d.name == name {
			return d.new()
		}
	}
	t.Fatalf("unknown dialect %q", name)
	return nil
}

// catalogFor returns the catalog reader of the dialect named name.
func catalogFor(t *testing.T, name string) dialect.CatalogReader {
	t.Helper()
	for _, d := range dialects {
		if d.name == name {
			return d.catalog
		}
	}
	t.Fatalf("unknown dialect %q", name)
	return nil
}

// freshDB opens a new, empty database of the dialect for the test.
func freshDB(t *testing.T, name string) *sql.DB {
	t.Helper()
	if name == "postgres" {
		db, _ := testdb.OpenPostgres(t)
		return db
	}
	db, _ := testdb.OpenSQLite(t)
	return db
}

// querier is what the executor runs statements on: a *sql.Conn or *sql.Tx.
type querier = dialect.Querier

// executor is the test's [eval.Executor]: it plans ops with the dialect
// and runs each statement on one connection or transaction, keeping the SQL
// it ran so a failure can show it.
type executor struct {
	d   dialect.Dialect
	q   querier
	ran []string
}

// Apply plans ops and executes the statements in order.
func (e *executor) Apply(ctx context.Context, ops []op.Op) error {
	stmts, err := planOps(ctx, e.d, e.q, ops)
	if err != nil {
		return fmt.Errorf("plan: %w", err)
	}
	for _, s := range stmts {
		e.ran = append(e.ran, s.SQL)
		if _, err := e.q.ExecContext(ctx, s.SQL); err != nil {
			return fmt.Errorf("%s: %w\n    SQL: %s", s.Pos, err, s.SQL)
		}
	}
	return nil
}

// session runs one unit of work (an up or a revert) through an executor,
// inside a transaction unless noTx, on a dedicated connection so that
// session settings (SQLite's PRAGMAs) stay with it.
func session(ctx context.Context, t *testing.T, db *sql.DB, d dialect.Dialect, noTx bool,
	work func(e *executor) error) (ran []string, err error) {
	t.Helper()
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("connection: %w", err)
	}
	defer conn.Close()
	g, err := guardSession(ctx, d, conn)
	if err != nil {
		return nil, err
	}
	if g.Restore != nil {
		defer g.Restore(ctx)
	}
	if noTx {
		e := &executor{d: d, q: conn}
		err := work(e)
		return e.ran, err
	}
	tx, err := conn.BeginTx(ctx, nil)
	if err != nil {
		return nil, fmt.Errorf("begin: %w", err)
	}
	e := &executor{d: d, q: tx}
	if err := work(e); err != nil {
		tx.Rollback()
		return e.ran, err
	}
	if g.BeforeCommit != nil {
		if err := g.BeforeCommit(ctx); err != nil {
			tx.Rollback()
			return e.ran, err
		}
	}
	return e.ran, tx.Commit()
}

// snapshot renders every schema of interest as one text.
func snapshot(ctx context.Context, t *testing.T, db *sql.DB, dialectName string, schemas []string) string {
	t.Helper()
	if dialectName != "postgres" || len(schemas) == 0 {
		schemas = []string{""}
	}
	catalog := catalogFor(t, dialectName)
	var b strings.Builder
	for i, name := range schemas {
		s, err := catalog.ReadSchema(ctx, db, name)
		if err != nil {
			t.Fatalf("snapshot: %v", err)
		}
		if len(schemas) > 1 {
			if i > 0 {
				b.WriteByte('\n')
			}
			fmt.Fprintf(&b, "== schema %s\n", name)
		}
		b.WriteString(s.String())
	}
	return b.String()
}

// golden compares got with the file at path, or rewrites it under -update.
func golden(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("schema after up differs from %s (run with -update to accept):\n%s", path, diff(string(want), got))
	}
}

// diff shows the lines only in want (-) and only in got (+): enough to see
// what a schema change did without a diff library.
func diff(want, got string) string {
	wl, gl := strings.Split(want, "\n"), strings.Split(got, "\n")
	in := func(lines []string) map[string]int {
		m := map[string]int{}
		for _, l := range lines {
			m[l]++
		}
		return m
	}
	wm, gm := in(wl), in(gl)
	var b strings.Builder
	for _, l := range wl {
		if gm[l] == 0 {
			b.WriteString("- " + l + "\n")
		}
	}
	for _, l := range gl {
		if wm[l] == 0 {
			b.WriteString("+ " + l + "\n")
		}
	}
	if b.Len() == 0 {
		return "(same lines, different order)\n--- want\n" + want + "--- got\n" + got
	}
	return b.String()
}

// execSetup runs setup statements directly on the database.
func execSetup(ctx context.Context, t *testing.T, db *sql.DB, stmts []string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("setup %q: %v", s, err)
		}
	}
}
