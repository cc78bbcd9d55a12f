package builtins

import (
	"go.starlark.net/starlark"

	"github.com/larkdb/lark/internal/suggest"
	"github.com/larkdb/lark/op"
)

func references(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	// The constraint's name and prefix are filled in when the table's op
	// is recorded (op.Resolve), when the table and column are known.
	ref := op.Reference{
		Table:    arg[string](a, "table"),
		Column:   arg[string](a, "column"),
		Type:     arg[op.Type](a, "type"),
		OnDelete: arg[*op.FKAction](a, "on_delete"),
		OnUpdate: arg[*op.FKAction](a, "on_update"),
		Name:     arg[string](a, "name"),
		Prefix:   arg[string](a, "prefix"),
		Validate: arg[bool](a, "validate"),
		With:     arg[[]op.ColumnPair](a, "with_"),
		Match:    arg[string](a, "match"),
	}
	return &refValue{ref: ref}, nil
}

// fkAction reads on_delete/on_update: one of valid, or (on_delete only,
// columns) a pair ("nilify" | "default", [columns]). "nothing" is the
// database default and is recorded as nil.
func (c *call) fkAction(param string, v starlark.Value, valid []string, columns bool) (*op.FKAction, error) {
	switch v := v.(type) {
	case starlark.String:
		s := string(v)
		if !contains(valid, s) {
			e := c.errorf("for parameter %s: unknown action %q", param, s)
			if n := suggest.Nearest(s, valid); n != "" {
				e.Msg += " (did you mean \"" + n + "\"?)"
			}
			return nil, e.WithDetail("valid actions: %s", joinQuoted(valid))
		}
		if s == op.FKNothing {
			return nil, nil
		}
		return &op.FKAction{Action: s}, nil
	case starlark.Tuple:
		if !columns || len(v) != 2 {
			break
		}
		a, ok := v[0].(starlark.String)
		if !ok || !contains(op.OnDeleteColumnActions(), string(a)) {
			return nil, c.errorf("for parameter %s: a pair must start with %s, got %s", param, joinOr(op.OnDeleteColumnActions()), v[0])
		}
		cols, err := c.stringList(param, v[1])
		if err != nil {
			return nil, err
		}
		if len(cols) == 0 {
			return nil, c.errorf("for parameter %s: (%q, [...]) needs at least one column", param, string(a))
		}
		return &op.FKAction{Action: string(a), Columns: cols}, nil
	}
	want := "one of " + joinQuoted(valid)
	if columns {
		want += ", or a pair (\"nilify\" | \"default\", [columns])"
	}
	return nil, c.badType(param, want, v)
}
