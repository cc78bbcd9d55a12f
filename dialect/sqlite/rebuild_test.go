package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"testing"

	"github.com/larkdb/lark/internal/testdb"
	"github.com/larkdb/lark/op"
)

// applyRebuild runs ops the way the migrator does: guard, BEGIN IMMEDIATE,
// snapshot, plan, statements, guard's check, COMMIT; any error rolls back.
func applyRebuild(ctx context.Context, t *testing.T, db *sql.DB, ops ...op.Op) error {
	t.Helper()
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rt := Runtime{}
	g, err := rt.BeforeBegin(ctx, conn, true)
	if err != nil {
		t.Fatal(err)
	}
	defer func() {
		if g.Restore != nil {
			if err := g.Restore(ctx); err != nil {
				t.Error(err)
			}
		}
	}()
	if _, err := conn.ExecContext(ctx, rt.Begin()); err != nil {
		t.Fatal(err)
	}
	run := func() error {
		snap, err := rt.ReadSnapshot(ctx, conn)
		if err != nil {
			return err
		}
		stmts, _, err := Dialect{}.PlanWithSnapshot(ops, snap)
		if err != nil {
			return err
		}
		for _, s := range stmts {
			if _, err := conn.ExecContext(ctx, s.SQL); err != nil {
				return fmt.Errorf("%s: %w\n    %s", s.SQL, err, strings.Join(rt.Explain(ctx, conn, s, err), "\n    "))
			}
		}
		if g.BeforeCommit != nil {
			return g.BeforeCommit(ctx)
		}
		return nil
	}
	if err := run(); err != nil {
		conn.ExecContext(ctx, "ROLLBACK")
		return err
	}
	_, err = conn.ExecContext(ctx, "COMMIT")
	return err
}

// dump renders a query's rows with each value's storage class, so that a
// blob that became text, or a NULL that became ”, shows.
func dump(ctx context.Context, t *testing.T, db *sql.DB, query string) string {
	t.Helper()
	rows, err := db.QueryContext(ctx, query)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var b strings.Builder
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if err := rows.Scan(ptrs...); err != nil {
			t.Fatal(err)
		}
		for i, v := range vals {
			fmt.Fprintf(&b, "%s=%T:%v ", cols[i], v, v)
		}
		b.WriteByte('\n')
	}
	return b.String()
}

func schemaText(ctx context.Context, t *testing.T, db *sql.DB) string {
	return dump(ctx, t, db, `SELECT type, name, tbl_name, sql FROM sqlite_master ORDER BY type, name`)
}

// TestRebuildFailureKeepsTable makes a NOT NULL change on a column with
// NULLs: the error names the rows, and the table, its rows and the schema
// are exactly as before.
func TestRebuildFailureKeepsTable(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := testdb.OpenSQLite(t)
	for _, s := range rebuildSetup {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatal(err)
		}
	}
	before, rows := schemaText(ctx, t, db), dump(ctx, t, db, parentRows)
	for _, c := range []struct {
		name string
		o    op.Op
		want string
	}{
		{"not null", &op.AlterTable{Pos: at(1), Table: op.Table{Name: "parents"}, Changes: []op.Change{
			{Pos: at(2), Action: op.ActionModify, Column: op.Column{Name: "name", Type: op.Type{Name: "text"}, Null: ptr(false)}}}},
			`rows of "parents" where "name" IS NULL (first 5, by rowid): 2`},
		{"check", &op.CreateConstraint{Pos: at(1), Constraint: op.Constraint{Table: "parents", Name: "positive", Check: "score > 0", Validate: true}},
			`rows of "parents" that fail CHECK (score > 0) (first 5, by rowid): 2`},
	} {
		err := applyRebuild(ctx, t, db, c.o)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: error %v\nwant it to contain %s", c.name, err, c.want)
		}
		if got := schemaText(ctx, t, db); got != before {
			t.Errorf("%s: schema changed by a failed rebuild:\n%s", c.name, got)
		}
		if got := dump(ctx, t, db, parentRows); got != rows {
			t.Errorf("%s: rows changed by a failed rebuild:\n%s", c.name, got)
		}
	}
}

