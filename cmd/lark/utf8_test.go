package main

import (
	"bytes"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/larkdb/lark/internal/testdb"
)

// TestNotUTF8 runs lark up on a migration saved in Latin-1, on both
// databases: it fails at the first byte that is not UTF-8 (line and column
// counted as Starlark counts them), before the migration or any after it
// runs, instead of naming a table "t\xe9t" (issue 10 §1). A helper
// loaded with load() is checked the same way.
func TestNotUTF8(t *testing.T) {
	t.Parallel()
	for _, dbk := range testdb.Kinds {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			dir := t.TempDir()
			url := dbk.URL(t)
			write := func(name, body string) {
				t.Helper()
				if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			lark := func(args ...string) (int, string, string) {
				var stdout, stderr bytes.Buffer
				code := run(append([]string{"--database", url, "--dir", dir}, args...), &stdout, &stderr)
				return code, stdout.String(), stderr.String()
			}
			write("1_ok.star", "def change():\n    create_table(\"ok\", add(\"a\", \"text\"))\n")
			// "é" in UTF-8 before the bad byte: the column counts it once.
			write("2_latin1.star", "# café\ndef change():\n    create_table(\"t\xe9t\", add(\"a\", \"text\"))\n")
			write("3_later.star", "def change():\n    create_table(\"later\", add(\"a\", \"text\"))\n")

			code, stdout, stderr := lark("up")
			want := filepath.Join(dir, "2_latin1.star") + ":3:20: byte 0xe9 is not UTF-8: save the file as UTF-8"
			if code != exitFailure || !strings.HasPrefix(stderr, want) {
				t.Fatalf("up: exit %d, stderr %q; want exit 1 and %q", code, stderr, want)
			}
			if strings.Contains(stdout, "3_later") {
				t.Errorf("a migration after the broken one ran:\n%s", stdout)
			}
			_, stdout, _ = lark("status")
			for _, line := range []string{"pending +2 +latin1", "pending +3 +later"} {
				if !regexp.MustCompile("(?m)^" + line).MatchString(stdout) {
					t.Errorf("status does not say %q:\n%s", line, stdout)
				}
			}

			// The same byte in a helper that the migration loads.
			write("2_latin1.star", "load(\"helper.star\", \"name\")\ndef change():\n    create_table(name, add(\"a\", \"text\"))\n")
			write("helper.star", "name = \"t\xe9t\"\n")
			code, _, stderr = lark("up")
			want = filepath.Join(dir, "helper.star") + ":1:10: byte 0xe9 is not UTF-8"
			if code != exitFailure || !strings.Contains(stderr, want) {
				t.Errorf("up with the helper: exit %d, stderr %q; want %q", code, stderr, want)
			}
		})
	}
}
