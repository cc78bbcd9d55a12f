package sqlite

import (
	"errors"
	"testing"

	"github.com/larkdb/lark/op"
)

// errCases are ops SQLite cannot do, each with the exact message a user
// sees: the script position, what SQLite cannot do, and what to do instead.
var errCases = []struct {
	name string
	op   op.Op
	want string
}{
	{"modify", alter(op.Change{Pos: at(3), Action: op.ActionModify, Column: col("title", "text")}), `m.star:3:5: modify "title": SQLite rebuilds table "posts" to make this change, which needs the table's current definition: lark up and lark plan read it from the database; a plan without a database knows only the tables its own migrations create (raw execute() SQL is not followed: call flush() after it)`},
	{"add_if_not_exists", alter(op.Change{Pos: at(3), Action: op.ActionAddIfNotExists, Column: col("title", "text")}), `m.star:3:5: add_if_not_exists "title": SQLite has no ADD COLUMN IF NOT EXISTS: use add(), and if the column may exist, look for it first with query() on pragma_table_info`},
	{"remove_if_exists", alter(op.Change{Pos: at(3), Action: op.ActionRemoveIfExists, Column: col("title", "")}), `m.star:3:5: remove_if_exists "title": SQLite has no DROP COLUMN IF EXISTS: use remove(), and if the column may be gone, look for it first with query() on pragma_table_info`},
	{"unknown_change", alter(op.Change{Pos: at(3), Action: "rename", Column: col("title", "")}), `m.star:3:5: alter "posts": unknown change "rename"`},
	{"alter_add_primary_key", alter(op.Change{Pos: at(3), Action: op.ActionAdd, Column: op.Column{Name: "k", Type: op.Type{Name: "integer"}, PrimaryKey: true}}), `m.star:3:5: add "k": SQLite rebuilds table "posts" to make this change, which needs the table's current definition: lark up and lark plan read it from the database; a plan without a database knows only the tables its own migrations create (raw execute() SQL is not followed: call flush() after it)`},
	{"alter_add_composite_fk", alter(op.Change{Pos: at(3), Action: op.ActionAdd, Column: refCol("g_id", withPairs(ref("groups")))}), `m.star:3:5: add "g_id": SQLite rebuilds table "posts" to make this change, which needs the table's current definition: lark up and lark plan read it from the database; a plan without a database knows only the tables its own migrations create (raw execute() SQL is not followed: call flush() after it)`},
	{"alter_prefix", &op.AlterTable{Pos: at(2), Table: op.Table{Name: "posts", Prefix: "audit"}, Changes: []op.Change{{Action: op.ActionAdd, Column: col("x", "text")}}}, `m.star:2:5: alter: SQLite has no schemas, so prefix="audit" cannot be used: leave prefix out (an attached database can be used with execute())`},
	{"check_constraint", &op.CreateConstraint{Pos: at(2), Constraint: op.Constraint{Table: "posts", Name: "positive", Check: "views >= 0", Validate: true}}, `m.star:2:5: constraint "positive": SQLite rebuilds table "posts" to make this change, which needs the table's current definition: lark up and lark plan read it from the database; a plan without a database knows only the tables its own migrations create (raw execute() SQL is not followed: call flush() after it)`},
	{"exclusion_constraint", &op.CreateConstraint{Pos: at(2), Constraint: op.Constraint{Table: "rooms", Name: "no_overlap", Exclude: "gist (room WITH =, during WITH &&)", Validate: true}}, `m.star:2:5: constraint: SQLite has no exclusion constraints: use a unique index, or a trigger with execute()`},
	{"drop_constraint", &op.DropConstraint{Pos: at(2), Constraint: op.Constraint{Table: "posts", Name: "positive"}}, `m.star:2:5: drop_constraint "positive": SQLite rebuilds table "posts" to make this change, which needs the table's current definition: lark up and lark plan read it from the database; a plan without a database knows only the tables its own migrations create (raw execute() SQL is not followed: call flush() after it)`},
	{"rename_index", &op.RenameIndex{Pos: at(2), Table: op.Table{Name: "posts"}, Name: "a", To: "b"}, `m.star:2:5: rename_index: SQLite cannot rename an index: use drop_index then index with the new name`},
	{"create_table_prefix", &op.CreateTable{Pos: at(2), Table: op.Table{Name: "t", Prefix: "audit"}, Columns: []op.Column{idCol()}}, `m.star:2:5: create_table: SQLite has no schemas, so prefix="audit" cannot be used: leave prefix out (an attached database can be used with execute())`},
	{"create_table_no_columns", &op.CreateTable{Pos: at(2), Table: op.Table{Name: "t"}}, `m.star:2:5: create_table "t": SQLite needs at least one column: add a column, or leave primary_key at its default`},
	{"create_table_empty_name", &op.CreateTable{Pos: at(2), Columns: []op.Column{idCol()}}, `m.star:2:5: create_table: empty name`},
	{"create_table_modifiers", &op.CreateTable{Pos: at(2), Table: op.Table{Name: "t"}, Modifiers: "UNLOGGED", Columns: []op.Column{idCol()}}, `m.star:2:5: create_table "t": SQLite has no UNLOGGED tables: the only modifier SQLite has is "TEMP"`},
	{"create_table_options", &op.CreateTable{Pos: at(2), Table: op.Table{Name: "t"}, Options: "STRICT, WITH (fillfactor=70)", Columns: []op.Column{idCol()}}, `m.star:2:5: create_table "t": SQLite has no table option "WITH (fillfactor=70)": its options are "STRICT" and "WITHOUT ROWID", separated by a comma`},
	{"strict_float", &op.CreateTable{Pos: at(2), Table: op.Table{Name: "t"}, Options: "STRICT", Columns: []op.Column{idCol(), col("price", "decimal")}}, `m.star:2:5: add "price": a STRICT table allows only the types INT, INTEGER, REAL, TEXT, BLOB and ANY, and this column's type is DECIMAL: use "real" (or "text" to keep decimals exact)`},
	{"strict_passthrough", &op.CreateTable{Pos: at(2), Table: op.Table{Name: "t"}, Options: "STRICT", Columns: []op.Column{col("code", "varchar(4)")}}, `m.star:2:5: add "code": a STRICT table allows only the types INT, INTEGER, REAL, TEXT, BLOB and ANY, and this column's type is varchar(4): use "text", "integer", "real" or "binary"`},
	{"without_rowid_autoincrement", &op.CreateTable{Pos: at(2), Table: op.Table{Name: "t"}, Options: "WITHOUT ROWID", Columns: []op.Column{idCol()}}, `m.star:2:5: add "id": a WITHOUT ROWID table cannot have an AUTOINCREMENT key: use type "integer" for the key, or drop WITHOUT ROWID`},
	{"reference_prefix", table(refCol("a_id", &op.Reference{Table: "authors", Column: "id", Type: op.Type{Name: "bigserial"}, Validate: true, Prefix: "other"})), `m.star:2:5: references: SQLite has no schemas, so prefix="other" cannot be used: leave prefix out (an attached database can be used with execute())`},
	{"reference_not_validated", table(refCol("a_id", &op.Reference{Table: "authors", Column: "id", Type: op.Type{Name: "bigserial"}})), `m.star:2:5: add "a_id": SQLite cannot add an unvalidated foreign key (validate=False): SQLite checks foreign keys as rows change and never validates old rows; leave validate out`},
	{"reference_nilify_columns", table(refCol("a_id", &op.Reference{Table: "authors", Column: "id", Type: op.Type{Name: "bigserial"}, Validate: true,
		OnDelete: &op.FKAction{Action: "nilify", Columns: []string{"a_id"}}})), `m.star:2:5: add "a_id": SQLite cannot limit on_delete="nilify" to columns [a_id]: use "nilify_all" to apply it to every column of the key`},
	{"reference_match_full", table(refCol("a_id", &op.Reference{Table: "authors", Column: "id", Type: op.Type{Name: "bigserial"}, Validate: true, Match: "full"})), `m.star:2:5: add "a_id": SQLite parses MATCH FULL but enforces only MATCH SIMPLE: leave match out, or use match="simple"`},
	{"composite_fk_match_partial", table(refCol("g_id", func() *op.Reference { r := withPairs(ref("groups")); r.Match = "partial"; return r }())), `m.star:2:5: add "g_id": SQLite parses MATCH PARTIAL but enforces only MATCH SIMPLE: leave match out, or use match="simple"`},
	{"identity_start_value", table(op.Column{Name: "id", Type: op.Type{Name: "identity"}, PrimaryKey: true, StartValue: ptr(int64(1000))}), `m.star:2:5: add "id": SQLite cannot set start_value or increment: an AUTOINCREMENT key starts at 1 and steps by 1; leave them out, or insert a row with the first id you want`},
	{"type_injection", table(col("c", "text); DROP TABLE users; --")), "m.star:2:5: add \"c\": invalid column type \"text); DROP TABLE users; --\": ';' is not allowed in a type\n    a type passed to SQLite as written is a name with an optional size, such as \"varchar(40)\" or \"double precision\""},
	{"no_type", table(col("c", "")), `m.star:2:5: add "c": no column type given`},
	{"generated_not_always", table(op.Column{Name: "c", Type: op.Type{Name: "integer"}, Generated: "BY DEFAULT AS IDENTITY"}), `m.star:2:5: add "c": generated="BY DEFAULT AS IDENTITY": SQLite's generated columns are written "ALWAYS AS (expression)", optionally followed by STORED or VIRTUAL`},
	{"default_nul", table(op.Column{Name: "c", Type: op.Type{Name: "string"}, Default: val(op.String("a\x00b"))}), `m.star:2:5: default: "a\x00b" contains a NUL byte, which SQLite cannot store`},
	{"default_fragment_in_map", table(op.Column{Name: "c", Type: op.Type{Name: "map"}, Default: val(op.Value{Kind: op.KindMap, Map: []op.Entry{{Key: "k", Value: op.Fragment("now()")}}})}), `m.star:2:5: default: a fragment cannot be part of a list or map default`},
	{"drop_table_cascade", &op.DropTable{Pos: at(2), Table: op.Table{Name: "t"}, Mode: "cascade"}, `m.star:2:5: drop_table: SQLite has no mode="cascade": drop the tables that reference it first`},
	{"drop_table_prefix", &op.DropTable{Pos: at(2), Table: op.Table{Name: "t", Prefix: "audit"}}, `m.star:2:5: drop_table: SQLite has no schemas, so prefix="audit" cannot be used: leave prefix out (an attached database can be used with execute())`},
	{"rename_table_prefix", &op.RenameTable{Pos: at(2), Table: op.Table{Name: "t", Prefix: "audit"}, To: "u"}, `m.star:2:5: rename_table: SQLite has no schemas, so prefix="audit" cannot be used: leave prefix out (an attached database can be used with execute())`},
	{"drop_index_cascade", &op.DropIndex{Pos: at(2), Index: op.Index{Table: "t", Name: "t_x_index"}, Mode: "cascade"}, `m.star:2:5: drop_index: SQLite has no mode="cascade": drop what depends on the index first`},
	{"index_prefix", index(op.Index{Prefix: "audit"}), `m.star:2:5: index: SQLite has no schemas, so prefix="audit" cannot be used: leave prefix out (an attached database can be used with execute())`},
	{"index_using", index(op.Index{Using: "gin"}), `m.star:2:5: index "t_x_index": SQLite has only B-tree indexes, so using="gin" cannot be used: leave using out`},
	{"index_include", index(op.Index{Include: []string{"name"}}), `m.star:2:5: index "t_x_index": SQLite has no INCLUDE columns (include=[name]): add them to the index's columns instead`},
	{"index_nulls_not_distinct", index(op.Index{Unique: true, NullsDistinct: ptr(false)}), `m.star:2:5: index "t_x_index": SQLite cannot make NULLs equal in a unique index (nulls_distinct=False): make the columns NOT NULL, or index an expression such as "coalesce(col, '')"`},
	{"index_only", index(op.Index{Only: true}), `m.star:2:5: index "t_x_index": SQLite has no partitioned tables, so only=True cannot be used: leave only out`},
	{"index_options", index(op.Index{Options: "WITH (fillfactor=70)"}), `m.star:2:5: index "t_x_index": SQLite has no index options (options="WITH (fillfactor=70)"): leave options out`},
	{"index_no_columns", &op.CreateIndex{Pos: at(2), Index: op.Index{Table: "t", Name: "t_index"}}, `m.star:2:5: index "t_index": no columns given`},
	{"rename_column_empty", &op.RenameColumn{Pos: at(2), Table: op.Table{Name: "t"}, Column: "a"}, `m.star:2:5: rename_column: empty name`},
	{"default_bad_int", table(op.Column{Name: "c", Type: op.Type{Name: "integer"}, Default: val(op.Value{Kind: op.KindInt, Int: "1; DROP"})}), `m.star:2:5: default: invalid integer "1; DROP"`},
	{"execute_nested", &op.Execute{Pos: at(2), Up: op.Code{Func: "f"}, Ops: op.Log{&op.RenameIndex{Pos: at(7), Table: op.Table{Name: "t"}, Name: "a", To: "b"}}}, `m.star:7:5: rename_index: SQLite cannot rename an index: use drop_index then index with the new name`},
}

