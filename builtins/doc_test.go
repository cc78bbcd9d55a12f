package builtins

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"
)

var update = flag.Bool("update", false, "rewrite docs/language.md")

const docPath = "../docs/language.md"

// TestLanguageDoc checks that docs/language.md is what the specs generate;
// -update rewrites it.
func TestLanguageDoc(t *testing.T) {
	t.Parallel()
	got := LanguageDoc()
	if *update {
		if err := os.WriteFile(filepath.FromSlash(docPath), got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(filepath.FromSlash(docPath))
	if err != nil {
		t.Fatalf("%v (run go test ./builtins -run TestLanguageDoc -update)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("docs/language.md is stale; run go test ./builtins -run TestLanguageDoc -update")
	}
}

// TestEveryBuiltinDocumented checks that every predeclared name is a
// documented spec (or a module) and that names are unique.
func TestEveryBuiltinDocumented(t *testing.T) {
	t.Parallel()
	seen := map[string]bool{}
	for _, s := range Specs() {
		if seen[s.Name] {
			t.Errorf("%s is specified twice", s.Name)
		}
		seen[s.Name] = true
		if s.Doc == "" || s.Example == "" || s.Group == "" || !strings.HasPrefix(s.Signature(), s.Name+"(") {
			t.Errorf("%s: incomplete spec", s.Name)
		}
	}
	for _, name := range Names() {
		if !seen[name] && name != "json" && name != "math" && name != "time" {
			t.Errorf("%s is registered but not documented", name)
		}
	}
}

// TestSignatures checks that each rendered signature is a Starlark
// function header (parameters in a valid order, each once) naming the
// parameters of its spec, and that a misspelt option is answered with
// exactly the options the spec declares.
func TestSignatures(t *testing.T) {
	t.Parallel()
	for _, s := range Specs() {
		src := "def " + strings.ReplaceAll(s.Signature(), "<none>", "None") + ":\n    pass\n"
		f, err := (&syntax.FileOptions{}).Parse("sig.star", src, 0)
		if err != nil {
			t.Errorf("%s: signature does not parse: %v", s.Name, err)
			continue
		}
		def := f.Stmts[0].(*syntax.DefStmt)
		var names []string
		for _, p := range def.Params {
			switch p := p.(type) {
			case *syntax.Ident:
				names = append(names, p.Name)
			case *syntax.BinaryExpr:
				names = append(names, p.X.(*syntax.Ident).Name)
			case *syntax.UnaryExpr:
				names = append(names, "*"+p.X.(*syntax.Ident).Name)
			}
		}
		var want []string
		for _, p := range s.Params {
			want = append(want, p.display())
		}
		if strings.Join(names, ",") != strings.Join(want, ",") {
			t.Errorf("%s: signature names %v, spec %v", s.Name, names, want)
		}

		_, err = eval(t, "def change():\n    "+s.Name+"(\"x\", zzz_bogus = 1)\n", "change", "up", nil)
		msg := errOf(err)
		wantMsg := "valid options: " + strings.Join(options(s.Params), ", ")
		if len(options(s.Params)) == 0 {
			wantMsg = s.Name + "() takes no options"
		}
		if !strings.Contains(msg, "unknown option \"zzz_bogus\"") || !strings.HasSuffix(msg, wantMsg) {
			t.Errorf("%s: got %q, want it to end %q", s.Name, msg, wantMsg)
		}
	}
}

// TestExamples evaluates every documented example, in both directions of
// each callback it defines.
func TestExamples(t *testing.T) {
	t.Parallel()
	for _, s := range Specs() {
		t.Run(s.Name, func(t *testing.T) {
			t.Parallel()
			thread := &starlark.Thread{}
			globals, err := starlark.ExecFileOptions(&syntax.FileOptions{}, thread, "example.star", s.Example, Predeclared())
			if err != nil {
				t.Fatal(err)
			}
			ran := 0
			for _, fn := range []string{"change", "up", "down"} {
				if _, ok := globals[fn]; ok {
					ran++
					if _, err := eval(t, s.Example, fn, "up", nil); err != nil {
						t.Errorf("%s(): %s", fn, errOf(err))
					}
				}
			}
			if ran == 0 {
				t.Errorf("example defines no callback")
			}
		})
	}
}

// TestSpecsFitArgs checks that no builtin has more parameters than args
// can track (a bit each in args.read).
func TestSpecsFitArgs(t *testing.T) {
	for _, s := range Specs() {
		if len(s.Params) >= 64 {
			t.Errorf("%s has %d parameters; args.read holds 63", s.Name, len(s.Params))
		}
	}
}
