package sqlite

import (
	"strings"

	"github.com/larkdb/lark/op"
)

// alterNeedsRebuild returns the first change of an alter that SQLite's
// ALTER TABLE cannot make, or nil: modify; adding a primary key, a
// composite foreign key or a foreign key with a default; removing a column
// that DROP COLUMN refuses (part of a key, unique, referencing, indexed, or
// named by a table constraint or another column's CHECK). Whether a remove
// needs a rebuild depends on the table, so without its definition a remove
// is a DROP COLUMN and SQLite has the last word.
func (p *planner) alterNeedsRebuild(o *op.AlterTable) *op.Change {
	for i := range o.Changes {
		ch := &o.Changes[i]
		switch ch.Action {
		case op.ActionModify:
			return ch
		case op.ActionAdd:
			if ch.Column.PrimaryKey || addRefNeedsRebuild(ch.Column) {
				return ch
			}
		case op.ActionRemove:
			if p.removeNeedsRebuild(o.Table.Name, ch.Column.Name) {
				return ch
			}
		}
	}
	return nil
}

// addRefNeedsRebuild reports whether adding the column needs a rebuild
// because it is a foreign key: a composite one is a table constraint, and
// ADD COLUMN refuses a REFERENCES column with a default other than NULL
// while foreign keys are enforced ("Cannot add a REFERENCES column with
// non-NULL default value"); the rebuild copies the rows with the default
// and the check before COMMIT proves it points at a row.
func addRefNeedsRebuild(c op.Column) bool {
	ref := c.Type.Ref
	return ref != nil && (len(ref.With) > 0 || c.Default != nil && c.Default.Kind != op.KindNull)
}

// removeNeedsRebuild reports whether DROP COLUMN would refuse the column.
func (p *planner) removeNeedsRebuild(table, column string) bool {
	t := p.st.table(table)
	if t == nil {
		return false
	}
	def, err := parseTable(t.SQL)
	if err != nil {
		return false
	}
	c := def.column(column)
	if c < 0 {
		return false
	}
	for _, s := range def.items[c].segs {
		switch s.kind {
		case "pk", "unique", "references":
			return true
		}
	}
	for i, it := range def.items {
		if i != c && mentions(it.toks, column) {
			return true
		}
	}
	for _, o := range p.st.objs {
		if o.Type == "index" && strings.EqualFold(o.Table, table) && indexMentions(o.SQL, column) {
			return true
		}
	}
	return false
}

// indexMentions reports whether an index's columns or WHERE name column.
func indexMentions(sql, column string) bool {
	toks, err := tokenize(sql)
	if err != nil {
		return true
	}
	for i, t := range toks {
		if t.is("ON") {
			return i+2 <= len(toks) && mentions(toks[i+2:], column) // after the table's name
		}
	}
	return true
}

// rebuildAlter makes every change of an alter in one rebuild.
func (p *planner) rebuildAlter(o *op.AlterTable, first *op.Change) error {
	pos := first.Pos
	if !pos.IsValid() {
		pos = o.Pos
	}
	r, err := p.startRebuild(pos, first.Action+" "+quoteName(first.Column.Name), o.Table.Name)
	if err != nil {
		return err
	}
	for _, ch := range o.Changes {
		cpos := ch.Pos
		if !cpos.IsValid() {
			cpos = o.Pos
		}
		switch ch.Action {
		case op.ActionAdd:
			err = r.add(cpos, ch.Column)
		case op.ActionRemove:
			err = p.removeColumn(r, cpos, ch.Column.Name)
		case op.ActionModify:
			err = r.modify(cpos, ch)
		default:
			err = op.Errorf(cpos, "%s %q: SQLite cannot do this in a table rebuild: give it its own alter()", ch.Action, ch.Column.Name)
		}
		if err != nil {
			return err
		}
	}
	p.finish(r)
	return nil
}

func quoteName(s string) string { return `"` + s + `"` }

// add adds a column, with a composite foreign key as a table constraint.
func (r *rebuildPlan) add(pos op.Pos, c op.Column) error {
	if r.def.column(c.Name) >= 0 {
		return op.Errorf(pos, "add %q: table %q already has a column %q", c.Name, r.table, c.Name)
	}
	if c.PrimaryKey {
		if pk := r.def.primaryKey(); len(pk) > 0 {
			return op.Errorf(pos, "add %q: table %q already has a primary key (%s): remove it first, in an earlier alter()", c.Name, r.table, strings.Join(pk, ", "))
		}
	}
	text, err := columnDef(pos, c, colContext{inlinePK: true})
	if err != nil {
		return err
	}
	// Parsed like a stored column, so that the rest of the plan sees its
	// type and constraints: an INTEGER PRIMARY KEY added here takes the
	// old rowids (copyColumns), and AUTOINCREMENT is known.
	toks, err := tokenize(text)
	if err != nil {
		return op.Errorf(pos, "add %q: %v", c.Name, err)
	}
	it, err := parseItem(text, toks)
	if err != nil {
		return op.Errorf(pos, "add %q: %v", c.Name, err)
	}
	r.def.insertColumn(it)
	if ref := c.Type.Ref; ref != nil && len(ref.With) > 0 {
		fk, err := compositeFK(pos, c)
		if err != nil {
			return err
		}
		r.def.items = append(r.def.items, item{name: ref.Name, text: fk, kind: "fk"})
	}
	return nil
}

