package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/larkdb/lark/internal/testdb"
)

// databases are the two kinds a test runs on.
var databases = testdb.Kinds

// itemsMigration is the first migration of the data tests: a table items
// (id, n) filled with rows rows of n = 0.
func itemsMigration(rows int) string {
	return fmt.Sprintf(`def change():
    create_table("items", add("n", "integer", null = False, default = 0))
    flush()
    exec("""WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %d)
        INSERT INTO items (n) SELECT 0 FROM c""")
`, rows)
}

// writeFiles writes each name: body of files into dir.
func writeFiles(t *testing.T, dir string, files map[string]string) {
	t.Helper()
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
}
