package builtins

import (
	"go.starlark.net/starlark"

	"github.com/larkdb/lark/internal/suggest"
	"github.com/larkdb/lark/op"
)

// The values references() accepts, as Ecto spells them (see op/vocab.go).
var (
	onDeleteActions = op.OnDeleteActions()
	onUpdateActions = op.OnUpdateActions()
	matchTypes      = op.MatchTypes()
)

func references(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var table string
	var column, typ, onDelete, onUpdate, name, prefix, with, match starlark.Value
	validate := true
	if err := c.unpack(args, kwargs, "table", &table, "column?", &column, "type?", &typ,
		"on_delete?", &onDelete, "on_update?", &onUpdate, "name?", &name, "prefix?", &prefix,
		"validate?", &validate, "with_?", &with, "match?", &match); err != nil {
		return nil, err
	}
	// What is left out (column, type, name, prefix) is filled in when the
	// table's op is recorded (op.Resolve).
	ref := op.Reference{Table: table, Validate: validate}
	var err error
	if ref.Column, err = c.optString("column", column); err != nil {
		return nil, err
	}
	if typ != nil && typ != starlark.None {
		if _, isRef := typ.(*refValue); isRef {
			return nil, c.badType("type", "a type name or array()", typ)
		}
		if ref.Type, err = c.toType("type", typ); err != nil {
			return nil, err
		}
	}
	if ref.OnDelete, err = c.fkAction("on_delete", onDelete, onDeleteActions, true); err != nil {
		return nil, err
	}
	if ref.OnUpdate, err = c.fkAction("on_update", onUpdate, onUpdateActions, false); err != nil {
		return nil, err
	}
	if ref.Name, err = c.optString("name", name); err != nil {
		return nil, err
	}
	if ref.Prefix, err = c.optString("prefix", prefix); err != nil {
		return nil, err
	}
	if ref.Match, err = c.optString("match", match); err != nil {
		return nil, err
	}
	if ref.Match != "" && !contains(matchTypes, ref.Match) {
		return nil, c.errorf("for parameter match: got %q, want one of %q", ref.Match, matchTypes)
	}
	if with != nil && with != starlark.None {
		d, ok := with.(*starlark.Dict)
		if !ok {
			return nil, c.badType("with_", "dict of column pairs {\"column\": \"referenced_column\"}", with)
		}
		for _, kv := range d.Items() {
			k, ok1 := kv[0].(starlark.String)
			v, ok2 := kv[1].(starlark.String)
			if !ok1 || !ok2 {
				return nil, c.errorf("for parameter with_: entry %s: %s: want string keys and values", kv[0], kv[1])
			}
			ref.With = append(ref.With, op.ColumnPair{Column: string(k), Ref: string(v)})
		}
	}
	return &refValue{ref: ref}, nil
}

// fkAction reads on_delete/on_update: one of valid, or (on_delete only) a
// pair ("nilify" | "default", [columns]). "nothing" is the database
// default and is recorded as nil.
func (c *call) fkAction(param string, v starlark.Value, valid []string, columns bool) (*op.FKAction, error) {
	switch v := v.(type) {
	case nil, starlark.NoneType:
		return nil, nil
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
		if !columns {
			break
		}
		if len(v) != 2 {
			break
		}
		a, ok := v[0].(starlark.String)
		if !ok || !contains(op.OnDeleteColumnActions(), string(a)) {
			return nil, c.errorf("for parameter %s: a pair must start with \"nilify\" or \"default\", got %s", param, v[0])
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

func joinQuoted(list []string) string {
	out := ""
	for i, s := range list {
		if i > 0 {
			out += ", "
		}
		out += "\"" + s + "\""
	}
	return out
}
