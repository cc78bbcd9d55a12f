package builtins

import (
	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

// columnOptions reads the options add(), modify() and modify's from_ pair
// share (columnOptionParams) into col.
func columnOptions(a *args, col *op.Column) {
	col.Null = optArg[bool](a, "null")
	col.Default = optArg[op.Value](a, "default")
	col.Size = optArg[int](a, "size")
	col.Precision = optArg[int](a, "precision")
	col.Scale = optArg[int](a, "scale")
	col.Comment = optArg[string](a, "comment")
	col.Collation = arg[string](a, "collation")
}

// addBuiltin implements add() and add_if_not_exists(), and remove() and
// remove_if_exists(), which take the same options so that a removed
// column can be added back when the removal is reversed.
func addBuiltin(action string) builtinFunc {
	return func(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
		col := op.Column{
			Name:       arg[string](a, "name"),
			Type:       arg[op.Type](a, "type"),
			PrimaryKey: arg[bool](a, "primary_key"),
			Generated:  arg[string](a, "generated"),
			StartValue: optArg[int64](a, "start_value"),
			Increment:  optArg[int64](a, "increment"),
		}
		columnOptions(a, &col)
		if col.Name == "" {
			return nil, c.errorf("the column name is empty")
		}
		if err := c.checkColumn("", &col); err != nil {
			return nil, err
		}
		if (col.StartValue != nil || col.Increment != nil) && col.Type.Name != "identity" {
			opt := "start_value"
			if col.StartValue == nil {
				opt = "increment"
			}
			return nil, c.errorf("option %s applies only to type \"identity\", not %s", opt, typeString(col.Type))
		}
		return newChange(thread, c, op.Change{Pos: c.pos, Action: action, Column: col}), nil
	}
}

func modify(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	col := op.Column{Name: arg[string](a, "name"), Type: arg[op.Type](a, "type")}
	columnOptions(a, &col)
	if col.Name == "" {
		return nil, c.errorf("the column name is empty")
	}
	if err := c.checkColumn("", &col); err != nil {
		return nil, err
	}
	ch := op.Change{Pos: c.pos, Action: op.ActionModify, Column: col, From: arg[*op.Column](a, "from_")}
	return newChange(thread, c, ch), nil
}

// fromOption reads modify's from_: a type, or a pair (type, {options})
// whose options are modify's own (the parameters after from_).
func (c *call) fromOption(v starlark.Value) (*op.Column, error) {
	t, ok := v.(starlark.Tuple)
	if !ok {
		typ, err := c.toType("from_", v)
		if err != nil {
			return nil, err
		}
		return &op.Column{Type: typ}, nil
	}
	if len(t) != 2 {
		return nil, c.errorf("for parameter from_: want a type or a pair (type, {options}), got a tuple of %d", len(t))
	}
	typ, err := c.toType("from_", t[0])
	if err != nil {
		return nil, err
	}
	d, ok := t[1].(*starlark.Dict)
	if !ok {
		return nil, c.badType("from_[1]", "dict of column options", t[1])
	}
	a, err := c.bindDict("from_", columnOptionParams(), d)
	if err != nil {
		return nil, err
	}
	col := &op.Column{Type: typ}
	columnOptions(a, col)
	if err := c.checkColumn("from_", col); err != nil {
		return nil, err
	}
	return col, nil
}

func timestamps(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	col := op.Column{
		Type:    arg[op.Type](a, "type"),
		Null:    optArg[bool](a, "null"),
		Default: optArg[op.Value](a, "default"),
	}
	var changes []op.Change
	for _, param := range []string{"inserted_at", "updated_at"} {
		name := arg[*string](a, param)
		if name == nil {
			continue // left out with False
		}
		cc := col
		cc.Name = *name
		if err := c.checkColumn("", &cc); err != nil {
			return nil, err
		}
		changes = append(changes, op.Change{Pos: c.pos, Action: op.ActionAdd, Column: cc})
	}
	return newChange(thread, c, changes...), nil
}

func array(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	t := arg[op.Type](a, "type")
	return &typeValue{t: op.Type{Name: "array", Elem: &t}}, nil
}
