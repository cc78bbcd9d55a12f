package sqlite

import (
	"context"
	"testing"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/internal/testdb"
	"github.com/larkdb/lark/op"
)

func TestName(t *testing.T) {
	t.Parallel()
	var d dialect.Dialect = New()
	if d.Name() != "sqlite" {
		t.Errorf("Name() = %q", d.Name())
	}
}

// TestPlanGolden renders every case and compares it with its golden file.
func TestPlanGolden(t *testing.T) {
	t.Parallel()
	for _, tc := range planCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			stmts, err := New().Plan(tc.ops)
			if err != nil {
				t.Fatalf("Plan: %v", err)
			}
			golden(t, tc.name, render(stmts))
		})
	}
}

// TestPlanRunsOnSQLite runs every case's statements on a fresh SQLite file
// and checks the resulting catalog.
func TestPlanRunsOnSQLite(t *testing.T) {
	t.Parallel()
	for _, tc := range planCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			db, _ := testdb.OpenSQLite(t)
			// One connection: TEMP tables belong to the connection that made them.
			db.SetMaxOpenConns(1)
			execAll(t, db, tc.setup)
			stmts, err := New().Plan(tc.ops)
			if err != nil {
				t.Fatalf("Plan: %v", err)
			}
			ctx := context.Background()
			for _, s := range stmts {
				if _, err := db.ExecContext(ctx, s.SQL); err != nil {
					t.Fatalf("%s: %s: %v", s.Pos, s.SQL, err)
				}
			}
			if tc.check != nil {
				tc.check(t, db)
			}
		})
	}
}

// TestPlanStmtOrigin checks that each statement points at the op that
// produced it, and that ops nested in an execute() report the Execute's
// index with their own line.
func TestPlanStmtOrigin(t *testing.T) {
	t.Parallel()
	var ops []op.Op
	for _, tc := range planCases {
		if tc.name == "execute" {
			ops = tc.ops
		}
	}
	stmts, err := New().Plan(ops)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		op   int
		line int32
	}{{0, 2}, {1, 10}, {1, 20}, {3, 5}}
	if len(stmts) != len(want) {
		t.Fatalf("got %d statements, want %d:\n%s", len(stmts), len(want), render(stmts))
	}
	for i, w := range want {
		if stmts[i].Op != w.op || stmts[i].Pos.Line != w.line || stmts[i].NoTx {
			t.Errorf("stmt %d: Op=%d line=%d NoTx=%v, want Op=%d line=%d", i, stmts[i].Op, stmts[i].Pos.Line, stmts[i].NoTx, w.op, w.line)
		}
	}
}

func TestTypeMap(t *testing.T) {
	t.Parallel()
	m := TypeMap()
	if len(m) == 0 {
		t.Fatal("empty type map")
	}
	m[0][1] = "changed"
	if TypeMap()[0][1] == "changed" {
		t.Errorf("TypeMap returns the package's own slice")
	}
	// Every mapped type renders, and renders as the map says.
	for _, kv := range TypeMap() {
		got, err := columnType(at(1), col("c", kv[0]))
		if err != nil || got != kv[1] {
			t.Errorf("%s: got %q, %v; want %q", kv[0], got, err, kv[1])
		}
	}
}

func TestTypeNamesPassThroughSafely(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct {
		typ string
		ok  bool
	}{
		{"varchar(40)", true},
		{"numeric(10, 2)", true},
		{"double precision", true},
		{"unsigned big int", true},
		{"REAL", true},
		{"decimal(-1, +2)", true},
		{"text; DROP TABLE users", false},
		{"int)", false},
		{"varchar(40", false},
		{"int(1)(2)", false},
		{"a--b", false},
		{"x/*", false},
		{"int(x)", false},
		{"int, y text", false},
		{`text" , "evil`, false},
		{"9lives", false},
		{" text", false},
		{"", false},
	} {
		_, err := New().Plan([]op.Op{&op.CreateTable{Pos: at(1), Table: op.Table{Name: "t"}, Columns: []op.Column{col("c", tc.typ)}}})
		if (err == nil) != tc.ok {
			t.Errorf("type %q: err = %v, want ok=%v", tc.typ, err, tc.ok)
		}
		if err != nil {
			if _, isOpErr := err.(*op.Error); !isOpErr {
				t.Errorf("type %q: error %T is not an *op.Error", tc.typ, err)
			}
		}
	}
}
