package op

import (
	"encoding/json"
	"math/big"
	"reflect"
	"strings"
	"testing"
)

func ptr[T any](v T) *T { return &v }

// sampleLog has one op of every kind with every field set, so a field that
// does not survive a round trip shows up as a difference.
func sampleLog() Log {
	p := Pos{File: "20261122093000_x.star", Line: 3, Col: 5}
	col := Column{
		Name: "rating", Type: Type{Name: "integer"}, Null: ptr(false),
		Default: &Value{Kind: KindList, List: []Value{Int(1), Float(2.5), String("x"), Null(), Bool(true),
			{Kind: KindMap, Map: []Entry{{Key: "b", Value: BigInt(mustBig("123456789012345678901234567890"))}, {Key: "a", Value: Fragment("now()")}}}}},
		PrimaryKey: true, Size: ptr(40), Precision: ptr(10), Scale: ptr(2), Comment: ptr("c"),
		Collation: "C", Generated: "ALWAYS AS (1) STORED", StartValue: ptr(int64(5)), Increment: ptr(int64(2)),
	}
	ref := Column{Name: "order_id", Type: Type{Name: "references", Ref: &Reference{
		Table: "orders", Column: "id", Type: Type{Name: "string"}, Name: "reviews_order_id_fkey", Prefix: "p",
		OnDelete: &FKAction{Action: "nilify", Columns: []string{"order_id"}}, OnUpdate: &FKAction{Action: "update_all"},
		Validate: false, With: []ColumnPair{{Column: "g", Ref: "gid"}}, Match: "full",
	}}}
	arr := Column{Name: "tags", Type: Type{Name: "array", Elem: &Type{Name: "string"}}}
	idx := Index{Table: "t", Prefix: "p", Name: "t_lower_email_index", Columns: []string{"lower(email)", "id"},
		Unique: true, Concurrently: true, Using: "gin", Where: "x > 1", Include: []string{"y"},
		NullsDistinct: ptr(false), Only: true, Options: "WITH (fillfactor=70)", Comment: ptr("i")}
	con := Constraint{Table: "t", Prefix: "p", Name: "c", Check: "x > 0", Exclude: "gist (a WITH &&)", Validate: true, Comment: ptr("k")}
	return Log{
		&CreateTable{Pos: p, Table: Table{Name: "reviews", Prefix: "p"}, IfNotExists: true,
			Columns: []Column{col, ref, arr}, Comment: ptr("t"), Options: "WITH (a=1)", Modifiers: "UNLOGGED"},
		&AlterTable{Pos: p, Table: Table{Name: "reviews"}, Comment: ptr(""), Changes: []Change{
			{Pos: p, Action: ActionAdd, Column: col},
			{Pos: p, Action: ActionModify, Column: col, From: &Column{Type: Type{Name: "text"}, Null: ptr(true), Default: ptr(Null())}},
			{Pos: p, Action: ActionRemove, Column: Column{Name: "old"}},
		}},
		&DropTable{Pos: p, Table: Table{Name: "x"}, IfExists: true, Mode: "cascade"},
		&RenameTable{Pos: p, Table: Table{Name: "a"}, To: "b"},
		&RenameColumn{Pos: p, Table: Table{Name: "a"}, Column: "c", To: "d"},
		&RenameIndex{Pos: p, Table: Table{Name: "a"}, Name: "i", To: "j"},
		&CreateIndex{Pos: p, Index: idx, IfNotExists: true},
		&DropIndex{Pos: p, Index: idx, IfExists: true, Mode: "cascade"},
		&CreateConstraint{Pos: p, Constraint: con},
		&DropConstraint{Pos: p, Constraint: con, IfExists: true, Mode: "cascade"},
		&Execute{Pos: p, Up: Code{SQL: "SELECT 1"}, Down: &Code{SQL: "SELECT 2"}},
		&Query{Pos: p, SQL: "SELECT $1", Args: []Value{Int(1), String("é")}},
		&Exec{Pos: p, SQL: "UPDATE t SET n = $1", Args: []Value{Null()}, Rows: 3},
		&ExecMany{Pos: p, SQL: "UPDATE t SET n = $1 WHERE id = $2", Sets: 1000, Rows: 998},
		&Batches{Pos: p, SQL: "SELECT id FROM t", Args: []Value{Bool(true)}, Size: 10, Key: "id", Rows: 20,
			LastKey: ptr(Int(20)), Done: true, Stmts: []DataStmt{{Pos: p, SQL: "UPDATE t SET n = 1 WHERE id = $1", Count: 20}}},
		&Backfill{Pos: p, Table: Table{Name: "t", Prefix: "p"}, Set: "n = n + $1",
			Where: "n = 0", Args: []Value{Int(1)}, Key: "id", BatchSize: 100, Rows: 5, LastKey: ptr(String("k")), Done: true},
		&Execute{Pos: p, Up: Code{Func: "seed"}, Down: &Code{Func: "unseed"}, Ops: Log{&RenameTable{Pos: p, Table: Table{Name: "q"}, To: "r"}}},
	}
}

