package engine_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/internal/testdb"
)

// familyMigrations are 1_parents and 2_rows of rebuildMigrations: parents
// with ON DELETE CASCADE kids and ON DELETE SET NULL pets, filled.
func familyMigrations(third string) fstest.MapFS {
	fsys := rebuildMigrations()
	delete(fsys, "3_rebuild.star")
	if third != "" {
		fsys["3_third.star"] = src(third)
	}
	return fsys
}

// openOneConn opens a new SQLite file whose pool holds one connection, so
// that what the test reads (PRAGMA foreign_keys above all) is what the
// migrator's connection was left with, and returns a migrator maker.
func openOneConn(t *testing.T) (*sql.DB, func(fstest.MapFS) *engine.Migrator) {
	t.Helper()
	db, d := open(t, "sqlite:"+testdb.SQLite(t))
	db.SetMaxOpenConns(1)
	return db, func(fsys fstest.MapFS) *engine.Migrator {
		m, err := engine.NewMigrator(db, d, fsys)
		if err != nil {
			t.Fatal(err)
		}
		return m
	}
}

func foreignKeysOn(t *testing.T, db *sql.DB) bool {
	t.Helper()
	return count(t, db, `SELECT foreign_keys FROM pragma_foreign_keys`) == 1
}

// TestMigratorForeignKeysStayOn: a migration that rebuilds no table runs
// with SQLite's normal foreign key semantics: its DELETE of a parent
// cascades and sets NULL right away (under a migration-wide foreign_keys=OFF
// it did not, and the final check failed), and an orphan INSERT fails at
// its own line; enforcement is on after every migration, failed or not.
// A migration that does rebuild, after data statements, is foreseen and
// keeps every child.
func TestMigratorForeignKeysStayOn(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, script string
		// wantErr is a fragment of Up's error; "" means success.
		wantErr string
		// kids and pets are the child rows pointing at a parent after up.
		kids, pets int
	}{
		{
			name: "delete cascades inside the migration",
			script: `
def up():
    exec("DELETE FROM parents WHERE id = 1")
    left = query("SELECT count(*) AS n FROM kids")
    if left and left[0]["n"] != 1:
        fail("ON DELETE CASCADE did not fire inside the migration: %d kids" % left[0]["n"])
def down():
    pass
`,
			kids: 1, pets: 1,
		},
		{
			name: "orphan insert fails at its line",
			script: `
def up():
    exec("INSERT INTO kids (parent_id) VALUES (1)")
    exec("INSERT INTO kids (parent_id) VALUES (99)")
def down():
    pass
`,
			wantErr: "3_third.star:4:", kids: 3, pets: 2,
		},
		{
			name: "rebuild after data statements is foreseen",
			script: `
def up():
    exec("UPDATE parents SET score = score + 10")
    rows = query("SELECT id FROM parents")
    alter("parents", modify("score", "bigint", null = False, from_ = "integer"))
    exec("UPDATE parents SET name = 'n' WHERE name IS NULL")
def down():
    alter("parents", modify("score", "integer", from_ = "bigint"))
`,
			kids: 3, pets: 2,
		},
		{
			name: "rebuild inside an execute() function is foreseen both ways",
			script: `
def widen():
    alter("parents", modify("score", "bigint", from_ = "integer"))
def narrow():
    alter("parents", modify("score", "integer", from_ = "bigint"))
def change():
    execute(widen, narrow)
`,
			kids: 3, pets: 2,
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, mk := openOneConn(t)
			m := mk(familyMigrations(c.script))
			_, err := m.Up(ctx, engine.Target{})
			switch {
			case c.wantErr == "" && err != nil:
				t.Fatalf("up: %v", err)
			case c.wantErr != "" && (err == nil || !strings.Contains(err.Error(), c.wantErr)):
				t.Fatalf("up: error %v, want one containing %q", err, c.wantErr)
			}
			if !foreignKeysOn(t, db) {
				t.Errorf("foreign keys are off after the migration")
			}
			kids := count(t, db, `SELECT count(*) FROM kids WHERE parent_id IS NOT NULL`)
			pets := count(t, db, `SELECT count(*) FROM pets WHERE parent_id IS NOT NULL`)
			if kids != c.kids || pets != c.pets {
				t.Errorf("after up: %d kids and %d pets point at a parent, want %d and %d", kids, pets, c.kids, c.pets)
			}
			if orphans := count(t, db, `SELECT count(*) FROM pragma_foreign_key_check`); orphans != 0 {
				t.Errorf("%d rows reference missing parents", orphans)
			}
			if c.wantErr != "" {
				return
			}
			if _, err := m.Down(ctx, engine.Target{}); err != nil {
				t.Fatalf("down: %v", err)
			}
			if !foreignKeysOn(t, db) {
				t.Errorf("foreign keys are off after the rollback")
			}
			if n := count(t, db, `SELECT count(*) FROM kids WHERE parent_id IS NOT NULL`); n != c.kids {
				t.Errorf("after down: %d kids point at a parent, want %d", n, c.kids)
			}
		})
	}
}

