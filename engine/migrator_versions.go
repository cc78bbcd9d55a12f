package engine

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
	"github.com/larkdb/lark/scripts"
)

// larkColumns are the nullable columns lark adds to Ecto's schema_migrations
// (version, inserted_at). A row whose state is NULL is applied; "partial"
// marks a migration that failed outside a transaction, op_log then holding
// exactly the operations that ran. down_log is what the file's down()
// recorded when the migration was applied (up()/down() migrations only), so
// a rollback runs the down() of the file as it was, not as it is now.
var larkColumns = []struct{ name, kind string }{
	{"name", "text"},
	{"checksum", "text"},
	{"op_log", "text"},
	{"duration_ms", "bigint"},
	{"state", "text"},
	{"last_error", "text"},
	{"down_log", "text"},
}

const statePartial = "partial"

// versionRow is one row of the versions table.
type versionRow struct {
	Version    int64
	InsertedAt *time.Time
	Name       string
	Checksum   string
	Log        op.Log
	HasLog     bool // false for rows that Ecto (or an old lark) wrote
	// Ops is the number of ops in the stored log; it is set even when the
	// log was only counted, not decoded (see readVersionsLite).
	Ops int
	// DownLog is the down() recorded at apply time; HasDownLog is false
	// for change() migrations and when down() needs the database to record.
	DownLog    op.Log
	HasDownLog bool
	State      string
	LastError  string
}

func (m *Migrator) qualified() string { return m.vt.Table }

// ensureTable creates the versions table when missing and adds lark's
// columns to one that Ecto created, in one transaction on conn.
func (m *Migrator) ensureTable(ctx context.Context, conn *sql.Conn) error {
	cols, err := m.d.VersionsColumns(ctx, conn, m.prefix, m.table)
	if err != nil {
		return err
	}
	if hasAll(cols) {
		return nil
	}
	return m.inTx(ctx, conn, func() error {
		if _, err := conn.ExecContext(ctx, m.vt.Create()); err != nil {
			return fmt.Errorf("create versions table %s: %w", m.qualified(), err)
		}
		cols, err := m.d.VersionsColumns(ctx, conn, m.prefix, m.table)
		if err != nil {
			return err
		}
		have := map[string]bool{}
		for _, c := range cols {
			have[c] = true
		}
		for _, c := range larkColumns {
			if have[c.name] {
				continue
			}
			if _, err := conn.ExecContext(ctx, m.vt.AddColumn(c.name, c.kind)); err != nil {
				return fmt.Errorf("add column %s to versions table: %w", c.name, err)
			}
		}
		return nil
	})
}

func hasAll(cols []string) bool {
	have := map[string]bool{}
	for _, c := range cols {
		have[c] = true
	}
	for _, c := range larkColumns {
		if !have[c.name] {
			return false
		}
	}
	return have["version"]
}

// inTx runs f in a transaction opened with the dialect's Begin on conn.
func (m *Migrator) inTx(ctx context.Context, conn *sql.Conn, f func() error) error {
	return dialect.InTx(ctx, conn, m.d, f)
}

// readVersions returns the versions table's rows by version. A missing
// table means nothing is applied; an Ecto table without lark's columns is
// read as it is.
func (m *Migrator) readVersions(ctx context.Context, q dialect.Querier) (map[int64]*versionRow, error) {
	return m.readRows(ctx, q, true)
}

// readVersionsLite reads the versions table for callers that need the
// stored logs of partial rows only (status, up): the logs of applied rows
// are counted, not decoded, which keeps status over thousands of applied
// migrations fast. Their Log and DownLog are nil.
func (m *Migrator) readVersionsLite(ctx context.Context, q dialect.Querier) (map[int64]*versionRow, error) {
	return m.readRows(ctx, q, false)
}

