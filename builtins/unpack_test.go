package builtins

import (
	"fmt"
	"strings"
	"testing"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/larkdb/lark/op"
)

// callSpec runs src, which calls spec's builtin as f, and returns the
// error it raises ("" for none).
func callSpec(spec *Spec, src string) string {
	thread := &starlark.Thread{Name: "test"}
	_, err := starlark.ExecFileOptions(&syntax.FileOptions{}, thread, "m.star", src,
		starlark.StringDict{"f": starlark.NewBuiltin(spec.Name, spec.call)})
	return errOf(err)
}

// TestBind checks how arguments bind to parameters: by place and by name,
// None for "not given", defaults, *args, and each way a call can fail.
func TestBind(t *testing.T) {
	spec := &Spec{Name: "f", Params: []Param{
		required("a", kindString), optional("b", kindString), defaulted("c", kindFlag, starlark.False),
		optional("d", kindDefault), defaulted("e", kindMode, str(op.ModeRestrict)),
	}}
	var got string // what the builtin read
	spec.fn = func(_ *starlark.Thread, _ *call, a *args) (starlark.Value, error) {
		d := "nil"
		if v := optArg[op.Value](a, "d"); v != nil {
			d = string(v.Kind)
		}
		got = fmt.Sprintf("a=%s b=%v c=%v d=%s e=%q", arg[string](a, "a"), optArg[string](a, "b") != nil,
			arg[bool](a, "c"), d, arg[string](a, "e"))
		return starlark.None, nil
	}
	for _, c := range []struct{ call, want, err string }{
		{`f("x")`, `a=x b=false c=false d=nil e=""`, ""},
		{`f("x", "y", True, 1, "cascade")`, `a=x b=true c=true d=int e="cascade"`, ""},
		{`f(e="cascade", a="x")`, `a=x b=false c=false d=nil e="cascade"`, ""},
		{`f("x", b=None, d=None)`, `a=x b=false c=false d=null e=""`, ""},
		{`f("x", c=None)`, "", `m.star:1:2: f: for parameter c: got NoneType None, want bool`},
		{`f(None)`, "", `m.star:1:2: f: for parameter a: got NoneType None, want string`},
		{`f()`, "", "m.star:1:2: f: missing argument for a\n    f(a, b=None, c=False, d=<none>, e=\"restrict\")"},
		{`f("x", a="y")`, "", "m.star:1:2: f: got multiple values for parameter a\n    f(a, b=None"},
		{`f("x", "y", True, 1, "cascade", 6)`, "", "m.star:1:2: f: got 6 arguments, want at most 5\n    f(a, "},
		{`f("x", ee="cascade")`, "", "m.star:1:2: f: unknown option \"ee\" (did you mean \"e\"?)\n    valid options: a, b, c, d, e"},
		{`f("x", e="nuke")`, "", `m.star:1:2: f: for parameter e: got "nuke", want "restrict" or "cascade"`},
	} {
		got = ""
		err := callSpec(spec, c.call)
		if got != c.want || !strings.HasPrefix(err, c.err) || (c.err == "") != (err == "") {
			t.Errorf("%s:\n got %s%s\nwant %s%s", c.call, got, err, c.want, c.err)
		}
	}
}

// TestBindVariadic checks *args: the positional arguments after the ones
// before it, with the parameters after it keyword-only.
func TestBindVariadic(t *testing.T) {
	spec := &Spec{Name: "f", Params: []Param{
		required("sql", kindString), variadic("args", kindAny), defaulted("size", kindBatchSize, starlark.MakeInt(1000)),
	}}
	var got string
	spec.fn = func(_ *starlark.Thread, _ *call, a *args) (starlark.Value, error) {
		got = fmt.Sprintf("%s %v %d", arg[string](a, "sql"), a.restArgs(), arg[int](a, "size"))
		return starlark.None, nil
	}
	for _, c := range []struct{ call, want, err string }{
		{`f("q")`, `q () 1000`, ""},
		{`f("q", 1, "x", size=5)`, `q (1, "x") 5`, ""},
		{`f(sql="q")`, `q () 1000`, ""},
		{`f("q", args=1)`, "", "m.star:1:2: f: unknown option \"args\"\n    valid options: sql, size"},
		{`f("q", size=0)`, "", `m.star:1:2: f: size must be an int from 1 to 1000000, not 0`},
	} {
		got = ""
		err := callSpec(spec, c.call)
		if got != c.want || !strings.HasPrefix(err, c.err) || (c.err == "") != (err == "") {
			t.Errorf("%s:\n got %s%s\nwant %s%s", c.call, got, err, c.want, c.err)
		}
	}
}

// TestUnreadParameter checks that a builtin that ignores a parameter its
// spec declares fails, rather than silently doing nothing with it.
func TestUnreadParameter(t *testing.T) {
	spec := &Spec{Name: "f", Params: []Param{required("a", kindString), optional("b", kindString)},
		fn: func(_ *starlark.Thread, _ *call, a *args) (starlark.Value, error) {
			_ = arg[string](a, "a")
			return starlark.None, nil
		}}
	if err := callSpec(spec, `f("x")`); err != "m.star:1:2: f: internal error: parameter b is declared but not read" {
		t.Errorf("err = %s", err)
	}
}
