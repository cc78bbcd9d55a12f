package sqlite

import (
	"strings"

	"github.com/larkdb/lark/op"
)

// createTable renders CREATE [TEMP] TABLE [IF NOT EXISTS] with its columns,
// a composite PRIMARY KEY and composite FOREIGN KEYs as table constraints,
// and the table options after the column list.
func (p *planner) createTable(o *op.CreateTable) error {
	if err := noPrefix(o.Pos, "create_table", o.Table.Prefix); err != nil {
		return err
	}
	name, err := ident(o.Pos, "create_table", o.Table.Name)
	if err != nil {
		return err
	}
	if len(o.Columns) == 0 {
		return op.Errorf(o.Pos, "create_table %q: SQLite needs at least one column: add a column, or leave primary_key at its default", o.Table.Name)
	}
	modifiers, err := tableModifiers(o)
	if err != nil {
		return err
	}
	options, strict, withoutRowID, err := tableOptions(o)
	if err != nil {
		return err
	}

	var pks []string
	for _, c := range o.Columns {
		if c.PrimaryKey {
			pks = append(pks, QuoteIdent(c.Name))
		}
	}
	ctx := colContext{
		inlinePK:     len(pks) == 1,
		withoutRowID: withoutRowID,
		strict:       strict,
	}
	defs := make([]string, 0, len(o.Columns)+1)
	var fks []string
	for _, c := range o.Columns {
		pos := op.PosOr(c.Pos, o.Pos)
		def, err := columnDef(pos, c, ctx)
		if err != nil {
			return err
		}
		defs = append(defs, def)
		if c.Type.Ref != nil && len(c.Type.Ref.With) > 0 {
			fk, err := compositeFK(pos, c)
			if err != nil {
				return err
			}
			fks = append(fks, fk)
		}
	}
	if len(pks) > 1 {
		defs = append(defs, "PRIMARY KEY ("+strings.Join(pks, ", ")+")")
	}
	defs = append(defs, fks...)

	var b strings.Builder
	b.WriteString("CREATE ")
	b.WriteString(modifiers)
	b.WriteString("TABLE ")
	if o.IfNotExists {
		b.WriteString("IF NOT EXISTS ")
	}
	b.WriteString(name)
	b.WriteString(" (")
	b.WriteString(strings.Join(defs, ", "))
	b.WriteString(")")
	b.WriteString(options)
	p.emit(o.Pos, b.String())
	return nil
}

// tableModifiers accepts the one modifier SQLite has, TEMP (or TEMPORARY).
func tableModifiers(o *op.CreateTable) (string, error) {
	m := strings.TrimSpace(o.Modifiers)
	switch strings.ToUpper(m) {
	case "":
		return "", nil
	case "TEMP", "TEMPORARY":
		return strings.ToUpper(m) + " ", nil
	}
	return "", op.Errorf(o.Pos, "create_table %q: SQLite has no %s tables: the only modifier SQLite has is \"TEMP\"", o.Table.Name, m)
}

// tableOptions checks options= against SQLite's table options, STRICT and
// WITHOUT ROWID (comma-separated), and renders them after the column list.
func tableOptions(o *op.CreateTable) (sql string, strict, withoutRowID bool, err error) {
	if strings.TrimSpace(o.Options) == "" {
		return "", false, false, nil
	}
	var parts []string
	for _, part := range strings.Split(o.Options, ",") {
		word := strings.ToUpper(strings.Join(strings.Fields(part), " "))
		switch word {
		case "STRICT":
			strict = true
		case "WITHOUT ROWID":
			withoutRowID = true
		default:
			return "", false, false, op.Errorf(o.Pos, "create_table %q: SQLite has no table option %q: its options are \"STRICT\" and \"WITHOUT ROWID\", separated by a comma", o.Table.Name, strings.TrimSpace(part))
		}
		parts = append(parts, word)
	}
	return " " + strings.Join(parts, ", "), strict, withoutRowID, nil
}

