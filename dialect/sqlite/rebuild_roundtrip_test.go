package sqlite

import (
	"context"
	"database/sql"
	"strings"
	"testing"

	"github.com/larkdb/lark/internal/testdb"
	"github.com/larkdb/lark/op"
)

// rebuildSetup is a parent table with every kind of object a rebuild must
// carry over (unique, partial and expression indexes, a trigger, a view, a
// CHECK, defaults, AUTOINCREMENT, a foreign key to owners with ON DELETE
// SET NULL) and a child table whose rows reference it with ON DELETE
// CASCADE; and tags, a table without a primary key for primary key
// changes, which references owners and is referenced through a unique
// index by tag_links. Rows hold NULLs and blobs, and tags' rowids have
// gaps.
var rebuildSetup = []string{
	`CREATE TABLE "owners" ("id" INTEGER PRIMARY KEY, "tenant" INTEGER NOT NULL, "name" TEXT)`,
	`CREATE UNIQUE INDEX "owners_id_tenant_index" ON "owners" ("id", "tenant")`,
	`CREATE TABLE "parents" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT, "code" TEXT, "data" BLOB, "score" INTEGER DEFAULT 0 CHECK (score >= 0), "owner_id" INTEGER CONSTRAINT "parents_owner_id_fkey" REFERENCES "owners"("id") ON DELETE SET NULL)`,
	`CREATE UNIQUE INDEX "parents_code_index" ON "parents" ("code")`,
	`CREATE INDEX "parents_lower_name" ON "parents" (lower(name)) WHERE name IS NOT NULL`,
	`CREATE TABLE "children" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "parent_id" INTEGER CONSTRAINT "children_parent_id_fkey" REFERENCES "parents"("id") ON DELETE CASCADE, "note" TEXT)`,
	`CREATE TRIGGER "parents_audit" AFTER UPDATE OF "score" ON "parents" BEGIN UPDATE "children" SET "note" = 'touched' WHERE "parent_id" = NEW."id"; END`,
	`CREATE VIEW "parent_names" AS SELECT "id", "name" FROM "parents"`,
	`CREATE TABLE "tags" ("name" TEXT NOT NULL, "data" BLOB, "owner_id" INTEGER CONSTRAINT "tags_owner_id_fkey" REFERENCES "owners"("id") ON DELETE SET NULL)`,
	`CREATE UNIQUE INDEX "tags_name_index" ON "tags" ("name")`,
	`CREATE TABLE "tag_links" ("tag" TEXT CONSTRAINT "tag_links_tag_fkey" REFERENCES "tags"("name") ON DELETE CASCADE, "note" BLOB)`,
	`INSERT INTO "owners" ("id", "tenant", "name") VALUES (1, 10, 'o1'), (2, 20, NULL)`,
	`INSERT INTO "parents" ("id", "name", "code", "data", "score", "owner_id") VALUES (1, 'Ada', 'a', x'00ff10', 3, 1), (2, NULL, 'b', NULL, 0, NULL), (3, 'Cy', NULL, x'', 7, 2), (9, 'Di', 'd', zeroblob(4), 1, 1)`,
	`DELETE FROM "parents" WHERE "id" = 9`, // AUTOINCREMENT's high-water mark is now above max(id)
	`INSERT INTO "children" ("parent_id", "note") VALUES (1, 'x'), (1, NULL), (2, 'y'), (3, 'z')`,
	`INSERT INTO "tags" ("rowid", "name", "data", "owner_id") VALUES (3, 'red', x'01', 1), (7, 'blue', NULL, NULL), (8, 'green', x'', 2)`,
	`INSERT INTO "tag_links" ("tag", "note") VALUES ('red', x'aa'), ('red', NULL), ('green', 'text'), (NULL, x'')`,
}

const (
	parentRows = `SELECT rowid, id, name, code, data, typeof(data), score, owner_id FROM parents ORDER BY id`
	childRows  = `SELECT rowid, id, parent_id, note FROM children ORDER BY id`
	seq        = `SELECT name, seq FROM sqlite_sequence ORDER BY name`
)

