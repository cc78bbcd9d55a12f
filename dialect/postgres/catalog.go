package postgres

import (
	"context"
	"fmt"
	"strings"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/dialect/schema"
)

// ReadSchema reads the schema prefix ("public" when empty) from pg_catalog:
// its tables (the versions table left out), their columns, keys, indexes,
// checks, exclusions and foreign keys, with their comments. Every query
// filters on a table's oid, so nothing from another schema leaks in.
func (Runtime) ReadSchema(ctx context.Context, q dialect.Querier, prefix string, opts ...schema.Option) (*schema.Schema, error) {
	if prefix == "" {
		prefix = "public"
	}
	s, err := readSchema(ctx, q, prefix, schema.NewOptions(opts...))
	if err != nil {
		return nil, fmt.Errorf("read the schema %q from pg_catalog: %w", prefix, err)
	}
	s.Sort()
	return s, nil
}

func readSchema(ctx context.Context, q dialect.Querier, schemaName string, o schema.Options) (*schema.Schema, error) {
	var version int
	if err := q.QueryRowContext(ctx, `SELECT current_setting('server_version_num')::int`).Scan(&version); err != nil {
		return nil, fmt.Errorf("read server version: %w", err)
	}
	s := &schema.Schema{Dialect: "postgres", Name: schemaName}
	rows, err := q.QueryContext(ctx, `
		SELECT c.oid, c.relname, coalesce(obj_description(c.oid, 'pg_class'), ''),
		       c.relpersistence = 'u', coalesce(array_to_string(c.reloptions, ','), '')
		FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
		WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND c.relname <> $2
		ORDER BY c.relname`, schemaName, o.VersionsTable)
	if err != nil {
		return nil, fmt.Errorf("list tables: %w", err)
	}
	type rel struct {
		oid uint32
		t   *schema.Table
	}
	var rels []rel
	for rows.Next() {
		var r rel
		r.t = &schema.Table{}
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
		if err := pgColumns(ctx, q, r.oid, r.t); err != nil {
			return nil, fmt.Errorf("table %s: columns: %w", r.t.Name, err)
		}
		if err := pgIndexes(ctx, q, r.oid, r.t, version); err != nil {
			return nil, fmt.Errorf("table %s: indexes: %w", r.t.Name, err)
		}
		if err := pgConstraints(ctx, q, r.oid, schemaName, r.t, version); err != nil {
			return nil, fmt.Errorf("table %s: constraints: %w", r.t.Name, err)
		}
		s.Tables = append(s.Tables, r.t)
	}
	return s, nil
}

func pgColumns(ctx context.Context, q dialect.Querier, oid uint32, t *schema.Table) error {
	rows, err := q.QueryContext(ctx, `
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
			c             schema.Column
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
func pgIndexes(ctx context.Context, q dialect.Querier, oid uint32, t *schema.Table, version int) error {
	nnd := "false"
	if version >= 150000 {
		nnd = "i.indnullsnotdistinct"
	}
	rows, err := q.QueryContext(ctx, `
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
			x          schema.Index
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
func pgConstraints(ctx context.Context, q dialect.Querier, oid uint32, schemaName string, t *schema.Table, version int) error {
	setCols := "'{}'::text[]"
	if version >= 150000 {
		setCols = `coalesce((SELECT array_agg(a.attname ORDER BY k.n) FROM unnest(c.confdelsetcols) WITH ORDINALITY k(attnum, n)
		           JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = k.attnum), '{}')::text[]`
	}
	rows, err := q.QueryContext(ctx, `
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
			t.Checks = append(t.Checks, schema.Check{Name: name, Kind: k, Definition: def, NotValid: !validated, Comment: comment})
		case "f":
			ref := refTable
			if refSchema != schemaName {
				ref = refSchema + "." + refTable
			}
			t.ForeignKeys = append(t.ForeignKeys, schema.ForeignKey{
				Name: name, Columns: cols, RefTable: ref, RefColumns: refCols,
				OnDelete: pgFKActions[delType], OnUpdate: pgFKActions[updType],
				OnDeleteColumns: delCols, Match: pgFKMatch[matchType],
				NotValid: !validated, Comment: comment,
			})
		}
	}
	return closeRows(rows)
}
