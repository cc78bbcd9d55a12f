package postgres

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
	"github.com/larkdb/lark/internal/testdb"
	"github.com/larkdb/lark/op"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.sql from the planned SQL")

// planCase is one golden case: ops built in Go, the SQL they plan to
// (testdata/golden/<name>.sql), and how to run them on real PostgreSQL.
type planCase struct {
	name string
	// setup runs before the planned statements (referenced tables,
	// schemas, types), one statement per string.
	setup []string
	ops   []op.Op
	// facts are catalog queries run after the statements, each returning
	// one text value, with the value expected.
	facts []fact
	// noExec skips running the case (for SQL PostgreSQL parses but does not
	// implement, such as MATCH PARTIAL).
	noExec string
}

// fact is a catalog query returning one text value, and the value expected.
type fact struct {
	query string
	want  string
}

// at returns a position on line n of the test script.
func at(n int32) op.Pos { return op.Pos{File: "20260101000000_test.star", Line: n, Col: 5} }

func ptr[T any](v T) *T { return &v }

// col returns the catalog facts query for a column: its formatted type,
// NOT NULL flag and default expression, as "type|notnull|default".
func colFact(table, column, want string) fact {
	return fact{
		query: fmt.Sprintf(`SELECT format_type(a.atttypid, a.atttypmod) || '|' || a.attnotnull || '|' ||
			coalesce(pg_get_expr(d.adbin, d.adrelid), '')
			FROM pg_attribute a LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
			WHERE a.attrelid = %s::regclass AND a.attname = %s`, QuoteString(table), QuoteString(column)),
		want: want,
	}
}

// render formats planned statements for a golden file: each statement
// preceded by a comment naming its op index and position, and whether it
// runs outside a transaction.
func render(stmts []dialect.Stmt) string {
	var b strings.Builder
	for _, s := range stmts {
		fmt.Fprintf(&b, "-- op %d at %s", s.Op, s.Pos)
		if s.NoTx {
			b.WriteString(" (no transaction)")
		}
		b.WriteString("\n" + s.SQL + ";\n")
	}
	return b.String()
}

func TestPlanGolden(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, c := range allCases() {
		if seen[c.name] {
			t.Fatalf("duplicate case %q", c.name)
		}
		seen[c.name] = true
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			stmts, err := New().Plan(c.ops)
			if err != nil {
				t.Fatalf("Plan: %v", err)
			}
			got := render(stmts)
			path := filepath.Join("testdata", "golden", c.name+".sql")
			if *update {
				if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(path)
			if err != nil {
				t.Fatalf("read golden file (run with -update to create it): %v", err)
			}
			if got != string(want) {
				t.Errorf("%s differs (run with -update to accept):\n--- got\n%s--- want\n%s", path, got, want)
			}
		})
	}
	files, err := filepath.Glob(filepath.Join("testdata", "golden", "*.sql"))
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		if name := strings.TrimSuffix(filepath.Base(f), ".sql"); !seen[name] {
			t.Errorf("%s has no case; delete it", f)
		}
	}
}

// TestPlanOnPostgres runs every golden case on a fresh real database:
// setup, then the planned statements, then the catalog facts.
func TestPlanOnPostgres(t *testing.T) {
	t.Parallel()
	for _, c := range allCases() {
		t.Run(c.name, func(t *testing.T) {
			if c.noExec != "" {
				t.Skip(c.noExec)
			}
			t.Parallel()
			db, _ := testdb.OpenPostgres(t)
			ctx := context.Background()
			run(ctx, t, db, c)
		})
	}
}

// run applies a case on db and checks its facts.
func run(ctx context.Context, t *testing.T, db *sql.DB, c planCase) {
	t.Helper()
	for _, s := range c.setup {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("setup %q: %v", s, err)
		}
	}
	stmts, err := New().Plan(c.ops)
	if err != nil {
		t.Fatalf("Plan: %v", err)
	}
	if err := apply(ctx, db, stmts); err != nil {
		t.Fatal(err)
	}
	for _, f := range c.facts {
		var got string
		if err := db.QueryRowContext(ctx, f.query).Scan(&got); err != nil {
			t.Fatalf("fact %s: %v", f.query, err)
		}
		if got != f.want {
			t.Errorf("fact %s:\n got %q\nwant %q", f.query, got, f.want)
		}
	}
}

// apply runs statements the way the migrator does: consecutive
// transactional statements in one transaction, NoTx statements on their own.
func apply(ctx context.Context, db *sql.DB, stmts []dialect.Stmt) error {
	var tx *sql.Tx
	commit := func() error {
		if tx == nil {
			return nil
		}
		err := tx.Commit()
		tx = nil
		return err
	}
	for _, s := range stmts {
		if s.NoTx {
			if err := commit(); err != nil {
				return err
			}
			if _, err := db.ExecContext(ctx, s.SQL); err != nil {
				return fmt.Errorf("%s: %s: %w", s.Pos, s.SQL, err)
			}
			continue
		}
		if tx == nil {
			var err error
			if tx, err = db.BeginTx(ctx, nil); err != nil {
				return err
			}
		}
		if _, err := tx.ExecContext(ctx, s.SQL); err != nil {
			tx.Rollback()
			return fmt.Errorf("%s: %s: %w", s.Pos, s.SQL, err)
		}
	}
	return commit()
}
