package sqlite

import (
	"fmt"
	"strings"
)

// This file is lark's one tokenizer of SQLite's SQL: it knows SQLite's
// quoting ("x", `x`, [x], 'x'), comments and operators. The definition
// parser (definition.go) reads the CREATE statements of sqlite_master with
// it, the catalog reader normalizes expressions with it, and the table
// rebuild finds the identifiers a view, a trigger or an expression names.

// tokKind is the kind of one token.
type tokKind int

const (
	tokWord   tokKind = iota // a bare identifier or keyword
	tokIdent                 // a quoted identifier: "x", `x` or [x]
	tokString                // a string literal: 'x'
	tokNumber                // a number, or a blob literal x'..'
	tokPunct                 // one character of punctuation, or an operator
)

// token is one token of SQL text; start and end are byte offsets into it.
type token struct {
	kind       tokKind
	text       string
	start, end int
}

// upper is the token's text in upper case: how keywords are compared.
func (t token) upper() string { return strings.ToUpper(t.text) }

// isName reports whether the token can name a column or table.
func (t token) isName() bool {
	return t.kind == tokWord || t.kind == tokIdent || t.kind == tokString
}

// name is the identifier the token spells, quotes removed.
func (t token) name() string {
	s := t.text
	switch t.kind {
	case tokIdent:
		switch s[0] {
		case '"':
			return strings.ReplaceAll(s[1:len(s)-1], `""`, `"`)
		case '`':
			return strings.ReplaceAll(s[1:len(s)-1], "``", "`")
		case '[':
			return s[1 : len(s)-1]
		}
	case tokString:
		return strings.ReplaceAll(s[1:len(s)-1], `''`, `'`)
	}
	return s
}

// is reports whether the token is the keyword kw (upper case).
func (t token) is(kw string) bool { return t.kind == tokWord && strings.EqualFold(t.text, kw) }

// tokenize splits SQL text into tokens, dropping whitespace and comments.
// An unterminated quote or comment is an error.
func tokenize(sql string) ([]token, error) {
	toks := make([]token, 0, len(sql)/4) // about one token in four bytes

	i := 0
	for i < len(sql) {
		c := sql[i]
		start := i
		switch {
		case c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v':
			i++
			continue
		case c == '-' && i+1 < len(sql) && sql[i+1] == '-':
			if j := strings.IndexByte(sql[i:], '\n'); j >= 0 {
				i += j + 1
			} else {
				i = len(sql)
			}
			continue
		case c == '/' && i+1 < len(sql) && sql[i+1] == '*':
			j := strings.Index(sql[i+2:], "*/")
			if j < 0 {
				return nil, fmt.Errorf("unterminated comment at byte %d", i)
			}
			i += j + 4
			continue
		case c == '"' || c == '`' || c == '\'':
			end, err := closeQuote(sql, i, c)
			if err != nil {
				return nil, err
			}
			kind := tokIdent
			if c == '\'' {
				kind = tokString
			}
			i = end
			toks = append(toks, token{kind, sql[start:i], start, i})
		case c == '[':
			j := strings.IndexByte(sql[i:], ']')
			if j < 0 {
				return nil, fmt.Errorf("unterminated [identifier] at byte %d", i)
			}
			i += j + 1
			toks = append(toks, token{tokIdent, sql[start:i], start, i})
		case (c == 'x' || c == 'X') && i+1 < len(sql) && sql[i+1] == '\'':
			end, err := closeQuote(sql, i+1, '\'')
			if err != nil {
				return nil, err
			}
			i = end
			toks = append(toks, token{tokNumber, sql[start:i], start, i})
		case isWordStart(c):
			for i < len(sql) && isWordByte(sql[i]) {
				i++
			}
			toks = append(toks, token{tokWord, sql[start:i], start, i})
		case c >= '0' && c <= '9' || c == '.' && i+1 < len(sql) && sql[i+1] >= '0' && sql[i+1] <= '9':
			for i < len(sql) && (isWordByte(sql[i]) || sql[i] == '.' ||
				(sql[i] == '+' || sql[i] == '-') && (sql[i-1] == 'e' || sql[i-1] == 'E')) {
				i++
			}
			toks = append(toks, token{tokNumber, sql[start:i], start, i})
		default:
			i++
			// Two-character operators stay one token, so "!=" never looks
			// like punctuation followed by an expression.
			if i < len(sql) && strings.Contains("<>=|!", string(c)) && strings.Contains("<>=|", string(sql[i])) {
				i++
			}
			toks = append(toks, token{tokPunct, sql[start:i], start, i})
		}
	}
	return toks, nil
}

