package engine

import (
	"fmt"
	"strconv"
	"strings"
)

// bindSQL rewrites the $1, $2, ... placeholders of a data statement for
// the dialect. PostgreSQL reads them as they are. SQLite's own $name
// parameters number by first appearance, so "$2 ... $1" would bind the
// wrong values; they become ?NNN, which SQLite numbers as written. String
// literals, quoted identifiers and comments are left alone.
func bindSQL(dialect, sql string) string {
	if dialect != "sqlite" || !strings.Contains(sql, "$") {
		return sql
	}
	var b strings.Builder
	b.Grow(len(sql))
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == '\'' || c == '"' || c == '`' || c == '[':
			end := c
			if c == '[' {
				end = ']'
			}
			j := i + 1
			for j < len(sql) {
				if sql[j] == end {
					if end != ']' && j+1 < len(sql) && sql[j+1] == end { // doubled quote
						j += 2
						continue
					}
					break
				}
				j++
			}
			j = min(j+1, len(sql))
			b.WriteString(sql[i:j])
			i = j
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			j := strings.IndexByte(sql[i:], '\n')
			if j < 0 {
				j = len(sql) - i
			}
			b.WriteString(sql[i : i+j])
			i += j
		case c == '/' && i+1 < len(sql) && sql[i+1] == '*':
			j := strings.Index(sql[i+2:], "*/")
			if j < 0 {
				j = len(sql) - i - 2
			} else {
				j += 2
			}
			b.WriteString(sql[i : i+2+j])
			i += 2 + j
		case c == '$' && i+1 < len(sql) && sql[i+1] >= '1' && sql[i+1] <= '9' && (i == 0 || !isIdentByte(sql[i-1])):
			j := i + 1
			for j < len(sql) && sql[j] >= '0' && sql[j] <= '9' {
				j++
			}
			b.WriteByte('?')
			b.WriteString(sql[i+1 : j])
			i = j
		default:
			b.WriteByte(c)
			i++
		}
	}
	return b.String()
}

func isIdentByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// ph returns the n-th placeholder as the scripts write it; bindSQL
// rewrites it for SQLite.
func ph(n int) string { return "$" + strconv.Itoa(n) }

// subquery is a script's query as lark nests it in its own (a subquery,
// CREATE TABLE ... AS): without surrounding space or a trailing ";".
func subquery(sql string) string {
	return strings.TrimRight(strings.TrimSpace(sql), ";")
}

// keysetSQL pages a batches() query by key: the rows after $after, in
// key order, at most size. after is 0 for the first page.
func keysetSQL(quote func(string) string, sql, key string, nargs, size int, first bool) string {
	k := "lark_batch." + quote(key)
	where := ""
	if !first {
		where = fmt.Sprintf(" WHERE %s > %s", k, ph(nargs+1))
	}
	return fmt.Sprintf("SELECT * FROM (%s) AS lark_batch%s ORDER BY %s LIMIT %d", subquery(sql), where, k, size)
}

// backfillSQL returns the two statements of one backfill batch: the
// batch's last key and size, and the UPDATE of that key range. first
// leaves out the lower bound.
func backfillSQL(quote func(string) string, table, set, where, key string, nargs, size int, first bool) (bounds, update string) {
	k := quote(key)
	var conds []string
	lower := ""
	if !first {
		lower = fmt.Sprintf("%s > %s", k, ph(nargs+1))
		conds = append(conds, lower)
	}
	if strings.TrimSpace(where) != "" {
		conds = append(conds, "("+where+")")
	}
	cond := ""
	if len(conds) > 0 {
		cond = " WHERE " + strings.Join(conds, " AND ")
	}
	bounds = fmt.Sprintf("SELECT max(lark_k), count(*) FROM (SELECT %s AS lark_k FROM %s%s ORDER BY %s LIMIT %d) AS lark_b", k, table, cond, k, size)
	upper := ph(nargs + 2)
	if first {
		upper = ph(nargs + 1)
	}
	uconds := []string{fmt.Sprintf("%s <= %s", k, upper)}
	if lower != "" {
		uconds = append([]string{lower}, uconds...)
	}
	if strings.TrimSpace(where) != "" {
		uconds = append(uconds, "("+where+")")
	}
	update = fmt.Sprintf("UPDATE %s SET %s WHERE %s", table, set, strings.Join(uconds, " AND "))
	return bounds, update
}

// backfillPostgresSQL is one backfill batch on PostgreSQL as a single
// statement (every parameter of set and where in one place, which
// PostgreSQL needs to type them): it finds the batch's last key, updates
// the key range up to it (a range scan of the key's index, cheaper than
// joining the rows back one by one), and returns the last key and how many
// rows it updated. The rows are locked by the UPDATE itself.
func backfillPostgresSQL(quote func(string) string, table, set, where, key string, nargs, size int, first bool) string {
	k := quote(key)
	var conds []string
	if !first {
		conds = append(conds, fmt.Sprintf("%s > %s", k, ph(nargs+1)))
	}
	if strings.TrimSpace(where) != "" {
		conds = append(conds, "("+where+")")
	}
	cond := ""
	if len(conds) > 0 {
		cond = " WHERE " + strings.Join(conds, " AND ")
	}
	uconds := append([]string{fmt.Sprintf("%s <= (SELECT lark_hi FROM lark_b)", k)}, conds...)
	// The batch's last key is read with ORDER BY ... DESC LIMIT 1, not
	// max(): PostgreSQL has no max() for some key types (uuid).
	return fmt.Sprintf("WITH lark_b AS (SELECT lark_k AS lark_hi FROM (SELECT %s AS lark_k FROM %s%s ORDER BY %s LIMIT %d) AS lark_s ORDER BY lark_k DESC LIMIT 1), "+
		"lark_u AS (UPDATE %s SET %s WHERE %s RETURNING 1) "+
		"SELECT (SELECT lark_hi FROM lark_b), (SELECT count(*) FROM lark_u)",
		k, table, cond, k, size, table, set, strings.Join(uconds, " AND "))
}