// TestMigratorRefusesUnforeseenRebuild: a rebuild reached only on a
// data-dependent branch (query() returns no rows while lark records the
// migration before BEGIN) would run with foreign keys enforced, and its
// DROP TABLE would cascade to the children; the migrator refuses it at the
// script line, before any statement of the rebuild, and the rollback
// leaves the database exactly as it was. The same holds for a rollback
// that runs the file's down().
func TestMigratorRefusesUnforeseenRebuild(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name   string
		dir    engine.Direction
		script string
		line   string
	}{
		{
			name: "up", dir: engine.Up, line: "3_third.star:5:",
			script: `
def up():
    exec("UPDATE parents SET score = 7")
    if query("SELECT id FROM parents WHERE id = 1"):
        alter("parents", modify("score", "bigint", from_ = "integer"))
def down():
    pass
`,
		},
		{
			// up() runs a data statement, so the rollback runs the file's
			// down() rather than the inverse of the stored log.
			name: "down", dir: engine.Down, line: "3_third.star:7:",
			script: `
def up():
    exec("UPDATE parents SET score = 7")
    alter("parents", modify("score", "bigint", from_ = "integer"))
def down():
    if query("SELECT id FROM parents WHERE id = 1"):
        alter("parents", modify("score", "integer", from_ = "bigint"))
`,
		},
	}
	ctx := context.Background()
	schema := `SELECT group_concat(sql, ';') FROM (SELECT sql FROM sqlite_master ORDER BY name)`
	rows := `SELECT group_concat(id || ':' || ifnull(name, '') || ':' || score, ',') FROM (SELECT * FROM parents ORDER BY id)`
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			db, mk := openOneConn(t)
			m := mk(familyMigrations(c.script))
			ready := engine.Target{Step: 2}
			if c.dir == engine.Down {
				ready = engine.Target{}
			}
			if _, err := m.Up(ctx, ready); err != nil {
				t.Fatalf("up: %v", err)
			}
			beforeSchema, beforeRows := strOf(t, db, schema), strOf(t, db, rows)
			applied := count(t, db, `SELECT count(*) FROM schema_migrations`)
			var err error
			if c.dir == engine.Up {
				_, err = m.Up(ctx, engine.Target{})
			} else {
				_, err = m.Down(ctx, engine.Target{})
			}
			if err == nil {
				t.Fatalf("%s succeeded; want the unforeseen rebuild refused", c.dir)
			}
			for _, want := range []string{c.line, "not foreseen", "foreign keys are still enforced", `DROP TABLE "parents"`, "make the change unconditional"} {
				if !strings.Contains(err.Error(), want) {
					t.Errorf("error does not contain %q:\n%v", want, err)
				}
			}
			if !foreignKeysOn(t, db) {
				t.Errorf("foreign keys are off after the refused migration")
			}
			if got := strOf(t, db, schema); got != beforeSchema {
				t.Errorf("schema changed:\n%s\nwant\n%s", got, beforeSchema)
			}
			if got := strOf(t, db, rows); got != beforeRows {
				t.Errorf("parents changed: %s, want %s", got, beforeRows)
			}
			if n := count(t, db, `SELECT count(*) FROM kids WHERE parent_id IS NOT NULL`); n != 3 {
				t.Errorf("%d kids point at a parent, want 3", n)
			}
			if n := count(t, db, `SELECT count(*) FROM schema_migrations`); n != applied {
				t.Errorf("%d versions recorded, want %d", n, applied)
			}
		})
	}
}

func strOf(t *testing.T, db *sql.DB, query string) string {
	t.Helper()
	var s sql.NullString
	if err := db.QueryRow(query).Scan(&s); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return s.String
}
