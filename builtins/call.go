package builtins

import (
	"fmt"
	"math"
	"strings"

	"go.starlark.net/starlark"

	"github.com/larkdb/lark/internal/suggest"
	"github.com/larkdb/lark/op"
)

// call is one invocation of a builtin: its name and the script position of
// the caller, which every op and error it produces carries, and its spec.
type call struct {
	name string
	pos  op.Pos
	spec *Spec // nil for a function that is not a builtin of [Specs]
}

func newCall(thread *starlark.Thread, b *starlark.Builtin) *call {
	return &call{name: b.Name(), pos: posOf(thread)}
}

// posOf returns the script position of the call to the running builtin.
func posOf(thread *starlark.Thread) op.Pos {
	p := thread.CallFrame(1).Pos
	return op.Pos{File: p.Filename(), Line: p.Line, Col: p.Col}
}

// errorf returns an *op.Error at the call, prefixed with the builtin's name.
func (c *call) errorf(format string, args ...any) *op.Error {
	return op.Errorf(c.pos, "%s: %s", c.name, fmt.Sprintf(format, args...))
}

// badType reports an argument of the wrong type: what was wanted and what was got.
func (c *call) badType(param, want string, got starlark.Value) *op.Error {
	return c.errorf("for parameter %s: got %s, want %s", param, describe(got), want)
}

// describe names a value's type for an error, with the value when short.
func describe(v starlark.Value) string {
	s := v.String()
	if len(s) > 30 {
		return v.Type()
	}
	return fmt.Sprintf("%s %s", v.Type(), s)
}

// unknownOption reports option k, which is not one of valid.
func (c *call) unknownOption(k string, valid []string) *op.Error {
	msg := fmt.Sprintf("unknown option %q", k)
	if n := suggest.Nearest(k, valid); n != "" {
		msg += fmt.Sprintf(" (did you mean %q?)", n)
	}
	if len(valid) == 0 {
		return c.errorf("%s", msg).WithDetail("%s() takes no options", c.name)
	}
	return c.errorf("%s", msg).WithDetail("valid options: %s", strings.Join(valid, ", "))
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// stringList converts a list or tuple of strings (a single string is a
// one-element list, as Ecto accepts a single column).
func (c *call) stringList(param string, v starlark.Value) ([]string, error) {
	if v == nil || v == starlark.None {
		return nil, nil
	}
	if s, ok := v.(starlark.String); ok {
		return []string{string(s)}, nil
	}
	seq, ok := v.(starlark.Indexable)
	if !ok || v.Type() == "string" {
		return nil, c.badType(param, "list of strings", v)
	}
	out := make([]string, seq.Len())
	for i := range out {
		s, ok := seq.Index(i).(starlark.String)
		if !ok {
			return nil, c.errorf("for parameter %s: element %d: got %s, want string", param, i, describe(seq.Index(i)))
		}
		out[i] = string(s)
	}
	return out, nil
}

// toValue converts a Starlark literal (a column default) to an op.Value.
func (c *call) toValue(param string, v starlark.Value) (op.Value, error) {
	switch v := v.(type) {
	case starlark.NoneType:
		return op.Null(), nil
	case starlark.Bool:
		return op.Bool(bool(v)), nil
	case starlark.Int:
		if n, ok := v.Int64(); ok {
			return op.Int(n), nil
		}
		return op.BigInt(v.BigInt()), nil
	case starlark.Float:
		f := float64(v)
		if math.IsInf(f, 0) || math.IsNaN(f) {
			return op.Value{}, c.errorf("for parameter %s: %s is not a finite number", param, v)
		}
		return op.Float(f), nil
	case starlark.String:
		return op.String(string(v)), nil
	case *fragmentValue:
		return op.Fragment(v.sql), nil
	case *starlark.List, starlark.Tuple:
		seq := v.(starlark.Indexable)
		out := op.Value{Kind: op.KindList, List: make([]op.Value, seq.Len())}
		for i := range out.List {
			e, err := c.toValue(param, seq.Index(i))
			if err != nil {
				return op.Value{}, err
			}
			out.List[i] = e
		}
		return out, nil
	case *starlark.Dict:
		out := op.Value{Kind: op.KindMap}
		for _, kv := range v.Items() {
			k, ok := kv[0].(starlark.String)
			if !ok {
				return op.Value{}, c.errorf("for parameter %s: dict key %s: want string", param, describe(kv[0]))
			}
			e, err := c.toValue(param, kv[1])
			if err != nil {
				return op.Value{}, err
			}
			out.Map = append(out.Map, op.Entry{Key: string(k), Value: e})
		}
		return out, nil
	}
	return op.Value{}, c.badType(param, "None, bool, int, float, string, list, dict or fragment()", v)
}