func alter(ch op.Change) *op.AlterTable {
	return &op.AlterTable{Pos: at(2), Table: op.Table{Name: "posts"}, Changes: []op.Change{ch}}
}

func table(c op.Column) *op.CreateTable {
	return &op.CreateTable{Pos: at(2), Table: op.Table{Name: "t"}, Columns: []op.Column{c}}
}

func index(ix op.Index) *op.CreateIndex {
	ix.Table, ix.Name, ix.Columns = "t", "t_x_index", []string{"x"}
	return &op.CreateIndex{Pos: at(2), Index: ix}
}

func withPairs(r *op.Reference) *op.Reference {
	r.With = []op.ColumnPair{{Column: "org_id", Ref: "org_id"}}
	return r
}

func TestPlanErrors(t *testing.T) {
	t.Parallel()
	for _, tc := range errCases {
		t.Run(tc.name, func(t *testing.T) {
			t.Parallel()
			// A good op first: Plan fails as a whole and returns nothing.
			ops := []op.Op{&op.CreateTable{Pos: at(1), Table: op.Table{Name: "ok"}, Columns: []op.Column{idCol()}}, tc.op}
			for _, o := range ops {
				op.Resolve(o) // as recorded: the defaults filled in
			}
			stmts, err := New().Plan(ops)
			if err == nil {
				t.Fatalf("Plan succeeded:\n%s", render(stmts))
			}
			if stmts != nil {
				t.Errorf("Plan returned %d statements with its error", len(stmts))
			}
			var oe *op.Error
			if !errors.As(err, &oe) {
				t.Fatalf("error %T is not an *op.Error: %v", err, err)
			}
			if err.Error() != tc.want {
				t.Errorf("error:\n got %s\nwant %s", err, tc.want)
			}
		})
	}
}

// TestPlanAlterCommentOnly: alter(table, comment=...) has nothing to do on
// SQLite, which has no comments.
func TestPlanAlterCommentOnly(t *testing.T) {
	t.Parallel()
	stmts, err := New().Plan([]op.Op{&op.AlterTable{Pos: at(1), Table: op.Table{Name: "t"}, Comment: ptr("c")}})
	if err != nil || len(stmts) != 0 {
		t.Errorf("Plan = %v, %v; want no statements", stmts, err)
	}
}
