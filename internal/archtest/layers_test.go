// Package archtest checks the package layering of DESIGN.md: data flows one
// way, and the shared op package is the only thing builtins and dialects
// have in common.
package archtest

import (
	"os/exec"
	"strings"
	"testing"
)

const module = "github.com/larkdb/lark"

// forbidden lists, per package pattern, the lark packages it must not
// depend on (directly or not).
var forbidden = []struct {
	pkg    string
	denied []string
}{
	{"op", []string{"builtins", "dialect", "engine", "scripts", "watch", "cmd"}},
	{"builtins", []string{"dialect", "engine", "scripts", "watch", "cmd"}},
	{"dialect", []string{"builtins", "engine", "scripts", "watch", "cmd"}},
	{"dialect/postgres", []string{"builtins", "engine", "scripts", "watch", "cmd", "dialect/sqlite"}},
	{"dialect/sqlite", []string{"builtins", "engine", "scripts", "watch", "cmd", "dialect/postgres"}},
	{"scripts", []string{"builtins", "dialect", "engine", "watch", "cmd"}},
	{"engine", []string{"dialect/postgres", "dialect/sqlite", "watch", "cmd"}},
	// eval hosts scripts and knows no database; apply runs ops on one
	// through the dialect interface and knows nothing of the migrator.
	{"engine/eval", []string{"dialect", "engine/apply", "scripts", "watch", "cmd", "connect"}},
	{"engine/apply", []string{"dialect/postgres", "dialect/sqlite", "engine/eval", "scripts", "watch", "cmd", "connect"}},
}

func deps(t *testing.T, pkg string) []string {
	t.Helper()
	out, err := exec.Command("go", "list", "-deps", module+"/"+pkg).Output()
	if err != nil {
		if ee, ok := err.(*exec.ExitError); ok && strings.Contains(string(ee.Stderr), "no Go files") {
			return nil
		}
		t.Fatalf("go list -deps %s: %v", pkg, err)
	}
	return strings.Fields(string(out))
}

func TestLayering(t *testing.T) {
	t.Parallel()
	for _, f := range forbidden {
		for _, d := range deps(t, f.pkg) {
			for _, denied := range f.denied {
				full := module + "/" + denied
				if d == full || strings.HasPrefix(d, full+"/") {
					t.Errorf("%s depends on %s; DESIGN.md's layering forbids it", f.pkg, d)
				}
			}
		}
	}
}

// TestSchemaModelDependsOnOpOnly keeps the typed schema model, which every
// dialect imports, below them all: of lark it may use package op only.
func TestSchemaModelDependsOnOpOnly(t *testing.T) {
	for _, d := range deps(t, "dialect/schema") {
		if strings.HasPrefix(d, module+"/") && d != module+"/dialect/schema" && d != module+"/op" {
			t.Errorf("dialect/schema depends on %s; it may use the standard library and op only", d)
		}
		if strings.Contains(d, ".") && !strings.HasPrefix(d, module+"/") {
			t.Errorf("dialect/schema depends on %s; it may use the standard library and op only", d)
		}
	}
}

// TestOpIsStdlibOnly keeps the bottom package free of third-party code.
func TestOpIsStdlibOnly(t *testing.T) {
	t.Parallel()
	for _, d := range deps(t, "op") {
		if strings.Contains(d, ".") && !strings.HasPrefix(d, module+"/op") {
			t.Errorf("op depends on %s; it must use the standard library only", d)
		}
	}
}
