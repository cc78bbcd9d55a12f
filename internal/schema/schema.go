// Package schema reads a database's schema from its catalog into a
// deterministic snapshot that tests can compare and print.
//
// A [Schema] is what the database itself reports, not what a migration
// asked for: column types as the catalog spells them, defaults as the
// database stores them, constraints as it renders them. Two snapshots of
// the same schema are equal whatever order the objects were created in, so
// a test can apply a migration, revert it, and require the snapshot it
// started from; [Schema.String] renders one as stable text for golden files
// and diffs.
//
// PostgreSQL is read from pg_catalog, SQLite from sqlite_master and its
// PRAGMAs (table_xinfo, index_list, index_xinfo, foreign_key_list) plus the
// CREATE statements it keeps, which are the only place it remembers check
// constraints and generated-column expressions.
package schema

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
)

// DefaultVersionsTable is the migrator's versions table (Ecto's name), which
// [Snapshot] leaves out unless told otherwise with [VersionsTable].
const DefaultVersionsTable = "schema_migrations"

// Schema is a snapshot of the tables of one schema (PostgreSQL) or attached
// database (SQLite). Tables are sorted by name.
type Schema struct {
	Dialect string
	Name    string
	Tables  []*Table
}

// Table is one table and everything defined on it. Columns are sorted by
// name, not by position: reverting a remove re-adds the column at the end
// on every database (as it does under Ecto), so position is not part of the
// shape a round trip must restore. Indexes, checks and foreign keys are
// sorted by name, then by definition.
type Table struct {
	Name    string
	Comment string
	Columns []Column
	// PrimaryKey lists the key columns in key order; empty without one.
	PrimaryKey     []string
	PrimaryKeyName string // PostgreSQL only
	// AutoIncrement is SQLite's AUTOINCREMENT on the rowid key.
	AutoIncrement bool
	// Options are the table's storage properties: "unlogged" and storage
	// parameters ("fillfactor=70") on PostgreSQL, "strict" and "without
	// rowid" on SQLite.
	Options     []string
	Indexes     []Index
	Checks      []Check
	ForeignKeys []ForeignKey
}

// Column is one column as the catalog reports it.
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
	Name       string // "" on SQLite, which does not report names
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

// Option configures [Snapshot].
type Option func(*options)

type options struct {
	versionsTable string
}

// VersionsTable names the versions table to leave out of the snapshot;
// "" leaves nothing out. The default is [DefaultVersionsTable].
func VersionsTable(name string) Option {
	return func(o *options) { o.versionsTable = name }
}

// Snapshot reads the schema named schemaName of db. dialect is "postgres"
// or "sqlite"; for SQLite, schemaName is the attached database ("main" when
// empty), for PostgreSQL the schema ("public" when empty).
func Snapshot(ctx context.Context, db *sql.DB, dialect, schemaName string, opts ...Option) (*Schema, error) {
	o := options{versionsTable: DefaultVersionsTable}
	for _, opt := range opts {
		opt(&o)
	}
	var (
		s   *Schema
		err error
	)
	switch dialect {
	case "postgres":
		if schemaName == "" {
			schemaName = "public"
		}
		s, err = snapshotPostgres(ctx, db, schemaName, o)
	case "sqlite":
		if schemaName == "" {
			schemaName = "main"
		}
		s, err = snapshotSQLite(ctx, db, schemaName, o)
	default:
		return nil, fmt.Errorf("schema snapshot: unknown dialect %q (want postgres or sqlite)", dialect)
	}
	if err != nil {
		return nil, fmt.Errorf("schema snapshot of %s %q: %w", dialect, schemaName, err)
	}
	s.sort()
	return s, nil
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

// sort puts every list in its canonical order.
func (s *Schema) sort() {
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
