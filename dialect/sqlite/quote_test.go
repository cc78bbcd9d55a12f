package sqlite

import (
	"context"
	"testing"

	"github.com/larkdb/lark/internal/testdb"
	"github.com/larkdb/lark/op"
)

func TestQuote(t *testing.T) {
	t.Parallel()
	for _, tc := range []struct{ in, ident, str string }{
		{`plain`, `"plain"`, `'plain'`},
		{`a"b`, `"a""b"`, `'a"b'`},
		{`it's`, `"it's"`, `'it''s'`},
		{`"; DROP TABLE x; --`, `"""; DROP TABLE x; --"`, `'"; DROP TABLE x; --'`},
		{`back\slash`, `"back\slash"`, `'back\slash'`},
		{``, `""`, `''`},
	} {
		if got := QuoteIdent(tc.in); got != tc.ident {
			t.Errorf("QuoteIdent(%q) = %s, want %s", tc.in, got, tc.ident)
		}
		if got := QuoteString(tc.in); got != tc.str {
			t.Errorf("QuoteString(%q) = %s, want %s", tc.in, got, tc.str)
		}
	}
}

// TestQuotingOnSQLite creates objects whose names and defaults carry both
// kinds of quote and SQL, and finds them, exactly, in the catalog.
func TestQuotingOnSQLite(t *testing.T) {
	t.Parallel()
	const (
		tableName = `we"ird'table"; DROP TABLE victim; --`
		colName   = `co"l'1`
		refName   = `pa"rent'`
		indexName = `ix"'; DROP TABLE victim; --`
		fkName    = `fk"'`
		evil      = `'); DROP TABLE victim; --`
	)
	db, _ := testdb.OpenSQLite(t)
	ctx := context.Background()
	execAll(t, db, []string{`CREATE TABLE victim (x INTEGER)`})
	ops := []op.Op{
		&op.CreateTable{Pos: at(1), Table: op.Table{Name: refName}, Columns: []op.Column{idCol()}},
		&op.CreateTable{Pos: at(2), Table: op.Table{Name: tableName}, Columns: []op.Column{
			idCol(),
			{Name: colName, Type: op.Type{Name: "string"}, Default: val(op.String(evil))},
			{Name: "meta", Type: op.Type{Name: "map"}, Default: val(op.Value{Kind: op.KindMap, Map: []op.Entry{{Key: evil, Value: op.String(evil)}}})},
			refCol(`p"id'`, &op.Reference{Table: refName, Column: "id", Type: op.Type{Name: "bigserial"}, Validate: true, Name: fkName}),
		}},
		// Only plain names are quoted as index columns (op.IsIdent); any
		// other name is an expression, so the script quotes it itself.
		&op.CreateIndex{Pos: at(3), Index: op.Index{Table: tableName, Name: indexName, Columns: []string{QuoteIdent(colName), "id"}, Unique: true}},
		&op.AlterTable{Pos: at(4), Table: op.Table{Name: tableName}, Changes: []op.Change{
			{Pos: at(5), Action: op.ActionAdd, Column: op.Column{Name: `added"'`, Type: op.Type{Name: "text"}, Default: val(op.String(`"`))}},
		}},
		&op.RenameColumn{Pos: at(6), Table: op.Table{Name: tableName}, Column: `added"'`, To: `renamed"'`},
	}
	stmts, err := New().Plan(ops)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range stmts {
		if _, err := db.ExecContext(ctx, s.SQL); err != nil {
			t.Fatalf("%s: %v", s.SQL, err)
		}
	}

	for _, want := range []struct{ typ, name string }{{"table", tableName}, {"table", refName}, {"table", "victim"}, {"index", indexName}} {
		var n int
		if err := db.QueryRowContext(ctx, `SELECT count(*) FROM sqlite_master WHERE type = ? AND name = ?`, want.typ, want.name).Scan(&n); err != nil || n != 1 {
			t.Errorf("%s %q: found %d (err %v)", want.typ, want.name, n, err)
		}
	}
	info := tableInfo(t, db, tableName)
	for _, c := range []string{colName, `p"id'`, `renamed"'`} {
		if _, ok := info[c]; !ok {
			t.Errorf("column %q missing: %+v", c, info)
		}
	}
	execAll(t, db, []string{`INSERT INTO ` + QuoteIdent(tableName) + ` DEFAULT VALUES`})
	var got, meta, renamed string
	q := `SELECT ` + QuoteIdent(colName) + `, meta, ` + QuoteIdent(`renamed"'`) + ` FROM ` + QuoteIdent(tableName)
	if err := db.QueryRowContext(ctx, q).Scan(&got, &meta, &renamed); err != nil {
		t.Fatal(err)
	}
	wantMeta := `{"'); DROP TABLE victim; --":"'); DROP TABLE victim; --"}`
	if got != evil || meta != wantMeta || renamed != `"` {
		t.Errorf("defaults: %q, %q, %q", got, meta, renamed)
	}
}
