package crashtest

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"github.com/larkdb/lark/op"
)

// effects is what a migration's operations left in the database.
type effects struct {
	Table, Index, Column bool
	Rows                 int
}

// want is what exactly k applied operations of a generated migration leave.
func want(k int) effects {
	e := effects{Table: k >= 1, Index: k >= 2, Column: k >= 3}
	if k >= 4 {
		e.Rows = 1
	}
	return e
}

func (e effects) String() string {
	return fmt.Sprintf("table=%v index=%v column=%v rows=%d", e.Table, e.Index, e.Column, e.Rows)
}

// catalog reads the schema of one database kind.
type catalog struct {
	db      *sql.DB
	dialect string // "sqlite" or "postgres"
}

func (c catalog) exists(ctx context.Context, kind, name string) (bool, error) {
	var n int
	var err error
	if c.dialect == "sqlite" {
		err = c.db.QueryRowContext(ctx, "SELECT count(*) FROM sqlite_master WHERE type = ? AND name = ?", kind, name).Scan(&n)
	} else {
		relkind := map[string]string{"table": "r", "index": "i"}[kind]
		err = c.db.QueryRowContext(ctx, "SELECT count(*) FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relname = $1 AND c.relkind = $2", name, relkind).Scan(&n)
	}
	if err != nil {
		return false, fmt.Errorf("look for %s %s: %w", kind, name, err)
	}
	return n > 0, nil
}

func (c catalog) hasColumn(ctx context.Context, table, column string) (bool, error) {
	var n int
	var err error
	if c.dialect == "sqlite" {
		err = c.db.QueryRowContext(ctx, "SELECT count(*) FROM pragma_table_info(?) WHERE name = ?", table, column).Scan(&n)
	} else {
		// pg_attribute rather than information_schema.columns: the same
		// answer for a table, in a twentieth of the time, and the check
		// runs after every one of the hundred-odd lark processes.
		err = c.db.QueryRowContext(ctx, "SELECT count(*) FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public' AND c.relname = $1 AND a.attname = $2 AND a.attnum > 0 AND NOT a.attisdropped", table, column).Scan(&n)
	}
	if err != nil {
		return false, fmt.Errorf("look for column %s.%s: %w", table, column, err)
	}
	return n > 0, nil
}

// observe reads a generated migration's effects from the catalog.
func (c catalog) observe(ctx context.Context, m migration) (effects, error) {
	var e effects
	var err error
	if e.Table, err = c.exists(ctx, "table", m.table()); err != nil || !e.Table {
		return e, err
	}
	if e.Index, err = c.exists(ctx, "index", m.index()); err != nil {
		return e, err
	}
	if e.Column, err = c.hasColumn(ctx, m.table(), "extra"); err != nil {
		return e, err
	}
	if err := c.db.QueryRowContext(ctx, "SELECT count(*) FROM "+m.table()).Scan(&e.Rows); err != nil {
		return e, fmt.Errorf("count rows of %s: %w", m.table(), err)
	}
	return e, nil
}

// versionRow is what the versions table says of one migration.
type versionRow struct {
	Partial bool
	Ops     int // operations in the stored log
}

// versions reads schema_migrations; a missing table means no rows (the
// process was killed before it created it).
func (c catalog) versions(ctx context.Context) (map[int64]versionRow, error) {
	exists, err := c.exists(ctx, "table", "schema_migrations")
	if err != nil || !exists {
		return map[int64]versionRow{}, err
	}
	rows, err := c.db.QueryContext(ctx, "SELECT version, state, op_log FROM schema_migrations")
	if err != nil {
		return nil, fmt.Errorf("read schema_migrations: %w", err)
	}
	defer rows.Close()
	out := map[int64]versionRow{}
	for rows.Next() {
		var v int64
		var state, log sql.NullString
		if err := rows.Scan(&v, &state, &log); err != nil {
			return nil, fmt.Errorf("read schema_migrations: %w", err)
		}
		r := versionRow{Partial: state.String == "partial"}
		if log.Valid {
			l, err := op.Unmarshal([]byte(log.String))
			if err != nil {
				return nil, fmt.Errorf("version %d: stored log: %w", v, err)
			}
			r.Ops = len(l)
		}
		out[v] = r
	}
	return out, rows.Err()
}

// state sums up a consistent database: how many migrations are applied (a
// prefix of the run), and the partial one after them, if any.
type state struct {
	Applied int
	Partial bool
}

// check verifies that schema and versions table agree for every migration,
// and that the applied migrations are a prefix of the run with at most one
// partial migration right after it. It returns every disagreement.
func (c catalog) check(ctx context.Context, migs []migration) (state, []string, error) {
	var st state
	rows, err := c.versions(ctx)
	if err != nil {
		return st, nil, err
	}
	var bad []string
	for i, m := range migs {
		r, ok := rows[m.Version]
		k := 0
		switch {
		case ok && r.Partial:
			if !m.NoTx {
				bad = append(bad, fmt.Sprintf("version %d: partial row for a transactional migration", m.Version))
			}
			k = r.Ops
		case ok:
			if r.Ops != opCount {
				bad = append(bad, fmt.Sprintf("version %d: applied with %d ops in its log, want %d", m.Version, r.Ops, opCount))
			}
			k = opCount
		}
		got, err := c.observe(ctx, m)
		if err != nil {
			return st, bad, err
		}
		if got != want(k) {
			bad = append(bad, fmt.Sprintf("version %d (noTx=%v): row %s says %d ops ran, so want %s; the schema has %s",
				m.Version, m.NoTx, describe(r, ok), k, want(k), got))
		}
		switch {
		case ok && !r.Partial && i == st.Applied && !st.Partial:
			st.Applied++
		case ok && r.Partial && i == st.Applied && !st.Partial:
			st.Partial = true
		case ok:
			bad = append(bad, fmt.Sprintf("version %d has a row but an earlier migration is not applied", m.Version))
		}
		delete(rows, m.Version)
	}
	for v := range rows {
		bad = append(bad, fmt.Sprintf("version %d: row for no migration", v))
	}
	return st, bad, nil
}

func describe(r versionRow, ok bool) string {
	switch {
	case !ok:
		return "(none)"
	case r.Partial:
		return fmt.Sprintf("partial(%d ops)", r.Ops)
	}
	return "applied"
}

// join formats disagreements for a failure message.
func join(bad []string) string { return "\n\t" + strings.Join(bad, "\n\t") }
