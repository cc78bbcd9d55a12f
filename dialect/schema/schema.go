// Package schema is lark's typed model of a database schema: tables with
// their columns, keys, indexes, checks and foreign keys, and SQLite's views
// and triggers. Each dialect's runtime reads its database into this model
// (the dialect.CatalogReader interface), and SQLite's table rebuild plans
// on it.
//
// A [Schema] read from a catalog is what the database itself reports, not
// what a migration asked for: column types as the catalog spells them,
// defaults as the database stores them, constraints as it renders them.
// After [Schema.Sort], two readings of the same schema are equal whatever
// order the objects were created in, so a test can apply a migration,
// revert it, and require the schema it started from; [Schema.String]
// renders one as stable text for golden files and diffs.
//
// SQLite keeps a table's definition only as the text of its CREATE TABLE
// statement, and changes what ALTER TABLE cannot by writing the table again
// (a rebuild). So the model also holds, for SQLite, what a definition says
// and how it was written: each column's and each table constraint's text
// ([Column.SQL], [Constraint.SQL]), and the expressions SQLite keeps only
// as text (a CHECK, a DEFAULT, a generated column's expression, a view or
// trigger body) as strings. PostgreSQL's reader leaves those fields empty.
//
// The package depends on the standard library only, so that every dialect
// may import it.
package schema

import (
	"sort"
)

// DefaultVersionsTable is the migrator's versions table (Ecto's name),
// which a catalog read leaves out unless told otherwise with
// [VersionsTable].
const DefaultVersionsTable = "schema_migrations"

// Schema is the tables of one schema (PostgreSQL) or attached database
// (SQLite).
type Schema struct {
	Dialect string
	Name    string
	// Tables are in the order the reader found them; [Schema.Sort] puts
	// them by name.
	Tables []*Table
	// Views and Triggers are SQLite's, in the order they were created,
	// each with the statement that creates it: a table rebuild drops and
	// creates again those that name the table. [Schema.String] leaves
	// them out.
	Views    []View
	Triggers []Trigger
}

// Table is one table and everything defined on it.
type Table struct {
	Name    string
	Comment string
	// Columns are in the order the table defines them until
	// [Schema.Sort] puts them by name: reverting a remove re-adds the
	// column at the end on every database (as it does under Ecto), so
	// position is not part of the shape a round trip must restore.
	Columns []Column
	// PrimaryKey lists the key columns in key order; empty without one.
	PrimaryKey     []string
	PrimaryKeyName string // PostgreSQL only
	// AutoIncrement is SQLite's AUTOINCREMENT on the rowid key.
	AutoIncrement bool
	// Options are the table's storage properties: "unlogged" and storage
	// parameters ("fillfactor=70") on PostgreSQL, "strict" and "without
	// rowid" on SQLite.
	Options []string
	// Indexes, Checks and ForeignKeys are sorted by name, then by
	// definition, by [Schema.Sort].
	Indexes     []Index
	Checks      []Check
	ForeignKeys []ForeignKey

	// Constraints are SQLite's table constraints (PRIMARY KEY (a, b),
	// UNIQUE, CHECK, FOREIGN KEY) in the order CREATE TABLE lists them,
	// after the columns. PrimaryKey, Checks and ForeignKeys describe them
	// too, together with the columns' constraints.
	Constraints []Constraint
	// OptionsSQL is what SQLite's CREATE TABLE writes after the column
	// list, as written (" STRICT, WITHOUT ROWID"): Options names them.
	OptionsSQL string
	// SQL is, for an SQLite table whose definition lark does not read (a
	// virtual table, say), the CREATE statement SQLite stores, kept rather
	// than lost: such a table has no columns until a catalog read fills
	// them in, and a rebuild of it says why it cannot read it.
	SQL string
}

// Column is one column.
type Column struct {
	Name     string
	Type     string
	NotNull  bool
	Default  string // the default expression; "" for none
	Identity string // "always" or "by default" (PostgreSQL identity columns)
	// IdentityStart and IdentityIncrement are the identity sequence's options.
	IdentityStart, IdentityIncrement int64
	// Generated is the expression of a generated column, and GeneratedKind
	// "stored" or "virtual".
	Generated     string
	GeneratedKind string
	Collation     string // only when it differs from the type's default
	Comment       string

	// SQL is SQLite's definition of the column, as CREATE TABLE writes it
	// ("id" INTEGER PRIMARY KEY AUTOINCREMENT).
	SQL string
	// Constraints are the constraints of SQLite's column definition, in
	// the order it writes them. NotNull, Default, Collation and Generated
	// describe some of them; the table's PrimaryKey, Checks and
	// ForeignKeys describe the others.
	Constraints []Constraint
}

// ConstraintKind is the kind of a [Constraint].
type ConstraintKind string

// The kinds of constraint a column definition or a table can have.
const (
	KindPrimaryKey ConstraintKind = "primary key"
	KindNotNull    ConstraintKind = "not null"
	KindNull       ConstraintKind = "null" // the NULL a column definition may spell out
	KindUnique     ConstraintKind = "unique"
	KindCheck      ConstraintKind = "check"
	KindDefault    ConstraintKind = "default"
	KindCollate    ConstraintKind = "collate"
	KindGenerated  ConstraintKind = "generated"
	// KindReferences is a foreign key: a column's REFERENCES clause, or a
	// table's FOREIGN KEY (...) REFERENCES.
	KindReferences ConstraintKind = "references"
)

