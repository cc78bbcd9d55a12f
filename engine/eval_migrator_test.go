package engine_test

import (
	"bytes"
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/internal/testdb"
)

// TestConcurrentlyInTransactionOnPostgres checks, on a real PostgreSQL,
// that index(..., concurrently=True) in a migration that runs in a
// transaction is reported at the call before anything of the migration
// runs, and that the same migration with disable_ddl_transaction = True
// builds the index.
func TestConcurrentlyInTransactionOnPostgres(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, d := open(t, testdb.Postgres(t))
	fsys := fstest.MapFS{
		"1_users.star": src("def change():\n    create_table(\"users\", add(\"email\", \"string\"))\n"),
		"2_index.star": src("def change():\n    create_table(\"audit\")\n    index(\"users\", [\"email\"], concurrently = True)\n"),
	}
	m, err := engine.NewMigrator(db, d, fsys)
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Up(ctx, engine.Target{})
	want := "2_index.star:3:10: index: concurrently=True needs disable_ddl_transaction = True (PostgreSQL cannot build an index concurrently inside a transaction); also set disable_migration_lock = True if other runners may wait on the lock"
	if err == nil || err.Error() != want {
		t.Fatalf("Up: err = %v\nwant %s", err, want)
	}
	if n := count(t, db, "SELECT count(*) FROM schema_migrations"); n != 1 {
		t.Errorf("%d versions recorded, want 1", n)
	}
	if n := count(t, db, "SELECT count(*) FROM pg_tables WHERE tablename = 'audit'"); n != 0 {
		t.Errorf("the failed migration created its table")
	}

	fsys["2_index.star"] = src("disable_ddl_transaction = True\n\n" + string(fsys["2_index.star"].Data))
	if _, err := m.Up(ctx, engine.Target{}); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, "SELECT count(*) FROM pg_indexes WHERE indexname = 'users_email_index'"); n != 1 {
		t.Errorf("the index was not built")
	}
}

// TestTypeTypoNothingRuns checks on both databases that a misspelt column
// type stops a migration outside a transaction before its first op runs:
// no table, no partial version row.
func TestTypeTypoNothingRuns(t *testing.T) {
	t.Parallel()
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, d := open(t, dbk.URL(t))
			fsys := fstest.MapFS{"1_t.star": src(`disable_ddl_transaction = True

def up():
    create_table("first")
    flush()
    create_table("second", add("a", "strng"))

def down():
    pass
`)}
			m, err := engine.NewMigrator(db, d, fsys)
			if err != nil {
				t.Fatal(err)
			}
			_, err = m.Up(ctx, engine.Target{})
			if err == nil || !strings.HasPrefix(err.Error(), `1_t.star:6:31: add: unknown column type "strng" (did you mean "string"?)`) {
				t.Fatalf("Up: err = %v", err)
			}
			if n := count(t, db, "SELECT count(*) FROM schema_migrations"); n != 0 {
				t.Errorf("%d versions recorded", n)
			}
			_, err = db.ExecContext(ctx, "SELECT 1 FROM first")
			if err == nil {
				t.Errorf("table first was created")
			}
		})
	}
}

// TestWithPrint checks that print() reaches the migrator's WithPrint
// writer once per call while migrations run, on both databases: SQLite
// records a migration before running it (to foresee a table rebuild) and
// an up()/down() migration has its down() recorded when it is applied,
// and neither recording prints. A rollback that replays a stored log
// (1_t's change()) runs no script and prints nothing; one that runs down()
// (2_u's, since its up() changed data) prints.
func TestWithPrint(t *testing.T) {
	t.Parallel()
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, d := open(t, dbk.URL(t))
			fsys := fstest.MapFS{
				"1_t.star": src("def change():\n    print(\"creating\", direction())\n    create_table(\"t\", add(\"a\", \"string\"))\n"),
				"2_u.star": src(`def up():
    print("up")
    exec("INSERT INTO t (a) VALUES ('x')")

def down():
    print("down", exec("DELETE FROM t"))
`),
			}
			var out bytes.Buffer
			m, err := engine.NewMigrator(db, d, fsys, engine.WithPrint(&out))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := m.Up(ctx, engine.Target{}); err != nil {
				t.Fatal(err)
			}
			if _, err := m.Down(ctx, engine.Target{All: true}); err != nil {
				t.Fatal(err)
			}
			want := "1_t.star:2: creating up\n2_u.star:2: up\n2_u.star:6: down 1\n"
			if out.String() != want {
				t.Errorf("printed:\n%s\nwant:\n%s", out.String(), want)
			}
		})
	}
}
