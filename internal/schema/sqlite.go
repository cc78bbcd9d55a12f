package schema

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
)

// snapshotSQLite reads one attached database (usually "main").
func snapshotSQLite(ctx context.Context, db *sql.DB, schemaName string, o options) (*Schema, error) {
	s := &Schema{Dialect: "sqlite", Name: schemaName}
	q := `SELECT name, coalesce(sql, '') FROM ` + quoteSQLite(schemaName) + `.sqlite_master
		WHERE type = 'table' AND name NOT LIKE 'sqlite\_%' ESCAPE '\' AND name <> ? ORDER BY name`
	rows, err := db.QueryContext(ctx, q, o.versionsTable)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	type entry struct{ name, sql string }
	var entries []entry
	for rows.Next() {
		var e entry
		if err := rows.Scan(&e.name, &e.sql); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list tables: %w", err)
		}
		entries = append(entries, e)
	}
	if err := closeRows(rows); err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	for _, e := range entries {
		t := &Table{Name: e.name}
		if err := sqliteTableOptions(ctx, db, schemaName, t); err != nil {
			return nil, fmt.Errorf("table %s: options: %w", t.Name, err)
		}
		items := createTableItems(e.sql)
		if err := sqliteColumns(ctx, db, schemaName, t, items); err != nil {
			return nil, fmt.Errorf("table %s: columns: %w", t.Name, err)
		}
		for _, item := range items {
			t.Checks = append(t.Checks, checksIn(item)...)
			for _, tok := range item {
				if tok.is("AUTOINCREMENT") {
					t.AutoIncrement = true
				}
			}
		}
		if err := sqliteIndexes(ctx, db, schemaName, t); err != nil {
			return nil, fmt.Errorf("table %s: indexes: %w", t.Name, err)
		}
		if err := sqliteForeignKeys(ctx, db, schemaName, t); err != nil {
			return nil, fmt.Errorf("table %s: foreign keys: %w", t.Name, err)
		}
		s.Tables = append(s.Tables, t)
	}
	return s, nil
}

func sqliteColumns(ctx context.Context, db *sql.DB, schemaName string, t *Table, items [][]token) error {
	// Column definitions by name, to read what the PRAGMA does not report.
	defs := map[string][]token{}
	for _, item := range items {
		if len(item) > 0 && !isTableConstraint(item) {
			defs[strings.ToLower(unquote(item[0].text))] = item
		}
	}
	rows, err := db.QueryContext(ctx, `SELECT name, type, "notnull", dflt_value, pk, hidden
		FROM pragma_table_xinfo(?, ?) ORDER BY cid`, t.Name, schemaName)
	if err != nil {
		return err
	}
	type keyCol struct {
		name string
		pos  int
	}
	var keys []keyCol
	for rows.Next() {
		var (
			c      Column
			dflt   sql.NullString
			pk     int
			hidden int
		)
		if err := rows.Scan(&c.Name, &c.Type, &c.NotNull, &dflt, &pk, &hidden); err != nil {
			rows.Close()
			return err
		}
		c.Default = dflt.String
		gen, coll := columnExtras(defs[strings.ToLower(c.Name)])
		c.Collation = coll
		switch hidden {
		case 2:
			c.Generated, c.GeneratedKind = gen, "virtual"
		case 3:
			c.Generated, c.GeneratedKind = gen, "stored"
		}
		if pk > 0 {
			keys = append(keys, keyCol{c.Name, pk})
		}
		t.Columns = append(t.Columns, c)
	}
	if err := closeRows(rows); err != nil {
		return err
	}
	sort.Slice(keys, func(i, j int) bool { return keys[i].pos < keys[j].pos })
	for _, k := range keys {
		t.PrimaryKey = append(t.PrimaryKey, k.name)
	}
	return nil
}

func sqliteIndexes(ctx context.Context, db *sql.DB, schemaName string, t *Table) error {
	rows, err := db.QueryContext(ctx, `SELECT l.name, l."unique", l.origin, coalesce(m.sql, '')
		FROM pragma_index_list(?, ?) l
		LEFT JOIN `+quoteSQLite(schemaName)+`.sqlite_master m ON m.type = 'index' AND m.name = l.name
		ORDER BY l.name`, t.Name, schemaName)
	if err != nil {
		return err
	}
	type idx struct {
		x           Index
		origin, sql string
	}
	var list []idx
	for rows.Next() {
		var i idx
		if err := rows.Scan(&i.x.Name, &i.x.Unique, &i.origin, &i.sql); err != nil {
			rows.Close()
			return err
		}
		list = append(list, i)
	}
	if err := closeRows(rows); err != nil {
		return err
	}
	for _, i := range list {
		if i.origin == "pk" {
			continue // described by Table.PrimaryKey
		}
		exprs, where := indexExpressions(i.sql)
		i.x.Where = where
		cols, err := sqliteIndexColumns(ctx, db, schemaName, i.x.Name, exprs)
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

// sqliteIndexColumns lists an index's key columns from index_xinfo, taking
// expressions (cid -2) from the CREATE INDEX text.
func sqliteIndexColumns(ctx context.Context, db *sql.DB, schemaName, name string, exprs []string) ([]string, error) {
	rows, err := db.QueryContext(ctx, `SELECT seqno, cid, coalesce(name, ''), "desc"
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

func sqliteForeignKeys(ctx context.Context, db *sql.DB, schemaName string, t *Table) error {
	rows, err := db.QueryContext(ctx, `SELECT id, seq, "table", "from", coalesce("to", ''), on_update, on_delete, "match"
		FROM pragma_foreign_key_list(?, ?) ORDER BY id, seq`, t.Name, schemaName)
	if err != nil {
		return err
	}
	byID := map[int]*ForeignKey{}
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
			fk = &ForeignKey{RefTable: table, OnDelete: del, OnUpdate: upd}
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
	for _, id := range ids {
		t.ForeignKeys = append(t.ForeignKeys, *byID[id])
	}
	return nil
}

// sqliteTableOptions reads STRICT and WITHOUT ROWID from table_list.
func sqliteTableOptions(ctx context.Context, db *sql.DB, schemaName string, t *Table) error {
	var strict, withoutRowID bool
	err := db.QueryRowContext(ctx, `SELECT strict, wr FROM pragma_table_list(?) WHERE schema = ?`, t.Name, schemaName).
		Scan(&strict, &withoutRowID)
	if err != nil {
		return err
	}
	if strict {
		t.Options = append(t.Options, "strict")
	}
	if withoutRowID {
		t.Options = append(t.Options, "without rowid")
	}
	return nil
}

// quoteSQLite quotes an identifier for SQLite.
func quoteSQLite(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}
