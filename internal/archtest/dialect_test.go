package archtest

import (
	"go/ast"
	"go/parser"
	"go/token"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// Everything database-specific lives in dialect/<db> (issue 11): the
// packages that run migrations hold no comparison of dialect names and no
// SQL text of their own; they ask the dialect.

// dialectFree are the packages (directories from the module root) that
// must not know any database by name or write SQL.
var dialectFree = []string{"engine", "engine/eval", "engine/apply", "watch", "cmd/lark", "connect", "scripts", "op"}

// traitsOnly are packages that may hold SQL text (builtins' docs and
// examples show it) but must not branch on a dialect's name either: what
// they need to know of the database comes as traits.
var traitsOnly = []string{"builtins"}

// dialectNames are the names a comparison must not test for.
var dialectNames = map[string]bool{"postgres": true, "postgresql": true, "sqlite": true, "sqlite3": true}

// sqlStarts are the first words of SQL statements.
var sqlStarts = []string{"SELECT", "INSERT", "UPDATE", "DELETE", "CREATE", "ALTER", "DROP", "BEGIN", "COMMIT",
	"ROLLBACK", "PRAGMA", "SET", "RESET", "EXPLAIN", "DECLARE", "FETCH", "CLOSE", "WITH", "VACUUM", "TRUNCATE"}

func TestNoDialectKnowledgeOutsideDialect(t *testing.T) {
	for _, dir := range traitsOnly {
		inspectDir(t, dir, func(pos token.Position, n ast.Node) {
			if s, ok := comparedName(n); ok {
				t.Errorf("%s: compares with the dialect name %q; take a trait from the dialect's Capabilities instead", pos, s)
			}
		})
	}
	for _, dir := range dialectFree {
		inspectDir(t, dir, func(pos token.Position, n ast.Node) {
			if s, ok := comparedName(n); ok {
				t.Errorf("%s: compares with the dialect name %q; ask the dialect (a method or Capabilities) instead", pos, s)
			}
			if b, ok := n.(*ast.BinaryExpr); ok && (b.Op == token.EQL || b.Op == token.NEQ) && (isNameCall(b.X) || isNameCall(b.Y)) {
				t.Errorf("%s: compares a Name(); ask the dialect (a method or Capabilities) instead", pos)
			}
			if s, ok := stringLit(n); ok && startsSQL(s) {
				t.Errorf("%s: SQL text %q outside dialect/; let the dialect write it", pos, s)
			}
		})
	}
}

// inspectDir calls check with every node of the package in dir (its
// non-test files).
func inspectDir(t *testing.T, dir string, check func(token.Position, ast.Node)) {
	t.Helper()
	for _, file := range goFiles(t, filepath.Join("..", "..", dir)) {
		fset := token.NewFileSet()
		f, err := parser.ParseFile(fset, file, nil, 0)
		if err != nil {
			t.Fatal(err)
		}
		ast.Inspect(f, func(n ast.Node) bool {
			if n != nil {
				check(fset.Position(n.Pos()), n)
			}
			return true
		})
	}
}

// comparedName returns the dialect name n compares with (== or !=), if any.
func comparedName(n ast.Node) (string, bool) {
	b, ok := n.(*ast.BinaryExpr)
	if !ok || b.Op != token.EQL && b.Op != token.NEQ {
		return "", false
	}
	for _, side := range []ast.Expr{b.X, b.Y} {
		if s, ok := stringLit(side); ok && dialectNames[s] {
			return s, true
		}
	}
	return "", false
}

// TestTheCheckSeesViolations keeps TestNoDialectKnowledgeOutsideDialect
// honest: it must recognise each thing it forbids.
func TestTheCheckSeesViolations(t *testing.T) {
	for _, s := range []string{"SELECT 1", "BEGIN", "COMMIT", "PRAGMA busy_timeout", "SET LOCAL lock_timeout = 1"} {
		if !startsSQL(s) {
			t.Errorf("startsSQL(%q) = false", s)
		}
	}
	for _, s := range []string{"select a column", "Settings", "BEGINNING", "create versions table %s"} {
		if startsSQL(s) {
			t.Errorf("startsSQL(%q) = true", s)
		}
	}
	e, err := parser.ParseExpr(`d.Name() == "sqlite"`)
	if err != nil {
		t.Fatal(err)
	}
	b := e.(*ast.BinaryExpr)
	if s, ok := comparedName(b); !ok || !dialectNames[s] || !isNameCall(b.X) {
		t.Errorf("the check does not see %q", `d.Name() == "sqlite"`)
	}
}

func goFiles(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range entries {
		if n := e.Name(); strings.HasSuffix(n, ".go") && !strings.HasSuffix(n, "_test.go") {
			out = append(out, filepath.Join(dir, n))
		}
	}
	if len(out) == 0 {
		t.Fatalf("no Go files in %s", dir)
	}
	return out
}

func stringLit(e ast.Node) (string, bool) {
	lit, ok := e.(*ast.BasicLit)
	if !ok || lit.Kind != token.STRING {
		return "", false
	}
	s, err := strconv.Unquote(lit.Value)
	return s, err == nil
}

func isNameCall(e ast.Expr) bool {
	call, ok := e.(*ast.CallExpr)
	if !ok || len(call.Args) != 0 {
		return false
	}
	sel, ok := call.Fun.(*ast.SelectorExpr)
	return ok && sel.Sel.Name == "Name"
}

func startsSQL(s string) bool {
	s = strings.TrimSpace(s)
	for _, kw := range sqlStarts {
		if s == kw || strings.HasPrefix(s, kw+" ") || strings.HasPrefix(s, kw+"\n") {
			return true
		}
	}
	return false
}
