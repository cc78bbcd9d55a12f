package sqlite

import (
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

var update = flag.Bool("update", false, "rewrite testdata/golden/*.sql from the current output")

// at is a position in the test script m.star.
func at(line int32) op.Pos { return op.Pos{File: "m.star", Line: line, Col: 5} }

func ptr[T any](v T) *T { return &v }

func val(v op.Value) *op.Value { return &v }

// col builds a column of an Ecto type.
func col(name, typ string) op.Column { return op.Column{Name: name, Type: op.Type{Name: typ}} }

// ref builds a references() type with Ecto's defaults: column "id", type
// bigserial, validated. Its Name is empty until op.Resolve gives it
// <table>_<column>_fkey, as it does to a recorded op.
func ref(table string) *op.Reference {
	return &op.Reference{Table: table, Column: "id", Type: op.Type{Name: "bigserial"}, Validate: true}
}

// refCol builds a column whose type is a reference.
func refCol(name string, r *op.Reference) op.Column {
	return op.Column{Name: name, Type: op.Type{Name: "references", Ref: r}}
}

// idCol is the key create_table adds with primary_key=True.
func idCol() op.Column {
	return op.Column{Name: "id", Type: op.Type{Name: "bigserial"}, PrimaryKey: true}
}

// render formats planned statements the way golden files store them.
func render(stmts []dialect.Stmt) string {
	var b strings.Builder
	for _, s := range stmts {
		fmt.Fprintf(&b, "-- op %d at %s\n%s;\n", s.Op, s.Pos, s.SQL)
	}
	return b.String()
}

// golden compares got with testdata/golden/<name>.sql, rewriting it under
// -update.
func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name+".sql")
	if *update {
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read golden file (run with -update to create it): %v", err)
	}
	if got != string(want) {
		t.Errorf("SQL differs from %s (run with -update to accept):\n--- got\n%s--- want\n%s", path, got, want)
	}
}

// execAll runs SQL statements in order on db.
func execAll(t *testing.T, db *sql.DB, stmts []string) {
	t.Helper()
	for _, s := range stmts {
		if _, err := db.ExecContext(context.Background(), s); err != nil {
			t.Fatalf("exec %s: %v", s, err)
		}
	}
}

// columnInfo is one row of PRAGMA table_info.
type columnInfo struct {
	Name    string
	Type    string
	NotNull bool
	Default sql.NullString
	PK      int
}

func tableInfo(t *testing.T, db *sql.DB, table string) map[string]columnInfo {
	t.Helper()
	rows, err := db.QueryContext(context.Background(), "SELECT name, type, \"notnull\", dflt_value, pk FROM pragma_table_xinfo(?)", table)
	if err != nil {
		t.Fatalf("table_info %s: %v", table, err)
	}
	defer rows.Close()
	out := map[string]columnInfo{}
	for rows.Next() {
		var c columnInfo
		if err := rows.Scan(&c.Name, &c.Type, &c.NotNull, &c.Default, &c.PK); err != nil {
			t.Fatal(err)
		}
		out[c.Name] = c
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	if len(out) == 0 {
		t.Fatalf("table %q does not exist", table)
	}
	return out
}

// fkInfo is one row of PRAGMA foreign_key_list, flattened.
type fkInfo struct {
	Table, From, To, OnUpdate, OnDelete, Match string
}

func foreignKeys(t *testing.T, db *sql.DB, table string) []fkInfo {
	t.Helper()
	rows, err := db.QueryContext(context.Background(),
		`SELECT "table", "from", "to", on_update, on_delete, "match" FROM pragma_foreign_key_list(?) ORDER BY id DESC, seq`, table)
	if err != nil {
		t.Fatalf("foreign_key_list %s: %v", table, err)
	}
	defer rows.Close()
	var out []fkInfo
	for rows.Next() {
		var f fkInfo
		if err := rows.Scan(&f.Table, &f.From, &f.To, &f.OnUpdate, &f.OnDelete, &f.Match); err != nil {
			t.Fatal(err)
		}
		out = append(out, f)
	}
	return out
}

// indexInfo is one row of PRAGMA index_list with its columns.
type indexInfo struct {
	Unique  bool
	Partial bool
	Columns string // comma-separated; expressions show as ""
}

func indexes(t *testing.T, db *sql.DB, table string) map[string]indexInfo {
	t.Helper()
	ctx := context.Background()
	rows, err := db.QueryContext(ctx, `SELECT name, "unique", partial FROM pragma_index_list(?)`, table)
	if err != nil {
		t.Fatalf("index_list %s: %v", table, err)
	}
	out := map[string]indexInfo{}
	var names []string
	for rows.Next() {
		var name string
		var ix indexInfo
		if err := rows.Scan(&name, &ix.Unique, &ix.Partial); err != nil {
			t.Fatal(err)
		}
		out[name] = ix
		names = append(names, name)
	}
	rows.Close()
	for _, name := range names {
		var cols []string
		crows, err := db.QueryContext(ctx, `SELECT coalesce(name, '') FROM pragma_index_info(?) ORDER BY seqno`, name)
		if err != nil {
			t.Fatal(err)
		}
		for crows.Next() {
			var c string
			if err := crows.Scan(&c); err != nil {
				t.Fatal(err)
			}
			cols = append(cols, c)
		}
		crows.Close()
		ix := out[name]
		ix.Columns = strings.Join(cols, ",")
		out[name] = ix
	}
	return out
}