// removeColumn removes a column and, as PostgreSQL's DROP COLUMN does, the
// table constraints and indexes that involve it. A generated column
// computed from it is an error: PostgreSQL would need CASCADE.
func (p *planner) removeColumn(r *rebuildPlan, pos op.Pos, name string) error {
	c := r.def.column(name)
	if c < 0 {
		return op.Errorf(pos, "remove %q: table %q has no column %q", name, r.table, name)
	}
	r.def.items = append(r.def.items[:c], r.def.items[c+1:]...)
	kept := r.def.items[:0]
	for _, it := range r.def.items {
		switch {
		case it.column:
			if it.generatedColumn() && mentions(it.segs[it.seg("generated")].toks, name) {
				return op.Errorf(pos, "remove %q: generated column %q is computed from it: remove or modify that column first", name, it.name)
			}
			segs := it.segs[:0]
			for _, s := range it.segs {
				if s.kind != "check" || !mentions(s.toks, name) {
					segs = append(segs, s)
				}
			}
			if len(segs) != len(it.segs) {
				it.segs = segs
				it.rebuildText()
			}
		case it.kind == "fk" && !localFKMentions(it.toks, name):
		case mentions(it.toks[1:], name):
			continue // a table constraint on the column goes with it
		}
		kept = append(kept, it)
	}
	r.def.items = kept
	if countColumns(r.def) == 0 {
		return op.Errorf(pos, "remove %q: it is the last column of table %q, and SQLite needs at least one: drop the table instead", name, r.table)
	}
	for _, o := range p.st.objs {
		if o.Type == "index" && strings.EqualFold(o.Table, r.table) && indexMentions(o.SQL, name) {
			r.dropIndexes[strings.ToLower(o.Name)] = true
		}
	}
	return nil
}

// localFKMentions reports whether a FOREIGN KEY constraint's own columns
// (before REFERENCES) include name.
func localFKMentions(toks []token, name string) bool {
	for i, t := range toks {
		if t.is("REFERENCES") {
			return mentions(toks[:i], name)
		}
	}
	return mentions(toks, name)
}

func countColumns(d *tableDef) int {
	n := 0
	for _, it := range d.items {
		if it.column {
			n++
		}
	}
	return n
}

// modify changes a column's type and, when given, its NULL, DEFAULT (none
// for default=None) and COLLATE; the constraints the change does not touch
// (PRIMARY KEY, UNIQUE, CHECK, a foreign key unless the type or from_ is a
// reference) stay as they were written. A new constraint goes where lark
// would write it.
func (r *rebuildPlan) modify(pos op.Pos, ch op.Change) error {
	c := ch.Column
	i := r.def.column(c.Name)
	if i < 0 {
		return op.Errorf(pos, "modify %q: table %q has no column %q", c.Name, r.table, c.Name)
	}
	if c.Type.Ref != nil && len(c.Type.Ref.With) > 0 {
		return op.Errorf(pos, "modify %q: SQLite cannot modify a column into a composite foreign key (with_): remove the column and add it again", c.Name)
	}
	it := &r.def.items[i]
	typ, err := columnType(pos, c)
	if err != nil {
		return err
	}
	if strings.Contains(strings.ToUpper(r.def.tail), "STRICT") {
		if err := checkStrict(pos, c, typ); err != nil {
			return err
		}
	}
	it.typ = typ
	if c.Null != nil {
		it.dropSegs("notnull", "null")
		if !*c.Null {
			it.putSeg(segment{kind: "notnull", text: "NOT NULL"})
		}
	}
	if c.Default != nil {
		it.dropSegs("default")
		// default=None drops the default, as PostgreSQL's DROP DEFAULT
		// does (Ecto, dialect/postgres), rather than writing DEFAULT NULL:
		// a column lark created without a default then comes back as it
		// was written.
		if c.Default.Kind != op.KindNull {
			lit, err := defaultSQL(pos, *c.Default)
			if err != nil {
				return err
			}
			it.putSeg(segment{kind: "default", text: "DEFAULT " + lit})
		}
	}
	if c.Collation != "" {
		coll, err := collation(pos, c)
		if err != nil {
			return err
		}
		it.dropSegs("collate")
		it.putSeg(segment{kind: "collate", text: "COLLATE " + coll})
	}
	fromRef := ch.From != nil && ch.From.Type.Ref != nil
	if c.Type.Ref != nil || fromRef {
		it.dropSegs("references")
	}
	if ref := c.Type.Ref; ref != nil {
		clause, err := referenceClause(pos, c.Name, ref)
		if err != nil {
			return err
		}
		it.putSeg(segment{kind: "references", text: strings.TrimSpace(clause)})
	}
	it.rebuildText()
	return nil
}

