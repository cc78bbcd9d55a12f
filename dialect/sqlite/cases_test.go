package sqlite

import (
	"database/sql"
	"testing"

	"github.com/larkdb/lark/op"
)

// planCase is one golden case: ops rendered and compared with
// testdata/golden/<name>.sql, then run on a fresh SQLite file after setup,
// and checked against the catalog when check is set.
type planCase struct {
	name  string
	setup []string
	ops   []op.Op
	check func(t *testing.T, db *sql.DB)
}

// allTypes is a column of every Ecto primitive, with every kind of default.
func allTypes() []op.Column {
	return []op.Column{
		idCol(),
		{Name: "name", Type: op.Type{Name: "string"}, Null: ptr(false), Size: ptr(80)},
		{Name: "body", Type: op.Type{Name: "text"}, Comment: ptr("ignored on SQLite")},
		{Name: "count", Type: op.Type{Name: "integer"}, Default: val(op.Int(0)), Null: ptr(false)},
		{Name: "big", Type: op.Type{Name: "bigint"}, Default: val(op.Int(-9223372036854775808))},
		{Name: "ok", Type: op.Type{Name: "boolean"}, Default: val(op.Bool(true))},
		{Name: "off", Type: op.Type{Name: "boolean"}, Default: val(op.Bool(false)), Null: ptr(true)},
		{Name: "ratio", Type: op.Type{Name: "float"}, Default: val(op.Float(1.5))},
		{Name: "whole", Type: op.Type{Name: "float"}, Default: val(op.Float(2))},
		{Name: "price", Type: op.Type{Name: "decimal"}, Precision: ptr(10), Scale: ptr(2)},
		{Name: "amount", Type: op.Type{Name: "decimal"}},
		{Name: "cents", Type: op.Type{Name: "decimal"}, Precision: ptr(12)},
		{Name: "meta", Type: op.Type{Name: "map"}, Default: val(op.Value{Kind: op.KindMap, Map: []op.Entry{
			{Key: "a", Value: op.Int(1)}, {Key: "b<&>", Value: op.Value{Kind: op.KindList, List: []op.Value{op.String("it's"), op.Null(), op.Float(0.5)}}},
		}})},
		{Name: "tags", Type: op.Type{Name: "array", Elem: &op.Type{Name: "string"}}, Default: val(op.Value{Kind: op.KindList, List: []op.Value{op.String("x")}})},
		{Name: "born", Type: op.Type{Name: "date"}},
		{Name: "at", Type: op.Type{Name: "time"}},
		{Name: "at_usec", Type: op.Type{Name: "time_usec"}},
		{Name: "seen", Type: op.Type{Name: "naive_datetime"}, Default: val(op.Fragment("CURRENT_TIMESTAMP"))},
		{Name: "seen_usec", Type: op.Type{Name: "naive_datetime_usec"}},
		{Name: "utc", Type: op.Type{Name: "utc_datetime"}, Default: val(op.Fragment("(datetime('now'))"))},
		{Name: "utc_usec", Type: op.Type{Name: "utc_datetime_usec"}},
		{Name: "stamp", Type: op.Type{Name: "timestamp"}},
		{Name: "blob", Type: op.Type{Name: "binary"}},
		{Name: "bid", Type: op.Type{Name: "binary_id"}},
		{Name: "uid", Type: op.Type{Name: "uuid"}},
		{Name: "quote", Type: op.Type{Name: "string"}, Default: val(op.String(`it's "x" \n`))},
		{Name: "nothing", Type: op.Type{Name: "string"}, Default: val(op.Null())},
		{Name: "code", Type: op.Type{Name: "varchar(40)"}, Collation: "NOCASE"},
		{Name: "dbl", Type: op.Type{Name: "double precision"}},
		{Name: "num", Type: op.Type{Name: "numeric(10, 2)"}},
		{Name: "email", Type: op.Type{Name: "string"}, Collation: "RTRIM"},
	}
}

