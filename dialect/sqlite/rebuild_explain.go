package sqlite

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/dialect/schema"
)

// Explain says which rows made a rebuild's copy fail: when the INSERT INTO
// lark_new_x ... SELECT ... FROM x of a rebuild breaks a NOT NULL, CHECK or
// UNIQUE constraint of the new definition, it finds the first rows of the
// old table that break it. SQLite aborts only the failed statement, so the
// old table is still there to read inside the migration's transaction,
// which the migrator then rolls back. Other failures get no details.
func (Runtime) Explain(ctx context.Context, q dialect.Querier, s dialect.Stmt, err error) []string {
	tmp, table, ok := copyTables(s.SQL)
	if !ok || err == nil {
		return nil
	}
	msg := err.Error()
	x := QuoteIdent(table)
	switch {
	case strings.Contains(msg, "NOT NULL constraint failed: "):
		col := afterDot(msg[strings.Index(msg, "NOT NULL constraint failed: ")+len("NOT NULL constraint failed: "):])
		return firstRows(ctx, q, fmt.Sprintf("rows of %s where %s IS NULL", x, QuoteIdent(col)),
			"SELECT rowid AS rowid FROM "+x+" WHERE "+QuoteIdent(col)+" IS NULL LIMIT ?1")
	case strings.Contains(msg, "CHECK constraint failed: "):
		name := strings.TrimSpace(msg[strings.Index(msg, "CHECK constraint failed: ")+len("CHECK constraint failed: "):])
		name = trimCode(name)
		expr := checkExpr(ctx, q, tmp, name)
		return firstRows(ctx, q, fmt.Sprintf("rows of %s that fail CHECK %s", x, expr),
			"SELECT rowid AS rowid FROM "+x+" WHERE NOT "+expr+" LIMIT ?1")
	case strings.Contains(msg, "UNIQUE constraint failed: "):
		rest := msg[strings.Index(msg, "UNIQUE constraint failed: ")+len("UNIQUE constraint failed: "):]
		rest = trimCode(rest)
		var cols []string
		for _, c := range strings.Split(rest, ",") {
			cols = append(cols, QuoteIdent(afterDot(strings.TrimSpace(c))))
		}
		list := strings.Join(cols, ", ")
		return firstRows(ctx, q, fmt.Sprintf("values of (%s) that more than one row of %s has", list, x),
			"SELECT "+list+" FROM "+x+" GROUP BY "+list+" HAVING count(*) > 1 LIMIT ?1")
	}
	return nil
}

// copyTables recognises a rebuild's copy statement and returns the new
// table's temporary name and the old table's.
func copyTables(sql string) (tmp, table string, ok bool) {
	if !strings.HasPrefix(sql, `INSERT INTO "lark_new_`) {
		return "", "", false
	}
	toks, err := tokenize(sql)
	if err != nil || len(toks) < 4 || !toks[len(toks)-2].is("FROM") {
		return "", "", false
	}
	return toks[2].name(), toks[len(toks)-1].name(), true
}

// trimCode cuts the " (1299)" error code the driver appends.
func trimCode(s string) string {
	s = strings.TrimSpace(s)
	i := strings.LastIndex(s, " (")
	if i < 0 || !strings.HasSuffix(s, ")") {
		return s
	}
	for _, c := range s[i+2 : len(s)-1] {
		if c < '0' || c > '9' {
			return s
		}
	}
	return s[:i]
}

// afterDot returns "col" from "table.col (1299)".
func afterDot(s string) string {
	s = trimCode(s)
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

// checkExpr finds the expression of the CHECK constraint named name in the
// new table's definition, in its parentheses; SQLite names an unnamed
// one by its expression.
func checkExpr(ctx context.Context, q dialect.Querier, tmp, name string) string {
	var sql string
	if err := q.QueryRowContext(ctx, "SELECT sql FROM sqlite_master WHERE type = 'table' AND name = ?1", tmp).Scan(&sql); err != nil {
		return "(" + name + ")"
	}
	t, err := parseTable(sql)
	if err != nil {
		return "(" + name + ")"
	}
	named := func(k schema.Constraint) bool { return k.Kind == schema.KindCheck && strings.EqualFold(k.Name, name) }
	for _, c := range t.Columns {
		if i := slices.IndexFunc(c.Constraints, named); i >= 0 {
			return "(" + c.Constraints[i].Expr + ")"
		}
	}
	if i := slices.IndexFunc(t.Constraints, named); i >= 0 {
		return "(" + t.Constraints[i].Expr + ")"
	}
	return "(" + name + ")" // an unnamed CHECK: SQLite names it by its expression
}

// firstRows runs a query for the first few offending rows and describes
// them in one detail line.
func firstRows(ctx context.Context, q dialect.Querier, what, query string) []string {
	rows, err := q.QueryContext(ctx, query, maxShown)
	if err != nil {
		return nil
	}
	defer rows.Close()
	cols, _ := rows.Columns()
	var found []string
	for rows.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for i := range vals {
			ptrs[i] = &vals[i]
		}
		if rows.Scan(ptrs...) != nil {
			return nil
		}
		parts := make([]string, len(vals))
		for i, v := range vals {
			if b, ok := v.([]byte); ok {
				v = string(b)
			}
			parts[i] = fmt.Sprint(v)
		}
		found = append(found, strings.Join(parts, ", "))
	}
	if len(found) == 0 {
		return nil
	}
	label := "rowid"
	if len(cols) > 1 || cols[0] != "rowid" {
		label = "values"
	}
	return []string{fmt.Sprintf("%s (first %d, by %s): %s", what, maxShown, label, strings.Join(found, "; "))}
}
