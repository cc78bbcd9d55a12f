package dialect

import (
	"strings"
	"unicode"
)

// IsIndexName reports whether a column of index() is a name, to be quoted,
// rather than an expression such as "lower(name)", written as it is (as
// Ecto does). A name has no parenthesis and no whitespace, so a quote in it
// cannot end the identifier early and break the statement. A name already
// written as one quoted identifier ("\"Name\"") is not a name here: it is
// kept as it is, as it cannot break out either, and quoting it again would
// name another column.
func IsIndexName(c string) bool {
	if c == "" || isQuotedIdent(c) {
		return false
	}
	return !strings.ContainsFunc(c, func(r rune) bool { return r == '(' || r == ')' || unicode.IsSpace(r) })
}

// isQuotedIdent reports whether s is exactly one double-quoted identifier,
// with any double quote inside it doubled.
func isQuotedIdent(s string) bool {
	if len(s) < 2 || s[0] != '"' || s[len(s)-1] != '"' {
		return false
	}
	return !strings.Contains(strings.ReplaceAll(s[1:len(s)-1], `""`, ""), `"`)
}