// TestRebuildNeedsDefinition: without a snapshot, Plan cannot rebuild a
// table it has not seen created, and says so at the op's line.
func TestRebuildNeedsDefinition(t *testing.T) {
	t.Parallel()
	_, err := Dialect{}.Plan([]op.Op{&op.CreateConstraint{Pos: at(4), Constraint: op.Constraint{Table: "t", Name: "c", Check: "x > 0", Validate: true}}})
	if err == nil || !strings.Contains(err.Error(), "m.star:4:5") || !strings.Contains(err.Error(), "current definition") {
		t.Fatalf("got %v", err)
	}
	// A table created earlier in the same plan is known.
	stmts, err := Dialect{}.Plan([]op.Op{
		&op.CreateTable{Pos: at(1), Table: op.Table{Name: "t"}, Columns: []op.Column{idCol(), col("x", "integer")}},
		&op.CreateConstraint{Pos: at(2), Constraint: op.Constraint{Table: "t", Name: "c", Check: "x > 0", Validate: true}},
	})
	if err != nil {
		t.Fatal(err)
	}
	golden(t, "rebuild_after_create", render(stmts))
}

// TestRebuildKeepsTableOptions rebuilds a STRICT, WITHOUT ROWID table: the
// options survive (a rebuild that dropped STRICT would silently stop type
// checks), its rows are unchanged, and the reversal restores sqlite_master.
func TestRebuildKeepsTableOptions(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := testdb.OpenSQLite(t)
	for _, s := range []string{
		`CREATE TABLE "kv" ("k" TEXT PRIMARY KEY, "v" INTEGER, "data" BLOB) STRICT, WITHOUT ROWID`,
		`CREATE INDEX "kv_v_index" ON "kv" ("v")`,
		`INSERT INTO "kv" VALUES ('a', 1, x'00ff'), ('b', 2, NULL), ('c', 3, x'')`,
	} {
		if _, err := db.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	const rows = `SELECT k, v, data, typeof(data) FROM kv ORDER BY k`
	before, data := schemaText(ctx, t, db), dump(ctx, t, db, rows)
	modify := func(null bool) op.Op {
		return &op.AlterTable{Pos: at(1), Table: op.Table{Name: "kv"}, Changes: []op.Change{
			{Pos: at(2), Action: op.ActionModify, Column: op.Column{Name: "v", Type: op.Type{Name: "integer"}, Null: ptr(null)}}}}
	}
	if err := applyRebuild(ctx, t, db, modify(false)); err != nil {
		t.Fatalf("up: %v", err)
	}
	var strict, withoutRowid int
	if err := db.QueryRowContext(ctx, `SELECT strict, wr FROM pragma_table_list WHERE name = 'kv'`).Scan(&strict, &withoutRowid); err != nil {
		t.Fatal(err)
	}
	if strict != 1 || withoutRowid != 1 {
		t.Errorf("after the rebuild strict=%d without_rowid=%d, want both 1", strict, withoutRowid)
	}
	if got := dump(ctx, t, db, rows); got != data {
		t.Errorf("rows changed:\n%s\nwant\n%s", got, data)
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO kv VALUES ('d', 'not a number', NULL)`); err == nil {
		t.Errorf("the rebuilt table accepted text in an INTEGER column: STRICT was lost")
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO kv VALUES ('e', NULL, NULL)`); err == nil {
		t.Errorf("the rebuilt table accepted NULL in the NOT NULL column")
	}
	if err := applyRebuild(ctx, t, db, modify(true)); err != nil {
		t.Fatalf("down: %v", err)
	}
	if got := schemaText(ctx, t, db); got != before {
		t.Errorf("rollback did not restore sqlite_master:\n%s\nwant\n%s", got, before)
	}
}
