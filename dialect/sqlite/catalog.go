package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/dialect/schema"
)

var _ dialect.SnapshotReader = Runtime{}

// ReadSnapshot reads the schema a plan starts from: every table, index,
// trigger and view of the main database with its definition, in
// sqlite_master's order. Internal objects (sqlite_sequence, automatic
// indexes, which have no SQL) are left out.
func (Runtime) ReadSnapshot(ctx context.Context, q dialect.Querier) (dialect.Snapshot, error) {
	return ReadSnapshot(ctx, q)
}

// ReadSnapshot is [Runtime.ReadSnapshot] as a function, for an executor
// that has a connection but no Runtime (a test's, say).
func ReadSnapshot(ctx context.Context, q dialect.Querier) (dialect.Snapshot, error) {
	s, err := readDefinitions(ctx, q, "main")
	if err != nil {
		return dialect.Snapshot{}, fmt.Errorf("read the schema from sqlite_master: %w", err)
	}
	return dialect.Snapshot{Schema: s}, nil
}

// readDefinitions reads the tables, indexes, triggers and views of one
// attached database from its sqlite_master, in the order they were
// created. A table whose definition the parser cannot read (a virtual
// table) keeps its statement in [schema.Table.SQL].
func readDefinitions(ctx context.Context, q dialect.Querier, schemaName string) (*schema.Schema, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, tbl_name, sql FROM `+QuoteIdent(schemaName)+`.sqlite_master
		WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY rowid`)
	if err != nil {
		return nil, err
	}
	type object struct{ typ, name, table, sql string }
	var objs []object
	for rows.Next() {
		var o object
		if err := rows.Scan(&o.typ, &o.name, &o.table, &o.sql); err != nil {
			rows.Close()
			return nil, err
		}
		objs = append(objs, o)
	}
	if err := closeRows(rows); err != nil {
		return nil, err
	}
	s := &schema.Schema{Dialect: "sqlite", Name: schemaName}
	for _, o := range objs {
		switch o.typ {
		case "table":
			t, err := parseTable(o.sql)
			if err != nil {
				t = &schema.Table{SQL: o.sql}
			}
			t.Name = o.name
			s.Tables = append(s.Tables, t)
		case "view":
			s.Views = append(s.Views, schema.View{Name: o.name, SQL: o.sql})
		case "trigger":
			s.Triggers = append(s.Triggers, schema.Trigger{Name: o.name, Table: o.table, SQL: o.sql})
		}
	}
	// Indexes last: each belongs to a table read above.
	for _, o := range objs {
		if o.typ != "index" {
			continue
		}
		x, err := parseIndex(o.sql)
		if err != nil {
			x = schema.Index{SQL: o.sql}
		}
		x.Name = o.name
		if t := tableNamed(s, o.table); t != nil {
			t.Indexes = append(t.Indexes, x)
		}
	}
	return s, nil
}

// tableNamed returns the table named name (SQLite ignores ASCII case in
// names), or nil.
func tableNamed(s *schema.Schema, name string) *schema.Table {
	for _, t := range s.Tables {
		if strings.EqualFold(t.Name, name) {
			return t
		}
	}
	return nil
}

// columnNamed returns t's column named name (ignoring ASCII case), or nil.
func columnNamed(t *schema.Table, name string) *schema.Column {
	for i := range t.Columns {
		if strings.EqualFold(t.Columns[i].Name, name) {
			return &t.Columns[i]
		}
	}
	return nil
}

// closeRows closes rows and reports the first error of the iteration.
func closeRows(rows *sql.Rows) error {
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	return rows.Close()
}
