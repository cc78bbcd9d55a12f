package postgres

import (
	"strings"

	"github.com/larkdb/lark/op"
)

// createTable renders create_table as Ecto's execute_ddl does: one CREATE
// TABLE with the columns, the foreign keys of references() columns as table
// constraints, and the primary key as a table constraint (single or
// composite); then the table and column comments.
func (p *planner) createTable(o *op.CreateTable) error {
	if err := checkIdent(o.Pos, "table", o.Table.Name); err != nil {
		return err
	}
	name := QuoteName(o.Table.Prefix, o.Table.Name)
	var defs, pks []string
	for i := range o.Columns {
		c := &o.Columns[i]
		pos := op.PosOr(c.Pos, o.Pos)
		def, err := columnDef(pos, c)
		if err != nil {
			return err
		}
		defs = append(defs, def)
		if c.Type.Ref != nil {
			fk, err := refConstraint(pos, c.Name, c.Type.Ref)
			if err != nil {
				return err
			}
			defs = append(defs, fk)
		}
		if c.PrimaryKey {
			pks = append(pks, c.Name)
		}
	}
	if len(pks) > 0 {
		defs = append(defs, "PRIMARY KEY ("+quoteIdents(pks)+")")
	}
	var b strings.Builder
	b.WriteString("CREATE ")
	if o.Modifiers != "" {
		b.WriteString(o.Modifiers + " ")
	}
	b.WriteString("TABLE ")
	if o.IfNotExists {
		b.WriteString("IF NOT EXISTS ")
	}
	b.WriteString(name + " (" + strings.Join(defs, ", ") + ")")
	if o.Options != "" {
		b.WriteString(" " + o.Options)
	}
	p.emit(o.Pos, b.String(), false)
	if o.Comment != nil {
		p.emit(o.Pos, commentOn("TABLE", name, *o.Comment), false)
	}
	p.columnComments(o.Pos, name, o.Columns)
	return nil
}

// columnComments emits COMMENT ON COLUMN for each column that has one.
func (p *planner) columnComments(pos op.Pos, table string, cols []op.Column) {
	for _, c := range cols {
		if c.Comment != nil {
			p.emit(pos, commentOn("COLUMN", table+"."+QuoteIdent(c.Name), *c.Comment), false)
		}
	}
}

// alterTable renders alter() as one ALTER TABLE statement combining every
// change, as Ecto does, followed by ADD PRIMARY KEY for added key columns
// and then the comments.
func (p *planner) alterTable(o *op.AlterTable) error {
	if err := checkIdent(o.Pos, "table", o.Table.Name); err != nil {
		return err
	}
	name := QuoteName(o.Table.Prefix, o.Table.Name)
	var parts, pks []string
	var commented []op.Column
	for i := range o.Changes {
		ch := &o.Changes[i]
		pos := posOr(ch.Pos, o.Pos)
		sql, err := alterChange(pos, ch)
		if err != nil {
			return err
		}
		parts = append(parts, sql...)
		if ch.Column.PrimaryKey && ch.Action != op.ActionRemove && ch.Action != op.ActionRemoveIfExists {
			pks = append(pks, ch.Column.Name)
		}
		if ch.Action != op.ActionRemove && ch.Action != op.ActionRemoveIfExists {
			commented = append(commented, ch.Column)
		}
	}
	if len(pks) > 0 {
		parts = append(parts, "ADD PRIMARY KEY ("+quoteIdents(pks)+")")
	}
	if len(parts) > 0 {
		p.emit(o.Pos, "ALTER TABLE "+name+" "+strings.Join(parts, ", "), false)
	}
	if o.Comment != nil {
		p.emit(o.Pos, commentOn("TABLE", name, *o.Comment), false)
	}
	p.columnComments(o.Pos, name, commented)
	return nil
}

// alterChange renders one change of alter() as the clauses it adds to the
// ALTER TABLE statement.
func alterChange(pos op.Pos, ch *op.Change) ([]string, error) {
	c := &ch.Column
	if err := checkIdent(pos, "column", c.Name); err != nil {
		return nil, err
	}
	switch ch.Action {
	case op.ActionAdd, op.ActionAddIfNotExists:
		def, err := columnDef(pos, c)
		if err != nil {
			return nil, err
		}
		head := "ADD COLUMN "
		if ch.Action == op.ActionAddIfNotExists {
			head = "ADD COLUMN IF NOT EXISTS "
		}
		out := []string{head + def}
		if c.Type.Ref != nil {
			fk, err := refConstraint(pos, c.Name, c.Type.Ref)
			if err != nil {
				return nil, err
			}
			out = append(out, "ADD "+fk)
		}
		return out, nil
	case op.ActionModify:
		return modifyChange(pos, ch)
	case op.ActionRemove, op.ActionRemoveIfExists:
		ifExists := ""
		if ch.Action == op.ActionRemoveIfExists {
			ifExists = "IF EXISTS "
		}
		var out []string
		if ref := c.Type.Ref; ref != nil {
			out = append(out, "DROP CONSTRAINT "+ifExists+QuoteIdent(ref.Name))
		}
		return append(out, "DROP COLUMN "+ifExists+QuoteIdent(c.Name)), nil
	}
	return nil, op.Errorf(pos, "alter: unknown change %q", ch.Action).
		WithDetail("valid changes: add, add_if_not_exists, modify, remove, remove_if_exists")
}

