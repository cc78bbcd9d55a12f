package builtins

import (
	"strings"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/larkdb/lark/op"
)

// A Param is one parameter of a builtin. The Params of a [Spec] are the one
// description of a builtin's arguments: the unpacking of every call
// (unpack.go), the signature in docs/language.md and in errors, and the
// checks [Precheck] makes before a file runs are all read from them.
type Param struct {
	// Name is the parameter's name; a keyword argument gives it by name.
	Name string
	// Kind is what the parameter takes.
	Kind *Kind
	// Required parameters must be given.
	Required bool
	// Variadic marks *name: it takes the positional arguments left after
	// the parameters before it. Parameters after it are keyword-only.
	Variadic bool
	// Default is what an optional parameter is when left out, converted by
	// Kind as if the script had passed it; nil when it has none (the
	// builtin sees the parameter as not given).
	Default starlark.Value
}

// A Kind is what values a parameter takes. It converts an argument to the
// Go value the builtin reads, with the error a script sees when the
// argument is of the wrong type, and it may check an argument written as a
// literal before the file runs.
type Kind struct {
	// Doc describes the values, in Markdown, for docs/language.md.
	Doc string
	// none says what None means to the kind.
	none noneRule
	// convert converts an argument for param.
	convert func(c *call, param string, v starlark.Value) (any, error)
	// literal, when set, checks an argument that [Precheck] found written
	// in the file (see precheck.go); nil when the argument is fine or is
	// not a literal the check understands.
	literal func(pos op.Pos, builtin string, e syntax.Expr, cfg Config) *op.Error
}

// noneRule says what None passed to an optional parameter means.
type noneRule int

const (
	// noneOmits: None is the same as leaving the argument out, as Ecto's
	// nil is for most options.
	noneOmits noneRule = iota
	// noneConverts: None goes to the kind's converter, which takes it as
	// a value (default=None is DEFAULT NULL) or refuses it (a bool flag).
	noneConverts
)

// The constructors the spec tables are written with.

func required(name string, k *Kind) Param { return Param{Name: name, Kind: k, Required: true} }

func optional(name string, k *Kind) Param { return Param{Name: name, Kind: k} }

func defaulted(name string, k *Kind, def starlark.Value) Param {
	return Param{Name: name, Kind: k, Default: def}
}

func variadic(name string, k *Kind) Param { return Param{Name: name, Kind: k, Variadic: true} }

// str is a string default.
func str(s string) starlark.Value { return starlark.String(s) }

// Signature renders the builtin's signature as docs/language.md shows it:
// create_table(name, *columns, primary_key=True, ...). An optional
// parameter without a default shows "=None", or "=<none>" when None is one
// of its values (an omitted add(default=) is no default at all).
func (s *Spec) Signature() string {
	var b strings.Builder
	b.WriteString(s.Name + "(")
	for i, p := range s.Params {
		if i > 0 {
			b.WriteString(", ")
		}
		b.WriteString(p.display())
		switch {
		case p.Required || p.Variadic:
		case p.Default != nil:
			b.WriteString("=" + p.Default.String())
		case p.Kind.none == noneConverts:
			b.WriteString("=<none>")
		default:
			b.WriteString("=None")
		}
	}
	b.WriteString(")")
	return b.String()
}

// display is the parameter's name as a signature shows it.
func (p Param) display() string {
	if p.Variadic {
		return "*" + p.Name
	}
	return p.Name
}

// options returns the names a keyword argument may give: every parameter
// but a *args.
func options(params []Param) []string {
	out := make([]string, 0, len(params))
	for _, p := range params {
		if !p.Variadic {
			out = append(out, p.Name)
		}
	}
	return out
}
