package engine_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/internal/testdb"
)

// rebuildMigrations create a parent with ON DELETE CASCADE and SET NULL
// children, fill them, and then rebuild the parent three ways.
func rebuildMigrations() fstest.MapFS {
	return fstest.MapFS{
		"1_parents.star": src(`
def change():
    create_table("parents", add("name", "string"), add("score", "integer"))
    create_table("kids", add("parent_id", references("parents", on_delete = "delete_all")), add("note", "text"))
    create_table("pets", add("parent_id", references("parents", on_delete = "nilify_all")))
`),
		"2_rows.star": src(`
def up():
    execute("INSERT INTO parents (id, name, score) VALUES (1, 'a', 1), (2, NULL, 2)")
    execute("INSERT INTO kids (parent_id, note) VALUES (1, 'x'), (1, NULL), (2, 'y')")
    execute("INSERT INTO pets (parent_id) VALUES (1), (2)")
def down():
    execute("DELETE FROM kids")
    execute("DELETE FROM pets")
    execute("DELETE FROM parents")
`),
		"3_rebuild.star": src(`
def change():
    alter("parents",
        modify("score", "bigint", null = False, default = 0, from_ = ("integer", {"null": True})),
        add("code", "string", default = "c"),
    )
    constraint("parents", "score_positive", check = "score > 0")
    index("parents", ["name"])
`),
	}
}

// TestMigratorRebuildKeepsChildren proves the foreign key scheme: a parent
// table with ON DELETE CASCADE and SET NULL children is rebuilt by lark up
// and again by lark down, and every child row survives unchanged; lark plan
// shows the rebuild before anything ran.
func TestMigratorRebuildKeepsChildren(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, d := open(t, "sqlite:"+testdb.SQLite(t))
	m, err := engine.NewMigrator(db, d, rebuildMigrations())
	if err != nil {
		t.Fatal(err)
	}
	plans, err := m.Plan(ctx, engine.Up, engine.Target{})
	if err != nil {
		t.Fatalf("plan: %v", err)
	}
	var planned []string
	for _, s := range plans[2].Statements {
		planned = append(planned, s.SQL)
	}
	if text := strings.Join(planned, "\n"); !strings.Contains(text, `DROP TABLE "parents"`) || !strings.Contains(text, `ALTER TABLE "lark_new_parents" RENAME TO "parents"`) {
		t.Fatalf("plan of 3_rebuild does not rebuild:\n%s", text)
	}
	if _, err := m.Up(ctx, engine.Target{}); err != nil {
		t.Fatalf("up: %v", err)
	}
	kids := `SELECT count(*) FROM kids WHERE parent_id IS NOT NULL`
	pets := `SELECT count(*) FROM pets WHERE parent_id IS NOT NULL`
	if n, p := count(t, db, kids), count(t, db, pets); n != 3 || p != 2 {
		t.Fatalf("after up: %d kids and %d pets still point at a parent, want 3 and 2 (an ON DELETE action fired)", n, p)
	}
	if n := count(t, db, `SELECT count(*) FROM parents WHERE code = 'c' AND score > 0`); n != 2 {
		t.Errorf("parents after up: %d rows with the new column and constraint, want 2", n)
	}
	if n := count(t, db, `SELECT count(*) FROM pragma_foreign_keys WHERE foreign_keys = 1`); n != 1 {
		t.Errorf("foreign keys were not turned back on after the migration")
	}
	if _, err := db.ExecContext(ctx, `INSERT INTO kids (parent_id) VALUES (99)`); err == nil {
		t.Errorf("foreign keys not enforced after the migration")
	}
	if _, err := m.Down(ctx, engine.Target{}); err != nil {
		t.Fatalf("down: %v", err)
	}
	if n, p := count(t, db, kids), count(t, db, pets); n != 3 || p != 2 {
		t.Fatalf("after down: %d kids and %d pets still point at a parent, want 3 and 2", n, p)
	}
	// Deleting a parent outside a migration still cascades.
	if _, err := db.ExecContext(ctx, `DELETE FROM parents WHERE id = 1`); err != nil {
		t.Fatal(err)
	}
	if n := count(t, db, `SELECT count(*) FROM kids`); n != 1 {
		t.Errorf("ON DELETE CASCADE no longer works after the rebuild: %d kids left, want 1", n)
	}
}

// TestMigratorRebuildFailure: a NOT NULL on a column with NULLs fails at
// the script line, names the rows, and leaves the table as it was.
func TestMigratorRebuildFailure(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, d := open(t, "sqlite:"+testdb.SQLite(t))
	fsys := rebuildMigrations()
	fsys["3_rebuild.star"] = src(`
def change():
    alter("parents", modify("name", "string", null = False, from_ = "string"))
`)
	m, err := engine.NewMigrator(db, d, fsys)
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Up(ctx, engine.Target{})
	if err == nil {
		t.Fatal("up succeeded; want the NOT NULL to fail")
	}
	for _, want := range []string{"3_rebuild.star:3:", `rows of "parents" where "name" IS NULL`, "): 2"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not contain %q", err, want)
		}
	}
	if n := count(t, db, `SELECT count(*) FROM parents`); n != 2 {
		t.Errorf("parents has %d rows after the failed rebuild, want 2", n)
	}
	if n := count(t, db, `SELECT count(*) FROM sqlite_master WHERE name LIKE 'lark_new_%'`); n != 0 {
		t.Errorf("the failed rebuild left its temporary table behind")
	}
}
