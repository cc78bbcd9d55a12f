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

func createTable(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	ct := &op.CreateTable{Pos: c.pos,
		Table:       tableOf(thread, arg[string](a, "name"), arg[string](a, "prefix")),
		IfNotExists: arg[bool](a, "if_not_exists"),
		Comment:     optArg[string](a, "comment"),
		Options:     arg[string](a, "options"),
		Modifiers:   arg[string](a, "modifiers"),
	}
	key := arg[*op.Column](a, "primary_key")
	cols, err := c.takeChanges(a.restArgs(), true)
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
// False (nil), or a dict {"name": ..., "type": ...}.
func (c *call) primaryKey(v starlark.Value) (*op.Column, error) {
	key := op.DefaultPrimaryKey()
	switch v := v.(type) {
	case starlark.Bool:
		if !v {
			return nil, nil
		}
		return &key, nil
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
				name := string(k)
				if _, ok := kv[0].(starlark.String); !ok {
					name = kv[0].String()
				}
				return nil, c.unknownOption(name, []string{"name", "type"})
			}
		}
		return &key, nil
	}
	return nil, c.badType("primary_key", "bool or dict {\"name\": ..., \"type\": ...}", v)
}

func alter(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	at := &op.AlterTable{Pos: c.pos,
		Table:   tableOf(thread, arg[string](a, "table"), arg[string](a, "prefix")),
		Comment: optArg[string](a, "comment"),
	}
	if at.Changes, err = c.takeChanges(a.restArgs(), false); err != nil {
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

func dropTable(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	r.Record(&op.DropTable{Pos: c.pos,
		Table:    tableOf(thread, arg[string](a, "name"), arg[string](a, "prefix")),
		IfExists: arg[bool](a, "if_exists"),
		Mode:     arg[string](a, "mode"),
	})
	return starlark.None, nil
}

func renameTable(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	r.Record(&op.RenameTable{Pos: c.pos,
		Table: tableOf(thread, arg[string](a, "name"), arg[string](a, "prefix")),
		To:    arg[string](a, "to"),
	})
	return starlark.None, nil
}

func renameColumn(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	r.Record(&op.RenameColumn{Pos: c.pos,
		Table:  tableOf(thread, arg[string](a, "table"), arg[string](a, "prefix")),
		Column: arg[string](a, "column"),
		To:     arg[string](a, "to"),
	})
	return starlark.None, nil
}
