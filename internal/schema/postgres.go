package schema

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
)

// snapshotPostgres reads one schema from pg_catalog. Every query filters on
// a table's oid, so nothing from another schema leaks in.
func snapshotPostgres(ctx context.Context, db *sql.DB, schemaName string, o options) (*Schema, error) {
	var version int
	if err := db.QueryRowContext(ctx, `SELECT current_setting('server_version_num')::int`).Scan(&version); err != nil {
		return nil, fmt.Errorf("read server version: %w", err)
	}
	s := &Schema{Dialect: "postgres", Name: schemaName}
	rows, err := db.QueryContext(ctx, `
		SELECT c.oid, c.relname, coalesce(obj_description(c.oid, 'pg_class'), ''),
		       c.relpersistence = 'u', coalesce(array_to_string(c.reloptions, ','), '')
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> $2
		ORDER BY c.relname`, schemaName, o.versionsTable)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	type rel struct {
		oid uint32
		t   *Table
	}
	var rels []rel
	for rows.Next() {
		var r rel
		r.t = &Table{}
		var (
			unlogged bool
			relopts  string
		)
		if err := rows.Scan(&r.oid, &r.t.Name, &r.t.Comment, &unlogged, &relopts); err != nil {
			rows.Close()
			return nil, fmt.Errorf("list tables: %w", err)
		}
		if unlogged {
			r.t.Options = append(r.t.Options, "unlogged")
		}
		if relopts != "" {
			r.t.Options = append(r.t.Options, strings.Split(relopts, ",")...)
		}
		rels = append(rels, r)
	}
	if err := closeRows(rows); err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	for _, r := range rels {
		if err := pgColumns(ctx, db, r.oid, r.t); err != nil {
			return nil, fmt.Errorf("table %s: columns: %w", r.t.Name, err)
		}
		if err := pgIndexes(ctx, db, r.oid, r.t, version); err != nil {
			return nil, fmt.Errorf("table %s: indexes: %w", r.t.Name, err)
		}
		if err := pgConstraints(ctx, db, r.oid, schemaName, r.t, version); err != nil {
			return nil, fmt.Errorf("table %s: constraints: %w", r.t.Name, err)
		}
		s.Tables = append(s.Tables, r.t)
	}
	return s, nil
}

func pgColumns(ctx context.Context, db *sql.DB, oid uint32, t *Table) error {
	rows, err := db.QueryContext(ctx, `
		SELECT a.attname,
		       format_type(a.atttypid, a.atttypmod),
		       a.attnotnull,
		       coalesce(pg_get_expr(d.adbin, d.adrelid), ''),
		       a.attidentity::text,
		       a.attgenerated::text,
		       CASE WHEN a.attcollation <> ty.typcollation THEN coalesce(co.collname, '') ELSE '' END,
		       coalesce(col_description(a.attrelid, a.attnum), ''),
		       coalesce(sq.seqstart, 0), coalesce(sq.seqincrement, 0)
		FROM pg_attribute a
		JOIN pg_type ty ON ty.oid = a.atttypid
		LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
		LEFT JOIN pg_collation co ON co.oid = a.attcollation
		LEFT JOIN pg_depend dep ON a.attidentity <> '' AND dep.refobjid = a.attrelid
		     AND dep.refobjsubid = a.attnum AND dep.classid = 'pg_class'::regclass AND dep.deptype = 'i'
		LEFT JOIN pg_sequence sq ON sq.seqrelid = dep.objid
		WHERE a.attrelid = $1 AND a.attnum > 0 AND NOT a.attisdropped
		ORDER BY a.attnum`, oid)
	if err != nil {
		return err
	}
	for rows.Next() {
		var (
			c             Column
			ident, gen    string
			start, incr   int64
			expr, comment string
		)
		if err := rows.Scan(&c.Name, &c.Type, &c.NotNull, &expr, &ident, &gen, &c.Collation, &comment, &start, &incr); err != nil {
			rows.Close()
			return err
		}
		c.Comment = comment
		switch ident {
		case "a":
			c.Identity = "always"
		case "d":
			c.Identity = "by default"
		}
		if c.Identity != "" {
			c.IdentityStart, c.IdentityIncrement = start, incr
		}
		if gen == "s" {
			c.Generated, c.GeneratedKind = expr, "stored"
		} else {
			c.Default = expr
		}
		t.Columns = append(t.Columns, c)
	}
	return closeRows(rows)
}