// closeQuote returns the offset after the quote that closes the one at i;
// a doubled quote inside is part of the text.
func closeQuote(sql string, i int, q byte) (int, error) {
	for j := i + 1; j < len(sql); j++ {
		if sql[j] != q {
			continue
		}
		if j+1 < len(sql) && sql[j+1] == q {
			j++
			continue
		}
		return j + 1, nil
	}
	return 0, fmt.Errorf("unterminated %c quote at byte %d", q, i)
}

func isWordStart(c byte) bool {
	return c == '_' || c == '$' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= 0x80
}

func isWordByte(c byte) bool { return isWordStart(c) || c >= '0' && c <= '9' }

// mentions reports whether any identifier token names name (SQLite compares
// identifiers without regard to ASCII case).
func mentions(toks []token, name string) bool {
	for _, t := range toks {
		if (t.kind == tokWord || t.kind == tokIdent) && strings.EqualFold(t.name(), name) {
			return true
		}
	}
	return false
}

// sqlMentions reports whether SQL text names the identifier; text it
// cannot read counts as naming it.
func sqlMentions(sql, name string) bool {
	toks, err := tokenize(sql)
	return err != nil || mentions(toks, name)
}

// renameIdent replaces every identifier token naming from with to, quoted.
func renameIdent(sql, from, to string) string {
	toks, err := tokenize(sql)
	if err != nil {
		return sql
	}
	var b strings.Builder
	last := 0
	for _, t := range toks {
		if (t.kind == tokWord || t.kind == tokIdent) && strings.EqualFold(t.name(), from) {
			b.WriteString(sql[last:t.start])
			b.WriteString(QuoteIdent(to))
			last = t.end
		}
	}
	b.WriteString(sql[last:])
	return b.String()
}

// normalize writes an expression with its tokens separated by one space
// where the text had whitespace or a comment between them, none just inside
// parentheses, and none where it had none: two spellings of the same
// expression that differ only in layout compare equal ("price   *  qty"
// is "price * qty"). Comments are left out. Text it cannot read has its
// whitespace collapsed instead.
func normalize(s string) string {
	toks, err := tokenize(s)
	if err != nil {
		return strings.Join(strings.Fields(s), " ")
	}
	var b strings.Builder
	for i, t := range toks {
		if i > 0 && t.start > toks[i-1].end && t.text != ")" && toks[i-1].text != "(" {
			b.WriteByte(' ')
		}
		b.WriteString(t.text)
	}
	return b.String()
}

// closing returns the index of the token that closes the parenthesis at
// toks[i], or len(toks) when none does.
func closing(toks []token, i int) int {
	depth := 0
	for j := i; j < len(toks); j++ {
		depth += parenDelta(toks[j])
		if depth == 0 {
			return j
		}
	}
	return len(toks)
}

// splitList splits tokens at the commas outside parentheses.
func splitList(toks []token) [][]token {
	var parts [][]token
	depth, from := 0, 0
	for i, t := range toks {
		if depth == 0 && t.kind == tokPunct && t.text == "," {
			parts = append(parts, toks[from:i])
			from = i + 1
		}
		depth += parenDelta(t)
	}
	return append(parts, toks[from:])
}

// parenDelta is +1 for "(", -1 for ")", 0 for any other token.
func parenDelta(t token) int {
	if t.kind != tokPunct {
		return 0
	}
	switch t.text {
	case "(":
		return 1
	case ")":
		return -1
	}
	return 0
}

// span returns the SQL the tokens span, from the first one's start to the
// last one's end; "" for none.
func span(sql string, toks []token) string {
	if len(toks) == 0 {
		return ""
	}
	return sql[toks[0].start:toks[len(toks)-1].end]
}