func TestLogRoundTrip(t *testing.T) {
	t.Parallel()
	in := sampleLog()
	if got, want := len(in), len(kinds)+1; got != want {
		t.Fatalf("sample has %d ops, want one per kind plus a nested execute (%d)", got, want)
	}
	data, err := json.Marshal(in)
	if err != nil {
		t.Fatal(err)
	}
	out, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(in, out) {
		t.Errorf("round trip changed the log:\n in: %#v\nout: %#v", in, out)
	}
	again, _ := json.Marshal(out)
	if string(again) != string(data) {
		t.Errorf("encoding is not canonical:\n%s\n%s", data, again)
	}
	if !strings.HasPrefix(string(data), `[{"op":"create_table","pos":{"file":"20261122093000_x.star","line":3,"col":5}`) {
		t.Errorf("unexpected head: %.120s", data)
	}
}

func TestLogDecodeErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, want string }{
		{`[{"op":"create_tabel"}]`, `unknown kind "create_tabel"`},
		{`[{"op":"drop_table","table":{"name":"x"},"cascade":true}]`, `unknown field "cascade"`},
		{`{}`, `decode operation log`},
	} {
		_, err := Unmarshal([]byte(tc.in))
		if err == nil || !strings.Contains(err.Error(), tc.want) {
			t.Errorf("Unmarshal(%s) = %v, want error containing %q", tc.in, err, tc.want)
		}
	}
}

func TestErrorRendering(t *testing.T) {
	t.Parallel()
	e := Errorf(Pos{File: "1_a.star", Line: 4, Col: 12}, "add: unknown option %q", "nul").WithDetail("did you mean %q?", "null")
	want := "1_a.star:4:12: add: unknown option \"nul\"\n    did you mean \"null\"?"
	if e.Error() != want {
		t.Errorf("got %q, want %q", e.Error(), want)
	}
}

func TestIsIdent(t *testing.T) {
	t.Parallel()
	for s, want := range map[string]bool{"email": true, "_x1": true, "lower(email)": false, "1a": false, "a b": false, "": false, `a"`: false} {
		if IsIdent(s) != want {
			t.Errorf("IsIdent(%q) = %v", s, !want)
		}
	}
}

func mustBig(s string) *big.Int {
	i, ok := new(big.Int).SetString(s, 10)
	if !ok {
		panic("bad integer " + s)
	}
	return i
}

// TestDecodeNonCanonical: a log whose objects do not start with "op" (say,
// rewritten by a database's JSON type) decodes the same as the canonical one.
func TestDecodeNonCanonical(t *testing.T) {
	t.Parallel()
	in := `[{"table":{"name":"x"},"op":"drop_table","if_exists":true},{"op":"rename_table","table":{"name":"a"},"to":"b"}]`
	l, err := Unmarshal([]byte(in))
	if err != nil {
		t.Fatal(err)
	}
	if d, ok := l[0].(*DropTable); !ok || d.Table.Name != "x" || !d.IfExists {
		t.Errorf("got %#v", l[0])
	}
	if _, err := Unmarshal([]byte(`[{"op":"drop_table","table":{"name":"x"},"cascade":1}]`)); err == nil {
		t.Error("unknown field accepted on the fast path")
	}
	if n, err := Count([]byte(in)); err != nil || n != 2 {
		t.Errorf("Count = %d, %v", n, err)
	}
}
