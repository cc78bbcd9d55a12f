package sqlite

import (
	"strconv"
	"strings"
)

// Runtime is the part of the SQLite [Dialect] that works on a database, or
// writes the SQL that the migrator and the data executor run besides
// planned ops: the versions table, bind placeholders, immediate
// transactions, the run's file lock, timeouts, the snapshot and guard of
// table rebuilds.
type Runtime struct{}

// Placeholder returns "?n".
func (Runtime) Placeholder(n int) string { return "?" + strconv.Itoa(n) }

// QuoteIdent quotes name with double quotes, doubling any inside.
func (Runtime) QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QualifiedName returns "prefix"."name" (prefix is an attached database),
// or "name" without a prefix.
func (r Runtime) QualifiedName(prefix, name string) string {
	if prefix == "" {
		return r.QuoteIdent(name)
	}
	return r.QuoteIdent(prefix) + "." + r.QuoteIdent(name)
}

// Begin takes SQLite's write lock as the transaction opens, so a second
// process waits (busy_timeout) instead of reading a version table that is
// about to change.
func (Runtime) Begin() string { return "BEGIN IMMEDIATE" }

// Now is the current UTC time to the second in ecto_sqlite3's text form.
func (Runtime) Now() string { return "strftime('%Y-%m-%dT%H:%M:%S', 'now')" }
