package sqlite

import (
	"reflect"
	"strings"
	"testing"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/dialect/schema"
	"github.com/larkdb/lark/op"
)

// TestDefinitionRoundTrip reads CREATE TABLE statements written the way
// a rebuild writes them back and requires the same text: parts nobody
// changes are copied as written, quotes, case and spacing included.
func TestDefinitionRoundTrip(t *testing.T) {
	t.Parallel()
	for _, sql := range []string{
		`CREATE TABLE "parents" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "name" TEXT, "score" INTEGER DEFAULT 0 CHECK (score >= 0), "owner_id" INTEGER CONSTRAINT "parents_owner_id_fkey" REFERENCES "owners"("id") ON DELETE SET NULL)`,
		`CREATE TABLE "kv" ("k" TEXT PRIMARY KEY, "v" INTEGER, "data" BLOB) STRICT, WITHOUT ROWID`,
		"CREATE TABLE \"w\" (`a b` integer not null default (1+2), [c] text collate \"rtrim\" unique, d int constraint d_pos check(d>0), e real null, f int primary key desc)",
		`CREATE TABLE "t" (a int, b int NOT NULL DEFAULT -1, c text DEFAULT 'x''y', g AS (a * 2) STORED, CONSTRAINT ab UNIQUE (a, b) ON CONFLICT REPLACE, CHECK (a <> b), FOREIGN KEY (a, b) REFERENCES p (x, y) ON UPDATE CASCADE) strict`,
	} {
		tbl, err := parseTable(sql)
		if err != nil {
			t.Fatalf("%s: %v", sql, err)
		}
		if got := createTableSQL(tbl, tbl.Name); got != sql {
			t.Errorf("read and written again:\n%s\nwant\n%s", got, sql)
		}
	}
}

// TestDefinitionFacts reads a hand-written table and checks what the typed
// model says about it.
func TestDefinitionFacts(t *testing.T) {
	t.Parallel()
	sql := "CREATE TABLE IF NOT EXISTS main.[orders] (\n" +
		"  id INTEGER PRIMARY KEY AUTOINCREMENT,\n" +
		"  email TEXT NOT NULL COLLATE NOCASE CONSTRAINT email_len CHECK (length(email) > 3),\n" +
		"  user_id TEXT CONSTRAINT orders_user_fk REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE DEFERRABLE INITIALLY DEFERRED,\n" +
		"  total DECIMAL GENERATED ALWAYS AS (price   *  qty) STORED, -- a comment\n" +
		"  a INT, b INT,\n" +
		"  CONSTRAINT ab_unique UNIQUE (a COLLATE NOCASE, b DESC),\n" +
		"  FOREIGN KEY (a, b) REFERENCES pairs (x, y) ON DELETE CASCADE MATCH SIMPLE\n" +
		") WITHOUT ROWID"
	tbl, err := parseTable(sql)
	if err != nil {
		t.Fatal(err)
	}
	if tbl.Name != "orders" || len(tbl.Columns) != 6 || len(tbl.Constraints) != 2 {
		t.Fatalf("table %q with %d columns and %d table constraints", tbl.Name, len(tbl.Columns), len(tbl.Constraints))
	}
	if !reflect.DeepEqual(tbl.PrimaryKey, []string{"id"}) || !tbl.AutoIncrement || !reflect.DeepEqual(tbl.Options, []string{"without rowid"}) {
		t.Errorf("key %v, autoincrement %v, options %v", tbl.PrimaryKey, tbl.AutoIncrement, tbl.Options)
	}
	email := tbl.Columns[1]
	if email.Type != "TEXT" || !email.NotNull || email.Collation != "NOCASE" || email.SQL != "email TEXT NOT NULL COLLATE NOCASE CONSTRAINT email_len CHECK (length(email) > 3)" {
		t.Errorf("email: %+v", email)
	}
	if k := email.Constraints[2]; k.Kind != schema.KindCheck || k.Name != "email_len" || k.Expr != "length(email) > 3" {
		t.Errorf("email's check: %+v", k)
	}
	if total := tbl.Columns[3]; total.Generated != "price * qty" || total.GeneratedKind != "stored" || total.Constraints[0].Expr != "price   *  qty" {
		t.Errorf("total: %+v", total)
	}
	wantFKs := []schema.ForeignKey{
		{Name: "orders_user_fk", Columns: []string{"user_id"}, RefTable: "users", RefColumns: []string{"id"}, OnDelete: "SET NULL", OnUpdate: "CASCADE"},
		{Columns: []string{"a", "b"}, RefTable: "pairs", RefColumns: []string{"x", "y"}, OnDelete: "CASCADE", OnUpdate: "NO ACTION", Match: "SIMPLE"},
	}
	if !reflect.DeepEqual(tbl.ForeignKeys, wantFKs) {
		t.Errorf("foreign keys %+v\nwant %+v", tbl.ForeignKeys, wantFKs)
	}
	if want := []schema.Check{{Name: "email_len", Kind: "check", Definition: "CHECK (length(email) > 3)"}}; !reflect.DeepEqual(tbl.Checks, want) {
		t.Errorf("checks %+v", tbl.Checks)
	}
	if u := tbl.Constraints[0]; u.Kind != schema.KindUnique || u.Name != "ab_unique" || !reflect.DeepEqual(u.Columns, []string{"a", "b"}) {
		t.Errorf("unique: %+v", u)
	}
	if len(tbl.Indexes) != 1 || !tbl.Indexes[0].Constraint || !reflect.DeepEqual(tbl.Indexes[0].Columns, []string{"a", "b"}) {
		t.Errorf("indexes %+v", tbl.Indexes)
	}
	if tbl.OptionsSQL != " WITHOUT ROWID" {
		t.Errorf("options written as %q", tbl.OptionsSQL)
	}
}

