package sqlite

import (
	"strings"

	"github.com/larkdb/lark/op"
)

// colContext says where a column definition is written.
type colContext struct {
	// inlinePK is false when the table's primary key spans several
	// columns and is written as a table constraint instead.
	inlinePK bool
	// alter is true for ALTER TABLE ADD COLUMN, which SQLite restricts.
	alter bool
	// withoutRowID is true for a WITHOUT ROWID table, which cannot have
	// AUTOINCREMENT.
	withoutRowID bool
	strict       bool
}

// datetimeTypes are the types whose NOT NULL ecto_sqlite3 leaves out when
// adding a column without a default to an existing table (see the package
// documentation).
var datetimeTypes = map[string]bool{
	"utc_datetime": true, "utc_datetime_usec": true,
	"naive_datetime": true, "naive_datetime_usec": true,
}

// columnDef renders one column definition: name, type and constraints, in
// ecto_sqlite3's order (DEFAULT, NULL, COLLATE, PRIMARY KEY, REFERENCES),
// then GENERATED.
func columnDef(pos op.Pos, c op.Column, ctx colContext) (string, error) {
	name, err := ident(pos, "add", c.Name)
	if err != nil {
		return "", err
	}
	typ, err := columnType(pos, c)
	if err != nil {
		return "", err
	}
	if ctx.strict {
		if err := checkStrict(pos, c, typ); err != nil {
			return "", err
		}
	}
	var b strings.Builder
	b.WriteString(name)
	b.WriteByte(' ')
	b.WriteString(typ)

	if c.Default != nil {
		lit, err := defaultSQL(pos, *c.Default)
		if err != nil {
			return "", err
		}
		b.WriteString(" DEFAULT ")
		b.WriteString(lit)
	}
	if c.Null != nil {
		keepNotNull := !(ctx.alter && c.Default == nil && c.Type.Ref == nil && datetimeTypes[c.Type.Name])
		switch {
		case *c.Null:
			b.WriteString(" NULL")
		case keepNotNull:
			b.WriteString(" NOT NULL")
		}
	}
	if c.Collation != "" {
		coll, err := collation(pos, c)
		if err != nil {
			return "", err
		}
		b.WriteString(" COLLATE ")
		b.WriteString(coll)
	}
	if c.PrimaryKey && ctx.inlinePK {
		if ctx.alter {
			return "", op.Errorf(pos, "add %q: SQLite cannot add a primary key column to an existing table: create the table with it, or add a unique index instead", c.Name)
		}
		b.WriteString(" PRIMARY KEY")
		if isAutoIncrement(c.Type) {
			if ctx.withoutRowID {
				return "", op.Errorf(pos, "add %q: a WITHOUT ROWID table cannot have an AUTOINCREMENT key: use type \"integer\" for the key, or drop WITHOUT ROWID", c.Name)
			}
			b.WriteString(" AUTOINCREMENT")
		}
	}
	if ref := c.Type.Ref; ref != nil && len(ref.With) == 0 {
		clause, err := referenceClause(pos, c.Name, ref)
		if err != nil {
			return "", err
		}
		b.WriteString(clause)
	}
	if c.Generated != "" {
		gen, err := generated(pos, c)
		if err != nil {
			return "", err
		}
		b.WriteString(" GENERATED ")
		b.WriteString(gen)
	}
	return b.String(), nil
}

// collation renders a COLLATE name, quoted like every identifier (SQLite
// accepts COLLATE "NOCASE" as it does COLLATE NOCASE).
func collation(pos op.Pos, c op.Column) (string, error) {
	return ident(pos, "collation", c.Collation)
}

// generated checks a generated= expression, which ecto_sqlite3 passes on
// as written after GENERATED: "ALWAYS AS (expr) [STORED|VIRTUAL]".
func generated(pos op.Pos, c op.Column) (string, error) {
	g := strings.TrimSpace(c.Generated)
	if !strings.HasPrefix(strings.ToUpper(g), "ALWAYS AS") {
		return "", op.Errorf(pos, "add %q: generated=%q: SQLite's generated columns are written \"ALWAYS AS (expression)\", optionally followed by STORED or VIRTUAL", c.Name, c.Generated)
	}
	if err := checkNoNUL(pos, "generated", g); err != nil {
		return "", err
	}
	return g, nil
}

