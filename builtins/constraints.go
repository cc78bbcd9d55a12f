package builtins

import (
	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

func constraint(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	var table, name, check, exclude, prefix string
	var comment starlark.Value
	validate := true
	if err := c.unpack(args, kwargs, "table", &table, "name", &name, "check??", &check, "exclude??", &exclude,
		"validate?", &validate, "comment?", &comment, "prefix??", &prefix); err != nil {
		return nil, err
	}
	if (check == "") == (exclude == "") {
		return nil, c.errorf("give exactly one of check= or exclude=")
	}
	con := op.Constraint{Table: table, Prefix: defaultPrefix(thread, prefix), Name: name,
		Check: check, Exclude: exclude, Validate: validate}
	if con.Comment, err = c.optComment("comment", comment); err != nil {
		return nil, err
	}
	r.Record(&op.CreateConstraint{Pos: c.pos, Constraint: con})
	return starlark.None, nil
}

func dropConstraint(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	var table, name, check, exclude, prefix string
	var mode starlark.Value
	var ie bool
	if err := c.unpack(args, kwargs, "table", &table, "name", &name, "if_exists?", &ie, "mode?", &mode,
		"prefix??", &prefix, "check??", &check, "exclude??", &exclude); err != nil {
		return nil, err
	}
	if check != "" && exclude != "" {
		return nil, c.errorf("give at most one of check= or exclude=")
	}
	dc := &op.DropConstraint{Pos: c.pos, IfExists: ie, Constraint: op.Constraint{Table: table,
		Prefix: defaultPrefix(thread, prefix), Name: name, Check: check, Exclude: exclude, Validate: true}}
	if dc.Mode, err = c.mode(mode); err != nil {
		return nil, err
	}
	r.Record(dc)
	return starlark.None, nil
}
