package postgres

import (
	"strings"
	"testing"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

func TestName(t *testing.T) {
	t.Parallel()
	var d dialect.Dialect = New()
	if d.Name() != "postgres" {
		t.Errorf("Name() = %q, want postgres", d.Name())
	}
}

// TestTypeMapIsWhatPlanRenders keeps the published type map honest: each
// entry is exactly what a bare add(name, type) renders.
func TestTypeMapIsWhatPlanRenders(t *testing.T) {
	t.Parallel()
	for _, pair := range TypeMap() {
		lark, want := pair[0], pair[1]
		ty := typ(lark)
		if elem, ok := strings.CutPrefix(lark, "array("); ok {
			ty = arrayOf(typ(strings.Trim(strings.TrimSuffix(elem, ")"), `"`)))
		}
		stmts, err := New().Plan([]op.Op{&op.CreateTable{Pos: at(1), Table: op.Table{Name: "t"}, Columns: []op.Column{{Name: "c", Type: ty}}}})
		if err != nil {
			t.Errorf("%s: %v", lark, err)
			continue
		}
		got := strings.TrimSuffix(strings.TrimPrefix(stmts[0].SQL, `CREATE TABLE "t" ("c" `), ")")
		if got != want {
			t.Errorf("TypeMap says %s -> %q, Plan renders %q", lark, want, got)
		}
	}
}

// TestQuote checks identifier and literal quoting on the odd cases.
func TestQuote(t *testing.T) {
	t.Parallel()
	cases := []struct{ got, want string }{
		{QuoteIdent(`a"b`), `"a""b"`},
		{QuoteIdent(`"`), `""""`},
		{QuoteIdent(`x'y`), `"x'y"`},
		{QuoteName("", "t"), `"t"`},
		{QuoteName(`s"`, "t"), `"s"""."t"`},
		{QuoteString(`it's`), `'it''s'`},
		{QuoteString(`\'`), `'\'''`},
		{QuoteString(`"`), `'"'`},
	}
	for _, c := range cases {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}

// TestStmtsPointAtOps checks the statement metadata the migrator relies on:
// op indices, positions, and NoTx only on concurrent index statements.
func TestStmtsPointAtOps(t *testing.T) {
	t.Parallel()
	ops := []op.Op{
		&op.CreateIndex{Pos: at(1), Index: op.Index{Table: "t", Name: "a", Columns: []string{"x"}, Concurrently: true, Comment: ptr("c")}},
		&op.Execute{Pos: at(2), Up: op.Code{Func: "f"}, Ops: op.Log{
			&op.DropIndex{Pos: at(9), Index: op.Index{Table: "t", Name: "a", Concurrently: true}},
			&op.Execute{Pos: at(10), Up: op.Code{SQL: "SELECT 1"}},
		}},
		&op.DropIndex{Pos: at(3), Index: op.Index{Table: "t", Name: "b"}},
	}
	stmts, err := New().Plan(ops)
	if err != nil {
		t.Fatal(err)
	}
	type meta struct {
		op   int
		line int32
		noTx bool
	}
	want := []meta{{0, 1, true}, {0, 1, false}, {1, 9, true}, {1, 10, false}, {2, 3, false}}
	if len(stmts) != len(want) {
		t.Fatalf("got %d statements, want %d: %v", len(stmts), len(want), stmts)
	}
	for i, s := range stmts {
		if got := (meta{s.Op, s.Pos.Line, s.NoTx}); got != want[i] {
			t.Errorf("statement %d (%s): got %+v, want %+v", i, s.SQL, got, want[i])
		}
	}
}
