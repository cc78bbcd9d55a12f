package builtins

import (
	"regexp"
	"strings"
	"sync"

	"go.starlark.net/resolve"
	"go.starlark.net/syntax"

	"github.com/larkdb/lark/op"
)

// Precheck looks through f, a parsed and resolved file, for calls of
// builtins with arguments, written as literals, that the builtin would
// refuse when called: a misspelt column type (typenames.go), or
// concurrently=True in a migration that runs in a transaction on
// PostgreSQL (cfg.Transaction and cfg.Dialect; see [Config]). It returns
// the first such error, at the call, with the message the builtin gives.
//
// The builtins check the same when they run; checking the file first
// reports the mistake before anything runs, where a migration outside a
// transaction would otherwise apply what comes before the call. Arguments
// that are not literals (a variable, a call) are left to the builtin.
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
		params, ok := specParams()[id.Name]
		if !ok {
			return true
		}
		p := call.Lparen
		pos := op.Pos{File: p.Filename(), Line: p.Line, Col: p.Col}
		first = precheckCall(pos, id.Name, bindArgs(call, params), cfg)
		return first == nil
	})
	if first == nil {
		return nil
	}
	return first
}

// precheckCall checks the literal arguments of one call of builtin.
func precheckCall(pos op.Pos, builtin string, args map[string]syntax.Expr, cfg Config) *op.Error {
	switch builtin {
	case "add", "add_if_not_exists", "remove", "remove_if_exists", "modify", "array", "references", "timestamps":
		if e := literalType(pos, builtin, args["type"]); e != nil {
			return e
		}
		from := unparen(args["from_"])
		if t, ok := from.(*syntax.TupleExpr); ok && len(t.List) == 2 {
			from = t.List[0]
		}
		return literalType(pos, builtin, from)
	case "create_table":
		d, ok := unparen(args["primary_key"]).(*syntax.DictExpr)
		if !ok {
			return nil
		}
		for _, e := range d.List {
			if entry, ok := e.(*syntax.DictEntry); ok {
				if k, ok := stringLit(entry.Key); ok && k == "type" {
					return literalType(pos, builtin, entry.Value)
				}
			}
		}
	case "index", "unique_index", "drop_index":
		if id, ok := unparen(args["concurrently"]).(*syntax.Ident); ok && id.Name == "True" && hasScope(id, resolve.Universal) {
			return concurrentlyInTx(pos, builtin, true, cfg)
		}
	}
	return nil
}

// literalType checks a type argument that is a string literal.
func literalType(pos op.Pos, builtin string, e syntax.Expr) *op.Error {
	if s, ok := stringLit(e); ok {
		return typeTypoError(pos, builtin, s)
	}
	return nil
}

// bindArgs maps the arguments of call to the parameter names of its
// builtin: keyword arguments by name, positional ones by place, up to the
// first *args of either the call or the signature.
func bindArgs(call *syntax.CallExpr, params []string) map[string]syntax.Expr {
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
		if i < len(params) && !strings.HasPrefix(params[i], "*") {
			out[params[i]] = a
			i++
		} else {
			i = len(params)
		}
	}
	return out
}

// specParams returns the parameter names of each builtin, read from the
// signatures of [Specs] ("*columns" for a *args parameter).
var specParams = sync.OnceValue(func() map[string][]string {
	paramRE := regexp.MustCompile(`[(,]\s*(\*?[a-z_]+)`)
	out := map[string][]string{}
	for _, s := range Specs() {
		for _, m := range paramRE.FindAllStringSubmatch(s.Signature, -1) {
			out[s.Name] = append(out[s.Name], m[1])
		}
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