// planCases leave out what a script leaves out; resolved completes their
// ops as the builtins and a decoded log complete them (op.Resolve).
var planCases = resolved([]planCase{
	{
		name: "create_table_all_types",
		ops:  []op.Op{&op.CreateTable{Pos: at(2), Table: op.Table{Name: "things"}, Columns: allTypes(), Comment: ptr("ignored")}},
		check: func(t *testing.T, db *sql.DB) {
			info := tableInfo(t, db, "things")
			want := map[string]columnInfo{
				"id":    {Type: "INTEGER", PK: 1},
				"name":  {Type: "TEXT", NotNull: true},
				"count": {Type: "INTEGER", NotNull: true, Default: sql.NullString{String: "0", Valid: true}},
				"ok":    {Type: "INTEGER", Default: sql.NullString{String: "1", Valid: true}},
				"ratio": {Type: "NUMERIC", Default: sql.NullString{String: "1.5", Valid: true}},
				"price": {Type: "DECIMAL(10,2)"},
				"cents": {Type: "DECIMAL(12,0)"},
				"meta":  {Type: "TEXT", Default: sql.NullString{String: `'{"a":1,"b<&>":["it''s",null,0.5]}'`, Valid: true}},
				"tags":  {Type: "TEXT", Default: sql.NullString{String: `'["x"]'`, Valid: true}},
				"blob":  {Type: "BLOB"},
				"uid":   {Type: "TEXT"},
				"quote": {Type: "TEXT", Default: sql.NullString{String: `'it''s "x" \n'`, Valid: true}},
				"code":  {Type: "varchar(40)"},
				"num":   {Type: "numeric(10, 2)"},
			}
			for name, w := range want {
				got := info[name]
				w.Name = name
				if got != w {
					t.Errorf("column %s: got %+v, want %+v", name, got, w)
				}
			}
			// The key is an AUTOINCREMENT rowid alias; the defaults apply.
			execAll(t, db, []string{`INSERT INTO things (name) VALUES ('a')`})
			var id int64
			var meta, quote string
			var nothing sql.NullString
			if err := db.QueryRow(`SELECT id, meta, quote, "nothing" FROM things`).Scan(&id, &meta, &quote, &nothing); err != nil {
				t.Fatal(err)
			}
			if id != 1 || meta != `{"a":1,"b<&>":["it's",null,0.5]}` || quote != `it's "x" \n` || nothing.Valid {
				t.Errorf("row = %d, %q, %q, %v", id, meta, quote, nothing)
			}
			// COLLATE "NOCASE" took effect.
			execAll(t, db, []string{`UPDATE things SET code = 'ABC'`})
			var n int
			if err := db.QueryRow(`SELECT count(*) FROM things WHERE code = 'abc'`).Scan(&n); err != nil || n != 1 {
				t.Errorf("code = 'abc' matched %d rows (err %v): NOCASE collation missing", n, err)
			}
			var seq int
			if err := db.QueryRow(`SELECT count(*) FROM sqlite_sequence WHERE name = 'things'`).Scan(&seq); err != nil || seq != 1 {
				t.Errorf("sqlite_sequence has %d rows for things (err %v): the key is not AUTOINCREMENT", seq, err)
			}
		},
	},
	{
		name: "create_table_keys",
		ops: []op.Op{
			&op.CreateTable{Pos: at(2), Table: op.Table{Name: "a"}, Columns: []op.Column{{Name: "id", Type: op.Type{Name: "id"}, PrimaryKey: true}}},
			&op.CreateTable{Pos: at(3), Table: op.Table{Name: "b"}, Columns: []op.Column{{Name: "id", Type: op.Type{Name: "serial"}, PrimaryKey: true}}},
			&op.CreateTable{Pos: at(4), Table: op.Table{Name: "c"}, Columns: []op.Column{{Name: "id", Type: op.Type{Name: "identity"}, PrimaryKey: true}}},
			&op.CreateTable{Pos: at(5), Table: op.Table{Name: "d"}, Columns: []op.Column{{Name: "id", Type: op.Type{Name: "binary_id"}, PrimaryKey: true}}},
			&op.CreateTable{Pos: at(6), Table: op.Table{Name: "e"}, Columns: []op.Column{{Name: "id", Type: op.Type{Name: "integer"}, PrimaryKey: true}}},
			&op.CreateTable{Pos: at(7), Table: op.Table{Name: "pairs"}, Columns: []op.Column{
				{Name: "a_id", Type: op.Type{Name: "bigserial"}, PrimaryKey: true},
				{Name: "b_id", Type: op.Type{Name: "integer"}, PrimaryKey: true},
			}},
		},
		check: func(t *testing.T, db *sql.DB) {
			info := tableInfo(t, db, "pairs")
			if info["a_id"].PK != 1 || info["b_id"].PK != 2 {
				t.Errorf("composite key: %+v", info)
			}
			if tableInfo(t, db, "d")["id"].PK != 1 {
				t.Errorf("d.id is not the primary key")
			}
		},
	},
	{
		name: "create_table_options",
		ops: []op.Op{
			&op.CreateTable{Pos: at(2), Table: op.Table{Name: "s"}, IfNotExists: true, Options: "STRICT", Columns: []op.Column{
				idCol(), col("name", "string"), col("n", "integer"), col("r", "REAL"), col("b", "binary"),
			}},
			&op.CreateTable{Pos: at(3), Table: op.Table{Name: "s"}, IfNotExists: true, Options: "STRICT", Columns: []op.Column{idCol()}},
			&op.CreateTable{Pos: at(4), Table: op.Table{Name: "kv"}, Options: "strict, without  rowid", Columns: []op.Column{
				{Name: "key", Type: op.Type{Name: "string"}, PrimaryKey: true}, col("value", "text"),
			}},
			&op.CreateTable{Pos: at(5), Table: op.Table{Name: "scratch"}, Modifiers: "temp", Columns: []op.Column{col("x", "integer")}},
		},
		check: func(t *testing.T, db *sql.DB) {
			var strict, wr int
			if err := db.QueryRow(`SELECT strict, wr FROM pragma_table_list WHERE name = 'kv'`).Scan(&strict, &wr); err != nil || strict != 1 || wr != 1 {
				t.Errorf("kv: strict=%d without rowid=%d err=%v", strict, wr, err)
			}
			// TEMP tables live in the connection's temp schema.
			var temp int
			if err := db.QueryRow(`SELECT count(*) FROM pragma_table_list WHERE name = 'scratch' AND schema = 'temp'`).Scan(&temp); err != nil || temp != 1 {
				t.Errorf("scratch is not a TEMP table (found %d, err %v)", temp, err)
			}
			if _, err := db.Exec(`INSERT INTO s (n) VALUES ('not a number')`); err == nil {
				t.Errorf("STRICT table s accepted text in an INTEGER column")
			}
		},
	},
	{
		name: "create_table_references",
		setup: []string{
			`CREATE TABLE authors (id INTEGER PRIMARY KEY, code TEXT UNIQUE)`,
			`CREATE TABLE groups (id INTEGER, org_id INTEGER, PRIMARY KEY (id, org_id))`,
		},
		ops: []op.Op{&op.CreateTable{Pos: at(2), Table: op.Table{Name: "posts"}, Columns: []op.Column{
			idCol(),
			refCol("author_id", &op.Reference{Table: "authors", Column: "id", Type: op.Type{Name: "bigserial"}, Validate: true,
				Name: "posts_author_id_fkey", OnDelete: &op.FKAction{Action: "delete_all"}, OnUpdate: &op.FKAction{Action: "update_all"}}),
			refCol("editor_id", &op.Reference{Table: "authors", Column: "id", Type: op.Type{Name: "bigserial"}, Validate: true,
				OnDelete: &op.FKAction{Action: "nilify_all"}, OnUpdate: &op.FKAction{Action: "restrict"}, Match: "simple"}),
			refCol("reviewer_id", &op.Reference{Table: "authors", Column: "id", Type: op.Type{Name: "bigserial"}, Validate: true,
				Name: "custom fk", OnDelete: &op.FKAction{Action: "restrict"}, OnUpdate: &op.FKAction{Action: "nilify_all"}}),
			{Name: "fallback_id", Type: op.Type{Name: "references", Ref: &op.Reference{Table: "authors", Column: "id", Type: op.Type{Name: "bigserial"}, Validate: true,
				OnDelete: &op.FKAction{Action: "default_all"}, OnUpdate: &op.FKAction{Action: "default_all"}}}, Default: val(op.Int(1))},
			refCol("other_id", &op.Reference{Table: "authors", Column: "id", Type: op.Type{Name: "bigserial"}, Validate: true,
				OnDelete: &op.FKAction{Action: "nothing"}, OnUpdate: &op.FKAction{Action: "nothing"}}),
			{Name: "author_code", Type: op.Type{Name: "references", Ref: &op.Reference{Table: "authors", Column: "code", Type: op.Type{Name: "string"}, Validate: true}}, Null: ptr(false)},
			{Name: "group_id", Type: op.Type{Name: "references", Ref: &op.Reference{Table: "groups", Column: "id", Type: op.Type{Name: "integer"}, Validate: true,
				Name: "posts_group_fkey", With: []op.ColumnPair{{Column: "org_id", Ref: "org_id"}}, OnDelete: &op.FKAction{Action: "delete_all"}}}},
			col("org_id", "integer"),
		}}},
		check: func(t *testing.T, db *sql.DB) {
			got := foreignKeys(t, db, "posts")
			want := []fkInfo{
				{"authors", "author_id", "id", "CASCADE", "CASCADE", "NONE"},
				{"authors", "editor_id", "id", "RESTRICT", "SET NULL", "NONE"},
				{"authors", "reviewer_id", "id", "SET NULL", "RESTRICT", "NONE"},
				{"authors", "fallback_id", "id", "SET DEFAULT", "SET DEFAULT", "NONE"},
				{"authors", "other_id", "id", "NO ACTION", "NO ACTION", "NONE"},
				{"authors", "author_code", "code", "NO ACTION", "NO ACTION", "NONE"},
				{"groups", "group_id", "id", "NO ACTION", "CASCADE", "NONE"},
				{"groups", "org_id", "org_id", "NO ACTION", "CASCADE", "NONE"},
			}
			if len(got) != len(want) {
				t.Fatalf("foreign keys:\n got %+v\nwant %+v", got, want)
			}
			for i := range want {
				if got[i] != want[i] {
					t.Errorf("foreign key %d: got %+v, want %+v", i, got[i], want[i])
				}
			}
			if tableInfo(t, db, "posts")["author_code"].Type != "TEXT" {
				t.Errorf("a references(type=\"string\") column is not TEXT")
			}
			// Foreign keys are enforced: a dangling author fails.
			if _, err := db.Exec(`INSERT INTO posts (author_id, author_code) VALUES (42, 'x')`); err == nil {
				t.Errorf("insert with a dangling author_id succeeded")
			}
		},
	},
	{
		name: "create_table_generated",
		ops: []op.Op{&op.CreateTable{Pos: at(2), Table: op.Table{Name: "lines"}, Columns: []op.Column{
			idCol(), col("price", "integer"), col("qty", "integer"),
			{Name: "total", Type: op.Type{Name: "integer"}, Generated: "ALWAYS AS (price * qty) STORED"},
			{Name: "label", Type: op.Type{Name: "string"}, Generated: "always as ('#' || id) virtual"},
		}}},
		check: func(t *testing.T, db *sql.DB) {
			execAll(t, db, []string{`INSERT INTO lines (price, qty) VALUES (3, 4)`})
			var total int
			var label string
			if err := db.QueryRow(`SELECT total, label FROM lines`).Scan(&total, &label); err != nil || total != 12 || label != "#1" {
				t.Errorf("generated columns: total=%d label=%q err=%v", total, label, err)
			}
		},
	},
	{
		name:  "alter_table",
		setup: []string{`CREATE TABLE authors (id INTEGER PRIMARY KEY)`, `CREATE TABLE posts (id INTEGER PRIMARY KEY, old TEXT)`, `INSERT INTO posts (old) VALUES ('x')`},
		ops: []op.Op{&op.AlterTable{Pos: at(2), Table: op.Table{Name: "posts"}, Comment: ptr("ignored"), Changes: []op.Change{
			{Pos: at(3), Action: op.ActionAdd, Column: op.Column{Name: "title", Type: op.Type{Name: "string"}, Null: ptr(false), Default: val(op.String(""))}},
			{Pos: at(4), Action: op.ActionAdd, Column: op.Column{Name: "views", Type: op.Type{Name: "integer"}, Default: val(op.Int(0))}},
			{Pos: at(5), Action: op.ActionAdd, Column: refCol("author_id", &op.Reference{Table: "authors", Column: "id", Type: op.Type{Name: "bigserial"}, Validate: true, OnDelete: &op.FKAction{Action: "nilify_all"}})},
			{Pos: at(6), Action: op.ActionAdd, Column: op.Column{Name: "inserted_at", Type: op.Type{Name: "naive_datetime"}, Null: ptr(false)}},
			{Pos: at(7), Action: op.ActionAdd, Column: op.Column{Name: "updated_at", Type: op.Type{Name: "utc_datetime_usec"}, Null: ptr(false)}},
			{Pos: at(8), Action: op.ActionAdd, Column: op.Column{Name: "slug", Type: op.Type{Name: "string"}, Generated: "ALWAYS AS (lower(title)) VIRTUAL"}},
			{Pos: at(9), Action: op.ActionRemove, Column: op.Column{Name: "old", Type: op.Type{Name: "string"}}},
		}}},
		check: func(t *testing.T, db *sql.DB) {
			info := tableInfo(t, db, "posts")
			if _, ok := info["old"]; ok {
				t.Errorf("column old was not removed")
			}
			if c := info["title"]; !c.NotNull || c.Default.String != "''" {
				t.Errorf("title: %+v", c)
			}
			if c := info["inserted_at"]; c.NotNull || c.Type != "TEXT" {
				t.Errorf("inserted_at: %+v (NOT NULL is left out, as ecto_sqlite3 does)", c)
			}
			if fks := foreignKeys(t, db, "posts"); len(fks) != 1 || fks[0].OnDelete != "SET NULL" {
				t.Errorf("foreign keys: %+v", fks)
			}
		},
	},
	{
		name:  "drop_and_rename",
		setup: []string{`CREATE TABLE a (id INTEGER PRIMARY KEY, x TEXT)`, `CREATE TABLE b (id INTEGER PRIMARY KEY)`},
		ops: []op.Op{
			&op.RenameTable{Pos: at(2), Table: op.Table{Name: "a"}, To: "a2"},
			&op.RenameColumn{Pos: at(3), Table: op.Table{Name: "a2"}, Column: "x", To: "y"},
			&op.DropTable{Pos: at(4), Table: op.Table{Name: "b"}, Mode: "restrict"},
			&op.DropTable{Pos: at(5), Table: op.Table{Name: "b"}, IfExists: true},
		},
		check: func(t *testing.T, db *sql.DB) {
			if _, ok := tableInfo(t, db, "a2")["y"]; !ok {
				t.Errorf("a2.y missing after renames")
			}
			var n int
			if err := db.QueryRow(`SELECT count(*) FROM sqlite_master WHERE name IN ('a', 'b')`).Scan(&n); err != nil || n != 0 {
				t.Errorf("%d of a, b remain (err %v)", n, err)
			}
		},
	},
	{
		name:  "indexes",
		setup: []string{`CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, org_id INTEGER, inserted_at TEXT, deleted_at TEXT)`},
		ops: []op.Op{
			&op.CreateIndex{Pos: at(2), Index: op.Index{Table: "users", Name: "users_org_id_index", Columns: []string{"org_id"}}},
			&op.CreateIndex{Pos: at(3), Index: op.Index{Table: "users", Name: "users_email_index", Columns: []string{"email"}, Unique: true,
				Where: "deleted_at IS NULL", Concurrently: true, NullsDistinct: ptr(true), Comment: ptr("ignored")}},
			&op.CreateIndex{Pos: at(4), IfNotExists: true, Index: op.Index{Table: "users", Name: "users_email_index", Columns: []string{"email"}, Unique: true}},
			&op.CreateIndex{Pos: at(5), Index: op.Index{Table: "users", Name: "users_lower_email_index", Columns: []string{"lower(email)", "inserted_at DESC", "org_id"}}},
			&op.CreateIndex{Pos: at(6), Index: op.Index{Table: "users", Name: "gone", Columns: []string{"org_id", "email"}}},
			&op.DropIndex{Pos: at(7), Index: op.Index{Table: "users", Name: "gone"}},
			&op.DropIndex{Pos: at(8), Index: op.Index{Table: "users", Name: "gone", Concurrently: true}, IfExists: true, Mode: "restrict"},
		},
		check: func(t *testing.T, db *sql.DB) {
			got := indexes(t, db, "users")
			want := map[string]indexInfo{
				"users_org_id_index":      {Columns: "org_id"},
				"users_email_index":       {Unique: true, Partial: true, Columns: "email"},
				"users_lower_email_index": {Columns: ",inserted_at,org_id"},
			}
			if len(got) != len(want) {
				t.Errorf("indexes: got %+v, want %+v", got, want)
			}
			for name, w := range want {
				if got[name] != w {
					t.Errorf("index %s: got %+v, want %+v", name, got[name], w)
				}
			}
		},
	},
	{
		// A column with no parenthesis and no whitespace is a name, quoted
		// whatever it holds; one already quoted, or with a parenthesis or
		// whitespace, is written as is.
		name:  "index_column_names",
		setup: []string{`CREATE TABLE odd ("co""l" TEXT, "a-b" INTEGER, "Mixed" INTEGER)`},
		ops: []op.Op{
			&op.CreateIndex{Pos: at(2), Index: op.Index{Table: "odd", Name: "odd_names_index", Columns: []string{`co"l`, `a-b`}}},
			&op.CreateIndex{Pos: at(3), Index: op.Index{Table: "odd", Name: "odd_exprs_index", Columns: []string{`lower("co""l")`, `"Mixed" DESC`, `"a-b"`}}},
		},
		check: func(t *testing.T, db *sql.DB) {
			got := indexes(t, db, "odd")
			want := map[string]indexInfo{
				"odd_names_index": {Columns: `co"l,a-b`},
				"odd_exprs_index": {Columns: ",Mixed,a-b"},
			}
			if len(got) != len(want) {
				t.Errorf("indexes: got %+v, want %+v", got, want)
			}
			for name, w := range want {
				if got[name] != w {
					t.Errorf("index %s: got %+v, want %+v", name, got[name], w)
				}
			}
		},
	},
	{
		name: "execute",
		ops: []op.Op{
			&op.Execute{Pos: at(2), Up: op.Code{SQL: "CREATE TABLE raw (x INTEGER); INSERT INTO raw VALUES (1)"}, Down: &op.Code{SQL: "DROP TABLE raw"}},
			&op.Execute{Pos: at(3), Up: op.Code{Func: "seed"}, Ops: op.Log{
				&op.CreateTable{Pos: at(10), Table: op.Table{Name: "nested"}, Columns: []op.Column{idCol()}},
				&op.Execute{Pos: at(11), Up: op.Code{Func: "inner"}, Ops: op.Log{
					&op.CreateIndex{Pos: at(20), Index: op.Index{Table: "nested", Name: "nested_id_index", Columns: []string{"id"}}},
				}},
			}},
			// A reversed function execute has no ops yet: nothing to plan.
			&op.Execute{Pos: at(4), Up: op.Code{Func: "later"}},
			&op.Execute{Pos: at(5), Up: op.Code{SQL: "INSERT INTO raw VALUES (2)"}},
		},
		check: func(t *testing.T, db *sql.DB) {
			var n int
			if err := db.QueryRow(`SELECT sum(x) FROM raw`).Scan(&n); err != nil || n != 3 {
				t.Errorf("raw sum = %d, err %v", n, err)
			}
			if len(indexes(t, db, "nested")) != 1 {
				t.Errorf("nested index missing")
			}
		},
	},
})

// resolved fills in the defaults of every case's ops.
func resolved(cases []planCase) []planCase {
	for _, c := range cases {
		for _, o := range c.ops {
			op.Resolve(o)
		}
	}
	return cases
}
