package builtins

import (
	"strings"
	"testing"
)

// TestValueErrors checks the closed sets of op/vocab.go as a script meets
// them: each value is refused here, at the script's line, and nowhere else
// (the dialects translate what the builtins let through).
func TestValueErrors(t *testing.T) {
	for _, c := range []struct{ body, want string }{
		{`alter("t", add("a", references("u", on_update="default_all")))`,
			"m.star:2:35: references: for parameter on_update: unknown action \"default_all\" (did you mean \"update_all\"?)\n    valid actions: \"nothing\", \"update_all\", \"nilify_all\", \"restrict\""},
		{`alter("t", add("a", references("u", on_update="delete_all")))`,
			`m.star:2:35: references: for parameter on_update: unknown action "delete_all" (did you mean "update_all"?)`},
		{`alter("t", add("a", references("u", on_update=("nilify", ["a"]))))`,
			`m.star:2:35: references: for parameter on_update: got tuple ("nilify", ["a"]), want one of "nothing", "update_all", "nilify_all", "restrict"`},
		{`alter("t", add("a", references("u", on_delete="update_all")))`,
			`m.star:2:35: references: for parameter on_delete: unknown action "update_all" (did you mean "delete_all"?)`},
		{`alter("t", add("a", references("u", on_delete=("delete_all", ["a"]))))`,
			`m.star:2:35: references: for parameter on_delete: a pair must start with "nilify" or "default", got "delete_all"`},
		{`alter("t", add("a", references("u", match="most")))`,
			`m.star:2:35: references: for parameter match: got "most", want "full", "partial" or "simple"`},
		{`drop_table("t", mode="nuke")`, `m.star:2:15: drop_table: for parameter mode: got "nuke", want "restrict" or "cascade"`},
		{`drop_index("t", ["a"], mode="nuke")`, `m.star:2:15: drop_index: for parameter mode: got "nuke", want "restrict" or "cascade"`},
		{`drop_constraint("t", "c", mode="nuke")`, `m.star:2:20: drop_constraint: for parameter mode: got "nuke", want "restrict" or "cascade"`},
	} {
		_, err := eval(t, "def change():\n    "+c.body+"\n", "change", "up", nil)
		if got := errOf(err); got == "" || !strings.HasPrefix(got, c.want) {
			t.Errorf("%s:\n got %s\nwant %s", c.body, got, c.want)
		}
	}
}
