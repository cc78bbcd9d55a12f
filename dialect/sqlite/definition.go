package sqlite

import (
	"fmt"
	"strings"

	"github.com/larkdb/lark/dialect/schema"
)

// This file reads the CREATE TABLE and CREATE INDEX statements SQLite
// stores in sqlite_master into lark's typed model (package schema), and
// writes a table's definition back. SQLite keeps a definition only as that
// text, so the model keeps, next to what each column and constraint says,
// the text it was written as; a table rebuild writes the parts it does not
// change back as written, so a change and its reversal give back the same
// definition.

// columnKeywords start a constraint in a column definition.
var columnKeywords = map[string]schema.ConstraintKind{
	"CONSTRAINT": "", "PRIMARY": schema.KindPrimaryKey, "NOT": schema.KindNotNull, "NULL": schema.KindNull,
	"UNIQUE": schema.KindUnique, "CHECK": schema.KindCheck, "DEFAULT": schema.KindDefault,
	"COLLATE": schema.KindCollate, "REFERENCES": schema.KindReferences,
	"GENERATED": schema.KindGenerated, "AS": schema.KindGenerated,
}

// tableKeywords start a table constraint.
var tableKeywords = map[string]schema.ConstraintKind{
	"PRIMARY": schema.KindPrimaryKey, "UNIQUE": schema.KindUnique, "CHECK": schema.KindCheck, "FOREIGN": schema.KindReferences,
}

// parseTable reads the CREATE TABLE statement SQLite stores for a table.
func parseTable(sql string) (*schema.Table, error) {
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
	t := &schema.Table{Name: toks[i].name()}
	i++
	if i+1 < len(toks) && toks[i].text == "." {
		t.Name = toks[i+1].name()
		i += 2
	}
	if i >= len(toks) || toks[i].text != "(" {
		return nil, fmt.Errorf("table %q is not defined by a column list (CREATE TABLE ... AS SELECT?)", t.Name)
	}
	end := closing(toks, i)
	if end == len(toks) {
		return nil, fmt.Errorf("table %q: unbalanced parentheses", t.Name)
	}
	items := splitList(toks[i+1 : end])
	t.Columns = make([]schema.Column, 0, len(items))
	for _, item := range items {
		if len(item) == 0 {
			return nil, fmt.Errorf("table %q: empty column definition", t.Name)
		}
		first := item[0].upper()
		if item[0].kind == tokWord && (first == "CONSTRAINT" || tableKeywords[first] != "") {
			k, err := tableConstraint(sql, item)
			if err != nil {
				return nil, fmt.Errorf("table %q: %w", t.Name, err)
			}
			t.Constraints = append(t.Constraints, k)
			continue
		}
		c, err := readColumn(sql, item)
		if err != nil {
			return nil, fmt.Errorf("table %q: %w", t.Name, err)
		}
		t.Columns = append(t.Columns, c)
	}
	t.OptionsSQL = sql[toks[end].end:]
	describe(t)
	return t, nil
}

// parseColumn reads one column definition, as ADD COLUMN writes it.
func parseColumn(sql string) (schema.Column, error) {
	toks, err := tokenize(sql)
	if err != nil {
		return schema.Column{}, err
	}
	if len(toks) == 0 {
		return schema.Column{}, fmt.Errorf("empty column definition")
	}
	return readColumn(sql, toks)
}

// parseColumnConstraint reads one constraint of the column named col, as
// lark writes it.
func parseColumnConstraint(sql, col string) (schema.Constraint, error) {
	toks, err := tokenize(sql)
	if err != nil {
		return schema.Constraint{}, err
	}
	if len(toks) == 0 {
		return schema.Constraint{}, fmt.Errorf("empty constraint")
	}
	return columnConstraint(sql, col, toks), nil
}

// parseTableConstraint reads one table constraint, as lark writes it.
func parseTableConstraint(sql string) (schema.Constraint, error) {
	toks, err := tokenize(sql)
	if err != nil {
		return schema.Constraint{}, err
	}
	if len(toks) == 0 {
		return schema.Constraint{}, fmt.Errorf("empty constraint")
	}
	return tableConstraint(sql, toks)
}

// readColumn reads the column definition toks of sql: its name, its declared
// type as written, and its constraints.
func readColumn(sql string, toks []token) (schema.Column, error) {
	c := schema.Column{SQL: span(sql, toks)}
	if !toks[0].isName() {
		return c, fmt.Errorf("malformed column definition %q", c.SQL)
	}
	c.Name = toks[0].name()
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
	c.Type = span(sql, toks[1:k])
	segs := splitSegments(toks[k:])
	c.Constraints = make([]schema.Constraint, 0, len(segs))
	for _, seg := range segs {
		c.Constraints = append(c.Constraints, columnConstraint(sql, c.Name, seg))
	}
	return c, nil
}

