package eval

import (
	"context"
	"errors"
	"slices"
	"strings"
	"unicode/utf8"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/larkdb/lark/internal/suggest"
	"github.com/larkdb/lark/op"
)

// This file turns two kinds of misspelling, which Starlark alone would
// accept or report obscurely, into errors that name the intended spelling:
// a top-level name that is almost a setting or a callback, and Python's
// reserved from/with written for lark's from_/with_ options.

// settingNames are the module-level settings a migration file may set.
var settingNames = append([]string{"disable_ddl_transaction", "disable_migration_lock"}, timeoutSettings...)

// checkNames reports a top-level name of the file that is not a setting or
// a callback but is so close to one that it is almost certainly a typo,
// which would otherwise be ignored: disable_ddl_transactions = True would
// leave the migration in a transaction, def donw() would leave it without
// a rollback. The rule must not reject sensible code, so a name is
// reported only when all of these hold:
//
//   - it does not start with "_" and has at least 4 characters (so "up2"
//     or "_down" are never taken for a callback);
//   - it is at most 2 edits from a callback (when its value is a function)
//     or a setting (when it is not);
//   - nothing else in the file uses it: a helper that is called, or a
//     value that is read, is what its name says.
func (s *Script) checkNames(f *syntax.File) error {
	defs, uses := topLevelNames(f)
	for _, d := range defs {
		name := d.Name
		if uses[name] > 0 || strings.HasPrefix(name, "_") || len(name) < 4 ||
			slices.Contains(callbackNames, name) || slices.Contains(settingNames, name) {
			continue
		}
		pos := toPos(d.NamePos)
		if _, isFunc := s.st.globals[name].(*starlark.Function); isFunc {
			if want := suggest.Within(name, callbackNames, 2); want != "" {
				return op.Errorf(pos, "function %q is not a callback (did you mean %q?)", name, want)
			}
			continue
		}
		if want := suggest.Within(name, settingNames, 2); want != "" {
			return op.Errorf(pos, "unknown setting %q (did you mean %q?)", name, want)
		}
	}
	return nil
}

// topLevelNames returns the identifiers that def statements and
// assignments bind at the top level of f (also inside top-level if and
// for statements), in file order, and how many times each name is used
// elsewhere in the file.
func topLevelNames(f *syntax.File) (defs []*syntax.Ident, uses map[string]int) {
	bound := map[*syntax.Ident]bool{}
	var bindStmts func([]syntax.Stmt)
	var bindLHS func(syntax.Expr)
	bindLHS = func(e syntax.Expr) {
		switch e := e.(type) {
		case *syntax.Ident:
			defs = append(defs, e)
			bound[e] = true
		case *syntax.TupleExpr:
			for _, x := range e.List {
				bindLHS(x)
			}
		case *syntax.ListExpr:
			for _, x := range e.List {
				bindLHS(x)
			}
		case *syntax.ParenExpr:
			bindLHS(e.X)
		}
	}
	bindStmts = func(stmts []syntax.Stmt) {
		for _, st := range stmts {
			switch st := st.(type) {
			case *syntax.DefStmt:
				defs = append(defs, st.Name)
				bound[st.Name] = true
			case *syntax.AssignStmt:
				if st.Op == syntax.EQ {
					bindLHS(st.LHS)
				}
			case *syntax.IfStmt:
				bindStmts(st.True)
				bindStmts(st.False)
			case *syntax.ForStmt:
				bindStmts(st.Body)
			case *syntax.WhileStmt:
				bindStmts(st.Body)
			}
		}
	}
	bindStmts(f.Stmts)
	uses = map[string]int{}
	syntax.Walk(f, func(n syntax.Node) bool {
		if id, ok := n.(*syntax.Ident); ok && !bound[id] {
			uses[id.Name]++
		}
		return true
	})
	return defs, uses
}

// parseError converts an error of parsing src. Starlark reserves Python's
// keywords, so modify(..., from = "string") fails with the parser's bare
// "got from, want primary expression"; when from or with is written as a
// keyword argument, a detail says how lark spells the option.
func (s *Script) parseError(ctx context.Context, err error, src []byte) error {
	e := s.toError(ctx, err)
	var se syntax.Error
	oe, ok := e.(*op.Error)
	if !ok || !errors.As(err, &se) {
		return e
	}
	for _, kw := range []string{"from", "with"} {
		if se.Msg == "got "+kw+", want primary expression" && keywordArgAt(src, se.Pos, kw) {
			oe.WithDetail("lark spells this option %s_", kw)
		}
	}
	return oe
}

// keywordArgAt reports whether kw at pos in src is written as a keyword
// argument: after "(" or ",", and followed by "=" (not "==").
func keywordArgAt(src []byte, pos syntax.Position, kw string) bool {
	off := 0
	for line := int32(1); line < pos.Line; line++ {
		i := strings.IndexByte(string(src[off:]), '\n')
		if i < 0 {
			return false
		}
		off += i + 1
	}
	for col := int32(1); col < pos.Col && off < len(src); col++ { // Col counts runes
		_, n := utf8.DecodeRune(src[off:])
		off += n
	}
	text := string(src)
	if !strings.HasPrefix(text[off:], kw) {
		return false
	}
	after := strings.TrimLeft(text[off+len(kw):], " \t")
	before := strings.TrimRight(text[:off], " \t\r\n")
	return strings.HasPrefix(after, "=") && !strings.HasPrefix(after, "==") &&
		(strings.HasSuffix(before, "(") || strings.HasSuffix(before, ","))
}
