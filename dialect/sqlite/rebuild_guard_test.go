package sqlite

import (
	"context"
	"testing"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/internal/testdb"
	"github.com/larkdb/lark/op"
)

// TestRebuildMarksStatements: every statement of a rebuild, and only
// those, is marked Rebuild, which is how the migrator foresees one.
func TestRebuildMarksStatements(t *testing.T) {
	t.Parallel()
	parents := op.Table{Name: "parents"}
	ops := []op.Op{
		&op.CreateTable{Pos: at(1), Table: parents, Columns: []op.Column{{Name: "score", Type: op.Type{Name: "integer"}}}},
		&op.AlterTable{Pos: at(2), Table: parents, Changes: []op.Change{{Pos: at(2), Action: op.ActionAdd, Column: op.Column{Name: "plain", Type: op.Type{Name: "text"}}}}},
		&op.CreateIndex{Pos: at(3), Index: op.Index{Table: "parents", Name: "parents_score_index", Columns: []string{"score"}}},
		&op.AlterTable{Pos: at(4), Table: parents, Changes: []op.Change{{Pos: at(4), Action: op.ActionModify, Column: op.Column{Name: "score", Type: op.Type{Name: "bigint"}}}}},
		&op.AlterTable{Pos: at(5), Table: parents, Changes: []op.Change{{Pos: at(5), Action: op.ActionAdd, Column: op.Column{Name: "more", Type: op.Type{Name: "text"}}}}},
	}
	stmts, _, err := Dialect{}.PlanWithSnapshot(ops, dialect.Snapshot{})
	if err != nil {
		t.Fatal(err)
	}
	rebuilt := 0
	for _, s := range stmts {
		if want := s.Op == 3; s.Rebuild != want {
			t.Errorf("op %d: %s: Rebuild = %v, want %v", s.Op, s.SQL, s.Rebuild, want)
		}
		if s.Rebuild {
			rebuilt++
		}
	}
	// CREATE new, INSERT copy, DROP, RENAME, CREATE INDEX again.
	if rebuilt != 5 {
		t.Errorf("%d statements marked Rebuild, want 5:\n%v", rebuilt, stmts)
	}
}

// TestGuard: a migration that rebuilds runs with enforcement off, checked
// and restored; any other runs with the connection untouched; CanRebuild
// follows PRAGMA foreign_keys, also inside a transaction.
func TestGuard(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := testdb.OpenSQLite(t)
	db.SetMaxOpenConns(1)
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	rt := Runtime{}
	fk := func() bool {
		t.Helper()
		on, err := foreignKeysOn(ctx, conn)
		if err != nil {
			t.Fatal(err)
		}
		return on
	}
	can := func() bool {
		t.Helper()
		ok, err := rt.CanRebuild(ctx, conn)
		if err != nil {
			t.Fatal(err)
		}
		return ok
	}

	g, err := rt.BeforeBegin(ctx, conn, false)
	if err != nil {
		t.Fatal(err)
	}
	if g.BeforeCommit != nil || g.Restore != nil || !fk() || can() {
		t.Errorf("without a rebuild the guard changed the connection (foreign keys on: %v; can rebuild: %v)", fk(), can())
	}

	g, err = rt.BeforeBegin(ctx, conn, true)
	if err != nil {
		t.Fatal(err)
	}
	if g.BeforeCommit == nil || g.Restore == nil || fk() {
		t.Fatalf("with a rebuild the guard left foreign keys on")
	}
	if _, err := conn.ExecContext(ctx, rt.Begin()); err != nil {
		t.Fatal(err)
	}
	if !can() {
		t.Errorf("CanRebuild inside the guarded transaction = false, want true")
	}
	if err := g.BeforeCommit(ctx); err != nil {
		t.Errorf("foreign key check of an empty database: %v", err)
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		t.Fatal(err)
	}
	if err := g.Restore(ctx); err != nil {
		t.Fatal(err)
	}
	if !fk() || can() {
		t.Errorf("after Restore: foreign keys on %v, can rebuild %v; want true, false", fk(), can())
	}

	if _, err := conn.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		t.Fatal(err)
	}
	if g, err = rt.BeforeBegin(ctx, conn, true); err != nil || g.Restore != nil || !can() {
		t.Errorf("a connection without enforcement: guard %+v, err %v, can rebuild %v; want no guard and true", g, err, can())
	}
}
