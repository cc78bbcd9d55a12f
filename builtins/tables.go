package builtins

import (
	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

// tableOf builds an op.Table, falling back to the run's prefix.
func tableOf(thread *starlark.Thread, name, prefix string) op.Table {
	return op.Table{Name: name, Prefix: defaultPrefix(thread, prefix)}
}

// takeChanges consumes the column values passed to create_table() (only
// add() and timestamps()) or alter() (every change).
func (c *call) takeChanges(vals starlark.Tuple, create bool) ([]op.Change, error) {
	var out []op.Change
	for i, v := range vals {
		cv, ok := v.(*changeValue)
		if !ok {
			want := "a column change from add(), modify(), remove() or timestamps()"
			if create {
				want = "a column from add() or timestamps()"
			}
			return nil, c.errorf("argument %d: got %s, want %s", i+2, describe(v), want)
		}
		for _, ch := range cv.changes {
			if create && ch.Action != op.ActionAdd {
				return nil, c.errorf("argument %d: %s() is for alter(); create_table() takes add() and timestamps()", i+2, cv.builtin)
			}
			out = append(out, ch)
		}
		cv.consumed = true
	}
	return out, nil
}

func createTable(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	var name string
	var pk, prefix, comment, options, modifiers starlark.Value
	var ine bool
	if len(args) == 0 {
		return nil, c.errorf("missing argument for name")
	}
	if err := c.unpack(args[:1], kwargs, "name", &name, "primary_key?", &pk, "if_not_exists?", &ine,
		"prefix?", &prefix, "comment?", &comment, "options?", &options, "modifiers?", &modifiers); err != nil {
		return nil, err
	}
	p, err := c.optString("prefix", prefix)
	if err != nil {
		return nil, err
	}
	ct := &op.CreateTable{Pos: c.pos, Table: tableOf(thread, name, p), IfNotExists: ine}
	if ct.Comment, err = c.optComment("comment", comment); err != nil {
		return nil, err
	}
	if ct.Options, err = c.optString("options", options); err != nil {
		return nil, err
	}
	if ct.Modifiers, err = c.optString("modifiers", modifiers); err != nil {
		return nil, err
	}
	key, err := c.primaryKey(pk)
	if err != nil {
		return nil, err
	}
	cols, err := c.takeChanges(args[1:], true)
	if err != nil {
		return nil, err
	}
	if key != nil {
		ct.Columns = append(ct.Columns, *key)
	}
	for _, ch := range cols {
		col := ch.Column
		col.Pos = ch.Pos
		ct.Columns = append(ct.Columns, col)
	}
	if ct.Columns == nil {
		ct.Columns = []op.Column{}
	}
	r.Record(ct)
	return starlark.None, nil
}

// primaryKey reads create_table's primary_key: True (Ecto's bigserial "id"),
// False, or a dict {"name": ..., "type": ...}.
func (c *call) primaryKey(v starlark.Value) (*op.Column, error) {
	def := op.DefaultPrimaryKey()
	key := &def
	switch v := v.(type) {
	case nil:
		return key, nil
	case starlark.Bool:
		if !v {
			return nil, nil
		}
		return key, nil
	case *starlark.Dict:
		for _, kv := range v.Items() {
			k, _ := kv[0].(starlark.String)
			switch k {
			case "name":
				s, ok := kv[1].(starlark.String)
				if !ok || s == "" {
					return nil, c.badType("primary_key[\"name\"]", "a column name", kv[1])
				}
				key.Name = string(s)
			case "type":
				t, err := c.toType("primary_key[\"type\"]", kv[1])
				if err != nil {
					return nil, err
				}
				key.Type = t
			default:
				return nil, c.unknownOption(kv[0].String(), []string{"name", "type"})
			}
		}
		return key, nil
	}
	return nil, c.badType("primary_key", "bool or dict {\"name\": ..., \"type\": ...}", v)
}

func alter(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	var name string
	var prefix, comment starlark.Value
	if len(args) == 0 {
		return nil, c.errorf("missing argument for table")
	}
	if err := c.unpack(args[:1], kwargs, "table", &name, "prefix?", &prefix, "comment?", &comment); err != nil {
		return nil, err
	}
	p, err := c.optString("prefix", prefix)
	if err != nil {
		return nil, err
	}
	at := &op.AlterTable{Pos: c.pos, Table: tableOf(thread, name, p)}
	if at.Comment, err = c.optComment("comment", comment); err != nil {
		return nil, err
	}
	if at.Changes, err = c.takeChanges(args[1:], false); err != nil {
		return nil, err
	}
	if at.Changes == nil {
		at.Changes = []op.Change{}
	}
	if len(at.Changes) == 0 && at.Comment == nil {
		return nil, c.errorf("nothing to alter: pass column changes or comment=")
	}
	r.Record(at)
	return starlark.None, nil
}

// mode reads a drop's mode= option: "restrict" (the default) or "cascade".
func (c *call) mode(v starlark.Value) (string, error) {
	s, err := c.optString("mode", v)
	if err != nil {
		return "", err
	}
	switch s {
	case "", op.ModeRestrict:
		return "", nil
	case op.ModeCascade:
		return op.ModeCascade, nil
	}
	return "", c.errorf("for parameter mode: got %q, want %q or %q", s, op.ModeRestrict, op.ModeCascade)
}

func dropTable(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	var name string
	var ie bool
	var mode, prefix starlark.Value
	if err := c.unpack(args, kwargs, "name", &name, "if_exists?", &ie, "mode?", &mode, "prefix?", &prefix); err != nil {
		return nil, err
	}
	p, err := c.optString("prefix", prefix)
	if err != nil {
		return nil, err
	}
	dt := &op.DropTable{Pos: c.pos, Table: tableOf(thread, name, p), IfExists: ie}
	if dt.Mode, err = c.mode(mode); err != nil {
		return nil, err
	}
	r.Record(dt)
	return starlark.None, nil
}

func renameTable(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	var name, to, prefix string
	if err := c.unpack(args, kwargs, "name", &name, "to", &to, "prefix??", &prefix); err != nil {
		return nil, err
	}
	r.Record(&op.RenameTable{Pos: c.pos, Table: tableOf(thread, name, prefix), To: to})
	return starlark.None, nil
}

func renameColumn(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	var table, column, to, prefix string
	if err := c.unpack(args, kwargs, "table", &table, "column", &column, "to", &to, "prefix??", &prefix); err != nil {
		return nil, err
	}
	r.Record(&op.RenameColumn{Pos: c.pos, Table: tableOf(thread, table, prefix), Column: column, To: to})
	return starlark.None, nil
}
