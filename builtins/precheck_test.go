package builtins

import (
	"strings"
	"testing"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

// precheck parses and resolves src and prechecks it with cfg.
func precheck(t *testing.T, src string, cfg Config) string {
	t.Helper()
	f, _, err := starlark.SourceProgramOptions(&syntax.FileOptions{TopLevelControl: true}, "m.star", src, Predeclared().Has)
	if err != nil {
		t.Fatalf("%q: %v", src, err)
	}
	if err := Precheck(f, cfg); err != nil {
		return err.Error()
	}
	return ""
}

// TestPrecheck checks which calls Precheck reports from their literal
// arguments, and that it gives the message and position of the builtin.
func TestPrecheck(t *testing.T) {
	t.Parallel()
	pg := Config{Dialect: "postgres", Traits: Traits{ConcurrentIndexOutsideTx: true}, Transaction: true}
	for _, c := range []struct {
		body string
		cfg  Config
		want string // "" for no error; else the expected start of the error
	}{
		{`create_table("t", add("a", "strng"))`, Config{}, `m.star:2:26: add: unknown column type "strng" (did you mean "string"?)`},
		{`create_table("t", add("a", type = "strng"))`, Config{}, `m.star:2:26: add: unknown column type`},
		{`alter("t", modify("a", "text", from_ = ("strng", {"null": True})))`, Config{}, `m.star:2:22: modify: unknown column type "strng"`},
		{`alter("t", modify("a", "text", from_ = "strng"))`, Config{}, `m.star:2:22: modify: unknown column type "strng"`},
		{`alter("t", remove("a", "strng"))`, Config{}, `m.star:2:22: remove: unknown column type`},
		{`create_table("t", add("a", array(array("strng"))))`, Config{}, `m.star:2:43: array: unknown column type`},
		{`create_table("t", add("a", references("u", type = "strng")))`, Config{}, `m.star:2:42: references: unknown column type`},
		{`create_table("t", timestamps(type = "strng"))`, Config{}, `m.star:2:33: timestamps: unknown column type`},
		{`create_table("t", primary_key = {"name": "k", "type": "strng"})`, Config{}, `m.star:2:17: create_table: unknown column type`},
		// Not literals, not a type parameter, or not the builtin.
		{`create_table("t", add("strng", "string"))`, Config{}, ""},
		{`create_table("t", add("a", "str" + "ng"))`, Config{}, ""},
		{`create_table("t", *[add("a", "strng")])`, Config{}, `m.star:2:28: add: unknown column type`},
		{`add = lambda name, type: None` + "\n    add(\"a\", \"strng\")", Config{}, ""},
		{`create_table("t", add("a", "citext"), add("b", "STRNG"))`, Config{}, ""},

		{`index("t", ["a"], concurrently = True)`, pg, `m.star:2:10: index: concurrently=True needs disable_ddl_transaction = True (PostgreSQL cannot build an index concurrently inside a transaction)`},
		{`unique_index("t", ["a"], concurrently = True)`, pg, `m.star:2:17: unique_index: concurrently=True needs`},
		{`drop_index("t", ["a"], None, False, True)`, pg, `m.star:2:15: drop_index: concurrently=True needs disable_ddl_transaction = True (PostgreSQL cannot drop an index concurrently`},
		{`index("t", ["a"], concurrently = True)`, Config{Dialect: "postgres", Traits: Traits{ConcurrentIndexOutsideTx: true}}, ""},
		{`index("t", ["a"], concurrently = True)`, Config{Dialect: "sqlite", Traits: Traits{TimeAsText: true}, Transaction: true}, ""},
		{`index("t", ["a"], concurrently = False)`, pg, ""},
		{`index("t", ["a"], concurrently = dialect() == "postgres")`, pg, ""},
	} {
		got := precheck(t, "def change():\n    "+c.body+"\n", c.cfg)
		if c.want == "" && got != "" || !strings.HasPrefix(got, c.want) {
			t.Errorf("%s:\ngot  %s\nwant %s", c.body, got, c.want)
		}
	}
}
