package sqlite

import (
	"strings"

	"github.com/larkdb/lark/dialect"
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
	old   *tableDef
	def   *tableDef // the new definition, changed by the ops
	// dropIndexes names the indexes the change removes with a column.
	dropIndexes map[string]bool
}

// startRebuild reads the table's definition from the planned schema.
func (p *planner) startRebuild(pos op.Pos, what, table string) (*rebuildPlan, error) {
	t := p.st.table(table)
	if t == nil {
		if p.st.known {
			return nil, op.Errorf(pos, "%s: there is no table %q in the database", what, table)
		}
		return nil, op.Errorf(pos, "%s: SQLite rebuilds table %q to make this change, which needs the table's current definition: lark up and lark plan read it from the database; a plan without a database knows only the tables its own migrations create (raw execute() SQL is not followed: call flush() after it)", what, table)
	}
	old, err := parseTable(t.SQL)
	if err != nil {
		return nil, op.Errorf(pos, "%s: cannot read the definition of table %q: %v", what, table, err)
	}
	def, _ := parseTable(t.SQL)
	return &rebuildPlan{pos: pos, table: t.Name, old: old, def: def, dropIndexes: map[string]bool{}}, nil
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
	recreate := map[int]bool{}
	views := map[string]bool{}
	var drops []string
	for i, o := range st.objs {
		if o.Type == "view" && sqlMentions(o.SQL, r.table) {
			recreate[i], views[strings.ToLower(o.Name)] = true, true
			drops = append(drops, "DROP VIEW "+QuoteIdent(o.Name))
		}
	}
	for i, o := range st.objs {
		switch {
		case o.Type == "trigger" && views[strings.ToLower(o.Table)]:
			recreate[i] = true
		case o.Type == "trigger" && !strings.EqualFold(o.Table, r.table) && sqlMentions(o.SQL, r.table):
			recreate[i] = true
			drops = append(drops, "DROP TRIGGER "+QuoteIdent(o.Name))
		case strings.EqualFold(o.Table, r.table) && (o.Type == "index" || o.Type == "trigger"):
			recreate[i] = !r.dropIndexes[strings.ToLower(o.Name)]
		}
	}
	for _, s := range drops {
		p.emit(r.pos, s)
	}

	p.emit(r.pos, r.def.render(tmp))
	if into, from := copyColumns(r.old, r.def); len(into) > 0 {
		p.emit(r.pos, "INSERT INTO "+QuoteIdent(tmp)+" ("+strings.Join(into, ", ")+") SELECT "+strings.Join(from, ", ")+" FROM "+x)
	}
	if hasAutoIncrement(r.old) && hasAutoIncrement(r.def) {
		// Keep AUTOINCREMENT's high-water mark: the copy alone would set it
		// to the largest key left, and deleted keys would come back.
		p.emit(r.pos, "DELETE FROM sqlite_sequence WHERE name = "+QuoteString(tmp))
		p.emit(r.pos, "INSERT INTO sqlite_sequence (name, seq) SELECT "+QuoteString(tmp)+", seq FROM sqlite_sequence WHERE name = "+QuoteString(r.table))
	}
	p.emit(r.pos, "DROP TABLE "+x)
	p.emit(r.pos, "ALTER TABLE "+QuoteIdent(tmp)+" RENAME TO "+x)
	for i, o := range st.objs {
		if recreate[i] {
			p.emit(r.pos, o.SQL)
		}
	}

	if t := st.table(r.table); t != nil {
		t.SQL = r.def.render(r.table)
	}
	st.remove(func(o dialect.Object) bool {
		return o.Type == "index" && r.dropIndexes[strings.ToLower(o.Name)]
	})
	p.rebuilt = true
}

// sqlMentions reports whether SQL text names the identifier.
func sqlMentions(sql, name string) bool {
	toks, err := tokenize(sql)
	return err != nil || mentions(toks, name)
}

// copyColumns lists the columns the copy writes (into) and what it reads
// for each (from): the columns of the new table that the old one has,
// generated ones left out, and the rowid of a rowid table, so that rowids
// survive too, implicit ones included. A new INTEGER PRIMARY KEY (a primary
// key added to a table that had none) takes the old rowids as its values;
// when the table loses its INTEGER PRIMARY KEY, its values stay the rowids.
func copyColumns(old, def *tableDef) (into, from []string) {
	for _, it := range def.items {
		if it.column && !it.generatedColumn() && old.column(it.name) >= 0 {
			into = append(into, QuoteIdent(it.name))
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
	case old.column(alias) < 0:
		into, from = append([]string{QuoteIdent(alias)}, into...), append([]string{"rowid"}, from...)
	}
	return into, from
}

// hasRowid reports whether the table is a rowid table whose rowid can be
// named as "rowid" (no column has taken the name).
func hasRowid(d *tableDef) bool {
	if strings.Contains(strings.ToUpper(d.tail), "WITHOUT") {
		return false
	}
	for _, n := range []string{"rowid", "_rowid_", "oid"} {
		if d.column(n) >= 0 {
			return false
		}
	}
	return true
}

// rowidAlias returns the INTEGER PRIMARY KEY column, which is the rowid.
func rowidAlias(d *tableDef) string {
	for _, it := range d.items {
		if it.column && it.seg("pk") >= 0 && strings.EqualFold(strings.TrimSpace(it.typ), "INTEGER") &&
			!mentions(it.segs[it.seg("pk")].toks, "DESC") {
			return it.name
		}
	}
	return ""
}

func hasAutoIncrement(d *tableDef) bool {
	for _, it := range d.items {
		if it.column && it.seg("pk") >= 0 && mentions(it.segs[it.seg("pk")].toks, "AUTOINCREMENT") {
			return true
		}
	}
	return false
}
