package engine_test

import (
	"context"
	"errors"
	"strings"
	"testing"

	"github.com/larkdb/lark/engine"
)

// The tests of this file run SQLite table rebuilds through the migrator:
// what a user sees from `lark up` and `lark down` when a rebuild breaks a
// reference, fails outside a transaction, or round-trips a default.

const (
	sqliteSchema = `SELECT group_concat(type || ' ' || name || ': ' || sql, char(10)) FROM (SELECT * FROM sqlite_master WHERE sql IS NOT NULL ORDER BY type, name)`
	kidRows      = `SELECT group_concat(id || ':' || ifnull(parent_id, 'NULL') || ':' || ifnull(note, 'NULL'), ',') FROM (SELECT * FROM kids ORDER BY id)`
	parentRows   = `SELECT group_concat(id || ':' || ifnull(name, 'NULL') || ':' || ifnull(score, 'NULL'), ',') FROM (SELECT * FROM parents ORDER BY id)`
)

// TestMigratorForeignKeyCheckNamesFile: a migration that rebuilds a table
// runs with foreign keys off and checks them all before COMMIT. When a
// rebuild points kids at a table none of their parent ids are in, the
// check fails, and the error the user sees names the migration's file
// first (the check covers the whole migration, so no single line is to
// blame) and lists the rows. In a transaction nothing is left behind;
// with disable_ddl_transaction the ops have committed one by one, the
// error says so too, and --continue checks again once the rows are fixed.
func TestMigratorForeignKeyCheckNamesFile(t *testing.T) {
	t.Parallel()
	const breaking = `
def change():
    create_table("others", add("name", "text"))
    alter("kids", modify("parent_id", references("others"), from_ = references("parents", on_delete = "delete_all")))
`
	for _, c := range []struct {
		name, settings string
		// want are fragments of Up's error.
		want []string
		// committed is whether the rebuild stays applied.
		committed bool
	}{
		{name: "transaction", want: []string{
			"3_third.star: foreign key check failed at the end of the migration: 3 row(s) reference missing parent rows",
			`table "kids" rowid 1: ("parent_id") points at no row of "others"`,
		}},
		{name: "disable_ddl_transaction", settings: "disable_ddl_transaction = True\n", committed: true, want: []string{
			"3_third.star: foreign key check failed at the end of the migration: 3 row(s)",
			"3_third.star failed part-way outside a transaction: 2 operations ran and are recorded",
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, mk := openOneConn(t)
			m := mk(familyMigrations(c.settings + breaking))
			if _, err := m.Up(ctx, engine.Target{Step: 2}); err != nil {
				t.Fatalf("up: %v", err)
			}
			schema, kids := strOf(t, db, sqliteSchema), strOf(t, db, kidRows)
			_, err := m.Up(ctx, engine.Target{})
			if err == nil {
				t.Fatal("up succeeded; want the foreign key check to fail")
			}
			for _, w := range c.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error does not contain %q:\n%v", w, err)
				}
			}
			if !strings.HasPrefix(err.Error(), "3_third.star: ") {
				t.Errorf("error does not start with the file:\n%v", err)
			}
			if !foreignKeysOn(t, db) {
				t.Errorf("foreign keys are off after the failed migration")
			}
			if got := strOf(t, db, kidRows); got != kids {
				t.Errorf("kids changed: %s, want %s", got, kids)
			}
			if got := strOf(t, db, sqliteSchema); (got != schema) != c.committed {
				t.Errorf("schema changed: %v, want %v:\n%s", got != schema, c.committed, got)
			}
			if !c.committed {
				return
			}
			// Every op ran and is recorded: once the rows are fixed,
			// --continue checks again and finishes the migration.
			if _, err := m.Up(ctx, engine.Target{Continue: true}); err == nil {
				t.Fatal("up --continue succeeded before the rows were fixed")
			}
			if _, err := db.ExecContext(ctx, `INSERT INTO others (id) VALUES (1), (2)`); err != nil {
				t.Fatal(err)
			}
			if _, err := m.Up(ctx, engine.Target{Continue: true}); err != nil {
				t.Fatalf("up --continue after fixing the rows: %v", err)
			}
			if n := count(t, db, `SELECT count(*) FROM schema_migrations WHERE state IS NULL`); n != 3 {
				t.Errorf("%d migrations applied, want 3", n)
			}
		})
	}
}