// alterTable renders one ALTER TABLE statement per change: ADD COLUMN or
// DROP COLUMN, the two column changes SQLite has. An alter with a change
// those cannot make is one table rebuild for all its changes (see
// rebuild.go).
func (p *planner) alterTable(o *op.AlterTable) error {
	if err := noPrefix(o.Pos, "alter", o.Table.Prefix); err != nil {
		return err
	}
	table, err := ident(o.Pos, "alter", o.Table.Name)
	if err != nil {
		return err
	}
	if len(o.Changes) == 0 {
		return nil // alter(table) with only a comment: SQLite has no comments
	}
	if first := p.alterNeedsRebuild(o); first != nil {
		return p.rebuildAlter(o, first)
	}
	ctx := colContext{inlinePK: true, alter: true}
	sqls := make([]string, 0, len(o.Changes))
	for _, ch := range o.Changes {
		pos := ch.Pos
		if !pos.IsValid() {
			pos = o.Pos
		}
		switch ch.Action {
		case op.ActionAdd:
			if ref := ch.Column.Type.Ref; ref != nil && len(ref.With) > 0 {
				return op.Errorf(pos, "add %q: SQLite cannot add a composite foreign key (with_) to an existing table: create the table with it, or create a new table and copy the rows, with execute()", ch.Column.Name)
			}
			def, err := columnDef(pos, ch.Column, ctx)
			if err != nil {
				return err
			}
			sqls = append(sqls, "ALTER TABLE "+table+" ADD COLUMN "+def)
		case op.ActionRemove:
			col, err := ident(pos, "remove", ch.Column.Name)
			if err != nil {
				return err
			}
			sqls = append(sqls, "ALTER TABLE "+table+" DROP COLUMN "+col)
		case op.ActionAddIfNotExists:
			return op.Errorf(pos, "add_if_not_exists %q: SQLite has no ADD COLUMN IF NOT EXISTS: use add(), and if the column may exist, look for it first with query() on pragma_table_info", ch.Column.Name)
		case op.ActionRemoveIfExists:
			return op.Errorf(pos, "remove_if_exists %q: SQLite has no DROP COLUMN IF EXISTS: use remove(), and if the column may be gone, look for it first with query() on pragma_table_info", ch.Column.Name)
		case op.ActionModify:
			return op.Errorf(pos, "modify %q: SQLite cannot change a column with modify: create a new table and copy the rows, with execute()", ch.Column.Name)
		default:
			return op.Errorf(pos, "alter %q: unknown change %q", o.Table.Name, ch.Action)
		}
	}
	// Emit only once every change planned: Plan fails as a whole.
	for i, sql := range sqls {
		pos := o.Changes[i].Pos
		if !pos.IsValid() {
			pos = o.Pos
		}
		p.emit(pos, sql)
	}
	return nil
}

// dropTable renders DROP TABLE [IF EXISTS]. SQLite has no CASCADE.
func (p *planner) dropTable(o *op.DropTable) error {
	if err := noPrefix(o.Pos, "drop_table", o.Table.Prefix); err != nil {
		return err
	}
	if err := noCascade(o.Pos, "drop_table", o.Mode, "drop the tables that reference it first"); err != nil {
		return err
	}
	name, err := ident(o.Pos, "drop_table", o.Table.Name)
	if err != nil {
		return err
	}
	sql := "DROP TABLE "
	if o.IfExists {
		sql += "IF EXISTS "
	}
	p.emit(o.Pos, sql+name)
	return nil
}

// noCascade rejects mode="cascade", which SQLite does not have.
func noCascade(pos op.Pos, what, mode, instead string) error {
	if mode == op.ModeCascade {
		return op.Errorf(pos, "%s: SQLite has no mode=\"cascade\": %s", what, instead)
	}
	return nil
}

// renameTable renders ALTER TABLE ... RENAME TO.
func (p *planner) renameTable(o *op.RenameTable) error {
	if err := noPrefix(o.Pos, "rename_table", o.Table.Prefix); err != nil {
		return err
	}
	from, err := ident(o.Pos, "rename_table", o.Table.Name)
	if err != nil {
		return err
	}
	to, err := ident(o.Pos, "rename_table", o.To)
	if err != nil {
		return err
	}
	p.emit(o.Pos, "ALTER TABLE "+from+" RENAME TO "+to)
	return nil
}

// renameColumn renders ALTER TABLE ... RENAME COLUMN ... TO.
func (p *planner) renameColumn(o *op.RenameColumn) error {
	if err := noPrefix(o.Pos, "rename_column", o.Table.Prefix); err != nil {
		return err
	}
	table, err := ident(o.Pos, "rename_column", o.Table.Name)
	if err != nil {
		return err
	}
	from, err := ident(o.Pos, "rename_column", o.Column)
	if err != nil {
		return err
	}
	to, err := ident(o.Pos, "rename_column", o.To)
	if err != nil {
		return err
	}
	p.emit(o.Pos, "ALTER TABLE "+table+" RENAME COLUMN "+from+" TO "+to)
	return nil
}
