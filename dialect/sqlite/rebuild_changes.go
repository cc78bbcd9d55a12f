package sqlite

import (
	"slices"
	"strings"

	"github.com/larkdb/lark/dialect/schema"
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

// removeNeedsRebuild reports whether DROP COLUMN would refuse the column:
// it is the primary key, UNIQUE or a foreign key, or another part of the
// table (a column's CHECK or generated expression, a foreign key, a table
// constraint, an index) names it.
func (p *planner) removeNeedsRebuild(table, column string) bool {
	t := p.st.table(table)
	if t == nil {
		return false
	}
	c := columnNamed(t, column)
	if c == nil {
		return false
	}
	for _, k := range c.Constraints {
		switch k.Kind {
		case schema.KindPrimaryKey, schema.KindUnique, schema.KindReferences:
			return true
		}
	}
	for i := range t.Columns {
		if o := &t.Columns[i]; o != c && slices.ContainsFunc(o.Constraints, func(k schema.Constraint) bool { return namesColumn(k, column) }) {
			return true
		}
	}
	if slices.ContainsFunc(t.Constraints, func(k schema.Constraint) bool { return namesColumn(k, column) }) {
		return true
	}
	return slices.ContainsFunc(t.Indexes, func(x schema.Index) bool { return indexNamesColumn(x, column) })
}

// namesColumn reports whether a constraint names the column: among
// its columns, the columns its foreign key references (a table may
// reference itself), or in its expression.
func namesColumn(k schema.Constraint, column string) bool {
	has := func(c string) bool { return strings.EqualFold(c, column) }
	switch {
	case slices.ContainsFunc(k.Columns, has):
		return true
	case k.ForeignKey != nil:
		return slices.ContainsFunc(k.ForeignKey.RefColumns, has)
	case k.Kind == schema.KindCheck || k.Kind == schema.KindGenerated:
		return sqlMentions(k.Expr, column)
	}
	return false
}

// indexNamesColumn reports whether an index's key or WHERE names the column.
func indexNamesColumn(x schema.Index, column string) bool {
	if x.SQL == "" {
		return false // behind a constraint: the constraint says it
	}
	return slices.ContainsFunc(x.Columns, func(e string) bool { return sqlMentions(e, column) }) ||
		x.Where != "" && sqlMentions(x.Where, column)
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
	if columnNamed(r.def, c.Name) != nil {
		return op.Errorf(pos, "add %q: table %q already has a column %q", c.Name, r.table, c.Name)
	}
	if c.PrimaryKey {
		if pk := r.def.PrimaryKey; len(pk) > 0 {
			return op.Errorf(pos, "add %q: table %q already has a primary key (%s): remove it first, in an earlier alter()", c.Name, r.table, strings.Join(pk, ", "))
		}
	}
	sql, err := columnDef(pos, c, colContext{inlinePK: true})
	if err != nil {
		return err
	}
	// Read like a stored column, so that the rest of the plan sees its
	// type and constraints: an INTEGER PRIMARY KEY added here takes the
	// old rowids (copyColumns), and AUTOINCREMENT is known.
	col, err := parseColumn(sql)
	if err != nil {
		return op.Errorf(pos, "add %q: %v", c.Name, err)
	}
	r.def.Columns = append(r.def.Columns, col)
	if ref := c.Type.Ref; ref != nil && len(ref.With) > 0 {
		fk, err := compositeFK(pos, c)
		if err != nil {
			return err
		}
		k, err := parseTableConstraint(fk)
		if err != nil {
			return op.Errorf(pos, "add %q: %v", c.Name, err)
		}
		r.def.Constraints = append(r.def.Constraints, k)
	}
	describe(r.def)
	return nil
}

// removeColumn removes a column and, as PostgreSQL's DROP COLUMN does, the
// table constraints and indexes that involve it. A generated column
// computed from it is an error: PostgreSQL would need CASCADE.
func (p *planner) removeColumn(r *rebuildPlan, pos op.Pos, name string) error {
	if columnNamed(r.def, name) == nil {
		return op.Errorf(pos, "remove %q: table %q has no column %q", name, r.table, name)
	}
	removeColumn(r.def, name)
	for i := range r.def.Columns {
		c := &r.def.Columns[i]
		if g := firstConstraint(c, schema.KindGenerated); g != nil && sqlMentions(g.Expr, name) {
			return op.Errorf(pos, "remove %q: generated column %q is computed from it: remove or modify that column first", name, c.Name)
		}
		kept := slices.DeleteFunc(slices.Clone(c.Constraints), func(k schema.Constraint) bool {
			return k.Kind == schema.KindCheck && sqlMentions(k.Expr, name)
		})
		if len(kept) != len(c.Constraints) {
			c.Constraints = kept
			c.SQL = columnSQL(c)
		}
	}
	// A table constraint on the column goes with it; a foreign key goes
	// when the column is one of its own (referencing) columns.
	r.def.Constraints = slices.DeleteFunc(r.def.Constraints, func(k schema.Constraint) bool {
		if k.Kind == schema.KindReferences {
			return slices.ContainsFunc(k.Columns, func(c string) bool { return strings.EqualFold(c, name) })
		}
		return namesColumn(k, name)
	})
	if len(r.def.Columns) == 0 {
		return op.Errorf(pos, "remove %q: it is the last column of table %q, and SQLite needs at least one: drop the table instead", name, r.table)
	}
	for _, x := range r.def.Indexes {
		if indexNamesColumn(x, name) {
			r.dropIndexes[strings.ToLower(x.Name)] = true
		}
	}
	describe(r.def)
	return nil
}

// modify changes a column's type and, when given, its NULL, DEFAULT (none
// for default=None) and COLLATE; the constraints the change does not touch
// (PRIMARY KEY, UNIQUE, CHECK, a foreign key unless the type or from_ is a
// reference) stay as they were written. A new constraint goes where lark
// would write it.
func (r *rebuildPlan) modify(pos op.Pos, ch op.Change) error {
	c := ch.Column
	col := columnNamed(r.def, c.Name)
	if col == nil {
		return op.Errorf(pos, "modify %q: table %q has no column %q", c.Name, r.table, c.Name)
	}
	if c.Type.Ref != nil && len(c.Type.Ref.With) > 0 {
		return op.Errorf(pos, "modify %q: SQLite cannot modify a column into a composite foreign key (with_): remove the column and add it again", c.Name)
	}
	typ, err := columnType(pos, c)
	if err != nil {
		return err
	}
	if slices.Contains(r.def.Options, "strict") {
		if err := checkStrict(pos, c, typ); err != nil {
			return err
		}
	}
	col.Type = typ
	if c.Null != nil {
		dropConstraints(col, schema.KindNotNull, schema.KindNull)
		if !*c.Null {
			putConstraint(col, schema.Constraint{Kind: schema.KindNotNull, SQL: "NOT NULL"})
		}
	}
	if c.Default != nil {
		dropConstraints(col, schema.KindDefault)
		// default=None drops the default, as PostgreSQL's DROP DEFAULT
		// does (Ecto, dialect/postgres), rather than writing DEFAULT NULL:
		// a column lark created without a default then comes back as it
		// was written.
		if c.Default.Kind != op.KindNull {
			lit, err := defaultSQL(pos, *c.Default)
			if err != nil {
				return err
			}
			putConstraint(col, schema.Constraint{Kind: schema.KindDefault, Expr: lit, SQL: "DEFAULT " + lit})
		}
	}
	if c.Collation != "" {
		coll, err := collation(pos, c)
		if err != nil {
			return err
		}
		dropConstraints(col, schema.KindCollate)
		putConstraint(col, schema.Constraint{Kind: schema.KindCollate, Expr: c.Collation, SQL: "COLLATE " + coll})
	}
	fromRef := ch.From != nil && ch.From.Type.Ref != nil
	if c.Type.Ref != nil || fromRef {
		dropConstraints(col, schema.KindReferences)
	}
	if ref := c.Type.Ref; ref != nil {
		clause, err := referenceClause(pos, c.Name, ref)
		if err != nil {
			return err
		}
		k, err := parseColumnConstraint(strings.TrimSpace(clause), c.Name)
		if err != nil {
			return op.Errorf(pos, "modify %q: %v", c.Name, err)
		}
		putConstraint(col, k)
	}
	col.SQL = columnSQL(col)
	describe(r.def)
	return nil
}

// constraintRank is the order lark writes a column's constraints in
// (columnDef).
var constraintRank = map[schema.ConstraintKind]int{
	schema.KindDefault: 1, schema.KindNotNull: 2, schema.KindNull: 2, schema.KindCollate: 3, schema.KindPrimaryKey: 4,
	schema.KindReferences: 5, schema.KindGenerated: 6, schema.KindUnique: 7, schema.KindCheck: 8,
}

// putConstraint inserts a constraint before the first one lark writes
// after it.
func putConstraint(c *schema.Column, k schema.Constraint) {
	at := len(c.Constraints)
	for i, x := range c.Constraints {
		if constraintRank[x.Kind] > constraintRank[k.Kind] {
			at = i
			break
		}
	}
	c.Constraints = slices.Insert(c.Constraints, at, k)
}

// dropConstraints removes the column's constraints of the given kinds.
func dropConstraints(c *schema.Column, kinds ...schema.ConstraintKind) {
	c.Constraints = slices.DeleteFunc(c.Constraints, func(k schema.Constraint) bool { return slices.Contains(kinds, k.Kind) })
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
	if slices.ContainsFunc(constraintNames(r.def), func(n string) bool { return strings.EqualFold(n, c.Name) }) {
		return op.Errorf(o.Pos, "constraint %q: table %q already has a constraint named %q", c.Name, c.Table, c.Name)
	}
	r.def.Constraints = append(r.def.Constraints, schema.Constraint{
		Kind: schema.KindCheck, Name: c.Name, Expr: c.Check, SQL: "CONSTRAINT " + name + " CHECK (" + c.Check + ")"})
	describe(r.def)
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
	if !dropNamedConstraint(r.def, c.Name) {
		if o.IfExists {
			return nil
		}
		names := constraintNames(r.def)
		have := "it has no named constraints"
		if len(names) > 0 {
			for i, n := range names {
				names[i] = quoteName(n)
			}
			have = "its named constraints are " + strings.Join(names, ", ")
		}
		return op.Errorf(o.Pos, "drop_constraint %q: table %q has no constraint named %q: %s", c.Name, c.Table, c.Name, have)
	}
	p.finish(r)
	return nil
}

// constraintNames lists the names of the table's named constraints, the
// columns' first, in the order the definition writes them.
func constraintNames(t *schema.Table) []string {
	var names []string
	for _, c := range t.Columns {
		for _, k := range c.Constraints {
			if k.Name != "" {
				names = append(names, k.Name)
			}
		}
	}
	for _, k := range t.Constraints {
		if k.Name != "" {
			names = append(names, k.Name)
		}
	}
	return names
}

// dropNamedConstraint removes the constraint named name; false if none is.
func dropNamedConstraint(t *schema.Table, name string) bool {
	named := func(k schema.Constraint) bool { return strings.EqualFold(k.Name, name) }
	for i := range t.Columns {
		c := &t.Columns[i]
		if j := slices.IndexFunc(c.Constraints, named); j >= 0 {
			c.Constraints = slices.Delete(c.Constraints, j, j+1)
			c.SQL = columnSQL(c)
			describe(t)
			return true
		}
	}
	if j := slices.IndexFunc(t.Constraints, named); j >= 0 {
		t.Constraints = slices.Delete(t.Constraints, j, j+1)
		describe(t)
		return true
	}
	return false
}