// splitSegments splits a column's constraints. A keyword starts a new
// constraint only outside parentheses and where it is not part of the one
// before: NULL in NOT NULL, DEFAULT NULL and SET NULL; DEFAULT in SET
// DEFAULT; NOT in NOT DEFERRABLE; AS in GENERATED ALWAYS AS.
func splitSegments(toks []token) [][]token {
	var segs [][]token
	depth, from := 0, -1
	named := false // the current segment so far is only "CONSTRAINT name"
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
			if from >= 0 {
				segs = append(segs, toks[from:k])
			}
			from = k
		}
		depth += parenDelta(t)
	}
	if from >= 0 {
		segs = append(segs, toks[from:])
	}
	return segs
}

// columnConstraint reads one constraint of the column named col.
func columnConstraint(sql, col string, toks []token) schema.Constraint {
	k := schema.Constraint{SQL: span(sql, toks)}
	i := 0
	if toks[0].is("CONSTRAINT") && len(toks) > 2 {
		k.Name, i = toks[1].name(), 2
	}
	k.Kind = columnKeywords[toks[i].upper()]
	rest := toks[i+1:]
	switch k.Kind {
	case schema.KindPrimaryKey:
		for _, t := range rest {
			k.Desc = k.Desc || t.is("DESC")
			k.AutoIncrement = k.AutoIncrement || t.is("AUTOINCREMENT")
		}
	case schema.KindCheck:
		k.Expr = groupText(sql, rest)
	case schema.KindDefault:
		k.Expr = span(sql, rest)
	case schema.KindCollate:
		if len(rest) > 0 {
			k.Expr = rest[0].name()
		}
	case schema.KindReferences:
		k.ForeignKey = foreignKey(rest, k.Name, []string{col})
	case schema.KindGenerated:
		for j, t := range rest {
			if t.text == "(" {
				k.Expr = groupText(sql, rest[j:])
				break
			}
		}
		for _, t := range rest {
			k.Stored = k.Stored || t.is("STORED")
		}
	}
	return k
}

// tableConstraint reads one table constraint.
func tableConstraint(sql string, toks []token) (schema.Constraint, error) {
	k := schema.Constraint{SQL: span(sql, toks)}
	i := 0
	if toks[0].is("CONSTRAINT") {
		if len(toks) < 3 {
			return k, fmt.Errorf("malformed constraint %q", k.SQL)
		}
		k.Name, i = toks[1].name(), 2
	}
	k.Kind = tableKeywords[toks[i].upper()]
	rest := toks[i+1:]
	switch k.Kind {
	case schema.KindPrimaryKey, schema.KindUnique:
		k.Columns = groupNames(rest)
	case schema.KindCheck:
		k.Expr = groupText(sql, rest)
	case schema.KindReferences:
		k.Columns = groupNames(rest)
		for j, t := range rest {
			if t.is("REFERENCES") {
				k.ForeignKey = foreignKey(rest[j+1:], k.Name, k.Columns)
				break
			}
		}
	default:
		return k, fmt.Errorf("unknown table constraint %q", k.SQL)
	}
	return k, nil
}

// groupText returns the text inside the first parenthesised group of toks.
func groupText(sql string, toks []token) string {
	for i, t := range toks {
		if t.text == "(" {
			end := closing(toks, i)
			if end == len(toks) {
				return ""
			}
			return sql[t.end:toks[end].start]
		}
	}
	return ""
}

// groupNames returns the names listed in the first parenthesised group of
// toks: the first token of each entry ("a" of "a COLLATE NOCASE DESC").
func groupNames(toks []token) []string {
	for i, t := range toks {
		if t.text != "(" {
			continue
		}
		var names []string
		for _, part := range splitList(toks[i+1 : closing(toks, i)]) {
			if len(part) > 0 {
				names = append(names, part[0].name())
			}
		}
		return names
	}
	return nil
}

// foreignKey reads a foreign key clause after REFERENCES: the parent table,
// its columns, ON DELETE, ON UPDATE and MATCH. An action not given is NO
// ACTION, as PRAGMA foreign_key_list reports it.
func foreignKey(toks []token, name string, cols []string) *schema.ForeignKey {
	f := &schema.ForeignKey{Name: name, Columns: cols, OnDelete: "NO ACTION", OnUpdate: "NO ACTION"}
	if len(toks) == 0 {
		return f
	}
	f.RefTable = toks[0].name()
	i := 1
	if i < len(toks) && toks[i].text == "(" {
		f.RefColumns = groupNames(toks[i:])
		i = closing(toks, i) + 1
	}
	for ; i < len(toks); i++ {
		switch {
		case toks[i].is("ON") && i+2 < len(toks):
			action := toks[i+2].upper()
			if i+3 < len(toks) && (action == "SET" || action == "NO") {
				action += " " + toks[i+3].upper()
			}
			if toks[i+1].is("DELETE") {
				f.OnDelete = action
			} else if toks[i+1].is("UPDATE") {
				f.OnUpdate = action
			}
		case toks[i].is("MATCH") && i+1 < len(toks):
			f.Match = toks[i+1].upper()
		}
	}
	return f
}