// TestMigratorRebuildWithoutDDLTransaction: under disable_ddl_transaction
// each op commits in a transaction of its own with its progress record,
// and a table rebuild is one op, so a rebuild whose copy fails (NOT NULL on
// a column with NULLs) rolls back as a whole: the table, its rows and its
// schema are as the op before it left them, no temporary table is left,
// and the error names the rows; the op before it stays applied and
// recorded.
func TestMigratorRebuildWithoutDDLTransaction(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, mk := openOneConn(t)
	m := mk(familyMigrations(`disable_ddl_transaction = True
def change():
    alter("parents", add("extra", "text"))
    alter("parents", modify("name", "string", null = False, from_ = "string"))
`))
	if _, err := m.Up(ctx, engine.Target{Step: 2}); err != nil {
		t.Fatalf("up: %v", err)
	}
	parents, kids := strOf(t, db, parentRows), strOf(t, db, kidRows)
	_, err := m.Up(ctx, engine.Target{})
	var pe *engine.PartialError
	if !errors.As(err, &pe) || pe.Ops != 1 {
		t.Fatalf("up: %v; want a PartialError after 1 op", err)
	}
	for _, w := range []string{"3_third.star:4:", "NOT NULL constraint failed", `rows of "parents" where "name" IS NULL (first 5, by rowid): 2`} {
		if !strings.Contains(err.Error(), w) {
			t.Errorf("error does not contain %q:\n%v", w, err)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM sqlite_master WHERE name LIKE 'lark_new_%'`); n != 0 {
		t.Errorf("%d temporary tables left behind", n)
	}
	def := strOf(t, db, `SELECT sql FROM sqlite_master WHERE name = 'parents'`)
	if !strings.Contains(def, `"extra" TEXT`) || strings.Contains(def, "NOT NULL") {
		t.Errorf("parents is %s; want the first op applied and the rebuild not", def)
	}
	if got := strOf(t, db, parentRows); got != parents {
		t.Errorf("parents changed: %s, want %s", got, parents)
	}
	if got := strOf(t, db, kidRows); got != kids {
		t.Errorf("kids changed: %s, want %s", got, kids)
	}
	if !foreignKeysOn(t, db) {
		t.Errorf("foreign keys are off after the failed migration")
	}
}

// TestMigratorModifyDefaultNoneRoundTrip: modify with from_ that has
// default=None reverses to a modify with default=None, which drops the
// default as PostgreSQL's DROP DEFAULT does, so the table lark created
// comes back exactly: sqlite_master after down is what it was before up.
func TestMigratorModifyDefaultNoneRoundTrip(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, mk := openOneConn(t)
	m := mk(familyMigrations(`
def change():
    alter("parents", modify("score", "integer", default = 5, from_ = ("integer", {"default": None})))
`))
	if _, err := m.Up(ctx, engine.Target{Step: 2}); err != nil {
		t.Fatalf("up: %v", err)
	}
	schema, parents := strOf(t, db, sqliteSchema), strOf(t, db, parentRows)
	if _, err := m.Up(ctx, engine.Target{}); err != nil {
		t.Fatalf("up: %v", err)
	}
	if def := strOf(t, db, `SELECT sql FROM sqlite_master WHERE name = 'parents'`); !strings.Contains(def, `"score" INTEGER DEFAULT 5`) {
		t.Errorf("parents after up is %s; want score INTEGER DEFAULT 5", def)
	}
	if _, err := m.Down(ctx, engine.Target{}); err != nil {
		t.Fatalf("down: %v", err)
	}
	if got := strOf(t, db, sqliteSchema); got != schema {
		t.Errorf("sqlite_master after down:\n%s\nwant\n%s", got, schema)
	}
	if got := strOf(t, db, parentRows); got != parents {
		t.Errorf("parents after down: %s, want %s", got, parents)
	}
}
