package dialect

import (
	"fmt"
	"strconv"
	"strings"
)

// This file writes the data executor's SQL that is the same on every
// database, from a dialect's [Syntax]. Scripts write placeholders as $n;
// the statements here do too, and the caller binds them ([Syntax.Bind]).

// ph returns the n-th placeholder as scripts write it.
func ph(n int) string { return "$" + strconv.Itoa(n) }

// Subquery is a script's query as lark nests it in its own (a subquery,
// CREATE TABLE ... AS): without surrounding space or a trailing ";".
func Subquery(sql string) string {
	return strings.TrimRight(strings.TrimSpace(sql), ";")
}

// KeysetSQL pages a batches() query by key: the rows after $nargs+1 (the
// last key of the previous page; first leaves the bound out), in key
// order, at most size.
func KeysetSQL(d Syntax, sql, key string, nargs, size int, first bool) string {
	k := "lark_batch." + d.QuoteIdent(key)
	where := ""
	if !first {
		where = fmt.Sprintf(" WHERE %s > %s", k, ph(nargs+1))
	}
	return fmt.Sprintf("SELECT * FROM (%s) AS lark_batch%s ORDER BY %s LIMIT %d", Subquery(sql), where, k, size)
}

// CountSQL counts the rows of a script's query.
func CountSQL(sql string) string {
	return "SELECT count(*) FROM (" + Subquery(sql) + ") AS lark_count"
}

// Backfill is one batch of a backfill(): table (quoted, qualified) is
// updated with set where where holds (both written by the script, with
// nargs placeholders of their own), in pages of size rows by key. first
// is true for the first batch; later ones start after the last key, bound
// as $nargs+1.
type Backfill struct {
	Table, Set, Where, Key string
	Nargs, Size            int
	First                  bool
}

// BackfillStmts are the statements of one backfill batch, in one of two
// shapes:
//
//   - Single, one statement that updates the batch and returns its last key
//     and how many rows it updated; or
//   - Bounds, which returns the batch's last key and size, then Update,
//     which updates the key range up to that key, bound as the parameter
//     after the lower bound.
type BackfillStmts struct {
	Single         string
	Bounds, Update string
}

// Conds returns the WHERE conditions of the batch: after the last key
// (unless first), and the script's where.
func (b Backfill) Conds(d Syntax) []string {
	var out []string
	if !b.First {
		out = append(out, fmt.Sprintf("%s > %s", d.QuoteIdent(b.Key), ph(b.Nargs+1)))
	}
	if strings.TrimSpace(b.Where) != "" {
		out = append(out, "("+b.Where+")")
	}
	return out
}

// Where joins conditions into a WHERE clause, "" for none.
func Where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return " WHERE " + strings.Join(conds, " AND ")
}

// TwoStepBackfill is a backfill batch as Bounds and Update, in SQL every
// database reads.
func TwoStepBackfill(d Syntax, b Backfill) BackfillStmts {
	k := d.QuoteIdent(b.Key)
	conds := b.Conds(d)
	bounds := fmt.Sprintf("SELECT max(lark_k), count(*) FROM (SELECT %s AS lark_k FROM %s%s ORDER BY %s LIMIT %d) AS lark_b", k, b.Table, Where(conds), k, b.Size)
	upper := ph(b.Nargs + 2)
	if b.First {
		upper = ph(b.Nargs + 1)
	}
	uconds := []string{fmt.Sprintf("%s <= %s", k, upper)}
	if !b.First {
		uconds = append([]string{conds[0]}, uconds...)
	}
	if strings.TrimSpace(b.Where) != "" {
		uconds = append(uconds, "("+b.Where+")")
	}
	update := fmt.Sprintf("UPDATE %s SET %s WHERE %s", b.Table, b.Set, strings.Join(uconds, " AND "))
	return BackfillStmts{Bounds: bounds, Update: update}
}

// BackfillRowsSQL is the query of the rows a backfill of table updates,
// for its progress total.
func BackfillRowsSQL(table, where string) string {
	if where == "" {
		return "SELECT 1 FROM " + table
	}
	return "SELECT 1 FROM " + table + " WHERE " + where
}
