package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"sync"
	"testing"

	"github.com/larkdb/lark/internal/testdb"
)

var larkBin struct {
	once sync.Once
	path string
	err  error
	out  []byte
}

// larkBinary builds the lark command once per test run, for tests that need
// it as a real process (SIGKILL, a terminal), and returns its path.
func larkBinary(t *testing.T) string {
	t.Helper()
	if testing.Short() {
		t.Skip("builds the lark binary")
	}
	larkBin.once.Do(func() {
		dir, err := os.MkdirTemp("", "lark-bin-")
		if err != nil {
			larkBin.err = err
			return
		}
		larkBin.path = filepath.Join(dir, "lark")
		larkBin.out, larkBin.err = exec.Command("go", "build", "-o", larkBin.path, ".").CombinedOutput()
	})
	if larkBin.err != nil {
		t.Fatalf("build lark: %v\n%s", larkBin.err, larkBin.out)
	}
	return larkBin.path
}

// cleanupBinary runs the tests (with the test databases testdb.Run
// manages), then removes the binary [larkBinary] built.
type cleanupBinary struct{ m *testing.M }

func (c cleanupBinary) Run() int {
	code := testdb.Run(c.m)
	if larkBin.path != "" {
		os.RemoveAll(filepath.Dir(larkBin.path))
	}
	return code
}
