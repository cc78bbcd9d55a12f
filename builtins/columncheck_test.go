package builtins

import (
	"strings"
	"testing"
)

// TestColumnOptionChecks checks the options Ecto refuses (issue 10): each
// builtin that takes column options refuses them at its call, and the
// options Ecto takes still record.
func TestColumnOptionChecks(t *testing.T) {
	t.Parallel()
	for _, c := range []struct{ body, want string }{
		{`create_table("t", add("a", "decimal", scale=2))`, `m.star:2:26: add: column "a": scale=2 needs precision= too`},
		{`alter("t", add_if_not_exists("a", "numeric", scale=0))`, `m.star:2:33: add_if_not_exists: column "a": scale=0 needs precision= too`},
		{`alter("t", modify("a", "decimal", scale=2))`, `m.star:2:22: modify: column "a": scale=2 needs precision= too`},
		{`alter("t", modify("a", "text", from_=("decimal", {"scale": 2})))`, `m.star:2:22: modify: for parameter from_: scale=2 needs precision= too`},
		{`alter("t", remove("a", "decimal", scale=2))`, `m.star:2:22: remove: column "a": scale=2 needs precision= too`},
		{`alter("t", remove("a", scale=2))`, `m.star:2:22: remove: column "a": scale=2 needs precision= too`},
		{`create_table("t", add("a", "string", default=[]))`, `m.star:2:26: add: column "a": a list default needs an array() or "map" column, not "string"`},
		{`create_table("t", add("a", "text", default={}))`, `m.star:2:26: add: column "a": a dict default needs a "map" column, not "text"`},
		{`create_table("t", add("a", array("string"), default={"k": 1}))`, `m.star:2:26: add: column "a": a dict default needs a "map" column, not array("string")`},
		{`create_table("t", add("a", references("u"), default=[1]))`, `m.star:2:26: add: column "a": a list default needs an array() or "map" column, not references("u")`},
		{`alter("t", modify("a", "integer", default=[1]))`, `m.star:2:22: modify: column "a": a list default needs an array() or "map" column, not "integer"`},
		{`alter("t", modify("a", "map", from_=("text", {"default": {}})))`, `m.star:2:22: modify: for parameter from_: a dict default needs a "map" column, not "text"`},
		{`alter("t", remove("a", "text", default=["x"]))`, `m.star:2:22: remove: column "a": a list default needs an array() or "map" column, not "text"`},
		{`create_table("t", timestamps(default={}))`, `m.star:2:33: timestamps: column "inserted_at": a dict default needs a "map" column, not "naive_datetime"`},
		{`index("t", ["a"], nulls_distinct=True)`, `m.star:2:10: index: nulls_distinct= applies only to a unique index`},
		{`index("t", ["a"], unique=False, nulls_distinct=False)`, `m.star:2:10: index: nulls_distinct= applies only to a unique index`},
		{`create_table("t", add("a", "datetime"))`, `m.star:2:26: add: column type "datetime" is not an Ecto type: use "utc_datetime" or "naive_datetime"`},
		{`alter("t", modify("a", "text", from_="datetime"))`, `m.star:2:22: modify: column type "datetime" is not an Ecto type`},
		{`create_table("t", add("a", "txet"))`, `m.star:2:26: add: unknown column type "txet" (did you mean "text"?)`},
		{`create_table("t", add("a", "intgeer"))`, `m.star:2:26: add: unknown column type "intgeer" (did you mean "integer"?)`},
	} {
		_, err := eval(t, "def change():\n    "+c.body+"\n", "change", "up", nil)
		if got := errOf(err); got == "" || !strings.HasPrefix(got, c.want) {
			t.Errorf("%s:\n got %s\nwant %s", c.body, got, c.want)
		}
	}

	for _, body := range []string{
		`create_table("t", add("a", "decimal", precision=10, scale=2), add("b", "decimal", precision=10))`,
		`create_table("t", add("a", "map", default={"k": [1]}), add("b", "map", default=[1, 2]))`,
		`create_table("t", add("a", "jsonb", default={}), add("b", "JSON", default=[]))`,
		`create_table("t", add("a", array("integer"), default=[1, 2]), add("b", array(array("text")), default=[["x"]]))`,
		`create_table("t", add("a", "string", default=fragment("'[]'")), add("b", "text", default="[]"))`,
		`alter("t", modify("a", "map", default={}, from_=("text", {"default": "x"})))`,
		`alter("t", remove("a", precision=3))`,
		`unique_index("t", ["a"], nulls_distinct=False)`,
		`index("t", ["a"], unique=True, nulls_distinct=True)`,
		`create_table("t", add("a", "DATETIME"), add("b", "utc_datetime"), add("c", "naive_datetime_usec"))`,
		`create_table("t", add("a", "duration", precision=3))`,
	} {
		if _, err := eval(t, "def change():\n    "+body+"\n", "change", "up", nil); err != nil {
			t.Errorf("%s: %v", body, errOf(err))
		}
	}
}
