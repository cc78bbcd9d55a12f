package postgres

import "strings"

// QuoteIdent quotes name as a PostgreSQL identifier: wrapped in double
// quotes, embedded double quotes doubled, so no name can end the identifier
// early.
func QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QuoteName quotes a possibly schema-qualified name: "prefix"."name", or
// just "name" when prefix is empty.
func QuoteName(prefix, name string) string {
	if prefix == "" {
		return QuoteIdent(name)
	}
	return QuoteIdent(prefix) + "." + QuoteIdent(name)
}

// QuoteString quotes s as a standard SQL string literal: wrapped in single
// quotes, embedded single quotes doubled. PostgreSQL's
// standard_conforming_strings (on by default since 9.1) makes backslashes
// ordinary characters in such a literal.
func QuoteString(s string) string {
	return "'" + strings.ReplaceAll(s, "'", "''") + "'"
}

// quoteIdents quotes each name and joins them with ", ".
func quoteIdents(names []string) string {
	parts := make([]string, len(names))
	for i, n := range names {
		parts[i] = QuoteIdent(n)
	}
	return strings.Join(parts, ", ")
}
