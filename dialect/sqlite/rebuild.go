package sqlite

import (
	"fmt"
	"slices"
	"strings"

	"github.com/larkdb/lark/dialect/schema"
	"github.com/larkdb/lark/op"
)

// A table rebuild is how SQLite makes the changes its ALTER TABLE cannot
// (sqlite.org/lang_altertable.html, section 7): create the table as it
// should be under a temporary name, copy the rows, drop the old table,
// rename the new one, and create again the indexes, triggers and views the
// drop took with it. The statements run inside the migration's
// transaction and are marked [dialect.Stmt.Rebuild]: the migrator foresees
// them before the transaction begins and then has the guard
// (rebuild_guard.go) turn foreign key enforcement off, so dropping a parent
// table never fires ON DELETE actions on its children, and check every
// foreign key before COMMIT.

// rebuildPlan is one table rebuild being planned.
type rebuildPlan struct {
	pos   op.Pos
	table string
	old   *schema.Table
	def   *schema.Table // the new definition, changed by the ops
	// dropIndexes names the indexes the change removes with a column.
	dropIndexes map[string]bool
}

// startRebuild takes the table's definition from the planned schema.
func (p *planner) startRebuild(pos op.Pos, what, table string) (*rebuildPlan, error) {
	t := p.st.table(table)
	if t == nil {
		if p.st.known {
			return nil, op.Errorf(pos, "%s: there is no table %q in the database", what, table)
		}
		return nil, op.Errorf(pos, "%s: SQLite rebuilds table %q to make this change, which needs the table's current definition: lark up and lark plan read it from the database; a plan without a database knows only the tables its own migrations create (raw execute() SQL is not followed: call flush() after it)", what, table)
	}
	if len(t.Columns) == 0 {
		// A definition the parser could not read: say why.
		_, err := parseTable(t.SQL)
		if err == nil {
			err = fmt.Errorf("it has no columns")
		}
		return nil, op.Errorf(pos, "%s: cannot read the definition of table %q: %v", what, table, err)
	}
	// old is only read; def is the plan's own copy, which the ops change.
	return &rebuildPlan{pos: pos, table: t.Name, old: t, def: t.Clone(), dropIndexes: map[string]bool{}}, nil
}

// finish emits the rebuild's statements and updates the planned schema.
func (p *planner) finish(r *rebuildPlan) {
	st := p.st
	from := len(p.stmts)
	defer func() {
		for i := from; i < len(p.stmts); i++ {
			p.stmts[i].Rebuild = true
		}
	}()
	tmp := st.freeName("lark_new_" + r.table)
	x := QuoteIdent(r.table)

	// Views and other tables' triggers that name the table are dropped
	// first and created again last: renaming the new table checks every
	// view and trigger, and the old table is gone by then. INSTEAD OF
	// triggers on those views go with them.
	var views []schema.View
	dropped := map[string]bool{}
	for _, v := range st.s.Views {
		if sqlMentions(v.SQL, r.table) {
			views, dropped[strings.ToLower(v.Name)] = append(views, v), true
			p.emit(r.pos, "DROP VIEW "+QuoteIdent(v.Name))
		}
	}
	var triggers []schema.Trigger
	for _, g := range st.s.Triggers {
		switch {
		case dropped[strings.ToLower(g.Table)], strings.EqualFold(g.Table, r.table):
			triggers = append(triggers, g)
		case sqlMentions(g.SQL, r.table):
			triggers = append(triggers, g)
			p.emit(r.pos, "DROP TRIGGER "+QuoteIdent(g.Name))
		}
	}
	var indexes []schema.Index
	for _, ix := range r.def.Indexes {
		if ix.SQL == "" || !r.dropIndexes[strings.ToLower(ix.Name)] {
			indexes = append(indexes, ix)
		}
	}
	r.def.Indexes = indexes

	p.emit(r.pos, createTableSQL(r.def, tmp))
	if into, from := copyColumns(r.old, r.def); len(into) > 0 {
		p.emit(r.pos, "INSERT INTO "+QuoteIdent(tmp)+" ("+strings.Join(into, ", ")+") SELECT "+strings.Join(from, ", ")+" FROM "+x)
	}
	if r.old.AutoIncrement && r.def.AutoIncrement {
		// Keep AUTOINCREMENT's high-water mark: the copy alone would set it
		// to the largest key left, and deleted keys would come back.
		p.emit(r.pos, "DELETE FROM sqlite_sequence WHERE name = "+QuoteString(tmp))
		p.emit(r.pos, "INSERT INTO sqlite_sequence (name, seq) SELECT "+QuoteString(tmp)+", seq FROM sqlite_sequence WHERE name = "+QuoteString(r.table))
	}
	p.emit(r.pos, "DROP TABLE "+x)
	p.emit(r.pos, "ALTER TABLE "+QuoteIdent(tmp)+" RENAME TO "+x)
	// Created again as they were: the table's indexes, then the views (an
	// INSTEAD OF trigger needs its view), then the triggers, each in the
	// order the database created them.
	for _, ix := range indexes {
		if ix.SQL != "" {
			p.emit(r.pos, ix.SQL)
		}
	}
	for _, v := range views {
		p.emit(r.pos, v.SQL)
	}
	for _, g := range triggers {
		p.emit(r.pos, g.SQL)
	}

	st.replace(r.table, r.def)
	p.rebuilt = true
}

// copyColumns lists the columns the copy writes (into) and what it reads
// for each (from): the columns of the new table that the old one has,
// generated ones left out, and the rowid of a rowid table, so that rowids
// survive too, implicit ones included. A new INTEGER PRIMARY KEY (a primary
// key added to a table that had none) takes the old rowids as its values;
// when the table loses its INTEGER PRIMARY KEY, its values stay the rowids.
func copyColumns(old, def *schema.Table) (into, from []string) {
	for _, c := range def.Columns {
		if c.GeneratedKind == "" && columnNamed(old, c.Name) != nil {
			into = append(into, QuoteIdent(c.Name))
		}
	}
	from = append(from, into...)
	if !hasRowid(old) || !hasRowid(def) {
		return into, from
	}
	// In the old table "rowid" reads its INTEGER PRIMARY KEY, if it has one.
	switch alias := rowidAlias(def); {
	case alias == "":
		into, from = append([]string{"rowid"}, into...), append([]string{"rowid"}, from...)
	case columnNamed(old, alias) == nil:
		into, from = append([]string{QuoteIdent(alias)}, into...), append([]string{"rowid"}, from...)
	}
	return into, from
}

// hasRowid reports whether the table is a rowid table whose rowid can be
// named as "rowid" (no column has taken the name).
func hasRowid(t *schema.Table) bool {
	if slices.Contains(t.Options, "without rowid") {
		return false
	}
	for _, n := range []string{"rowid", "_rowid_", "oid"} {
		if columnNamed(t, n) != nil {
			return false
		}
	}
	return true
}

// rowidAlias returns the INTEGER PRIMARY KEY column, which is the rowid.
func rowidAlias(t *schema.Table) string {
	for i := range t.Columns {
		c := &t.Columns[i]
		if k := firstConstraint(c, schema.KindPrimaryKey); k != nil && strings.EqualFold(strings.TrimSpace(c.Type), "INTEGER") && !k.Desc {
			return c.Name
		}
	}
	return ""
}

// firstConstraint returns the column's first constraint of kind, or nil.
func firstConstraint(c *schema.Column, kind schema.ConstraintKind) *schema.Constraint {
	for i := range c.Constraints {
		if c.Constraints[i].Kind == kind {
			return &c.Constraints[i]
		}
	}
	return nil
}
