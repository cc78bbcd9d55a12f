package postgres

import (
	"strconv"
	"strings"
)

// Runtime is PostgreSQL's [dialect.Runtime]: the versions table, bind
// placeholders, transactions and the advisory migration lock. Join it with
// the dialect through dialect.WithRuntime.
type Runtime struct{}

// NewRuntime returns PostgreSQL's runtime.
func NewRuntime() Runtime { return Runtime{} }

// Placeholder returns "$n".
func (Runtime) Placeholder(n int) string { return "$" + strconv.Itoa(n) }

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
