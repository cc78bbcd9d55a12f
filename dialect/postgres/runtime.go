package postgres

import (
	"strconv"
	"strings"
)

// Runtime is the part of the PostgreSQL [Dialect] that works on a
// database, or writes the SQL that the migrator and the data executor run
// besides planned ops: the versions table, bind placeholders,
// transactions, the advisory migration lock, timeouts and cursors.
type Runtime struct{}

// Placeholder returns "$n".
func (Runtime) Placeholder(n int) string { return "$" + strconv.Itoa(n) }

// Bind returns sql as it is: scripts write PostgreSQL's own $n
// placeholders.
func (Runtime) Bind(sql string) string { return sql }

// QuoteIdent quotes name with double quotes, doubling any inside.
func (Runtime) QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QualifiedName returns "prefix"."name", or "name" without a prefix.
func (r Runtime) QualifiedName(prefix, name string) string {
	if prefix == "" {
		return r.QuoteIdent(name)
	}
	return r.QuoteIdent(prefix) + "." + r.QuoteIdent(name)
}

// Begin opens a migration's transaction.
func (Runtime) Begin() string { return "BEGIN" }

// Now is the current UTC time to the second, as Ecto stores inserted_at.
func (Runtime) Now() string { return "(now() AT TIME ZONE 'utc')::timestamp(0)" }
