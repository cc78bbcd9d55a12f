// Package postgres renders lark's operation log as PostgreSQL SQL, the way
// Ecto's PostgreSQL adapter (ecto_sql's Ecto.Adapters.Postgres.Connection)
// renders Ecto migrations.
//
// [New] returns a [Dialect] whose Plan turns ops into statements without
// touching a database. The mapping of Ecto's primitive column types is
// published as data by [TypeMap]; any other type name is passed through as
// written once [CheckRawType] has made sure it cannot end the statement or
// start a comment.
//
// Every identifier is double-quoted with embedded quotes doubled
// ([QuoteIdent], [QuoteName]) and every string literal is single-quoted with
// embedded quotes doubled ([QuoteString]); only the pieces a script marks as
// raw SQL (fragment defaults, check and exclude expressions, index
// expressions, WHERE clauses, options, execute) reach the database unquoted.
//
// What Ecto does, lark does, with these deliberate differences:
//
//   - modify(..., default=None) renders DROP DEFAULT rather than SET DEFAULT
//     NULL (the same behaviour, a cleaner catalog);
//   - identity start_value and increment are rendered whenever given (Ecto
//     silently drops values that are not positive integers);
//   - what the database would reject later (an identity option on another
//     type, NOT VALID on an exclusion constraint, a column list on ON UPDATE)
//     is an error at the script position instead.
//
// [Runtime.ReadSchema] reads a schema back from pg_catalog into lark's
// typed model (package dialect/schema), as the catalog reports it: what
// `lark watch --dump` writes and what the tests compare after a migration
// and its revert.
package postgres
