package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/dialect/schema"
)

// SQLite's schema is read two ways into the same model. A plan's snapshot
// ([Runtime.ReadSnapshot]) is sqlite_master alone: every table, index,
// trigger and view with the statement that creates it, the definitions
// read with the tokenizer, which is all a table rebuild needs and cheap
// enough to read before every migration that may rebuild. A catalog read
// ([Runtime.ReadSchema]) adds what only the PRAGMAs report (table_list,
// table_xinfo, index_list, index_xinfo, foreign_key_list), so that it
// describes the schema as SQLite understands it; the CREATE statements are
// still the only place SQLite remembers check constraints and
// generated-column expressions.

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

// ReadSchema reads the attached database prefix ("main" when empty): its
// tables (the versions table left out) with their columns, keys, indexes,
// checks and foreign keys as SQLite reports them, sorted.
func (Runtime) ReadSchema(ctx context.Context, q dialect.Querier, prefix string, opts ...schema.Option) (*schema.Schema, error) {
	if prefix == "" {
		prefix = "main"
	}
	o := schema.NewOptions(opts...)
	s, err := readDefinitions(ctx, q, prefix)
	if err != nil {
		return nil, fmt.Errorf("read the schema %q from sqlite_master: %w", prefix, err)
	}
	tables := s.Tables[:0]
	for _, t := range s.Tables {
		if t.Name == o.VersionsTable {
			continue
		}
		if err := readCatalog(ctx, q, prefix, t); err != nil {
			return nil, fmt.Errorf("read the schema %q: table %s: %w", prefix, t.Name, err)
		}
		tables = append(tables, t)
	}
	s.Tables = tables
	s.Sort()
	return s, nil
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

// readCatalog replaces what the definition says about t with what SQLite's
// PRAGMAs report: options, columns, primary key, indexes and foreign keys.
// The checks, collations, generated expressions and AUTOINCREMENT stay as
// the definition says: only it has them.
func readCatalog(ctx context.Context, q dialect.Querier, schemaName string, t *schema.Table) error {
	if err := catalogOptions(ctx, q, schemaName, t); err != nil {
		return fmt.Errorf("options: %w", err)
	}
	if err := catalogColumns(ctx, q, schemaName, t); err != nil {
		return fmt.Errorf("columns: %w", err)
	}
	if err := catalogIndexes(ctx, q, schemaName, t); err != nil {
		return fmt.Errorf("indexes: %w", err)
	}
	if err := catalogForeignKeys(ctx, q, schemaName, t); err != nil {
		return fmt.Errorf("foreign keys: %w", err)
	}
	return nil
}

func catalogColumns(ctx context.Context, q dialect.Querier, schemaName string, t *schema.Table) error {
	rows, err := q.QueryContext(ctx, `SELECT name, type, "notnull", dflt_value, pk, hidden
		FROM pragma_table_xinfo(?, ?) ORDER BY cid`, t.Name, schemaName)
	if err != nil {
		return err
	}
	type keyCol struct {
		name string
		pos  int
	}
	var (
		keys []keyCol
		cols []schema.Column
	)
	for rows.Next() {
		var (
			c      schema.Column
			dflt   sql.NullString
			pk     int
			hidden int
		)
		if err := rows.Scan(&c.Name, &c.Type, &c.NotNull, &dflt, &pk, &hidden); err != nil {
			rows.Close()
			return err
		}
		c.Default = dflt.String
		if def := columnNamed(t, c.Name); def != nil {
			c.Collation, c.SQL, c.Constraints = def.Collation, def.SQL, def.Constraints
			switch hidden {
			case 2:
				c.Generated, c.GeneratedKind = def.Generated, "virtual"
			case 3:
				c.Generated, c.GeneratedKind = def.Generated, "stored"
			}
		}
		if pk > 0 {
			keys = append(keys, keyCol{c.Name, pk})
		}
		cols = append(cols, c)
	}
	if err := closeRows(rows); err != nil {
		return err
	}
	t.Columns = cols
	sort.Slice(keys, func(i, j int) bool { return keys[i].pos < keys[j].pos })
	t.PrimaryKey = nil
	for _, k := range keys {
		t.PrimaryKey = append(t.PrimaryKey, k.name)
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

// catalogIndexes lists t's indexes from index_list, each index's key from
// index_xinfo, and expressions and WHERE from its definition.
func catalogIndexes(ctx context.Context, q dialect.Querier, schemaName string, t *schema.Table) error {
	rows, err := q.QueryContext(ctx, `SELECT name, "unique", origin FROM pragma_index_list(?, ?) ORDER BY name`, t.Name, schemaName)
	if err != nil {
		return err
	}
	type idx struct {
		x      schema.Index
		origin string
	}
	var list []idx
	for rows.Next() {
		var i idx
		if err := rows.Scan(&i.x.Name, &i.x.Unique, &i.origin); err != nil {
			rows.Close()
			return err
		}
		list = append(list, i)
	}
	if err := closeRows(rows); err != nil {
		return err
	}
	defs := t.Indexes
	t.Indexes = nil
	for _, i := range list {
		if i.origin == "pk" {
			continue // described by Table.PrimaryKey
		}
		var exprs []string
		for _, d := range defs {
			if strings.EqualFold(d.Name, i.x.Name) {
				for _, c := range d.Columns {
					exprs = append(exprs, normalize(c))
				}
				i.x.Where, i.x.SQL = normalize(d.Where), d.SQL
			}
		}
		cols, err := indexColumns(ctx, q, schemaName, i.x.Name, exprs)
		if err != nil {
			return fmt.Errorf("index %s: %w", i.x.Name, err)
		}
		i.x.Columns = cols
		if i.origin == "u" {
			// An automatic index behind a UNIQUE constraint; its name
			// (sqlite_autoindex_<table>_N) depends on creation order only.
			i.x.Constraint, i.x.Name = true, ""
		}
		t.Indexes = append(t.Indexes, i.x)
	}
	return nil
}

// indexColumns lists an index's key columns from index_xinfo, taking
// expressions (cid -2) from the CREATE INDEX text.
func indexColumns(ctx context.Context, q dialect.Querier, schemaName, name string, exprs []string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT seqno, cid, coalesce(name, ''), "desc"
		FROM pragma_index_xinfo(?, ?) WHERE key ORDER BY seqno`, name, schemaName)
	if err != nil {
		return nil, err
	}
	var cols []string
	for rows.Next() {
		var (
			seq, cid int
			col      string
			desc     bool
		)
		if err := rows.Scan(&seq, &cid, &col, &desc); err != nil {
			rows.Close()
			return nil, err
		}
		if cid == -2 && seq < len(exprs) {
			col = exprs[seq] // the expression as written, with its order
		} else if desc {
			col += " DESC"
		}
		cols = append(cols, col)
	}
	return cols, closeRows(rows)
}

// catalogForeignKeys reads t's foreign keys from foreign_key_list, which
// does not report their names.
func catalogForeignKeys(ctx context.Context, q dialect.Querier, schemaName string, t *schema.Table) error {
	rows, err := q.QueryContext(ctx, `SELECT id, seq, "table", "from", coalesce("to", ''), on_update, on_delete, "match"
		FROM pragma_foreign_key_list(?, ?) ORDER BY id, seq`, t.Name, schemaName)
	if err != nil {
		return err
	}
	byID := map[int]*schema.ForeignKey{}
	var ids []int
	for rows.Next() {
		var (
			id, seq                   int
			table, from, to, upd, del string
			match                     string
		)
		if err := rows.Scan(&id, &seq, &table, &from, &to, &upd, &del, &match); err != nil {
			rows.Close()
			return err
		}
		fk := byID[id]
		if fk == nil {
			fk = &schema.ForeignKey{RefTable: table, OnDelete: del, OnUpdate: upd}
			if match != "NONE" {
				fk.Match = match
			}
			byID[id] = fk
			ids = append(ids, id)
		}
		fk.Columns = append(fk.Columns, from)
		fk.RefColumns = append(fk.RefColumns, to)
	}
	if err := closeRows(rows); err != nil {
		return err
	}
	t.ForeignKeys = nil
	for _, id := range ids {
		t.ForeignKeys = append(t.ForeignKeys, *byID[id])
	}
	return nil
}

// catalogOptions reads STRICT and WITHOUT ROWID from table_list.
func catalogOptions(ctx context.Context, q dialect.Querier, schemaName string, t *schema.Table) error {
	var strict, withoutRowID bool
	err := q.QueryRowContext(ctx, `SELECT strict, wr FROM pragma_table_list(?) WHERE schema = ?`, t.Name, schemaName).
		Scan(&strict, &withoutRowID)
	if err != nil {
		return err
	}
	t.Options = nil
	if strict {
		t.Options = append(t.Options, "strict")
	}
	if withoutRowID {
		t.Options = append(t.Options, "without rowid")
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
