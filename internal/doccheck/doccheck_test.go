// Package doccheck checks the documentation against the code it describes
// where the two live in packages that may not import each other: the column
// type table of docs/language.md is written in package builtins, but the
// dialect packages own the mapping.
package doccheck

import (
	"bufio"
	"os"
	"regexp"
	"strings"
	"testing"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/dialect/postgres"
	"github.com/larkdb/lark/dialect/sqlite"
	"github.com/larkdb/lark/op"
)

var rowRE = regexp.MustCompile("^\\| `([^`]+)` \\| (.*) \\| (.*) \\|$")

// typeRows reads the column-type table of docs/language.md.
func typeRows(t *testing.T) map[string][2]string {
	t.Helper()
	f, err := os.Open("../../docs/language.md")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows := map[string][2]string{}
	in := false
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		switch {
		case strings.HasPrefix(line, "## "):
			in = line == "## Column types"
		case in:
			if m := rowRE.FindStringSubmatch(line); m != nil {
				rows[m[1]] = [2]string{m[2], m[3]}
			}
		}
	}
	if len(rows) == 0 {
		t.Fatal("docs/language.md has no column type table")
	}
	return rows
}

// rendered is the type a dialect writes for a one-column create_table.
func rendered(t *testing.T, d dialect.Dialect, typ op.Type) string {
	t.Helper()
	stmts, err := d.Plan([]op.Op{&op.CreateTable{Table: op.Table{Name: "t"},
		Columns: []op.Column{{Name: "c", Type: typ}}}})
	if err != nil {
		t.Fatalf("%s: plan %q: %v", d.Name(), typ.Name, err)
	}
	sql := stmts[0].SQL
	start := strings.Index(sql, `"c" `) + len(`"c" `)
	end := strings.LastIndex(sql, ")")
	return strings.TrimSpace(sql[start:end])
}

// TestTypeTableMatchesDialects: every type a dialect maps is documented,
// and the documented SQL is what the dialect renders.
func TestTypeTableMatchesDialects(t *testing.T) {
	t.Parallel()
	rows := typeRows(t)
	for _, dc := range []struct {
		d    dialect.Dialect
		col  int
		tmap [][2]string
	}{
		{postgres.New(), 0, postgres.TypeMap()},
		{sqlite.New(), 1, sqlite.TypeMap()},
	} {
		for _, pair := range dc.tmap {
			name, want := pair[0], pair[1]
			if strings.HasPrefix(name, "array") {
				name = "array(T)"
			}
			row, ok := rows[name]
			if !ok {
				t.Errorf("%s maps type %q, but docs/language.md does not document it", dc.d.Name(), pair[0])
				continue
			}
			if name == "array(T)" {
				continue // documented generically as T[] / TEXT
			}
			if cell := row[dc.col]; !strings.HasPrefix(cell, want) {
				t.Errorf("docs/language.md says %s renders %q as %q; the dialect's map says %q", dc.d.Name(), name, cell, want)
			}
			if got := rendered(t, dc.d, op.Type{Name: pair[0]}); got != want && !strings.HasPrefix(got, want+" ") {
				t.Errorf("%s renders %q as %q; its TypeMap says %q", dc.d.Name(), name, got, want)
			}
		}
	}
}

// TestDocumentedRowsRender: every documented row names a type both dialects
// accept, and "passed through" really passes the name through unchanged.
func TestDocumentedRowsRender(t *testing.T) {
	t.Parallel()
	for name, cells := range typeRows(t) {
		if strings.ContainsAny(name, "( ") {
			continue // array(T), references(...), "anything else"
		}
		for i, d := range []dialect.Dialect{postgres.New(), sqlite.New()} {
			got := rendered(t, d, op.Type{Name: name})
			if strings.Contains(cells[i], "passed through") && got != name {
				t.Errorf("docs say %s passes %q through, but it renders %q", d.Name(), name, got)
			}
		}
	}
	for _, raw := range []string{"citext", "varchar(40)", "jsonb"} {
		for _, d := range []dialect.Dialect{postgres.New(), sqlite.New()} {
			if got := rendered(t, d, op.Type{Name: raw}); got != raw {
				t.Errorf("%s renders the raw type %q as %q; docs say it is passed through as written", d.Name(), raw, got)
			}
		}
	}
}
