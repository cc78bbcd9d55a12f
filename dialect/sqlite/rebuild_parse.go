package sqlite

import (
	"fmt"
	"strings"
)

// This file reads the CREATE statements SQLite stores in sqlite_master, so
// that a table rebuild can rewrite a table's definition: a small tokenizer
// that knows SQLite's quoting ("x", `x`, [x], 'x'), comments and nesting,
// and a parser for CREATE TABLE that keeps every column and constraint as
// the text it was written as. Text the rebuild does not change is copied
// unchanged, so a change and its reversal give back the same definition.

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
	var toks []token
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

// segment is one constraint of a column definition ("NOT NULL", "DEFAULT
// 0", "CONSTRAINT fk REFERENCES p(id) ON DELETE CASCADE"), with the name
// given by CONSTRAINT, if any.
type segment struct {
	kind string // pk, notnull, null, unique, check, default, collate, references, generated
	name string
	text string
	toks []token
}

// item is one entry of a CREATE TABLE's list: a column or a table
// constraint, with the text it was written as.
type item struct {
	column bool
	// name is the column's name, or the table constraint's (CONSTRAINT
	// name), empty when it has none.
	name string
	text string
	toks []token
	// For a column: its declared type and its constraints, in order.
	typ  string
	segs []segment
	// kind is a table constraint's: pk, unique, check or fk.
	kind string
}

// tableDef is a parsed CREATE TABLE statement.
type tableDef struct {
	name  string
	items []item
	// tail is what follows the closing parenthesis: " STRICT", " WITHOUT ROWID".
	tail string
}

// columnKeywords start a constraint in a column definition.
var columnKeywords = map[string]string{
	"CONSTRAINT": "", "PRIMARY": "pk", "NOT": "notnull", "NULL": "null", "UNIQUE": "unique",
	"CHECK": "check", "DEFAULT": "default", "COLLATE": "collate", "REFERENCES": "references",
	"GENERATED": "generated", "AS": "generated",
}

// tableKeywords start a table constraint.
var tableKeywords = map[string]string{"PRIMARY": "pk", "UNIQUE": "unique", "CHECK": "check", "FOREIGN": "fk"}

// parseTable parses the CREATE TABLE text SQLite stores for a table.
func parseTable(sql string) (*tableDef, error) {
	toks, err := tokenize(sql)
	if err != nil {
		return nil, err
	}
	i := 0
	next := func(kw string) bool {
		if i < len(toks) && toks[i].is(kw) {
			i++
			return true
		}
		return false
	}
	if !next("CREATE") {
		return nil, fmt.Errorf("not a CREATE TABLE statement")
	}
	_ = next("TEMP") || next("TEMPORARY")
	if !next("TABLE") {
		return nil, fmt.Errorf("not a CREATE TABLE statement")
	}
	if next("IF") && !(next("NOT") && next("EXISTS")) {
		return nil, fmt.Errorf("malformed IF NOT EXISTS")
	}
	if i >= len(toks) || !toks[i].isName() {
		return nil, fmt.Errorf("no table name")
	}
	def := &tableDef{name: toks[i].name()}
	i++
	if i+1 < len(toks) && toks[i].text == "." {
		def.name = toks[i+1].name()
		i += 2
	}
	if i >= len(toks) || toks[i].text != "(" {
		return nil, fmt.Errorf("table %q is not defined by a column list (CREATE TABLE ... AS SELECT?)", def.name)
	}
	depth, from := 0, i+1
	for j := i; j < len(toks); j++ {
		switch toks[j].text {
		case "(":
			depth++
		case ")":
			depth--
		}
		if depth == 1 && toks[j].text == "," || depth == 0 {
			it, err := parseItem(sql, toks[from:j])
			if err != nil {
				return nil, fmt.Errorf("table %q: %w", def.name, err)
			}
			def.items = append(def.items, it)
			from = j + 1
		}
		if depth == 0 {
			def.tail = sql[toks[j].end:]
			return def, nil
		}
	}
	return nil, fmt.Errorf("table %q: unbalanced parentheses", def.name)
}

