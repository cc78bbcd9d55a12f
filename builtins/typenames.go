package builtins

import (
	"strings"

	"github.com/larkdb/lark/internal/suggest"
	"github.com/larkdb/lark/op"
)

// Column type names are checked for near misses only. Like Ecto, lark
// passes a type name it does not know to the database as written, so that
// custom and extension types ("citext", "geometry", an enum) work; but a
// misspelt Ecto type ("strng") would then reach the database as a type of
// its own, and SQLite accepts any name, so the typo would never be caught.
// A name is taken for a typo only when all of these hold:
//
//   - it is written like an Ecto type: lower-case letters, digits and "_",
//     at least 4 characters (so "int", "oid" or "varchar(40)" never are);
//   - it is not an Ecto type, nor a database type listed in dbTypeNames;
//   - it is 1 edit from an Ecto type, or 2 when it has 6 characters or
//     more (so "state", an enum, is not taken for "date"); a swap of two
//     adjacent letters is one edit ("txet").
//
// "datetime" is refused outright, as Ecto 3 refuses it (typeTypoError).
//
// A database type that still looks like a typo passes unchecked when it is
// written in capitals or schema-qualified ("RATE", "public.rate").

// ectoTypeNames are the type names of typeMap, the ones a script writes
// as they are.
var ectoTypeNames = func() []string {
	var out []string
	for _, row := range typeMap {
		if op.IsIdent(row[0]) {
			out = append(out, row[0])
		}
	}
	return out
}()

// dbTypeNames are the PostgreSQL and SQLite type names, built in or from
// common extensions, that the rule above would take for typos: they are
// what the script means. TestTypeTypoDatabaseTypes checks the rule against
// PostgreSQL's catalog types, their SQL spellings, common extension types
// and SQLite's type names.
var dbTypeNames = map[string]bool{
	"citext": true, "cstring": true, "float4": true, "float8": true,
	"serial2": true, "serial4": true, "serial8": true,
	"timestamptz": true, "timetz": true,
}

// typeTypo returns the Ecto type name that name seems to misspell, or "".
func typeTypo(name string) string {
	if len(name) < 4 || dbTypeNames[name] || contains(ectoTypeNames, name) {
		return ""
	}
	for _, r := range name {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '_') {
			return ""
		}
	}
	edits := 1
	if len(name) >= 6 {
		edits = 2
	}
	return suggest.Within(name, ectoTypeNames, edits)
}

// typeTypoError is the error of a type name that misspells an Ecto type,
// or that Ecto refuses ("datetime"), or nil. builtin is the builtin that
// was given it.
func typeTypoError(pos op.Pos, builtin, name string) *op.Error {
	if name == "datetime" {
		// Ecto 2 and Rails spell it so; Ecto 3 refuses it in a migration
		// rather than guess which of its two datetimes is meant. lark
		// refuses it on both databases for the same reason: passed
		// through, PostgreSQL would refuse it as an unknown type, and
		// SQLite would take it (with NUMERIC affinity), so a migration
		// that runs in development would fail in production.
		return op.Errorf(pos, "%s: column type \"datetime\" is not an Ecto type: use \"utc_datetime\" or \"naive_datetime\" "+
			"(\"utc_datetime_usec\" or \"naive_datetime_usec\" to keep microseconds)", builtin).
			WithDetail("a database type of that name passes through unchecked when written in capitals: \"DATETIME\"")
	}
	want := typeTypo(name)
	if want == "" {
		return nil
	}
	return op.Errorf(pos, "%s: unknown column type %q (did you mean %q?)", builtin, name, want).
		WithDetail("a database type of that name passes through unchecked when written in capitals: %q", strings.ToUpper(name))
}