// pgIndexes reads the indexes of a table, leaving out those that implement
// a primary key or an exclusion constraint (those are read as constraints).
func pgIndexes(ctx context.Context, db *sql.DB, oid uint32, t *Table, version int) error {
	nnd := "false"
	if version >= 150000 {
		nnd = "i.indnullsnotdistinct"
	}
	rows, err := db.QueryContext(ctx, `
		SELECT ic.relname, i.indisunique,
		       EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid AND k.contype = 'u'),
		       coalesce(pg_get_expr(i.indpred, i.indrelid, true), ''),
		       am.amname, `+nnd+`,
		       coalesce(obj_description(i.indexrelid, 'pg_class'), ''),
		       i.indnkeyatts, i.indnatts, array_to_string(i.indoption::int2[], ','),
		       (SELECT coalesce(array_agg(pg_get_indexdef(i.indexrelid, k, true) ORDER BY k), '{}')
		          FROM generate_series(1, i.indnatts) k)::text[]
		FROM pg_index i
		JOIN pg_class ic ON ic.oid = i.indexrelid
		JOIN pg_am am ON am.oid = ic.relam
		WHERE i.indrelid = $1 AND NOT i.indisprimary AND NOT i.indisexclusion
		ORDER BY ic.relname`, oid)
	if err != nil {
		return err
	}
	for rows.Next() {
		var (
			x          Index
			nkey, nall int
			optText    string
			cols       textArray
		)
		if err := rows.Scan(&x.Name, &x.Unique, &x.Constraint, &x.Where, &x.Method, &x.NullsNotDistinct,
			&x.Comment, &nkey, &nall, &optText, &cols); err != nil {
			rows.Close()
			return err
		}
		opts := parseIntArray(optText)
		for k := 0; k < nall && k < len(cols); k++ {
			if k >= nkey {
				x.Include = append(x.Include, cols[k])
				continue
			}
			col := cols[k]
			if k < len(opts) {
				// indoption bits: 1 = DESC, 2 = NULLS FIRST. NULLS FIRST
				// is the default for DESC, so only a departure is shown.
				desc, nullsFirst := opts[k]&1 != 0, opts[k]&2 != 0
				if desc {
					col += " DESC"
				}
				if nullsFirst != desc {
					if nullsFirst {
						col += " NULLS FIRST"
					} else {
						col += " NULLS LAST"
					}
				}
			}
			x.Columns = append(x.Columns, col)
		}
		t.Indexes = append(t.Indexes, x)
	}
	return closeRows(rows)
}

var pgFKActions = map[string]string{
	"a": "NO ACTION", "r": "RESTRICT", "c": "CASCADE", "n": "SET NULL", "d": "SET DEFAULT",
}

var pgFKMatch = map[string]string{"s": "SIMPLE", "f": "FULL", "p": "PARTIAL"}

