package builtins

import (
	"strings"
	"testing"

	"github.com/larkdb/lark/op"
)

// TestBuiltins checks the ops each builtin records, as canonical JSON
// without positions.
func TestBuiltins(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name, body, want string
	}{
		{"create_table default key", `create_table("t", add("a", "string"))`,
			`[{"op":"create_table","table":{"name":"t"},"columns":[{"name":"id","type":{"name":"bigserial"},"primary_key":true},{"name":"a","type":{"name":"string"}}]}]`},
		{"create_table no key, all options", `create_table("t", add("a", "text"), primary_key=False, if_not_exists=True, prefix="s", comment="c", options="STRICT", modifiers="UNLOGGED")`,
			`[{"op":"create_table","table":{"name":"t","prefix":"s"},"if_not_exists":true,"columns":[{"name":"a","type":{"name":"text"}}],"comment":"c","options":"STRICT","modifiers":"UNLOGGED"}]`},
		{"create_table key dict", `create_table("t", primary_key={"name": "uuid", "type": "binary_id"})`,
			`[{"op":"create_table","table":{"name":"t"},"columns":[{"name":"uuid","type":{"name":"binary_id"},"primary_key":true}]}]`},
		{"add options", `create_table("t", add("a", "decimal", null=False, default=1.5, precision=10, scale=2, comment="x", collation="C"), add("s", "string", size=40, primary_key=True), primary_key=False)`,
			`[{"op":"create_table","table":{"name":"t"},"columns":[{"name":"a","type":{"name":"decimal"},"null":false,"default":{"kind":"float","float":1.5},"precision":10,"scale":2,"comment":"x","collation":"C"},{"name":"s","type":{"name":"string"},"primary_key":true,"size":40}]}]`},
		{"defaults", `create_table("t", add("n", "integer", default=None), add("b", "integer", default=123456789012345678901234567890), add("f", "map", default={"a": [1, True, "x"]}), add("g", "utc_datetime", default=fragment("now()")), primary_key=False)`,
			`[{"op":"create_table","table":{"name":"t"},"columns":[{"name":"n","type":{"name":"integer"},"default":{"kind":"null"}},{"name":"b","type":{"name":"integer"},"default":{"kind":"int","int":"123456789012345678901234567890"}},{"name":"f","type":{"name":"map"},"default":{"kind":"map","map":[{"key":"a","value":{"kind":"list","list":[{"kind":"int","int":"1"},{"kind":"bool","bool":true},{"kind":"string","str":"x"}]}}]}},{"name":"g","type":{"name":"utc_datetime"},"default":{"kind":"fragment","str":"now()"}}]}]`},
		{"identity", `create_table("t", add("id", "identity", primary_key=True, start_value=100, increment=5), primary_key=False)`,
			`[{"op":"create_table","table":{"name":"t"},"columns":[{"name":"id","type":{"name":"identity"},"primary_key":true,"start_value":100,"increment":5}]}]`},
		{"generated and array", `create_table("t", add("tags", array(array("string"))), add("total", "integer", generated="ALWAYS AS (1) STORED"), primary_key=False)`,
			`[{"op":"create_table","table":{"name":"t"},"columns":[{"name":"tags","type":{"name":"array","elem":{"name":"array","elem":{"name":"string"}}}},{"name":"total","type":{"name":"integer"},"generated":"ALWAYS AS (1) STORED"}]}]`},
		{"references defaults", `create_table("reviews", add("order_id", references("orders")), primary_key=False)`,
			`[{"op":"create_table","table":{"name":"reviews"},"columns":[{"name":"order_id","type":{"name":"references","ref":{"table":"orders","column":"id","type":{"name":"bigserial"},"name":"reviews_order_id_fkey","validate":true}}}]}]`},
		{"references options", `create_table("r", add("o", references("orders", column="uid", type="uuid", on_delete=("nilify", ["o"]), on_update="update_all", name="fk", prefix="p", validate=False, with_={"g": "gid"}, match="full")), primary_key=False, prefix="q")`,
			`[{"op":"create_table","table":{"name":"r","prefix":"q"},"columns":[{"name":"o","type":{"name":"references","ref":{"table":"orders","column":"uid","type":{"name":"uuid"},"name":"fk","prefix":"p","on_delete":{"action":"nilify","columns":["o"]},"on_update":{"action":"update_all"},"validate":false,"with":[{"column":"g","ref":"gid"}],"match":"full"}}}]}]`},
		{"references prefix follows table, nothing is nil", `alter("r", add("o", references("orders", on_delete="nothing")), prefix="q")`,
			`[{"op":"alter_table","table":{"name":"r","prefix":"q"},"changes":[{"action":"add","column":{"name":"o","type":{"name":"references","ref":{"table":"orders","column":"id","type":{"name":"bigserial"},"name":"r_o_fkey","prefix":"q","validate":true}}}}]}]`},
		{"timestamps", `create_table("t", timestamps(type="utc_datetime_usec", updated_at=False, inserted_at="created", default=fragment("now()")), primary_key=False)`,
			`[{"op":"create_table","table":{"name":"t"},"columns":[{"name":"created","type":{"name":"utc_datetime_usec"},"null":false,"default":{"kind":"fragment","str":"now()"}}]}]`},
		{"alter all changes", `alter("t", add_if_not_exists("a", "string"), modify("b", "text", from_="string", null=False), remove("c"), remove_if_exists("d", "integer"), timestamps(), comment="tc")`,
			`[{"op":"alter_table","table":{"name":"t"},"changes":[{"action":"add_if_not_exists","column":{"name":"a","type":{"name":"string"}}},{"action":"modify","column":{"name":"b","type":{"name":"text"},"null":false},"from":{"name":"","type":{"name":"string"}}},{"action":"remove","column":{"name":"c","type":{}}},{"action":"remove_if_exists","column":{"name":"d","type":{"name":"integer"}}},{"action":"add","column":{"name":"inserted_at","type":{"name":"naive_datetime"},"null":false}},{"action":"add","column":{"name":"updated_at","type":{"name":"naive_datetime"},"null":false}}],"comment":"tc"}]`},
		{"modify from pair", `alter("t", modify("b", "text", from_=("string", {"null": True, "default": "x", "size": 10})))`,
			`[{"op":"alter_table","table":{"name":"t"},"changes":[{"action":"modify","column":{"name":"b","type":{"name":"text"}},"from":{"name":"","type":{"name":"string"},"null":true,"default":{"kind":"string","str":"x"},"size":10}}]}]`},
		{"drop and renames", `drop_table("t", if_exists=True, mode="cascade"); rename_table("a", to="b"); rename_column("a", "c", to="d"); rename_index("a", "i", to="j", prefix="p")`,
			`[{"op":"drop_table","table":{"name":"t"},"if_exists":true,"mode":"cascade"},{"op":"rename_table","table":{"name":"a"},"to":"b"},{"op":"rename_column","table":{"name":"a"},"column":"c","to":"d"},{"op":"rename_index","table":{"name":"a","prefix":"p"},"name":"i","to":"j"}]`},
		{"index default name", `index("users", ["lower(email)"]); index("users", ["a", "b"], unique=True, concurrently=True, using="gin", where="a > 1", include=["c"], nulls_distinct=False, only=True, options="WITH (fillfactor=70)", comment="ix", if_not_exists=True)`,
			`[{"op":"create_index","index":{"table":"users","name":"users_lower_email_index","columns":["lower(email)"]}},{"op":"create_index","index":{"table":"users","name":"users_a_b_index","columns":["a","b"],"unique":true,"concurrently":true,"using":"gin","where":"a \u003e 1","include":["c"],"nulls_distinct":false,"only":true,"options":"WITH (fillfactor=70)","comment":"ix"},"if_not_exists":true}]`},
		{"unique_index and drop_index", `unique_index("u", "email", name="x"); drop_index("u", ["email"], if_exists=True, mode="cascade", concurrently=True); drop_index("u", name="y")`,
			`[{"op":"create_index","index":{"table":"u","name":"x","columns":["email"],"unique":true}},{"op":"drop_index","index":{"table":"u","name":"u_email_index","columns":["email"],"concurrently":true},"if_exists":true,"mode":"cascade"},{"op":"drop_index","index":{"table":"u","name":"y"}}]`},
		{"constraints", `constraint("t", "c", check="x > 0", validate=False, comment="k"); constraint("t", "e", exclude="gist (r WITH &&)"); drop_constraint("t", "c", if_exists=True, check="x > 0")`,
			`[{"op":"create_constraint","constraint":{"table":"t","name":"c","check":"x \u003e 0","validate":false,"comment":"k"}},{"op":"create_constraint","constraint":{"table":"t","name":"e","exclude":"gist (r WITH \u0026\u0026)","validate":true}},{"op":"drop_constraint","constraint":{"table":"t","name":"c","check":"x \u003e 0","validate":true},"if_exists":true}]`},
		{"execute sql", `execute("CREATE VIEW v AS SELECT 1", "DROP VIEW v"); execute("SELECT 1")`,
			`[{"op":"execute","up":{"sql":"CREATE VIEW v AS SELECT 1"},"down":{"sql":"DROP VIEW v"}},{"op":"execute","up":{"sql":"SELECT 1"}}]`},
		{"execute function records inside", `execute(seed, unseed)`,
			`[{"op":"execute","up":{"func":"seed"},"down":{"func":"unseed"},"ops":[{"op":"execute","up":{"sql":"INSERT 1"}}]}]`},
		{"run info", `create_table(direction() + "_" + dialect() + "_" + (prefix() or "none"))`,
			`[{"op":"create_table","table":{"name":"up_sqlite_none"},"columns":[{"name":"id","type":{"name":"bigserial"},"primary_key":true}]}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := "def seed():\n    execute(\"INSERT 1\")\n\ndef unseed():\n    execute(\"DELETE 1\")\n\ndef change():\n    " + tt.body + "\n"
			log, err := eval(t, src, "change", "up", nil)
			if err != nil {
				t.Fatal(errOf(err))
			}
			if got := canon(t, log); got != tt.want {
				t.Errorf("got\n%s\nwant\n%s", got, tt.want)
			}
		})
	}
}

// TestPositions checks that ops and their changes carry the caller's
// file:line:col.
func TestPositions(t *testing.T) {
	t.Parallel()
	log, err := eval(t, "def change():\n    alter(\"t\",\n        add(\"a\", \"string\"))\n", "change", "up", nil)
	if err != nil {
		t.Fatal(errOf(err))
	}
	at := log[0].(*op.AlterTable)
	if got := at.Pos.String(); got != "m.star:2:10" {
		t.Errorf("alter at %s", got)
	}
	if got := at.Changes[0].Pos.String(); got != "m.star:3:12" {
		t.Errorf("add at %s", got)
	}
}

// TestFlush checks that flush() applies what is queued, that an execute()
// of a function is applied through the ops it records (once), and that a
// nil executor applies nothing.
func TestFlush(t *testing.T) {
	t.Parallel()
	src := `
def seed():
    execute("INSERT 1")
    flush()
    execute("INSERT 2")

def change():
    create_table("a")
    flush()
    execute(seed, seed)
    index("a", ["x"])
`
	exec := &recordingExec{}
	log, err := eval(t, src, "change", "up", exec)
	if err != nil {
		t.Fatal(errOf(err))
	}
	got := ""
	for _, b := range exec.batches {
		got += "[" + strings.Join(b, " ") + "]"
	}
	if want := "[create_table][execute][execute create_index]"; got != want {
		t.Errorf("applied %s, want %s", got, want)
	}
	if len(log) != 3 || len(log[1].(*op.Execute).Ops) != 2 {
		t.Errorf("log: %s", canon(t, log))
	}
	if _, err := eval(t, src, "change", "up", nil); err != nil {
		t.Fatal(errOf(err))
	}
}