// parseIndex reads the CREATE INDEX statement SQLite stores for an index:
// its name, its key entries and WHERE clause as written, and whether it is
// UNIQUE.
func parseIndex(sql string) (schema.Index, error) {
	x := schema.Index{SQL: sql}
	toks, err := tokenize(sql)
	if err != nil {
		return x, err
	}
	if len(toks) < 2 || !toks[0].is("CREATE") {
		return x, fmt.Errorf("not a CREATE INDEX statement")
	}
	x.Unique = toks[1].is("UNIQUE")
	for i, t := range toks {
		switch {
		case t.is("INDEX") && i+1 < len(toks) && x.Name == "":
			j := i + 1
			if toks[j].is("IF") {
				j += 3 // IF NOT EXISTS
			}
			if j+2 < len(toks) && toks[j+1].text == "." {
				j += 2
			}
			if j < len(toks) {
				x.Name = toks[j].name()
			}
		case t.text == "(":
			end := closing(toks, i)
			for _, part := range splitList(toks[i+1 : end]) {
				x.Columns = append(x.Columns, span(sql, part))
			}
			if end+2 < len(toks) && toks[end+1].is("WHERE") {
				x.Where = strings.TrimSpace(sql[toks[end+2].start:])
			}
			return x, nil
		}
	}
	return x, fmt.Errorf("index %q has no column list", x.Name)
}

// describe fills what a table's typed fields say from its definition: the
// columns' NOT NULL, DEFAULT, COLLATE and generated expression, and the
// table's primary key, AUTOINCREMENT, options, checks, foreign keys and
// the unique constraints among its indexes. Expressions are normalized, as
// the catalog compares them; the constraints keep them as written.
func describe(t *schema.Table) {
	t.PrimaryKey, t.AutoIncrement, t.Checks, t.ForeignKeys = nil, false, nil, nil
	var indexes []schema.Index
	add := func(k schema.Constraint, cols []string) {
		switch k.Kind {
		case schema.KindPrimaryKey:
			t.PrimaryKey = cols
			t.AutoIncrement = k.AutoIncrement
		case schema.KindUnique:
			indexes = append(indexes, schema.Index{Columns: cols, Unique: true, Constraint: true})
		case schema.KindCheck:
			t.Checks = append(t.Checks, schema.Check{Name: k.Name, Kind: "check", Definition: "CHECK (" + normalize(k.Expr) + ")"})
		case schema.KindReferences:
			if k.ForeignKey != nil {
				t.ForeignKeys = append(t.ForeignKeys, *k.ForeignKey)
			}
		}
	}
	for i := range t.Columns {
		c := &t.Columns[i]
		c.NotNull, c.Default, c.Collation, c.Generated, c.GeneratedKind = false, "", "", "", ""
		for _, k := range c.Constraints {
			switch k.Kind {
			case schema.KindNotNull:
				c.NotNull = true
			case schema.KindDefault:
				c.Default = k.Expr
			case schema.KindCollate:
				c.Collation = k.Expr
			case schema.KindGenerated:
				c.Generated, c.GeneratedKind = normalize(k.Expr), "virtual"
				if k.Stored {
					c.GeneratedKind = "stored"
				}
			default:
				add(k, []string{c.Name})
			}
		}
	}
	for _, k := range t.Constraints {
		add(k, k.Columns)
	}
	for _, x := range t.Indexes {
		if !x.Constraint {
			indexes = append(indexes, x)
		}
	}
	t.Indexes = indexes
	t.Options = nil
	if toks, err := tokenize(t.OptionsSQL); err == nil {
		if mentions(toks, "STRICT") {
			t.Options = append(t.Options, "strict")
		}
		if mentions(toks, "WITHOUT") {
			t.Options = append(t.Options, "without rowid")
		}
	}
}

// createTableSQL writes the table's definition as CREATE TABLE name (...):
// each column and table constraint as written, joined by ", ".
func createTableSQL(t *schema.Table, name string) string {
	parts := make([]string, 0, len(t.Columns)+len(t.Constraints))
	for _, c := range t.Columns {
		parts = append(parts, c.SQL)
	}
	for _, k := range t.Constraints {
		parts = append(parts, k.SQL)
	}
	return "CREATE TABLE " + QuoteIdent(name) + " (" + strings.Join(parts, ", ") + ")" + t.OptionsSQL
}

// columnSQL writes a column's definition again from its name, type and
// constraints, after a change.
func columnSQL(c *schema.Column) string {
	parts := []string{QuoteIdent(c.Name)}
	if c.Type != "" {
		parts = append(parts, c.Type)
	}
	for _, k := range c.Constraints {
		parts = append(parts, k.SQL)
	}
	return strings.Join(parts, " ")
}
