package builtins

import (
	"sync"

	"go.starlark.net/resolve"
	"go.starlark.net/syntax"

	"github.com/larkdb/lark/op"
)

// Precheck looks through f, a parsed and resolved file, for calls of
// builtins with arguments, written as literals, that the builtin would
// refuse when called: a misspelt column type (typenames.go), or
// concurrently=True in a migration that runs in a transaction on
// PostgreSQL (cfg.Transaction and cfg.Traits; see [Config]). It returns
// the first such error, at the call, with the message the builtin gives.
//
// The builtins check the same when they run; checking the file first
// reports the mistake before anything runs, where a migration outside a
// transaction would otherwise apply what comes before the call. Arguments
// that are not literals (a variable, a call) are left to the builtin.
// Which arguments are checked, and how, is the literal check of each
// parameter's [Kind].
func Precheck(f *syntax.File, cfg Config) error {
	var first *op.Error
	syntax.Walk(f, func(n syntax.Node) bool {
		if first != nil {
			return false
		}
		call, ok := n.(*syntax.CallExpr)
		if !ok {
			return true
		}
		id, ok := call.Fn.(*syntax.Ident)
		if !ok || !hasScope(id, resolve.Predeclared) {
			return true
		}
		spec, ok := specsByName()[id.Name]
		if !ok {
			return true
		}
		p := call.Lparen
		pos := op.Pos{File: p.Filename(), Line: p.Line, Col: p.Col}
		first = precheckCall(pos, spec, call, cfg)
		return first == nil
	})
	if first == nil {
		return nil
	}
	return first
}

// precheckCall checks the literal arguments of one call of spec's builtin.
func precheckCall(pos op.Pos, spec *Spec, call *syntax.CallExpr, cfg Config) *op.Error {
	args := bindArgs(call, spec.Params)
	for _, p := range spec.Params {
		if e, ok := args[p.Name]; ok && p.Kind.literal != nil {
			if err := p.Kind.literal(pos, spec.Name, e, cfg); err != nil {
				return err
			}
		}
	}
	return nil
}

// literalType checks a type argument that is a string literal.
func literalType(pos op.Pos, builtin string, e syntax.Expr, _ Config) *op.Error {
	if s, ok := stringLit(e); ok {
		return typeTypoError(pos, builtin, s)
	}
	return nil
}

// literalFrom checks modify's from_: a type, or the type of a pair
// (type, {options}).
func literalFrom(pos op.Pos, builtin string, e syntax.Expr, cfg Config) *op.Error {
	e = unparen(e)
	if t, ok := e.(*syntax.TupleExpr); ok && len(t.List) == 2 {
		e = t.List[0]
	}
	return literalType(pos, builtin, e, cfg)
}

// literalPrimaryKey checks the "type" of create_table's primary_key dict.
func literalPrimaryKey(pos op.Pos, builtin string, e syntax.Expr, cfg Config) *op.Error {
	d, ok := unparen(e).(*syntax.DictExpr)
	if !ok {
		return nil
	}
	for _, e := range d.List {
		if entry, ok := e.(*syntax.DictEntry); ok {
			if k, ok := stringLit(entry.Key); ok && k == "type" {
				return literalType(pos, builtin, entry.Value, cfg)
			}
		}
	}
	return nil
}

// literalConcurrently refuses concurrently=True, written as such, where
// the builtin would (concurrentlyInTx).
func literalConcurrently(pos op.Pos, builtin string, e syntax.Expr, cfg Config) *op.Error {
	if id, ok := unparen(e).(*syntax.Ident); ok && id.Name == "True" && hasScope(id, resolve.Universal) {
		return concurrentlyInTx(pos, builtin, true, cfg)
	}
	return nil
}

// bindArgs maps the arguments of call to the names of params: keyword
// arguments by name, positional ones by place, up to the first *args of
// either the call or the parameters.
func bindArgs(call *syntax.CallExpr, params []Param) map[string]syntax.Expr {
	out := map[string]syntax.Expr{}
	i := 0
	for _, a := range call.Args {
		if b, ok := a.(*syntax.BinaryExpr); ok && b.Op == syntax.EQ {
			if k, ok := b.X.(*syntax.Ident); ok {
				out[k.Name] = b.Y
			}
			continue
		}
		if u, ok := a.(*syntax.UnaryExpr); ok && (u.Op == syntax.STAR || u.Op == syntax.STARSTAR) {
			i = len(params)
			continue
		}
		if i < len(params) && !params[i].Variadic {
			out[params[i].Name] = a
			i++
		} else {
			i = len(params)
		}
	}
	return out
}

// specsByName returns the spec of each builtin by its name.
var specsByName = sync.OnceValue(func() map[string]*Spec {
	out := map[string]*Spec{}
	for _, s := range Specs() {
		out[s.Name] = &s
	}
	return out
})

// hasScope reports whether the resolver bound id in scope.
func hasScope(id *syntax.Ident, scope resolve.Scope) bool {
	b, ok := id.Binding.(*resolve.Binding)
	return ok && b.Scope == scope
}

func unparen(e syntax.Expr) syntax.Expr {
	for {
		p, ok := e.(*syntax.ParenExpr)
		if !ok {
			return e
		}
		e = p.X
	}
}

func stringLit(e syntax.Expr) (string, bool) {
	lit, ok := unparen(e).(*syntax.Literal)
	if !ok || lit.Token != syntax.STRING {
		return "", false
	}
	s, ok := lit.Value.(string)
	return s, ok
}