// tableRows reads every table of rebuildSetup, rowids included. A case
// that drops a column reads its table with the columns it keeps instead.
var tableRows = []struct{ table, query string }{
	{"owners", `SELECT rowid, id, tenant, name FROM owners ORDER BY rowid`},
	{"parents", parentRows},
	{"children", childRows},
	{"tags", `SELECT rowid AS rowid, name, data, typeof(data), owner_id FROM tags ORDER BY rowid`},
	{"tag_links", `SELECT rowid, tag, note, typeof(note) FROM tag_links ORDER BY rowid`},
}

// fkProbes prove a table's foreign keys in both directions after a
// rebuild. Each bad statement must be refused: the table pointing at a
// missing owner (its outgoing key) and a child pointing at a missing row of
// it (incoming). The deletes, run in a transaction rolled back afterwards,
// fire the ON DELETE actions of both directions; count then reads want.
var fkProbes = map[string]struct {
	bad         []string
	del         []string
	count, want string
}{
	"parents": {
		bad: []string{`INSERT INTO parents (name, owner_id) VALUES ('bad', 404)`, `INSERT INTO children (parent_id) VALUES (77)`},
		del: []string{`DELETE FROM owners WHERE id = 2`, `DELETE FROM parents WHERE id = 1`},
		// Parent 3 loses its owner (SET NULL); parent 1's two children go (CASCADE).
		count: `SELECT (SELECT count(*) FROM parents WHERE owner_id IS NULL) || ',' || (SELECT count(*) FROM children)`,
		want:  "2,2",
	},
	"tags": {
		bad: []string{`INSERT INTO tags (name, owner_id) VALUES ('bad', 404)`, `INSERT INTO tag_links (tag) VALUES ('nope')`},
		del: []string{`DELETE FROM owners WHERE id = 2`, `DELETE FROM tags WHERE name = 'red'`},
		// green loses its owner (SET NULL); red's two links go (CASCADE).
		count: `SELECT (SELECT count(*) FROM tags WHERE owner_id IS NULL) || ',' || (SELECT count(*) FROM tag_links)`,
		want:  "2,2",
	},
}