// referenceClause renders the inline REFERENCES clause of a single-column
// foreign key. The op carries its constraint name and referenced column
// (op.Resolve).
func referenceClause(pos op.Pos, column string, ref *op.Reference) (string, error) {
	if err := checkReference(pos, column, ref); err != nil {
		return "", err
	}
	qname, err := ident(pos, "references", ref.Name)
	if err != nil {
		return "", err
	}
	target, err := ident(pos, "references", ref.Table)
	if err != nil {
		return "", err
	}
	refCol, err := ident(pos, "references", ref.Column)
	if err != nil {
		return "", err
	}
	actions, err := fkActions(pos, column, ref)
	if err != nil {
		return "", err
	}
	return " CONSTRAINT " + qname + " REFERENCES " + target + "(" + refCol + ")" + actions, nil
}

// checkReference rejects the references() options SQLite cannot honour.
func checkReference(pos op.Pos, column string, ref *op.Reference) error {
	if err := noPrefix(pos, "references", ref.Prefix); err != nil {
		return err
	}
	if !ref.Validate {
		return op.Errorf(pos, "add %q: SQLite cannot add an unvalidated foreign key (validate=False): SQLite checks foreign keys as rows change and never validates old rows; leave validate out", column)
	}
	return nil
}

// fkActions renders ON DELETE, ON UPDATE and MATCH, as ecto_sqlite3 does.
func fkActions(pos op.Pos, column string, ref *op.Reference) (string, error) {
	var b strings.Builder
	if ref.OnDelete != nil {
		s, err := fkAction(pos, column, "on_delete", ref.OnDelete)
		if err != nil {
			return "", err
		}
		if s != "" {
			b.WriteString(" ON DELETE " + s)
		}
	}
	if ref.OnUpdate != nil {
		s, err := fkAction(pos, column, "on_update", ref.OnUpdate)
		if err != nil {
			return "", err
		}
		if s != "" {
			b.WriteString(" ON UPDATE " + s)
		}
	}
	switch ref.Match {
	case "":
	case op.MatchSimple:
		b.WriteString(" MATCH SIMPLE")
	default:
		return "", op.Errorf(pos, "add %q: SQLite parses MATCH %s but enforces only MATCH SIMPLE: leave match out, or use match=\"simple\"", column, strings.ToUpper(ref.Match))
	}
	return b.String(), nil
}

// fkActionSQL is the referential action of each foreign-key action an op
// may hold without columns (op.OnDeleteActions, op.OnUpdateActions), as
// ecto_sqlite3 renders it; "nothing" is the database default and renders
// as no clause.
var fkActionSQL = map[string]string{
	op.FKNothing:    "",
	op.FKDeleteAll:  "CASCADE",
	op.FKUpdateAll:  "CASCADE",
	op.FKNilifyAll:  "SET NULL",
	op.FKDefaultAll: "SET DEFAULT",
	op.FKRestrict:   "RESTRICT",
}

// fkAction maps one Ecto foreign key action to SQL. SQLite has no column
// list for SET NULL and SET DEFAULT, so ("nilify", [columns]) is an error.
func fkAction(pos op.Pos, column, option string, a *op.FKAction) (string, error) {
	if len(a.Columns) > 0 {
		return "", op.Errorf(pos, "add %q: SQLite cannot limit %s=%q to columns %v: use %q to apply it to every column of the key", column, option, a.Action, a.Columns, a.Action+"_all")
	}
	return fkActionSQL[a.Action], nil
}

// compositeFK renders the table constraint of a foreign key with with_
// pairs: FOREIGN KEY (col, with...) REFERENCES t(ref, with...).
func compositeFK(pos op.Pos, c op.Column) (string, error) {
	ref := c.Type.Ref
	if err := checkReference(pos, c.Name, ref); err != nil {
		return "", err
	}
	qname, err := ident(pos, "references", ref.Name)
	if err != nil {
		return "", err
	}
	target, err := ident(pos, "references", ref.Table)
	if err != nil {
		return "", err
	}
	from := []string{QuoteIdent(c.Name)}
	to := []string{QuoteIdent(ref.Column)}
	for _, pair := range ref.With {
		f, err := ident(pos, "with_", pair.Column)
		if err != nil {
			return "", err
		}
		t, err := ident(pos, "with_", pair.Ref)
		if err != nil {
			return "", err
		}
		from, to = append(from, f), append(to, t)
	}
	actions, err := fkActions(pos, c.Name, ref)
	if err != nil {
		return "", err
	}
	return "CONSTRAINT " + qname + " FOREIGN KEY (" + strings.Join(from, ", ") + ") REFERENCES " +
		target + "(" + strings.Join(to, ", ") + ")" + actions, nil
}
