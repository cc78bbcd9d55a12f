package op

// Op is one recorded operation. The set of ops is closed: it is exactly the
// types declared in this package, listed in [Kinds].
type Op interface {
	// Kind is the op's name in the canonical JSON, e.g. "create_table".
	Kind() string
	// Position is where in the script the op was recorded.
	Position() Pos
	isOp()
}

// Table names a table, optionally in a schema (Ecto's :prefix).
type Table struct {
	Name   string `json:"name"`
	Prefix string `json:"prefix,omitempty"`
}

// The operations. Each carries its script position first.
type (
	// CreateTable is create_table(...). Columns are in call order; a table
	// created with primary_key=True already lists its key column here.
	CreateTable struct {
		Pos         Pos      `json:"pos"`
		Table       Table    `json:"table"`
		IfNotExists bool     `json:"if_not_exists,omitempty"`
		Columns     []Column `json:"columns"`
		Comment     *string  `json:"comment,omitempty"`
		// Options is appended after the column list as written (PostgreSQL:
		// "WITH (fillfactor=70)", "INHERITS (other)"; SQLite: "STRICT").
		Options string `json:"options,omitempty"`
		// Modifiers goes between CREATE and TABLE, e.g. "UNLOGGED".
		Modifiers string `json:"modifiers,omitempty"`
	}

	// AlterTable is alter(table, *changes).
	AlterTable struct {
		Pos     Pos      `json:"pos"`
		Table   Table    `json:"table"`
		Changes []Change `json:"changes"`
		Comment *string  `json:"comment,omitempty"`
	}

	// DropTable is drop_table(...).
	DropTable struct {
		Pos      Pos   `json:"pos"`
		Table    Table `json:"table"`
		IfExists bool  `json:"if_exists,omitempty"`
		// Mode is "" (restrict, the database default) or "cascade".
		Mode string `json:"mode,omitempty"`
	}

	// RenameTable is rename_table(name, to=...). The table keeps its prefix.
	RenameTable struct {
		Pos   Pos    `json:"pos"`
		Table Table  `json:"table"`
		To    string `json:"to"`
	}

	// RenameColumn is rename_column(table, column, to=...).
	RenameColumn struct {
		Pos    Pos    `json:"pos"`
		Table  Table  `json:"table"`
		Column string `json:"column"`
		To     string `json:"to"`
	}

	// RenameIndex is rename_index(table, name, to=...).
	RenameIndex struct {
		Pos   Pos    `json:"pos"`
		Table Table  `json:"table"`
		Name  string `json:"name"`
		To    string `json:"to"`
	}

	// CreateIndex is index(...) or unique_index(...).
	CreateIndex struct {
		Pos         Pos   `json:"pos"`
		Index       Index `json:"index"`
		IfNotExists bool  `json:"if_not_exists,omitempty"`
	}

	// DropIndex is drop_index(...). Index.Columns is empty when the script
	// named only the index; such a drop cannot be reversed.
	DropIndex struct {
		Pos      Pos    `json:"pos"`
		Index    Index  `json:"index"`
		IfExists bool   `json:"if_exists,omitempty"`
		Mode     string `json:"mode,omitempty"`
	}

	// CreateConstraint is constraint(table, name, check=... | exclude=...).
	CreateConstraint struct {
		Pos        Pos        `json:"pos"`
		Constraint Constraint `json:"constraint"`
	}

	// DropConstraint is drop_constraint(...). Constraint.Check and Exclude
	// are empty when the script gave no definition; such a drop cannot be
	// reversed.
	DropConstraint struct {
		Pos        Pos        `json:"pos"`
		Constraint Constraint `json:"constraint"`
		IfExists   bool       `json:"if_exists,omitempty"`
		Mode       string     `json:"mode,omitempty"`
	}

	// Execute is execute(up, down=None).
	//
	// With SQL, Up.SQL runs as written. With a Starlark function, the
	// function ran while the script was evaluated; the ops it recorded are in
	// Ops, and a dialect plans them in place of the Execute. A reversed
	// Execute whose Up is a function has no Ops yet: the engine calls the
	// function by name from the script when it applies it.
	Execute struct {
		Pos  Pos   `json:"pos"`
		Up   Code  `json:"up"`
		Down *Code `json:"down,omitempty"`
		Ops  Log   `json:"ops,omitempty"`
	}
)

// Code is one side of an execute(): SQL text or the name of a Starlark
// function defined in the migration file. At most one is set; neither
// ([Code.Empty]) is execute()'s empty string, Ecto's way of saying that
// there is nothing to run in that direction.
type Code struct {
	SQL  string `json:"sql,omitempty"`
	Func string `json:"func,omitempty"`
}