// parseItem parses one column definition or table constraint.
func parseItem(sql string, toks []token) (item, error) {
	if len(toks) == 0 {
		return item{}, fmt.Errorf("empty column definition")
	}
	it := item{text: sql[toks[0].start:toks[len(toks)-1].end], toks: toks}
	first := toks[0].upper()
	if toks[0].kind == tokWord && (first == "CONSTRAINT" || tableKeywords[first] != "") {
		k := 0
		if first == "CONSTRAINT" {
			if len(toks) < 3 {
				return item{}, fmt.Errorf("malformed constraint %q", it.text)
			}
			it.name, k = toks[1].name(), 2
		}
		it.kind = tableKeywords[toks[k].upper()]
		if it.kind == "" {
			return item{}, fmt.Errorf("unknown table constraint %q", it.text)
		}
		return it, nil
	}
	if !toks[0].isName() {
		return item{}, fmt.Errorf("malformed column definition %q", it.text)
	}
	it.column, it.name = true, toks[0].name()
	// The type runs to the first constraint keyword outside parentheses.
	depth, k := 0, 1
	for ; k < len(toks); k++ {
		if depth == 0 && toks[k].kind == tokWord {
			if _, ok := columnKeywords[toks[k].upper()]; ok {
				break
			}
		}
		depth += parenDelta(toks[k])
	}
	if k > 1 {
		it.typ = sql[toks[1].start:toks[k-1].end]
	}
	it.segs = splitSegments(sql, toks[k:])
	return it, nil
}

// splitSegments splits a column's constraints. A keyword starts a new
// constraint only outside parentheses and where it is not part of the one
// before: NULL in NOT NULL, DEFAULT NULL and SET NULL; DEFAULT in SET
// DEFAULT; NOT in NOT DEFERRABLE; AS in GENERATED ALWAYS AS.
func splitSegments(sql string, toks []token) []segment {
	var segs []segment
	depth, from := 0, -1
	named := false // the current segment so far is only "CONSTRAINT name"
	flush := func(end int) {
		if from >= 0 && end > from {
			segs = append(segs, makeSegment(sql, toks[from:end]))
		}
	}
	for k, t := range toks {
		starts := false
		if depth == 0 && t.kind == tokWord {
			u := t.upper()
			prev := ""
			if k > 0 {
				prev = toks[k-1].upper()
			}
			_, kw := columnKeywords[u]
			switch {
			case !kw:
			case named && u != "CONSTRAINT":
				named = false // the keyword after CONSTRAINT name
			case u == "NULL" && (prev == "NOT" || prev == "SET" || prev == "DEFAULT"):
			case u == "DEFAULT" && prev == "SET":
			case u == "NOT" && k+1 < len(toks) && toks[k+1].is("DEFERRABLE"):
			case u == "AS" && prev == "ALWAYS":
			default:
				starts = true
			}
			if starts && u == "CONSTRAINT" {
				named = true
			}
		}
		if starts {
			flush(k)
			from = k
		}
		depth += parenDelta(t)
	}
	flush(len(toks))
	return segs
}

// makeSegment classifies one column constraint.
func makeSegment(sql string, toks []token) segment {
	s := segment{text: sql[toks[0].start:toks[len(toks)-1].end], toks: toks}
	k := 0
	if toks[0].is("CONSTRAINT") && len(toks) > 2 {
		s.name, k = toks[1].name(), 2
	}
	s.kind = columnKeywords[toks[k].upper()]
	return s
}

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

// render writes the table definition back as CREATE TABLE name (...).
func (d *tableDef) render(name string) string {
	parts := make([]string, len(d.items))
	for i, it := range d.items {
		parts[i] = it.text
	}
	return "CREATE TABLE " + QuoteIdent(name) + " (" + strings.Join(parts, ", ") + ")" + d.tail
}

// column returns the index of the column named name, or -1.
func (d *tableDef) column(name string) int {
	for i, it := range d.items {
		if it.column && strings.EqualFold(it.name, name) {
			return i
		}
	}
	return -1
}

// primaryKey returns the columns of the table's primary key, if any.
func (d *tableDef) primaryKey() []string {
	for _, it := range d.items {
		if it.column && it.seg("pk") >= 0 {
			return []string{it.name}
		}
		if !it.column && it.kind == "pk" {
			var cols []string
			for _, t := range it.toks {
				if t.isName() && !t.is("PRIMARY") && !t.is("KEY") && !t.is("CONSTRAINT") && !strings.EqualFold(t.name(), it.name) {
					cols = append(cols, t.name())
				}
			}
			return cols
		}
	}
	return nil
}

// seg returns the index of the column's first constraint of kind, or -1.
func (it *item) seg(kind string) int {
	for i, s := range it.segs {
		if s.kind == kind {
			return i
		}
	}
	return -1
}

// rebuildText renders a column item from its name, type and constraints.
func (it *item) rebuildText() {
	parts := []string{QuoteIdent(it.name)}
	if it.typ != "" {
		parts = append(parts, it.typ)
	}
	for _, s := range it.segs {
		parts = append(parts, s.text)
	}
	it.text = strings.Join(parts, " ")
}

// generatedColumn reports whether the column is generated: such a column
// cannot be written, so a rebuild does not copy it.
func (it *item) generatedColumn() bool { return it.column && it.seg("generated") >= 0 }