func (m *Migrator) readRows(ctx context.Context, q dialect.Querier, decodeAll bool) (map[int64]*versionRow, error) {
	cols, err := m.d.VersionsColumns(ctx, q, m.prefix, m.table)
	if err != nil {
		return nil, err
	}
	out := map[int64]*versionRow{}
	if len(cols) == 0 {
		return out, nil
	}
	// Read lark's columns where they exist: an Ecto table has none of them,
	// and one written by an older lark may lack the newest.
	have := map[string]bool{}
	for _, c := range cols {
		have[c] = true
	}
	sel := m.vt.Select([]string{"name", "checksum", "op_log", "state", "last_error", "down_log"}, func(c string) bool { return have[c] })
	rows, err := q.QueryContext(ctx, sel)
	if err != nil {
		return nil, fmt.Errorf("read versions table %s: %w", m.qualified(), err)
	}
	defer rows.Close()
	for rows.Next() {
		var (
			r                                       versionRow
			at                                      any
			name, sum, log, state, lastErr, downLog sql.NullString
		)
		if err := rows.Scan(&r.Version, &at, &name, &sum, &log, &state, &lastErr, &downLog); err != nil {
			return nil, fmt.Errorf("read versions table %s: %w", m.qualified(), err)
		}
		r.InsertedAt = parseTime(at)
		r.Name, r.Checksum, r.State, r.LastError = name.String, sum.String, state.String, lastErr.String
		decode := decodeAll || r.State == statePartial
		if log.Valid && !decode {
			n, err := op.Count([]byte(log.String))
			if err != nil {
				return nil, fmt.Errorf("versions table: stored log of version %d: %w", r.Version, err)
			}
			r.Ops, r.HasLog = n, true
		}
		if log.Valid && decode {
			l, err := op.Unmarshal([]byte(log.String))
			if err != nil {
				return nil, fmt.Errorf("versions table: stored log of version %d: %w", r.Version, err)
			}
			r.Log, r.HasLog, r.Ops = l, true, len(l)
		}
		if downLog.Valid && decode {
			l, err := op.Unmarshal([]byte(downLog.String))
			if err != nil {
				return nil, fmt.Errorf("versions table: stored down log of version %d: %w", r.Version, err)
			}
			r.DownLog, r.HasDownLog = l, true
		}
		out[r.Version] = &r
	}
	return out, rows.Err()
}

// parseTime reads inserted_at: a time.Time from PostgreSQL, text from
// SQLite (ecto_sqlite3 writes ISO 8601).
func parseTime(v any) *time.Time {
	switch t := v.(type) {
	case time.Time:
		u := t.UTC()
		return &u
	case []byte:
		return parseTime(string(t))
	case string:
		for _, layout := range []string{"2006-01-02T15:04:05", "2006-01-02 15:04:05", time.RFC3339Nano, "2006-01-02T15:04:05.999999", "2006-01-02 15:04:05.999999"} {
			if p, err := time.Parse(layout, strings.TrimSpace(t)); err == nil {
				return &p
			}
		}
	}
	return nil
}

// isApplied reports whether version has a row, inside the migration's
// transaction: the re-check that keeps concurrent runners from applying a
// migration twice.
func (m *Migrator) isApplied(ctx context.Context, q dialect.Querier, version int64) (bool, string, error) {
	var state sql.NullString
	err := q.QueryRowContext(ctx, m.vt.State(), version).Scan(&state)
	if err == sql.ErrNoRows {
		return false, "", nil
	}
	if err != nil {
		return false, "", fmt.Errorf("read version %d: %w", version, err)
	}
	return true, state.String, nil
}

// insertVersion records a migration: applied when state is "", else partial.
func (m *Migrator) insertVersion(ctx context.Context, q dialect.Querier, mig scripts.Migration, log op.Log, d time.Duration, state string) error {
	js, err := op.Marshal(log)
	if err != nil {
		return fmt.Errorf("encode log of %s: %w", mig.File, err)
	}
	if _, err := q.ExecContext(ctx, m.vt.Insert(), mig.Version, mig.Name, mig.Checksum, string(js), d.Milliseconds(), nullIfEmpty(state)); err != nil {
		return fmt.Errorf("record version %d: %w", mig.Version, err)
	}
	return nil
}

// updateVersion rewrites a row's log, state and error: progress of a
// migration that runs outside a transaction, or its completion.
func (m *Migrator) updateVersion(ctx context.Context, q dialect.Querier, version int64, log op.Log, d time.Duration, state, lastErr, checksum string) error {
	js, err := op.Marshal(log)
	if err != nil {
		return fmt.Errorf("encode log of version %d: %w", version, err)
	}
	if _, err := q.ExecContext(ctx, m.vt.Update(), string(js), d.Milliseconds(), nullIfEmpty(state), nullIfEmpty(lastErr), checksum, version); err != nil {
		return fmt.Errorf("update version %d: %w", version, err)
	}
	return nil
}

// setDownLog stores what down() recorded at apply time; a nil log leaves
// the column NULL, and a rollback then runs the file's down().
func (m *Migrator) setDownLog(ctx context.Context, q dialect.Querier, version int64, down op.Log) error {
	if down == nil {
		return nil
	}
	js, err := op.Marshal(down)
	if err != nil {
		return fmt.Errorf("encode down log of version %d: %w", version, err)
	}
	if _, err := q.ExecContext(ctx, m.vt.SetDownLog(), string(js), version); err != nil {
		return fmt.Errorf("record down log of version %d: %w", version, err)
	}
	return nil
}

func (m *Migrator) deleteVersion(ctx context.Context, q dialect.Querier, version int64) error {
	if _, err := q.ExecContext(ctx, m.vt.Delete(), version); err != nil {
		return fmt.Errorf("delete version %d: %w", version, err)
	}
	return nil
}

func nullIfEmpty(s string) any {
	if s == "" {
		return nil
	}
	return s
}
