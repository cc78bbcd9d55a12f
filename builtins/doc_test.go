package builtins

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"regexp"
	"sort"
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
		if s.Doc == "" || s.Example == "" || s.Group == "" || !strings.HasPrefix(s.Signature, s.Name+"(") {
			t.Errorf("%s: incomplete spec", s.Name)
		}
	}
	for _, name := range Names() {
		if !seen[name] && name != "json" && name != "math" && name != "time" {
			t.Errorf("%s is registered but not documented", name)
		}
	}
}

// TestSignaturesMatch checks that each documented signature lists exactly
// the options the builtin accepts, by asking each builtin for its valid
// options with a misspelt one.
func TestSignaturesMatch(t *testing.T) {
	t.Parallel()
	paramRE := regexp.MustCompile(`[(,]\s*(\*?[a-z_]+)`)
	for _, s := range Specs() {
		var doc []string
		for _, m := range paramRE.FindAllStringSubmatch(s.Signature, -1) {
			if !strings.HasPrefix(m[1], "*") {
				doc = append(doc, m[1])
			}
		}
		src := "def change():\n    " + s.Name + "(\"x\", zzz_bogus = 1)\n"
		_, err := eval(t, src, "change", "up", nil)
		msg := errOf(err)
		i := strings.Index(msg, "valid options: ")
		var got []string
		if i >= 0 {
			got = strings.Split(msg[i+len("valid options: "):], ", ")
		} else if !strings.Contains(msg, "unknown option") {
			t.Errorf("%s: unexpected error %q", s.Name, msg)
			continue
		}
		sort.Strings(doc)
		sort.Strings(got)
		if strings.Join(doc, ",") != strings.Join(got, ",") {
			t.Errorf("%s: documented %v, accepts %v", s.Name, doc, got)
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
