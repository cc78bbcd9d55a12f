package schema_test

import (
	"context"
	"database/sql"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/larkdb/lark/internal/schema"
	"github.com/larkdb/lark/internal/testdb"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata/")

// open returns a fresh database of the dialect.
func open(t *testing.T, dialect string) *sql.DB {
	t.Helper()
	if dialect == "postgres" {
		db, _ := testdb.OpenPostgres(t)
		return db
	}
	db, _ := testdb.OpenSQLite(t)
	return db
}

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

func golden(t *testing.T, path, got string) {
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
		t.Errorf("snapshot differs from %s (run with -update to accept)\n--- got\n%s\n--- want\n%s", path, got, want)
	}
}

// TestSnapshotGolden reads a schema that uses every feature the snapshot
// describes and compares its rendering with a golden file.
func TestSnapshotGolden(t *testing.T) {
	t.Parallel()
	for _, dialect := range []string{"postgres", "sqlite"} {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := open(t, dialect)
			execScript(t, db, filepath.Join("testdata", dialect+".sql"))
			s, err := schema.Snapshot(ctx, db, dialect, "")
			if err != nil {
				t.Fatal(err)
			}
			golden(t, filepath.Join("testdata", dialect+".schema"), s.String())
			if s.Table("schema_migrations") != nil {
				t.Errorf("the versions table is in the snapshot")
			}
			// The versions table is there when asked for.
			all, err := schema.Snapshot(ctx, db, dialect, "", schema.VersionsTable(""))
			if err != nil {
				t.Fatal(err)
			}
			if all.Table("schema_migrations") == nil {
				t.Errorf("VersionsTable(\"\") left out schema_migrations")
			}
		})
	}
}

// TestSnapshotIgnoresCreationOrder builds the same schema in two orders and
// requires equal snapshots: what a revert round trip relies on.
func TestSnapshotIgnoresCreationOrder(t *testing.T) {
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
	for _, dialect := range []string{"postgres", "sqlite"} {
		t.Run(dialect, func(t *testing.T) {
			t.Parallel()
			var got []string
			for _, stmts := range orders {
				db := open(t, dialect)
				for _, q := range stmts {
					if _, err := db.ExecContext(context.Background(), q); err != nil {
						t.Fatalf("%s: %v", q, err)
					}
				}
				s, err := schema.Snapshot(context.Background(), db, dialect, "")
				if err != nil {
					t.Fatal(err)
				}
				got = append(got, s.String())
			}
			if got[0] != got[1] {
				t.Errorf("snapshots differ:\n%s\n---\n%s", got[0], got[1])
			}
		})
	}
}

func TestSnapshotEmptyAndErrors(t *testing.T) {
	t.Parallel()
	db := open(t, "sqlite")
	s, err := schema.Snapshot(context.Background(), db, "sqlite", "")
	if err != nil {
		t.Fatal(err)
	}
	if got := s.String(); got != "(no tables)\n" {
		t.Errorf("empty schema renders as %q", got)
	}
	if _, err := schema.Snapshot(context.Background(), db, "mysql", ""); err == nil ||
		!strings.Contains(err.Error(), `unknown dialect "mysql"`) {
		t.Errorf("unknown dialect: got %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if _, err := schema.Snapshot(ctx, db, "sqlite", ""); err == nil {
		t.Errorf("a cancelled context did not stop the snapshot")
	}
}
