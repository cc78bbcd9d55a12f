package builtins

import (
	"strings"

	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

// code reads one side of execute(): SQL text or a function defined with
// def. A function is stored by name so that a rollback, possibly from a
// stored log, can call the other side by name from the file. An empty
// string (or only whitespace) is Ecto's "nothing to do" for that
// direction, execute(up_sql, "") being the common way to write a
// migration whose rollback has nothing to undo: it is recorded as the
// empty op.Code, which runs nothing.
func (c *call) code(param string, v starlark.Value) (op.Code, *starlark.Function, error) {
	switch v := v.(type) {
	case starlark.String:
		if strings.TrimSpace(string(v)) == "" {
			return op.Code{}, nil, nil
		}
		return op.Code{SQL: string(v)}, nil, nil
	case *starlark.Function:
		if v.Name() == "lambda" {
			return op.Code{}, nil, c.errorf("for parameter %s: pass a function defined with def, not a lambda (a rollback calls it by name)", param)
		}
		return op.Code{Func: v.Name()}, v, nil
	}
	return op.Code{}, nil, c.badType(param, "SQL string or function", v)
}

func execute(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	up := arg[code](a, "up")
	e := &op.Execute{Pos: c.pos, Up: up.code}
	if down := optArg[code](a, "down"); down != nil {
		e.Down = &down.code
	}
	fn := up.fn
	if fn == nil {
		r.Record(e)
		return starlark.None, nil
	}
	err = r.Capture(e, func() error {
		_, err := starlark.Call(thread, fn, nil, nil)
		return err
	})
	if err != nil {
		return nil, err
	}
	return starlark.None, nil
}

func fragment(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	sql := arg[string](a, "sql")
	if sql == "" {
		return nil, c.errorf("the SQL is empty")
	}
	return &fragmentValue{sql: sql}, nil
}

func flush(thread *starlark.Thread, c *call, _ *args) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	if err := r.Flush(); err != nil {
		return nil, &op.Error{Pos: c.pos, Msg: "flush: " + err.Error(), Err: err}
	}
	return starlark.None, nil
}