// Constraint is one constraint as SQLite's CREATE TABLE writes it: on a
// column (NOT NULL, DEFAULT 0, REFERENCES "p"("id") ON DELETE CASCADE) or
// on the table (PRIMARY KEY ("a", "b"), CHECK (a < b)).
type Constraint struct {
	Kind ConstraintKind
	// Name is the name given with CONSTRAINT, "" when there is none.
	Name string
	// Columns are a table constraint's columns: the key of PRIMARY KEY
	// and UNIQUE, and the referencing columns of FOREIGN KEY.
	Columns []string
	// Expr is what the constraint holds as text, as written: the
	// expression of CHECK and of a generated column (inside their
	// parentheses), the value of DEFAULT, the collation of COLLATE.
	Expr string
	// Desc and AutoIncrement are a column's PRIMARY KEY DESC and
	// AUTOINCREMENT; Stored marks a STORED generated column.
	Desc, AutoIncrement, Stored bool
	// ForeignKey is what a KindReferences constraint says.
	ForeignKey *ForeignKey
	// SQL is the constraint as written, CONSTRAINT name included.
	SQL string
}

// Index is an index. Indexes that implement a primary key or an exclusion
// constraint are described by those instead; an index behind a UNIQUE
// constraint is listed with Constraint set.
type Index struct {
	Name string
	// Columns are key columns or expressions, with " DESC" / " NULLS FIRST"
	// appended where the order is not the default.
	Columns          []string
	Unique           bool
	Constraint       bool // backs a UNIQUE table constraint
	Where            string
	Method           string // PostgreSQL access method: btree, gin, ...
	Include          []string
	NullsNotDistinct bool
	Comment          string
	// SQL is the CREATE INDEX statement SQLite stores, which a table
	// rebuild runs again; "" for an index behind a constraint.
	SQL string
}

// Check is a check or exclusion constraint.
type Check struct {
	Name string // "" for an unnamed SQLite check
	// Kind is "check" or "exclude".
	Kind string
	// Definition is the constraint as the database renders it:
	// "CHECK ((rating >= 1))", "EXCLUDE USING gist (...)".
	Definition string
	// NotValid is set for a PostgreSQL constraint added NOT VALID and not
	// validated since.
	NotValid bool
	Comment  string
}

// ForeignKey is a foreign key constraint.
type ForeignKey struct {
	Name       string // "" when read from SQLite's catalog, which does not report names
	Columns    []string
	RefTable   string // qualified with its schema when it is another schema
	RefColumns []string
	OnDelete   string // "NO ACTION", "CASCADE", "SET NULL", ...
	OnUpdate   string
	// OnDeleteColumns are the columns of ON DELETE SET NULL (cols).
	OnDeleteColumns []string
	Match           string // "SIMPLE", "FULL", "PARTIAL"
	NotValid        bool
	Comment         string
}

// View is an SQLite view and the statement that creates it.
type View struct {
	Name string
	SQL  string
}

// Trigger is an SQLite trigger on a table or view, and the statement that
// creates it.
type Trigger struct {
	Name  string
	Table string
	SQL   string
}

// Option configures a catalog read.
type Option func(*Options)

// Options are what a catalog read's [Option] values come to.
type Options struct {
	// VersionsTable is the table to leave out; "" leaves nothing out.
	VersionsTable string
}

// NewOptions applies opts to the defaults: leave out
// [DefaultVersionsTable].
func NewOptions(opts ...Option) Options {
	o := Options{VersionsTable: DefaultVersionsTable}
	for _, opt := range opts {
		opt(&o)
	}
	return o
}

// VersionsTable names the versions table to leave out of a catalog read;
// "" leaves nothing out. The default is [DefaultVersionsTable].
func VersionsTable(name string) Option {
	return func(o *Options) { o.VersionsTable = name }
}

// Table returns the table named name, or nil.
func (s *Schema) Table(name string) *Table {
	for _, t := range s.Tables {
		if t.Name == name {
			return t
		}
	}
	return nil
}

// Column returns the column named name, or nil.
func (t *Table) Column(name string) *Column {
	for i := range t.Columns {
		if t.Columns[i].Name == name {
			return &t.Columns[i]
		}
	}
	return nil
}

// Sort puts every list in its canonical order: tables and columns by name,
// indexes, checks and foreign keys by name and then by definition. Views,
// triggers and constraints keep theirs.
func (s *Schema) Sort() {
	sort.Slice(s.Tables, func(i, j int) bool { return s.Tables[i].Name < s.Tables[j].Name })
	for _, t := range s.Tables {
		sort.Slice(t.Columns, func(i, j int) bool { return t.Columns[i].Name < t.Columns[j].Name })
		sort.Slice(t.Indexes, func(i, j int) bool {
			a, b := t.Indexes[i], t.Indexes[j]
			if a.Name != b.Name {
				return a.Name < b.Name
			}
			return a.line() < b.line()
		})
		sort.Slice(t.Checks, func(i, j int) bool {
			a, b := t.Checks[i], t.Checks[j]
			if a.Name != b.Name {
				return a.Name < b.Name
			}
			return a.Definition < b.Definition
		})
		sort.Slice(t.ForeignKeys, func(i, j int) bool {
			a, b := t.ForeignKeys[i], t.ForeignKeys[j]
			if a.Name != b.Name {
				return a.Name < b.Name
			}
			return a.line() < b.line()
		})
	}
}
