package builtins

import (
	"go.starlark.net/lib/json"
	"go.starlark.net/lib/math"
	"go.starlark.net/lib/time"
	"go.starlark.net/starlark"
	"go.starlark.net/starlarkstruct"
)

func direction(thread *starlark.Thread, c *call, _ *args) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	return starlark.String(r.cfg.Direction), nil
}

func dialectBuiltin(thread *starlark.Thread, _ *call, _ *args) (starlark.Value, error) {
	if r := FromThread(thread); r != nil {
		return starlark.String(r.cfg.Dialect), nil
	}
	return starlark.String(""), nil
}

func prefixBuiltin(thread *starlark.Thread, _ *call, _ *args) (starlark.Value, error) {
	return starlark.String(defaultPrefix(thread, "")), nil
}

// modules are the library modules scripts may use. The time module has no
// now(): a migration must record the same ops every time it is evaluated
// (lark plan prints what lark up runs, and watch mode re-evaluates on every
// save), so the clock is not granted; see docs/language.md.
func modules() starlark.StringDict {
	members := starlark.StringDict{}
	for k, v := range time.Module.Members {
		if k != "now" {
			members[k] = v
		}
	}
	members["now"] = starlark.NewBuiltin("now", func(thread *starlark.Thread, b *starlark.Builtin, _ starlark.Tuple, _ []starlark.Tuple) (starlark.Value, error) {
		c := newCall(thread, b)
		c.name = "time.now"
		return nil, c.errorf("the clock is not available to migrations, which must record the same operations every time they run; use a SQL default such as fragment(\"now()\")")
	})
	return starlark.StringDict{
		"json": json.Module,
		"math": math.Module,
		"time": &starlarkstruct.Module{Name: "time", Members: members},
	}
}