// pgConstraints reads primary keys, checks, exclusions and foreign keys.
// UNIQUE constraints come through their indexes (see pgIndexes).
func pgConstraints(ctx context.Context, db *sql.DB, oid uint32, schemaName string, t *Table, version int) error {
	setCols := "'{}'::text[]"
	if version >= 150000 {
		setCols = `coalesce((SELECT array_agg(a.attname ORDER BY k.n) FROM unnest(c.confdelsetcols) WITH ORDINALITY k(attnum, n)
		           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum), '{}')::text[]`
	}
	rows, err := db.QueryContext(ctx, `
		SELECT c.conname, c.contype::text, pg_get_constraintdef(c.oid, true), c.convalidated,
		       coalesce(obj_description(c.oid, 'pg_constraint'), ''),
		       coalesce((SELECT array_agg(a.attname ORDER BY k.n) FROM unnest(c.conkey) WITH ORDINALITY k(attnum, n)
		                 JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum), '{}')::text[],
		       coalesce((SELECT array_agg(a.attname ORDER BY k.n) FROM unnest(c.confkey) WITH ORDINALITY k(attnum, n)
		                 JOIN pg_attribute a ON a.attrelid = c.confrelid AND a.attnum = k.attnum), '{}')::text[],
		       coalesce(rn.nspname, ''), coalesce(rc.relname, ''),
		       c.confdeltype::text, c.confupdtype::text, c.confmatchtype::text,
		       `+setCols+`
		FROM pg_constraint c
		LEFT JOIN pg_class rc ON rc.oid = c.confrelid
		LEFT JOIN pg_namespace rn ON rn.oid = rc.relnamespace
		WHERE c.conrelid = $1 AND c.contype IN ('p', 'c', 'x', 'f')
		ORDER BY c.conname`, oid)
	if err != nil {
		return err
	}
	for rows.Next() {
		var (
			name, kind, def, comment    string
			validated                   bool
			cols, refCols, delCols      textArray
			refSchema, refTable         string
			delType, updType, matchType string
		)
		if err := rows.Scan(&name, &kind, &def, &validated, &comment, &cols, &refCols,
			&refSchema, &refTable, &delType, &updType, &matchType, &delCols); err != nil {
			rows.Close()
			return err
		}
		switch kind {
		case "p":
			t.PrimaryKey, t.PrimaryKeyName = cols, name
		case "c", "x":
			k := "check"
			if kind == "x" {
				k = "exclude"
			}
			// NotValid says it; the definition need not repeat it.
			def = strings.TrimSuffix(def, " NOT VALID")
			t.Checks = append(t.Checks, Check{Name: name, Kind: k, Definition: def, NotValid: !validated, Comment: comment})
		case "f":
			ref := refTable
			if refSchema != schemaName {
				ref = refSchema + "." + refTable
			}
			t.ForeignKeys = append(t.ForeignKeys, ForeignKey{
				Name: name, Columns: cols, RefTable: ref, RefColumns: refCols,
				OnDelete: pgFKActions[delType], OnUpdate: pgFKActions[updType],
				OnDeleteColumns: delCols, Match: pgFKMatch[matchType],
				NotValid: !validated, Comment: comment,
			})
		}
	}
	return closeRows(rows)
}

func closeRows(rows *sql.Rows) error {
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	return rows.Close()
}

// textArray scans a PostgreSQL text[] returned as its text form.
type textArray []string

// Scan implements sql.Scanner for the array's text representation
// ({a,"b c",NULL}), which is how database/sql hands arrays over from pgx.
func (a *textArray) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	case nil:
		*a = nil
		return nil
	default:
		return fmt.Errorf("textArray: cannot scan %T", src)
	}
	out, err := parseTextArray(s)
	if err != nil {
		return err
	}
	*a = out
	return nil
}

// parseTextArray parses a one-dimensional PostgreSQL array literal.
func parseTextArray(s string) ([]string, error) {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return nil, fmt.Errorf("not an array literal: %q", s)
	}
	body := s[1 : len(s)-1]
	var out []string
	if body == "" {
		return out, nil
	}
	var cur strings.Builder
	inQuotes := false
	for i := 0; i < len(body); i++ {
		ch := body[i]
		switch {
		case inQuotes && ch == '\\' && i+1 < len(body):
			i++
			cur.WriteByte(body[i])
		case ch == '"':
			inQuotes = !inQuotes
		case ch == ',' && !inQuotes:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(ch)
		}
	}
	out = append(out, cur.String())
	return out, nil
}

// parseIntArray parses a comma-separated list of integers ("0,3").
func parseIntArray(s string) []int {
	parts := strings.Split(s, ",")
	out := make([]int, len(parts))
	for i, p := range parts {
		fmt.Sscan(p, &out[i])
	}
	return out
}