func TestParseIndex(t *testing.T) {
	t.Parallel()
	x, err := parseIndex(`CREATE UNIQUE INDEX IF NOT EXISTS "main"."users_partial" ON "users" ("name" DESC, lower(email), qty) WHERE qty > 0 AND name IS NOT NULL`)
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`"name" DESC`, "lower(email)", "qty"}
	if x.Name != "users_partial" || !x.Unique || !reflect.DeepEqual(x.Columns, want) || x.Where != "qty > 0 AND name IS NOT NULL" {
		t.Errorf("%+v", x)
	}
	if !indexNamesColumn(x, "EMAIL") || indexNamesColumn(x, "users") || !indexNamesColumn(schema.Index{SQL: "x", Where: "b > 0"}, "b") {
		t.Errorf("indexNamesColumn does not find the columns an index names")
	}
}

func TestNormalize(t *testing.T) {
	t.Parallel()
	for in, want := range map[string]string{
		"price   *  qty":                "price * qty",
		"( a  +b )":                     "(a +b)",
		"lower( name )\n DESC":          "lower(name) DESC",
		"x = 'a  b' -- why\n AND y":     "x = 'a  b' AND y",
		"length(email)>3":               "length(email)>3",
		`"weird  name" /* c */ IS NULL`: `"weird  name" IS NULL`,
		"'unterminated  text":           "'unterminated text",
	} {
		if got := normalize(in); got != want {
			t.Errorf("normalize(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestUnreadableDefinition: a table whose statement the parser cannot read
// (a virtual table) keeps it, and a rebuild of it says why it cannot.
func TestUnreadableDefinition(t *testing.T) {
	t.Parallel()
	snap := dialect.Snapshot{Schema: &schema.Schema{Tables: []*schema.Table{{Name: "docs", SQL: "CREATE VIRTUAL TABLE docs USING fts5(body)"}}}}
	_, _, err := Dialect{}.PlanWithSnapshot([]op.Op{&op.CreateConstraint{Pos: at(3), Constraint: op.Constraint{Table: "docs", Name: "c", Check: "1", Validate: true}}}, snap)
	if err == nil || !strings.Contains(err.Error(), `cannot read the definition of table "docs": not a CREATE TABLE statement`) {
		t.Errorf("got %v", err)
	}
}

// TestPlanLeavesSnapshot: planning a rebuild changes the plan's copy of
// the schema, never the snapshot it was given.
func TestPlanLeavesSnapshot(t *testing.T) {
	t.Parallel()
	tbl, err := parseTable(`CREATE TABLE "t" ("id" INTEGER PRIMARY KEY, "x" INTEGER)`)
	if err != nil {
		t.Fatal(err)
	}
	snap := dialect.Snapshot{Schema: &schema.Schema{Tables: []*schema.Table{tbl}}}
	before := snap.Schema.Clone()
	ops := []op.Op{
		&op.AlterTable{Pos: at(1), Table: op.Table{Name: "t"}, Changes: []op.Change{
			{Pos: at(2), Action: op.ActionModify, Column: op.Column{Name: "x", Type: op.Type{Name: "bigint"}, Null: ptr(false)}}}},
		&op.CreateConstraint{Pos: at(3), Constraint: op.Constraint{Table: "t", Name: "x_pos", Check: "x > 0", Validate: true}},
	}
	_, after, err := Dialect{}.PlanWithSnapshot(ops, snap)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(snap.Schema, before) {
		t.Errorf("the snapshot changed")
	}
	if got := createTableSQL(after.Schema.Tables[0], "t"); got != `CREATE TABLE "t" ("id" INTEGER PRIMARY KEY, "x" INTEGER NOT NULL, CONSTRAINT "x_pos" CHECK (x > 0))` {
		t.Errorf("after the plan: %s", got)
	}
}
