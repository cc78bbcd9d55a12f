package builtins

import (
	"fmt"
	"sync"

	"go.starlark.net/starlark"
)

// args are the arguments of one call of a builtin, bound to the
// builtin's [Param]s as Starlark binds a def's and converted by their
// kinds. A builtin reads them by name with [arg] and [optArg], and must
// not keep a after it returns: the args go back to a pool.
type args struct {
	params []Param
	// vals holds each parameter's converted value: the argument's, or the
	// default's when it was left out; nil when left out without default.
	// It is buf when the parameters fit, which spares an allocation.
	vals []any
	buf  [8]any
	// rest holds the arguments of the *args parameter.
	rest starlark.Tuple
	// read has bit i set once the builtin read parameter i, so that a
	// parameter the spec declares but the builtin ignores is caught
	// (checkRead). Specs have fewer than 64 parameters (TestSpecsFitArgs).
	read uint64
}

// bind binds a call's arguments to params and converts them. It reports,
// in this order: an unknown keyword (with the nearest valid one), too many
// positional arguments, an argument given twice, a missing required one,
// and then the first argument its kind refuses, in parameter order.
func (c *call) bind(params []Param, posArgs starlark.Tuple, kwargs []starlark.Tuple) (*args, error) {
	for _, kv := range kwargs {
		k := string(kv[0].(starlark.String))
		if i := findParam(params, k); i < 0 || params[i].Variadic {
			return nil, c.unknownOption(k, options(params))
		}
	}
	a := argsPool.Get().(*args)
	a.params = params
	if len(params) <= len(a.buf) {
		a.vals = a.buf[:len(params)]
	} else {
		a.vals = make([]any, len(params))
	}
	// vals holds the raw arguments until they are converted.
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
	for i, v := range posArgs {
		a.vals[i] = v
	}
	for _, kv := range kwargs {
		i := paramIndex(params, string(kv[0].(starlark.String)))
		if a.vals[i] != nil {
			return nil, c.arityError("got multiple values for parameter %s", params[i].Name)
		}
		a.vals[i] = kv[1]
	}
	for i, p := range params {
		if p.Required && a.vals[i] == nil {
			return nil, c.arityError("missing argument for %s", p.Name)
		}
	}
	for i, p := range params {
		v, _ := a.vals[i].(starlark.Value)
		if v == starlark.None && !p.Required && p.Kind.none == noneOmits {
			v = nil
		}
		if v == nil {
			v = p.Default
		}
		if v == nil || p.Variadic {
			a.vals[i] = nil
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
	if i := findParam(params, name); i >= 0 {
		return i
	}
	panic(fmt.Sprintf("builtins: no parameter %q", name))
}

// findParam returns the index of the parameter called name, or -1.
func findParam(params []Param, name string) int {
	for i, p := range params {
		if p.Name == name {
			return i
		}
	}
	return -1
}

// arg returns the value of parameter name: the argument as its kind
// converts it, the default's when it was left out, or the zero T when it
// was left out and has no default.
func arg[T any](a *args, name string) T {
	i := paramIndex(a.params, name)
	a.read |= 1 << i
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
	a.read |= 1 << i
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
			a.read |= 1 << i
		}
	}
	return a.rest
}

// checkRead reports a parameter the builtin never read: an option the
// documentation promises that would silently do nothing.
func (a *args) checkRead(c *call) error {
	for i, p := range a.params {
		if a.read&(1<<i) == 0 {
			return c.errorf("internal error: parameter %s is declared but not read", p.Name)
		}
	}
	return nil
}

// argsPool recycles args: the data builtins run once per row inside a
// batches() loop, where an allocation per call shows.
var argsPool = sync.Pool{New: func() any { return new(args) }}

// release returns a to the pool once its builtin has returned.
func (a *args) release() {
	*a = args{}
	argsPool.Put(a)
}
