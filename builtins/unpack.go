package builtins

import (
	"fmt"

	"go.starlark.net/starlark"
)

// args are the arguments of one call of a builtin, bound to the
// builtin's [Param]s as Starlark binds a def's and converted by their
// kinds. A builtin reads them by name with [arg] and [optArg].
type args struct {
	params []Param
	// vals holds each parameter's converted value: the argument's, or the
	// default's when it was left out; nil when left out without default.
	vals []any
	// rest holds the arguments of the *args parameter.
	rest starlark.Tuple
	// read marks the parameters the builtin read, so that a parameter
	// the spec declares but the builtin ignores is caught (checkRead).
	read []bool
}

// bind binds a call's arguments to params and converts them. It reports,
// in this order: an unknown keyword (with the nearest valid one), too many
// positional arguments, an argument given twice, a missing required one,
// and then the first argument its kind refuses, in parameter order.
func (c *call) bind(params []Param, posArgs starlark.Tuple, kwargs []starlark.Tuple) (*args, error) {
	valid := options(params)
	for _, kv := range kwargs {
		if k := string(kv[0].(starlark.String)); !contains(valid, k) {
			return nil, c.unknownOption(k, valid)
		}
	}
	a := &args{params: params, vals: make([]any, len(params)), read: make([]bool, len(params))}
	raw := make([]starlark.Value, len(params))
	positional := len(params)
	for i, p := range params {
		if p.Variadic {
			positional = i
			break
		}
	}
	if len(posArgs) > positional {
		if positional == len(params) {
			return nil, c.arityError("got %d arguments, want at most %d", len(posArgs), positional)
		}
		a.rest = posArgs[positional:]
		posArgs = posArgs[:positional]
	}
	copy(raw, posArgs)
	for _, kv := range kwargs {
		i := paramIndex(params, string(kv[0].(starlark.String)))
		if raw[i] != nil {
			return nil, c.arityError("got multiple values for parameter %s", params[i].Name)
		}
		raw[i] = kv[1]
	}
	for i, p := range params {
		if p.Required && raw[i] == nil {
			return nil, c.arityError("missing argument for %s", p.Name)
		}
	}
	for i, p := range params {
		v := raw[i]
		if v == starlark.None && !p.Required && p.Kind.none == noneOmits {
			v = nil
		}
		if v == nil {
			v = p.Default
		}
		if v == nil || p.Variadic {
			continue
		}
		val, err := p.Kind.convert(c, p.Name, v)
		if err != nil {
			return nil, err
		}
		a.vals[i] = val
	}
	return a, nil
}

// bindDict binds the entries of a dict of options (modify's from_ pair)
// to params, as keyword arguments. what names the dict in errors.
func (c *call) bindDict(what string, params []Param, d *starlark.Dict) (*args, error) {
	kwargs := make([]starlark.Tuple, 0, d.Len())
	for _, kv := range d.Items() {
		if _, ok := kv[0].(starlark.String); !ok {
			return nil, c.badType(what+" key", "string", kv[0])
		}
		kwargs = append(kwargs, starlark.Tuple{kv[0], kv[1]})
	}
	return c.bind(params, nil, kwargs)
}

// arityError reports arguments that do not fit the signature, which it
// shows on the next line.
func (c *call) arityError(format string, a ...any) error {
	e := c.errorf(format, a...)
	if c.spec != nil {
		e = e.WithDetail("%s", c.spec.Signature())
	}
	return e
}

// paramIndex returns the index of the parameter called name. Asking for a
// parameter a spec does not declare is a bug in the builtin, not in the
// script: it panics, and every builtin's example (TestExamples) would
// show it.
func paramIndex(params []Param, name string) int {
	for i, p := range params {
		if p.Name == name {
			return i
		}
	}
	panic(fmt.Sprintf("builtins: no parameter %q", name))
}

// arg returns the value of parameter name: the argument as its kind
// converts it, the default's when it was left out, or the zero T when it
// was left out and has no default.
func arg[T any](a *args, name string) T {
	i := paramIndex(a.params, name)
	a.read[i] = true
	if a.vals[i] == nil {
		var zero T
		return zero
	}
	return a.vals[i].(T) // a kind of another Go type is a bug: panic
}

// optArg returns a pointer to the value of parameter name, or nil when it
// was left out and has no default.
func optArg[T any](a *args, name string) *T {
	i := paramIndex(a.params, name)
	a.read[i] = true
	if a.vals[i] == nil {
		return nil
	}
	v := a.vals[i].(T)
	return &v
}

// restArgs returns the arguments of the *args parameter.
func (a *args) restArgs() starlark.Tuple {
	for i, p := range a.params {
		if p.Variadic {
			a.read[i] = true
		}
	}
	return a.rest
}

// checkRead reports a parameter the builtin never read: an option the
// documentation promises that would silently do nothing.
func (a *args) checkRead(c *call) error {
	for i, p := range a.params {
		if !a.read[i] {
			return c.errorf("internal error: parameter %s is declared but not read", p.Name)
		}
	}
	return nil
}