// Empty reports whether c runs nothing: execute(up, "") on the way down,
// or execute("", down) on the way up.
func (c Code) Empty() bool { return c.SQL == "" && c.Func == "" }

// Change is one change inside alter(): add, add_if_not_exists, modify,
// remove or remove_if_exists.
type Change struct {
	Pos    Pos    `json:"pos"`
	Action string `json:"action"`
	// Column is the column added, the target of a modify, or the column
	// removed. A remove carries the type and options when the script gave
	// them, which is what makes it reversible.
	Column Column `json:"column"`
	// From is modify's from_: the column's previous type and options. Its
	// Name is empty. Nil when the script gave none (irreversible).
	From *Column `json:"from,omitempty"`
}

// The values of Change.Action.
const (
	ActionAdd            = "add"
	ActionAddIfNotExists = "add_if_not_exists"
	ActionModify         = "modify"
	ActionRemove         = "remove"
	ActionRemoveIfExists = "remove_if_exists"
)

// Column is a column definition as add() and modify() describe it. Pointer
// fields are nil when the option was not given; for modify, nil means "leave
// as it is".
type Column struct {
	// Pos is the add() that described the column inside create_table(),
	// so an error about one column names its own line; zero elsewhere
	// (an alter's change has its own Pos).
	Pos        Pos     `json:"pos,omitzero"`
	Name       string  `json:"name"`
	Type       Type    `json:"type"`
	Null       *bool   `json:"null,omitempty"`
	Default    *Value  `json:"default,omitempty"`
	PrimaryKey bool    `json:"primary_key,omitempty"`
	Size       *int    `json:"size,omitempty"`
	Precision  *int    `json:"precision,omitempty"`
	Scale      *int    `json:"scale,omitempty"`
	Comment    *string `json:"comment,omitempty"`
	Collation  string  `json:"collation,omitempty"`
	// Generated is the expression of a generated column, as Ecto's
	// generated: option: "ALWAYS AS (price * qty) STORED".
	Generated string `json:"generated,omitempty"`
	// StartValue and Increment are the sequence options of an "identity" column.
	StartValue *int64 `json:"start_value,omitempty"`
	Increment  *int64 `json:"increment,omitempty"`
}

// Type is a column type: an Ecto primitive name ("string", "utc_datetime"),
// any other name passed to the database as written ("jsonb",
// "varchar(40)"), an array of a type, or a reference to another table.
// The zero Type means "no type given" (a remove without a type).
type Type struct {
	Name string     `json:"name,omitempty"`
	Elem *Type      `json:"elem,omitempty"` // set when Name == "array"
	Ref  *Reference `json:"ref,omitempty"`  // set when Name == "references"
}

// IsZero reports whether no type was given.
func (t Type) IsZero() bool { return t.Name == "" && t.Elem == nil && t.Ref == nil }

// Reference is references(table, ...): the foreign key a column points with.
type Reference struct {
	Table  string `json:"table"`
	Column string `json:"column"`
	// Type is the column type of the referencing column (Ecto's :type,
	// default "bigserial", which dialects map to their integer key type).
	Type   Type   `json:"type"`
	Name   string `json:"name"` // constraint name, default "<table>_<column>_fkey"
	Prefix string `json:"prefix,omitempty"`
	// OnDelete and OnUpdate are nil for the database default ("nothing").
	OnDelete *FKAction `json:"on_delete,omitempty"`
	OnUpdate *FKAction `json:"on_update,omitempty"`
	// Validate is false for validate=False (NOT VALID on PostgreSQL).
	Validate bool `json:"validate"`
	// With lists extra column pairs of a composite key, in order: the
	// referencing column and the referenced column.
	With  []ColumnPair `json:"with,omitempty"`
	Match string       `json:"match,omitempty"` // "full", "partial" or "simple"
}

// FKAction is an on_delete or on_update action: "nothing", "delete_all",
// "nilify_all", "restrict", "default_all", "update_all", or "nilify" /
// "default" with the columns they apply to.
type FKAction struct {
	Action  string   `json:"action"`
	Columns []string `json:"columns,omitempty"`
}

// ColumnPair is one pair of a composite foreign key: the column in this
// table and the column it points at.
type ColumnPair struct {
	Column string `json:"column"`
	Ref    string `json:"ref"`
}