// TestRebuild changes a table in each way that needs a rebuild, on tables
// with rows, and checks after up that every row of every table is still
// there and unchanged (rowids included), that every index, trigger and view
// is still there, and that the foreign keys work in both directions; then
// it applies the inverse and checks that sqlite_master is exactly as
// before, or exactly as the case says it must differ.
func TestRebuild(t *testing.T) {
	t.Parallel()
	owners := &op.Reference{Table: "owners", Column: "id", Type: op.Type{Name: "bigserial"}, Validate: true, Name: "parents_owner2_id_fkey"}
	sponsor := op.Column{Name: "sponsor_id", Default: val(op.Int(1)), Type: op.Type{Name: "references", Ref: &op.Reference{
		Table: "owners", Column: "id", Type: op.Type{Name: "bigserial"}, Validate: true, Name: "parents_sponsor_id_fkey", OnDelete: &op.FKAction{Action: "nilify_all"}}}}
	groupOwner := op.Column{Name: "group_owner", Type: op.Type{Name: "references", Ref: &op.Reference{
		Table: "owners", Column: "id", Type: op.Type{Name: "bigserial"}, Validate: true, Name: "parents_group_owner_fkey", With: []op.ColumnPair{{Column: "tenant", Ref: "tenant"}}}}}
	tagID := op.Column{Name: "id", Type: op.Type{Name: "bigserial"}, PrimaryKey: true}
	alter := func(table string, chs ...op.Change) []op.Op {
		for i := range chs {
			chs[i].Pos = at(int32(i + 2))
		}
		return []op.Op{&op.AlterTable{Pos: at(1), Table: op.Table{Name: table}, Changes: chs}}
	}
	cases := []struct {
		name     string
		table    string // the table the case rebuilds
		up, down []op.Op
		// want is a fragment the table's CREATE TABLE has after up.
		want string
		// keep reads the table's rows in the columns up keeps; "" reads
		// them all (tableRows).
		keep string
		// bad are statements the new definition must refuse after up.
		bad []string
		// after is a query that reads wantAfter after up.
		after, wantAfter string
		// afterDown are the objects that must differ after down from
		// before up, by name: their SQL, or "" when they are gone (they
		// are gone after up too).
		afterDown map[string]string
	}{
		{
			name: "modify type null default", table: "parents",
			up: alter("parents",
				op.Change{Action: op.ActionModify, Column: op.Column{Name: "score", Type: op.Type{Name: "bigint"}, Null: ptr(false), Default: val(op.Int(5))}},
				op.Change{Action: op.ActionModify, Column: op.Column{Name: "name", Type: op.Type{Name: "text"}}}),
			down: alter("parents",
				op.Change{Action: op.ActionModify, Column: op.Column{Name: "score", Type: op.Type{Name: "INTEGER"}, Null: ptr(true), Default: val(op.Int(0))}},
				op.Change{Action: op.ActionModify, Column: op.Column{Name: "name", Type: op.Type{Name: "TEXT"}}}),
			want: `"score" INTEGER DEFAULT 5 NOT NULL CHECK (score >= 0)`,
			bad:  []string{`INSERT INTO parents (score) VALUES (NULL)`},
		},
		{
			// The reversal of modify(..., from_=("text", {"default": None}))
			// drops the default, as PostgreSQL's DROP DEFAULT does: the
			// column comes back as it was written, without DEFAULT NULL.
			name: "modify default and back to default None", table: "parents",
			up: alter("parents", op.Change{Action: op.ActionModify,
				Column: op.Column{Name: "name", Type: op.Type{Name: "text"}, Default: val(op.String("anon"))},
				From:   &op.Column{Type: op.Type{Name: "text"}, Default: val(op.Null())}}),
			down: alter("parents", op.Change{Action: op.ActionModify,
				Column: op.Column{Name: "name", Type: op.Type{Name: "text"}, Default: val(op.Null())},
				From:   &op.Column{Type: op.Type{Name: "text"}, Default: val(op.String("anon"))}}),
			want:  `"name" TEXT DEFAULT 'anon'`,
			after: `SELECT name FROM pragma_table_info('parents') WHERE dflt_value = '''anon'''`, wantAfter: "name",
		},
		{
			// By design the reversal cannot give back what the remove took
			// with it: Ecto's reversal of remove("code", "string") is
			// add("code", "string"), which knows nothing of the unique index
			// on the column, and SQLite's ADD COLUMN puts the column last.
			// So after down the column is at the end, without its values,
			// and the index is gone; the rest of sqlite_master is exactly
			// as before.
			name: "remove indexed column", table: "parents",
			up:   alter("parents", op.Change{Action: op.ActionRemove, Column: op.Column{Name: "code", Type: op.Type{Name: "string"}}}),
			down: alter("parents", op.Change{Action: op.ActionAdd, Column: op.Column{Name: "code", Type: op.Type{Name: "string"}}}),
			keep: `SELECT rowid, id, name, data, typeof(data), score, owner_id FROM parents ORDER BY id`,
			afterDown: map[string]string{
				"parents":            `CREATE TABLE "parents" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT, "data" BLOB, "score" INTEGER DEFAULT 0 CHECK (score >= 0), "owner_id" INTEGER CONSTRAINT "parents_owner_id_fkey" REFERENCES "owners"("id") ON DELETE SET NULL, "code" TEXT)`,
				"parents_code_index": "",
			},
		},
		{
			name: "constraint and drop_constraint", table: "parents",
			up:   []op.Op{&op.CreateConstraint{Pos: at(1), Constraint: op.Constraint{Table: "parents", Name: "score_small", Check: "score < 100", Validate: true}}},
			down: []op.Op{&op.DropConstraint{Pos: at(1), Constraint: op.Constraint{Table: "parents", Name: "score_small"}}},
			want: `CONSTRAINT "score_small" CHECK (score < 100)`,
			bad:  []string{`INSERT INTO parents (score) VALUES (100)`},
		},
		{
			// ADD COLUMN refuses a REFERENCES column with a default other
			// than NULL while foreign keys are enforced, so this rebuilds.
			name: "add references with a default", table: "parents",
			up:    alter("parents", op.Change{Action: op.ActionAdd, Column: sponsor}),
			down:  alter("parents", op.Change{Action: op.ActionRemove, Column: sponsor}),
			want:  `"sponsor_id" INTEGER DEFAULT 1 CONSTRAINT "parents_sponsor_id_fkey" REFERENCES "owners"("id") ON DELETE SET NULL`,
			bad:   []string{`INSERT INTO parents (name, sponsor_id) VALUES ('bad', 404)`},
			after: `SELECT group_concat(sponsor_id) FROM (SELECT sponsor_id FROM parents ORDER BY id)`, wantAfter: "1,1,1",
		},
		{
			name: "add composite references", table: "parents",
			up: alter("parents",
				op.Change{Action: op.ActionAdd, Column: op.Column{Name: "tenant", Type: op.Type{Name: "integer"}}},
				op.Change{Action: op.ActionAdd, Column: groupOwner},
				op.Change{Action: op.ActionAdd, Column: op.Column{Name: "owner2_id", Type: op.Type{Name: "references", Ref: owners}}}),
			down: alter("parents",
				op.Change{Action: op.ActionRemove, Column: op.Column{Name: "owner2_id", Type: op.Type{Name: "references", Ref: owners}}},
				op.Change{Action: op.ActionRemove, Column: groupOwner},
				op.Change{Action: op.ActionRemove, Column: op.Column{Name: "tenant", Type: op.Type{Name: "integer"}}}),
			want: `CONSTRAINT "parents_group_owner_fkey" FOREIGN KEY ("group_owner", "tenant") REFERENCES "owners"("id", "tenant")`,
			bad: []string{
				`INSERT INTO parents (name, group_owner, tenant) VALUES ('bad', 1, 20)`, // owner 1 is tenant 10
				`INSERT INTO parents (name, owner2_id) VALUES ('bad', 404)`,
			},
			after: `SELECT count(*) FROM parents WHERE group_owner IS NULL AND tenant IS NULL AND owner2_id IS NULL`, wantAfter: "3",
		},
		{
			// A primary key added to a table that had none: the INTEGER
			// PRIMARY KEY takes the old rowids as its values, and removing
			// it keeps them as rowids.
			name: "add and remove a primary key", table: "tags",
			up:    alter("tags", op.Change{Action: op.ActionAdd, Column: tagID}),
			down:  alter("tags", op.Change{Action: op.ActionRemove, Column: tagID}),
			want:  `"id" INTEGER PRIMARY KEY AUTOINCREMENT`,
			bad:   []string{`INSERT INTO tags (id, name) VALUES (7, 'again')`},
			after: `SELECT group_concat(id) FROM (SELECT id FROM tags ORDER BY id)`, wantAfter: "3,7,8",
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, _ := testdb.OpenSQLite(t)
			for _, s := range rebuildSetup {
				if _, err := db.ExecContext(ctx, s); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			queries := map[string]string{}
			for _, r := range tableRows {
				queries[r.table] = r.query
			}
			if c.keep != "" {
				queries[c.table] = c.keep
			}
			rows := map[string]string{}
			for table, q := range queries {
				rows[table] = dump(ctx, t, db, q)
			}
			sameRows := func(when string) {
				t.Helper()
				for _, r := range tableRows {
					if got := dump(ctx, t, db, queries[r.table]); got != rows[r.table] {
						t.Errorf("rows of %s changed %s:\n%s\nwant\n%s", r.table, when, got, rows[r.table])
					}
				}
			}
			before, seqs := schemaText(ctx, t, db), dump(ctx, t, db, seq)
			objects := objectNames(ctx, t, db, c.afterDown) // what up must leave

			if !plansRebuild(ctx, t, db, c.up) {
				t.Errorf("up plans no rebuild")
			}
			if err := applyRebuild(ctx, t, db, c.up...); err != nil {
				t.Fatalf("up: %v", err)
			}
			var sqlText string
			db.QueryRowContext(ctx, `SELECT sql FROM sqlite_master WHERE name = ?`, c.table).Scan(&sqlText)
			if !strings.Contains(sqlText, c.want) {
				t.Errorf("%s after up is\n%s\nwant it to contain %s", c.table, sqlText, c.want)
			}
			sameRows("by up")
			if got := dump(ctx, t, db, `SELECT name, seq FROM sqlite_sequence WHERE name <> 'tags' ORDER BY name`); got != seqs {
				t.Errorf("sqlite_sequence changed:\n%s\nwant\n%s", got, seqs)
			}
			if got := objectNames(ctx, t, db, nil); got != objects {
				t.Errorf("objects after up:\n%s\nwant\n%s", got, objects)
			}
			if c.after != "" {
				if got := readInRollback(ctx, t, db, c.after); got != c.wantAfter {
					t.Errorf("%s after up = %q, want %q", c.after, got, c.wantAfter)
				}
			}
			probe := fkProbes[c.table]
			for _, s := range append(append([]string(nil), probe.bad...), c.bad...) {
				if _, err := db.ExecContext(ctx, s); err == nil {
					t.Errorf("after the rebuild, %s succeeded; want it refused", s)
				}
			}
			if got := readInRollback(ctx, t, db, probe.count, probe.del...); got != probe.want {
				t.Errorf("ON DELETE actions after the rebuild: %s = %q, want %q", probe.count, got, probe.want)
			}
			if c.table == "parents" {
				// The trigger fires on the new table, and the view reads it.
				touched := readInRollback(ctx, t, db, `SELECT group_concat(note) FROM children WHERE parent_id = 1`,
					`UPDATE parents SET score = 2 WHERE id = 1`)
				if touched != "touched,touched" {
					t.Errorf("trigger did not fire after the rebuild: %s", touched)
				}
				if got := readInRollback(ctx, t, db, `SELECT count(*) FROM parent_names`); got != "3" {
					t.Errorf("view: %s", got)
				}
			}
			sameRows("by the checks")

			if err := applyRebuild(ctx, t, db, c.down...); err != nil {
				t.Fatalf("down: %v", err)
			}
			if got, want := schemaText(ctx, t, db), withObjects(before, c.afterDown); got != want {
				t.Errorf("rollback did not restore sqlite_master:\n%s\nwant\n%s", got, want)
			}
			sameRows("by down")
			if got := dump(ctx, t, db, seq); got != seqs {
				t.Errorf("sqlite_sequence after down:\n%s\nwant\n%s", got, seqs)
			}
		})
	}
}