// segRank is the order lark writes a column's constraints in (columnDef).
var segRank = map[string]int{"default": 1, "notnull": 2, "null": 2, "collate": 3, "pk": 4, "references": 5, "generated": 6, "unique": 7, "check": 8}

// putSeg inserts a constraint before the first one lark writes after it.
func (it *item) putSeg(s segment) {
	at := len(it.segs)
	for i, x := range it.segs {
		if segRank[x.kind] > segRank[s.kind] {
			at = i
			break
		}
	}
	it.segs = append(it.segs, segment{})
	copy(it.segs[at+1:], it.segs[at:])
	it.segs[at] = s
}

// dropSegs removes the column's constraints of the given kinds.
func (it *item) dropSegs(kinds ...string) {
	out := it.segs[:0]
	for _, s := range it.segs {
		drop := false
		for _, k := range kinds {
			drop = drop || s.kind == k
		}
		if !drop {
			out = append(out, s)
		}
	}
	it.segs = out
}

// createConstraint adds a CHECK constraint by rebuilding the table.
func (p *planner) createConstraint(o *op.CreateConstraint) error {
	c := o.Constraint
	if c.Exclude != "" {
		return op.Errorf(o.Pos, "constraint: SQLite has no exclusion constraints: use a unique index, or a trigger with execute()")
	}
	if err := noPrefix(o.Pos, "constraint", c.Prefix); err != nil {
		return err
	}
	if !c.Validate {
		return op.Errorf(o.Pos, "constraint %q: SQLite checks every row when it rebuilds the table to add a constraint, so validate=False cannot be honoured: leave validate out", c.Name)
	}
	if strings.TrimSpace(c.Check) == "" {
		return op.Errorf(o.Pos, "constraint %q: give check=", c.Name)
	}
	if err := checkNoNUL(o.Pos, "check", c.Check); err != nil {
		return err
	}
	name, err := ident(o.Pos, "constraint", c.Name)
	if err != nil {
		return err
	}
	r, err := p.startRebuild(o.Pos, "constraint "+quoteName(c.Name), c.Table)
	if err != nil {
		return err
	}
	if names := r.def.constraintNames(); names[strings.ToLower(c.Name)] {
		return op.Errorf(o.Pos, "constraint %q: table %q already has a constraint named %q", c.Name, c.Table, c.Name)
	}
	r.def.items = append(r.def.items, item{name: c.Name, kind: "check", text: "CONSTRAINT " + name + " CHECK (" + c.Check + ")"})
	p.finish(r)
	return nil
}

// dropConstraint removes a named table or column constraint (a CHECK, a
// foreign key, a UNIQUE) by rebuilding the table.
func (p *planner) dropConstraint(o *op.DropConstraint) error {
	c := o.Constraint
	if err := noPrefix(o.Pos, "drop_constraint", c.Prefix); err != nil {
		return err
	}
	if err := noCascade(o.Pos, "drop_constraint", o.Mode, "drop what depends on the constraint first"); err != nil {
		return err
	}
	if o.IfExists && p.st.table(c.Table) == nil && p.st.known {
		return nil
	}
	r, err := p.startRebuild(o.Pos, "drop_constraint "+quoteName(c.Name), c.Table)
	if err != nil {
		return err
	}
	if !r.def.dropConstraint(c.Name) {
		if o.IfExists {
			return nil
		}
		names := r.def.constraintNames()
		list := make([]string, 0, len(names))
		for _, it := range r.def.items {
			if !it.column && it.name != "" {
				list = append(list, quoteName(it.name))
			}
			for _, s := range it.segs {
				if s.name != "" {
					list = append(list, quoteName(s.name))
				}
			}
		}
		have := "it has no named constraints"
		if len(list) > 0 {
			have = "its named constraints are " + strings.Join(list, ", ")
		}
		return op.Errorf(o.Pos, "drop_constraint %q: table %q has no constraint named %q: %s", c.Name, c.Table, c.Name, have)
	}
	p.finish(r)
	return nil
}

// constraintNames returns the lower-cased names of every named constraint.
func (d *tableDef) constraintNames() map[string]bool {
	out := map[string]bool{}
	for _, it := range d.items {
		if !it.column && it.name != "" {
			out[strings.ToLower(it.name)] = true
		}
		for _, s := range it.segs {
			if s.name != "" {
				out[strings.ToLower(s.name)] = true
			}
		}
	}
	return out
}

// dropConstraint removes the constraint named name; false if none is.
func (d *tableDef) dropConstraint(name string) bool {
	for i, it := range d.items {
		if !it.column && strings.EqualFold(it.name, name) {
			d.items = append(d.items[:i], d.items[i+1:]...)
			return true
		}
		for j, s := range it.segs {
			if strings.EqualFold(s.name, name) {
				x := &d.items[i]
				x.segs = append(x.segs[:j], x.segs[j+1:]...)
				x.rebuildText()
				return true
			}
		}
	}
	return false
}