// Index describes an index.
type Index struct {
	Table  string `json:"table"`
	Prefix string `json:"prefix,omitempty"`
	Name   string `json:"name"`
	// Columns are column names or SQL expressions ("lower(email)"); see
	// [IsIdent] for how a dialect tells them apart.
	Columns       []string `json:"columns,omitempty"`
	Unique        bool     `json:"unique,omitempty"`
	Concurrently  bool     `json:"concurrently,omitempty"`
	Using         string   `json:"using,omitempty"`
	Where         string   `json:"where,omitempty"`
	Include       []string `json:"include,omitempty"`
	NullsDistinct *bool    `json:"nulls_distinct,omitempty"`
	Only          bool     `json:"only,omitempty"`
	Options       string   `json:"options,omitempty"`
	Comment       *string  `json:"comment,omitempty"`
}

// Constraint describes a check or exclusion constraint.
type Constraint struct {
	Table   string `json:"table"`
	Prefix  string `json:"prefix,omitempty"`
	Name    string `json:"name"`
	Check   string `json:"check,omitempty"`
	Exclude string `json:"exclude,omitempty"`
	// Validate is false for validate=False (NOT VALID on PostgreSQL).
	Validate bool    `json:"validate"`
	Comment  *string `json:"comment,omitempty"`
}

// Kind implementations.
func (*CreateTable) Kind() string      { return "create_table" }
func (*AlterTable) Kind() string       { return "alter_table" }
func (*DropTable) Kind() string        { return "drop_table" }
func (*RenameTable) Kind() string      { return "rename_table" }
func (*RenameColumn) Kind() string     { return "rename_column" }
func (*RenameIndex) Kind() string      { return "rename_index" }
func (*CreateIndex) Kind() string      { return "create_index" }
func (*DropIndex) Kind() string        { return "drop_index" }
func (*CreateConstraint) Kind() string { return "create_constraint" }
func (*DropConstraint) Kind() string   { return "drop_constraint" }
func (*Execute) Kind() string          { return "execute" }

// Position implementations.
func (o *CreateTable) Position() Pos      { return o.Pos }
func (o *AlterTable) Position() Pos       { return o.Pos }
func (o *DropTable) Position() Pos        { return o.Pos }
func (o *RenameTable) Position() Pos      { return o.Pos }
func (o *RenameColumn) Position() Pos     { return o.Pos }
func (o *RenameIndex) Position() Pos      { return o.Pos }
func (o *CreateIndex) Position() Pos      { return o.Pos }
func (o *DropIndex) Position() Pos        { return o.Pos }
func (o *CreateConstraint) Position() Pos { return o.Pos }
func (o *DropConstraint) Position() Pos   { return o.Pos }
func (o *Execute) Position() Pos          { return o.Pos }

func (*CreateTable) isOp()      {}
func (*AlterTable) isOp()       {}
func (*DropTable) isOp()        {}
func (*RenameTable) isOp()      {}
func (*RenameColumn) isOp()     {}
func (*RenameIndex) isOp()      {}
func (*CreateIndex) isOp()      {}
func (*DropIndex) isOp()        {}
func (*CreateConstraint) isOp() {}
func (*DropConstraint) isOp()   {}
func (*Execute) isOp()          {}

// kinds maps each kind to a constructor; it drives JSON decoding.
var kinds = map[string]func() Op{
	"create_table":      func() Op { return new(CreateTable) },
	"alter_table":       func() Op { return new(AlterTable) },
	"drop_table":        func() Op { return new(DropTable) },
	"rename_table":      func() Op { return new(RenameTable) },
	"rename_column":     func() Op { return new(RenameColumn) },
	"rename_index":      func() Op { return new(RenameIndex) },
	"create_index":      func() Op { return new(CreateIndex) },
	"drop_index":        func() Op { return new(DropIndex) },
	"create_constraint": func() Op { return new(CreateConstraint) },
	"drop_constraint":   func() Op { return new(DropConstraint) },
	"execute":           func() Op { return new(Execute) },
	"query":             func() Op { return new(Query) },
	"exec":              func() Op { return new(Exec) },
	"exec_many":         func() Op { return new(ExecMany) },
	"batches":           func() Op { return new(Batches) },
	"backfill":          func() Op { return new(Backfill) },
}

// Kinds returns every op kind, sorted.
func Kinds() []string {
	out := make([]string, 0, len(kinds))
	for k := range kinds {
		out = append(out, k)
	}
	sortStrings(out)
	return out
}

// IsIdent reports whether s is a plain SQL identifier ([A-Za-z_][A-Za-z0-9_]*).
// Dialects quote such index columns as column names and pass anything else
// ("lower(email)", "created_at DESC") through as an expression, which is how
// Ecto treats atoms and strings in index/3.
func IsIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		switch {
		case r == '_', r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z':
		case i > 0 && r >= '0' && r <= '9':
		default:
			return false
		}
	}
	return true
}