// plansRebuild reports whether ops, planned against db's schema, rebuild
// a table. (applyRebuild always runs with foreign keys off, where SQLite
// allows some ADD COLUMNs it refuses with them on.)
func plansRebuild(ctx context.Context, t *testing.T, db *sql.DB, ops []op.Op) bool {
	t.Helper()
	snap, err := ReadSnapshot(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	stmts, _, err := Dialect{}.PlanWithSnapshot(ops, snap)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		if s.Rebuild {
			return true
		}
	}
	return false
}

// objectNames lists the names in sqlite_master, left out those that
// edits says are gone.
func objectNames(ctx context.Context, t *testing.T, db *sql.DB, edits map[string]string) string {
	t.Helper()
	var names []string
	for _, line := range strings.Split(dump(ctx, t, db, `SELECT name FROM sqlite_master ORDER BY name`), "\n") {
		name := strings.TrimSuffix(strings.TrimPrefix(line, "name=string:"), " ")
		if sql, ok := edits[name]; line != "" && (!ok || sql != "") {
			names = append(names, name)
		}
	}
	return strings.Join(names, "\n")
}

// withObjects returns a schemaText dump with the SQL of the objects named
// in edits replaced, or their lines left out where the SQL is "".
func withObjects(dump string, edits map[string]string) string {
	var b strings.Builder
	for _, line := range strings.SplitAfter(dump, "\n") {
		for name, sql := range edits {
			if !strings.Contains(line, " name=string:"+name+" ") {
				continue
			}
			if sql == "" {
				line = ""
			} else {
				line = line[:strings.Index(line, "sql=string:")+len("sql=string:")] + sql + " \n"
			}
		}
		b.WriteString(line)
	}
	return b.String()
}

// readInRollback runs stmts and then query in a transaction, which it
// rolls back, and returns the query's one value as text.
func readInRollback(ctx context.Context, t *testing.T, db *sql.DB, query string, stmts ...string) string {
	t.Helper()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	for _, s := range stmts {
		if _, err := tx.ExecContext(ctx, s); err != nil {
			t.Fatalf("%s: %v", s, err)
		}
	}
	var v sql.NullString
	if err := tx.QueryRowContext(ctx, query).Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v.String
}
