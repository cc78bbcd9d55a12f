package builtins

import (
	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

func constraint(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	con := op.Constraint{
		Table:    arg[string](a, "table"),
		Prefix:   defaultPrefix(thread, arg[string](a, "prefix")),
		Name:     arg[string](a, "name"),
		Check:    arg[string](a, "check"),
		Exclude:  arg[string](a, "exclude"),
		Validate: arg[bool](a, "validate"),
		Comment:  optArg[string](a, "comment"),
	}
	if (con.Check == "") == (con.Exclude == "") {
		return nil, c.errorf("give exactly one of check= or exclude=")
	}
	r.Record(&op.CreateConstraint{Pos: c.pos, Constraint: con})
	return starlark.None, nil
}

func dropConstraint(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	dc := &op.DropConstraint{Pos: c.pos, IfExists: arg[bool](a, "if_exists"), Mode: arg[string](a, "mode"),
		Constraint: op.Constraint{
			Table:    arg[string](a, "table"),
			Prefix:   defaultPrefix(thread, arg[string](a, "prefix")),
			Name:     arg[string](a, "name"),
			Check:    arg[string](a, "check"),
			Exclude:  arg[string](a, "exclude"),
			Validate: true,
		}}
	if dc.Constraint.Check != "" && dc.Constraint.Exclude != "" {
		return nil, c.errorf("give at most one of check= or exclude=")
	}
	r.Record(dc)
	return starlark.None, nil
}
