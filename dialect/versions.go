package dialect

import (
	"fmt"
	"strings"
)

// VersionsTable writes the statements on the versions table that are the
// same on every database, in a dialect's syntax. The migrator binds the
// arguments in the order each method's doc gives.
type VersionsTable struct {
	d interface {
		Syntax
		Versions
	}
	// Table is the table's name, quoted and qualified.
	Table string
}

// NewVersionsTable returns the statements of the versions table name in
// schema prefix ("" for the default) of d's database.
func NewVersionsTable(d Dialect, prefix, name string) VersionsTable {
	return VersionsTable{d: d, Table: d.QualifiedName(prefix, name)}
}

// Create creates the table when missing ([Versions.VersionsDDL]).
func (v VersionsTable) Create() string { return v.d.VersionsDDL(v.Table) }

// AddColumn adds lark's column name, of kind "text" or "bigint".
func (v VersionsTable) AddColumn(name, kind string) string {
	return fmt.Sprintf("ALTER TABLE %s ADD COLUMN %s %s", v.Table, v.d.QuoteIdent(name), v.d.ColumnType(kind))
}

// Select reads every row in version order: version, inserted_at, then
// each of cols, as NULL where has(col) is false (a table Ecto or an
// older lark created lacks lark's newer columns).
func (v VersionsTable) Select(cols []string, has func(string) bool) string {
	sel := []string{"version", "inserted_at"}
	for _, c := range cols {
		if has(c) {
			sel = append(sel, v.d.QuoteIdent(c))
		} else {
			sel = append(sel, "NULL")
		}
	}
	return "SELECT " + strings.Join(sel, ", ") + " FROM " + v.Table + " ORDER BY version"
}

// State reads one row's state; argument: version.
func (v VersionsTable) State() string {
	return "SELECT state FROM " + v.Table + " WHERE version = " + v.d.Placeholder(1)
}

// Insert records a migration, inserted now; arguments: version, name,
// checksum, op_log, duration_ms, state.
func (v VersionsTable) Insert() string {
	p := v.d.Placeholder
	return fmt.Sprintf("INSERT INTO %s (version, inserted_at, name, checksum, op_log, duration_ms, state) VALUES (%s, %s, %s, %s, %s, %s, %s)",
		v.Table, p(1), v.d.Now(), p(2), p(3), p(4), p(5), p(6))
}

// Update rewrites a row's record; arguments: op_log, duration_ms, state,
// last_error, checksum, version.
func (v VersionsTable) Update() string {
	p := v.d.Placeholder
	return fmt.Sprintf("UPDATE %s SET op_log = %s, duration_ms = %s, state = %s, last_error = %s, checksum = %s WHERE version = %s",
		v.Table, p(1), p(2), p(3), p(4), p(5), p(6))
}

// SetDownLog stores a row's down log; arguments: down_log, version.
func (v VersionsTable) SetDownLog() string {
	return fmt.Sprintf("UPDATE %s SET down_log = %s WHERE version = %s", v.Table, v.d.Placeholder(1), v.d.Placeholder(2))
}

// Delete removes a row; argument: version.
func (v VersionsTable) Delete() string {
	return "DELETE FROM " + v.Table + " WHERE version = " + v.d.Placeholder(1)
}
