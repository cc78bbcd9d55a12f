package schema

import (
	"strings"
)

// SQLite keeps check constraints, generated-column expressions and index
// expressions only in the CREATE statements it stores in sqlite_master. This
// file reads just enough of that SQL to recover them: a tokenizer that knows
// SQLite's quoting and keeps parenthesised groups whole.

// token is one lexical unit of a CREATE statement. A parenthesised group is
// a single token whose text includes the parentheses.
type token struct {
	text       string
	start, end int // byte offsets in the statement
}

// word reports whether the token is the keyword kw (case-insensitive).
func (t token) is(kw string) bool { return strings.EqualFold(t.text, kw) }

// group reports whether the token is a parenthesised group.
func (t token) group() bool { return strings.HasPrefix(t.text, "(") }

// inner returns a group's text without its outer parentheses.
func (t token) inner() string {
	if !t.group() || len(t.text) < 2 {
		return t.text
	}
	return t.text[1 : len(t.text)-1]
}

// tokenize splits sql into tokens, skipping whitespace and comments.
func tokenize(sql string) []token {
	var toks []token
	for i := 0; i < len(sql); {
		c := sql[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			i++
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			for i < len(sql) && sql[i] != '\n' {
				i++
			}
		case c == '(':
			j := skipGroup(sql, i)
			toks = append(toks, token{sql[i:j], i, j})
			i = j
		case c == '\'' || c == '"' || c == '`' || c == '[':
			j := skipQuoted(sql, i)
			toks = append(toks, token{sql[i:j], i, j})
			i = j
		case isWordByte(c):
			j := i
			for j < len(sql) && isWordByte(sql[j]) {
				j++
			}
			toks = append(toks, token{sql[i:j], i, j})
			i = j
		default:
			toks = append(toks, token{sql[i : i+1], i, i + 1})
			i++
		}
	}
	return toks
}

func isWordByte(c byte) bool {
	return c == '_' || c == '$' || c == '.' || c >= '0' && c <= '9' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

// skipQuoted returns the offset just past the quoted run starting at i.
// Doubled quote characters inside are escapes.
func skipQuoted(s string, i int) int {
	open := s[i]
	closer := open
	if open == '[' {
		closer = ']'
	}
	for j := i + 1; j < len(s); j++ {
		if s[j] == closer {
			if closer != ']' && j+1 < len(s) && s[j+1] == closer {
				j++
				continue
			}
			return j + 1
		}
	}
	return len(s)
}

// skipGroup returns the offset just past the parenthesised group at i.
func skipGroup(s string, i int) int {
	depth := 0
	for j := i; j < len(s); {
		switch s[j] {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 {
				return j + 1
			}
		case '\'', '"', '`', '[':
			j = skipQuoted(s, j)
			continue
		}
		j++
	}
	return len(s)
}

// splitTopLevel splits s at the commas that are outside parentheses and
// quotes, trimming each part.
func splitTopLevel(s string) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); {
		switch s[i] {
		case '(':
			i = skipGroup(s, i)
			continue
		case '\'', '"', '`', '[':
			i = skipQuoted(s, i)
			continue
		case ',':
			parts = append(parts, strings.TrimSpace(s[start:i]))
			start = i + 1
		}
		i++
	}
	if rest := strings.TrimSpace(s[start:]); rest != "" || len(parts) > 0 {
		parts = append(parts, rest)
	}
	return parts
}

// normalize collapses whitespace outside quotes into single spaces and
// drops spaces just inside parentheses, so that two renderings of the same
// expression compare equal.
func normalize(s string) string {
	var b strings.Builder
	space := false
	for i := 0; i < len(s); {
		c := s[i]
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r':
			space = true
			i++
			continue
		case c == '\'' || c == '"' || c == '`' || c == '[':
			j := skipQuoted(s, i)
			if space && b.Len() > 0 && !strings.HasSuffix(b.String(), "(") {
				b.WriteByte(' ')
			}
			b.WriteString(s[i:j])
			space = false
			i = j
			continue
		}
		if space && b.Len() > 0 && c != ')' && !strings.HasSuffix(b.String(), "(") {
			b.WriteByte(' ')
		}
		space = false
		b.WriteByte(c)
		i++
	}
	return b.String()
}

// unquote removes SQLite identifier quotes from a single identifier.
func unquote(s string) string {
	if len(s) >= 2 {
		switch {
		case s[0] == '"' && s[len(s)-1] == '"':
			return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
		case s[0] == '`' && s[len(s)-1] == '`':
			return strings.ReplaceAll(s[1:len(s)-1], "``", "`")
		case s[0] == '[' && s[len(s)-1] == ']':
			return s[1 : len(s)-1]
		}
	}
	return s
}

// createTableItems returns the column definitions and table constraints of
// a CREATE TABLE statement, each tokenized.
func createTableItems(sql string) [][]token {
	for _, t := range tokenize(sql) {
		if t.group() {
			var items [][]token
			for _, part := range splitTopLevel(t.inner()) {
				items = append(items, tokenize(part))
			}
			return items
		}
	}
	return nil
}

// isTableConstraint reports whether an item of CREATE TABLE is a table
// constraint rather than a column definition.
func isTableConstraint(item []token) bool {
	if len(item) == 0 {
		return false
	}
	for _, kw := range []string{"CONSTRAINT", "PRIMARY", "UNIQUE", "CHECK", "FOREIGN"} {
		if item[0].is(kw) {
			return true
		}
	}
	return false
}

// checksIn returns the CHECK constraints in one item: each with its name
// (from a preceding CONSTRAINT name) and its normalized definition.
func checksIn(item []token) []Check {
	var out []Check
	for i, t := range item {
		if !t.is("CHECK") || i+1 >= len(item) || !item[i+1].group() {
			continue
		}
		c := Check{Kind: "check", Definition: "CHECK (" + normalize(item[i+1].inner()) + ")"}
		if i >= 2 && item[i-2].is("CONSTRAINT") {
			c.Name = unquote(item[i-1].text)
		}
		out = append(out, c)
	}
	return out
}

// columnExtras reads the generated expression and collation of a column
// definition.
func columnExtras(item []token) (generated, collation string) {
	for i, t := range item {
		switch {
		case t.is("AS") && i+1 < len(item) && item[i+1].group():
			generated = normalize(item[i+1].inner())
		case t.is("COLLATE") && i+1 < len(item):
			collation = unquote(item[i+1].text)
		}
	}
	return generated, collation
}

// indexExpressions returns the key list of a CREATE INDEX statement (each
// entry normalized) and its WHERE clause, if any.
func indexExpressions(sql string) (keys []string, where string) {
	toks := tokenize(sql)
	for i, t := range toks {
		if !t.group() || i == 0 {
			continue
		}
		for _, k := range splitTopLevel(t.inner()) {
			keys = append(keys, normalize(k))
		}
		for j := i + 1; j < len(toks); j++ {
			if toks[j].is("WHERE") && j+1 < len(toks) {
				where = normalize(sql[toks[j+1].start:])
				break
			}
		}
		return keys, where
	}
	return nil, ""
}
