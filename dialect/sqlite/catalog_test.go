package sqlite

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/larkdb/lark/dialect/schema"
	"github.com/larkdb/lark/internal/testdb"
)

// execScript runs the ;-separated statements of a file one by one.
func execScript(t *testing.T, db *sql.DB, path string) {
	t.Helper()
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	for _, stmt := range strings.Split(string(src), ";\n") {
		if strings.TrimSpace(stmt) == "" {
			continue
		}
		if _, err := db.ExecContext(context.Background(), stmt); err != nil {
			t.Fatalf("%s: %v\n%s", path, err, stmt)
		}
	}
}

// goldenFile compares got with the file at path, rewriting it under -update.
func goldenFile(t *testing.T, path, got string) {
	t.Helper()
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run with -update to create it)", err)
	}
	if got != string(want) {
		t.Errorf("schema differs from %s (run with -update to accept)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestReadSchemaGolden reads a schema that uses every feature the model
// describes and compares its rendering with a golden file.
func TestReadSchemaGolden(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := testdb.OpenSQLite(t)
	execScript(t, db, filepath.Join("testdata", "catalog.sql"))
	s, err := Runtime{}.ReadSchema(ctx, db, "")
	if err != nil {
		t.Fatal(err)
	}
	goldenFile(t, filepath.Join("testdata", "catalog.schema"), s.String())
	if s.Table("schema_migrations") != nil {
		t.Errorf("the versions table is in the schema")
	}
	// The versions table is there when asked for.
	all, err := Runtime{}.ReadSchema(ctx, db, "", schema.VersionsTable(""))
	if err != nil {
		t.Fatal(err)
	}
	if all.Table("schema_migrations") == nil {
		t.Errorf("VersionsTable(\"\") left out schema_migrations")
	}
}

// TestReadSchemaIgnoresCreationOrder builds the same schema in two orders
// and requires equal readings: what a revert round trip relies on.
func TestReadSchemaIgnoresCreationOrder(t *testing.T) {
	t.Parallel()
	orders := [][]string{
		{
			`CREATE TABLE b (id integer PRIMARY KEY, x integer, y integer)`,
			`CREATE TABLE a (id integer PRIMARY KEY, b_id integer REFERENCES b (id))`,
			`CREATE INDEX b_x ON b (x)`,
			`CREATE INDEX b_y ON b (y)`,
		},
		{
			`CREATE TABLE b (id integer PRIMARY KEY, y integer)`,
			`CREATE INDEX b_y ON b (y)`,
			`ALTER TABLE b ADD COLUMN x integer`,
			`CREATE INDEX b_x ON b (x)`,
			`CREATE TABLE a (id integer PRIMARY KEY, b_id integer REFERENCES b (id))`,
		},
	}
	var got []string
	for _, stmts := range orders {
		db, _ := testdb.OpenSQLite(t)
		execAll(t, db, stmts)
		s, err := Runtime{}.ReadSchema(context.Background(), db, "")
		if err != nil {
			t.Fatal(err)
		}
		got = append(got, s.String())
	}
	if got[0] != got[1] {
		t.Errorf("readings differ:\n%s\n---\n%s", got[0], got[1])
	}
}

func TestReadSchemaEmptyAndCancelled(t *testing.T) {
	t.Parallel()
	db, _ := testdb.OpenSQLite(t)
	s, err := Runtime{}.ReadSchema(context.Background(), db, "")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.String(); got != "(no tables)\n" {
		t.Errorf("empty schema renders as %q", got)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := (Runtime{}).ReadSchema(ctx, db, ""); err == nil {
		t.Errorf("a cancelled context did not stop the read")
	}
}
