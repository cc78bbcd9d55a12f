package builtins

import (
	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

// columnArgs holds the column options add() and its relatives accept, as
// given (nil when omitted).
type columnArgs struct {
	name                          string
	typ                           starlark.Value
	null, def, primaryKey         starlark.Value
	size, precision, scale        starlark.Value
	comment, collation, generated starlark.Value
	startValue, increment         starlark.Value
}

// addPairs returns the UnpackArgs pairs of add(name, type, ...); typeOpt
// makes the type optional (remove()).
func (a *columnArgs) addPairs(typeOpt bool) []any {
	typ := "type"
	if typeOpt {
		typ = "type?"
	}
	return []any{
		"name", &a.name, typ, &a.typ,
		"null?", &a.null, "default?", &a.def, "primary_key?", &a.primaryKey,
		"size?", &a.size, "precision?", &a.precision, "scale?", &a.scale,
		"comment?", &a.comment, "collation?", &a.collation, "generated?", &a.generated,
		"start_value?", &a.startValue, "increment?", &a.increment,
	}
}

// column converts the options to an op.Column.
func (c *call) column(a *columnArgs) (op.Column, error) {
	col := op.Column{Name: a.name}
	var err error
	if a.name == "" {
		return col, c.errorf("the column name is empty")
	}
	if a.typ != nil && a.typ != starlark.None {
		if col.Type, err = c.toType("type", a.typ); err != nil {
			return col, err
		}
	}
	if err := c.columnOptions(&col, a); err != nil {
		return col, err
	}
	pk, err := c.optBool("primary_key", a.primaryKey)
	if err != nil {
		return col, err
	}
	col.PrimaryKey = pk != nil && *pk
	if col.Generated, err = c.optString("generated", a.generated); err != nil {
		return col, err
	}
	if col.StartValue, err = c.optInt64("start_value", a.startValue); err != nil {
		return col, err
	}
	if col.Increment, err = c.optInt64("increment", a.increment); err != nil {
		return col, err
	}
	if (col.StartValue != nil || col.Increment != nil) && col.Type.Name != "identity" {
		opt := "start_value"
		if col.StartValue == nil {
			opt = "increment"
		}
		return col, c.errorf("option %s applies only to type \"identity\", not %s", opt, typeString(col.Type))
	}
	return col, nil
}

// columnOptions reads the options that add(), modify() and from_ share.
func (c *call) columnOptions(col *op.Column, a *columnArgs) error {
	var err error
	if col.Null, err = c.optBool("null", a.null); err != nil {
		return err
	}
	if a.def != nil {
		v, err := c.toValue("default", a.def)
		if err != nil {
			return err
		}
		col.Default = &v
	}
	if col.Size, err = c.optInt("size", a.size); err != nil {
		return err
	}
	if col.Precision, err = c.optInt("precision", a.precision); err != nil {
		return err
	}
	if col.Scale, err = c.optInt("scale", a.scale); err != nil {
		return err
	}
	if col.Comment, err = c.optComment("comment", a.comment); err != nil {
		return err
	}
	col.Collation, err = c.optString("collation", a.collation)
	return err
}

// addBuiltin implements add() and add_if_not_exists().
func addBuiltin(action string) builtinFunc {
	return func(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var a columnArgs
		if err := c.unpack(args, kwargs, a.addPairs(false)...); err != nil {
			return nil, err
		}
		col, err := c.column(&a)
		if err != nil {
			return nil, err
		}
		return newChange(thread, c, op.Change{Pos: c.pos, Action: action, Column: col}), nil
	}
}

// removeBuiltin implements remove() and remove_if_exists().
func removeBuiltin(action string) builtinFunc {
	return func(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		var a columnArgs
		if err := c.unpack(args, kwargs, a.addPairs(true)...); err != nil {
			return nil, err
		}
		col, err := c.column(&a)
		if err != nil {
			return nil, err
		}
		return newChange(thread, c, op.Change{Pos: c.pos, Action: action, Column: col}), nil
	}
}

func modify(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var a columnArgs
	var from starlark.Value
	if err := c.unpack(args, kwargs,
		"name", &a.name, "type", &a.typ, "from_?", &from,
		"null?", &a.null, "default?", &a.def, "size?", &a.size, "precision?", &a.precision,
		"scale?", &a.scale, "comment?", &a.comment, "collation?", &a.collation,
	); err != nil {
		return nil, err
	}
	col, err := c.column(&a)
	if err != nil {
		return nil, err
	}
	ch := op.Change{Pos: c.pos, Action: op.ActionModify, Column: col}
	if from != nil && from != starlark.None {
		if ch.From, err = c.fromOption(from); err != nil {
			return nil, err
		}
	}
	return newChange(thread, c, ch), nil
}

// fromOption reads modify's from_: a type, or a pair (type, {options}).
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
	valid := []string{"null", "default", "size", "precision", "scale", "comment", "collation"}
	var a columnArgs
	slots := map[string]*starlark.Value{
		"null": &a.null, "default": &a.def, "size": &a.size, "precision": &a.precision,
		"scale": &a.scale, "comment": &a.comment, "collation": &a.collation,
	}
	for _, kv := range d.Items() {
		k, ok := kv[0].(starlark.String)
		if !ok {
			return nil, c.badType("from_ key", "string", kv[0])
		}
		slot, ok := slots[string(k)]
		if !ok {
			return nil, c.unknownOption(string(k), valid)
		}
		*slot = kv[1]
	}
	col := &op.Column{Type: typ}
	if err := c.columnOptions(col, &a); err != nil {
		return nil, err
	}
	return col, nil
}

func timestamps(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var inserted, updated, typ, def, null starlark.Value
	if err := c.unpack(args, kwargs,
		"inserted_at?", &inserted, "updated_at?", &updated, "type?", &typ, "default?", &def, "null?", &null,
	); err != nil {
		return nil, err
	}
	col := op.Column{Type: op.Type{Name: "naive_datetime"}}
	var err error
	if typ != nil && typ != starlark.None {
		if col.Type, err = c.toType("type", typ); err != nil {
			return nil, err
		}
	}
	if col.Null, err = c.optBool("null", null); err != nil {
		return nil, err
	}
	if col.Null == nil {
		f := false
		col.Null = &f
	}
	if def != nil {
		v, err := c.toValue("default", def)
		if err != nil {
			return nil, err
		}
		col.Default = &v
	}
	var changes []op.Change
	for _, n := range []struct {
		param, name string
		v           starlark.Value
	}{{"inserted_at", "inserted_at", inserted}, {"updated_at", "updated_at", updated}} {
		name := n.name
		switch v := n.v.(type) {
		case nil:
		case starlark.String:
			name = string(v)
		case starlark.Bool:
			if v {
				return nil, c.errorf("for parameter %s: want a column name or False, got True", n.param)
			}
			continue
		default:
			return nil, c.badType(n.param, "a column name or False", v)
		}
		cc := col
		cc.Name = name
		changes = append(changes, op.Change{Pos: c.pos, Action: op.ActionAdd, Column: cc})
	}
	return newChange(thread, c, changes...), nil
}

func array(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	var elem starlark.Value
	if err := c.unpack(args, kwargs, "type", &elem); err != nil {
		return nil, err
	}
	if _, ok := elem.(*refValue); ok {
		return nil, c.badType("type", "a type name or array()", elem)
	}
	t, err := c.toType("type", elem)
	if err != nil {
		return nil, err
	}
	return &typeValue{t: op.Type{Name: "array", Elem: &t}}, nil
}