// modifyChange renders modify() as Ecto does: drop the old foreign key when
// from_ was a reference, change the type, add the new foreign key when the
// new type is a reference, then SET/DROP NOT NULL and SET/DROP DEFAULT.
func modifyChange(pos op.Pos, ch *op.Change) ([]string, error) {
	c := &ch.Column
	col := QuoteIdent(c.Name)
	var out []string
	if ch.From != nil && ch.From.Type.Ref != nil {
		out = append(out, "DROP CONSTRAINT "+QuoteIdent(ch.From.Type.Ref.Name))
	}
	if c.Generated != "" {
		return nil, op.Errorf(pos, "modify %q: generated= cannot be changed by modify; drop and re-add the column", c.Name)
	}
	if !c.Type.IsZero() {
		if c.Type.Name == "identity" {
			return nil, op.Errorf(pos, "modify %q: PostgreSQL cannot change a column into an identity column with ALTER COLUMN TYPE", c.Name).
				WithDetail(`use execute("ALTER TABLE ... ALTER COLUMN ... ADD GENERATED BY DEFAULT AS IDENTITY")`)
		}
		typ, err := columnType(pos, c)
		if err != nil {
			return nil, err
		}
		out = append(out, "ALTER COLUMN "+col+" TYPE "+typ)
		if c.Type.Ref != nil {
			fk, err := refConstraint(pos, c.Name, c.Type.Ref)
			if err != nil {
				return nil, err
			}
			out = append(out, "ADD "+fk)
		}
	}
	if c.Null != nil {
		if *c.Null {
			out = append(out, "ALTER COLUMN "+col+" DROP NOT NULL")
		} else {
			out = append(out, "ALTER COLUMN "+col+" SET NOT NULL")
		}
	}
	if c.Default != nil {
		if c.Default.Kind == op.KindNull {
			out = append(out, "ALTER COLUMN "+col+" DROP DEFAULT")
		} else {
			d, err := defaultSQL(pos, c, *c.Default, valueType(c.Type))
			if err != nil {
				return nil, err
			}
			out = append(out, "ALTER COLUMN "+col+" SET DEFAULT "+d)
		}
	}
	if len(out) == 0 {
		return nil, op.Errorf(pos, "modify %q: nothing to change", c.Name)
	}
	return out, nil
}

// dropTable renders drop_table.
func (p *planner) dropTable(o *op.DropTable) error {
	ifExists := ""
	if o.IfExists {
		ifExists = "IF EXISTS "
	}
	p.emit(o.Pos, "DROP TABLE "+ifExists+QuoteName(o.Table.Prefix, o.Table.Name)+dropMode(o.Mode), false)
	return nil
}

// renameTable renders rename_table; the table stays in its schema.
func (p *planner) renameTable(o *op.RenameTable) error {
	if err := checkIdent(o.Pos, "new table", o.To); err != nil {
		return err
	}
	p.emit(o.Pos, "ALTER TABLE "+QuoteName(o.Table.Prefix, o.Table.Name)+" RENAME TO "+QuoteIdent(o.To), false)
	return nil
}

// renameColumn renders rename_column.
func (p *planner) renameColumn(o *op.RenameColumn) error {
	if err := checkIdent(o.Pos, "new column", o.To); err != nil {
		return err
	}
	p.emit(o.Pos, "ALTER TABLE "+QuoteName(o.Table.Prefix, o.Table.Name)+
		" RENAME "+QuoteIdent(o.Column)+" TO "+QuoteIdent(o.To), false)
	return nil
}

// renameIndex renders rename_index; an index lives in its table's schema.
func (p *planner) renameIndex(o *op.RenameIndex) error {
	if err := checkIdent(o.Pos, "new index", o.To); err != nil {
		return err
	}
	p.emit(o.Pos, "ALTER INDEX "+QuoteName(o.Table.Prefix, o.Name)+" RENAME TO "+QuoteIdent(o.To), false)
	return nil
}
