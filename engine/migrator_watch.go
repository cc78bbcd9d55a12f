package engine

import (
	"context"
	"fmt"
	"sort"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/dialect/schema"
	"github.com/larkdb/lark/engine/eval"
	"github.com/larkdb/lark/scripts"
)

// This file holds what a development loop (package watch) needs beyond
// Up and Down: the versions table's rows with their checksums, the schema
// as the catalog reports it, and Rebase, which rewinds to a version and
// replays.

// AppliedMigration is one row of the versions table.
type AppliedMigration struct {
	Version int64
	Name    string
	// Checksum is the file's checksum when it was applied; "" for a row
	// that Ecto (or an old lark) wrote.
	Checksum string
	// HasLog is false for a row without a stored operation log: such a
	// migration can be rolled back only from its file, which may have
	// changed since.
	HasLog bool
	// Partial marks a migration that failed part-way outside a
	// transaction (see [PartialError]).
	Partial bool
}

// Applied lists the versions table's rows in version order. Like Status
// it takes no lock and changes nothing.
func (m *Migrator) Applied(ctx context.Context) ([]AppliedMigration, error) {
	rows, err := m.readVersions(ctx, m.db)
	if err != nil {
		return nil, err
	}
	out := make([]AppliedMigration, 0, len(rows))
	for _, r := range sortedRows(rows) {
		out = append(out, AppliedMigration{
			Version: r.Version, Name: r.Name, Checksum: r.Checksum,
			HasLog: r.HasLog, Partial: r.State == statePartial,
		})
	}
	return out, nil
}

// Dialect returns the migrator's dialect.
func (m *Migrator) Dialect() dialect.Dialect { return m.d }

// ReadSchema reads the schema the migrator works on (its [WithPrefix]
// schema) from the database's catalog, its versions table left out: what
// `lark watch --dump` writes after every action.
func (m *Migrator) ReadSchema(ctx context.Context) (*schema.Schema, error) {
	return m.d.ReadSchema(ctx, m.db, m.prefix, schema.VersionsTable(m.table))
}

// LoadScript loads mig's file the way Up would, with the migrator's
// options. Its [Script.Files] lists the helpers the file loads, also when
// loading fails.
func (m *Migrator) LoadScript(ctx context.Context, mig scripts.Migration) (*eval.Script, error) {
	return eval.Load(ctx, m.fsys, mig.File, mig.Source, m.engineOptions())
}

// NoLogError reports an applied migration that would have to be rolled
// back but has no stored operation log, so its rollback would have to
// trust a file that may have changed since it was applied.
type NoLogError struct {
	Version int64
	Name    string
}

func (e *NoLogError) Error() string {
	return fmt.Sprintf("migration %d_%s has no stored operation log (applied by Ecto or an old lark): it is not rolled back automatically", e.Version, e.Name)
}

// Rebase rewinds the database to just before version from and replays:
// it rolls back every applied migration whose version is from or later
// (and a partial one, whatever its version), newest first, each with the
// operation log stored when it was applied; then it applies the pending
// migrations from version from on, in version order, up to and including
// version through (math.MaxInt64 applies every one). It holds the migration lock throughout
// and does not check drift: re-applying an edited file is its purpose.
//
// Before anything runs it refuses, with a *[NoLogError], to roll back a
// migration without a stored log. It returns what ran, rollbacks first,
// also on error; each migration runs in its own transaction, so a failure
// leaves the database at the last migration that succeeded.
func (m *Migrator) Rebase(ctx context.Context, from, through int64) ([]Result, error) {
	ss, err := m.open(ctx, false)
	if err != nil {
		return nil, err
	}
	defer ss.close()
	files, lk, conn, rows := ss.files, ss.lk, ss.conn, ss.rows
	down := rewind(rows, from)
	for _, r := range down {
		if !r.HasLog {
			return nil, &NoLogError{Version: r.Version, Name: r.Name}
		}
	}
	byVersion := ss.byVersion()
	var results []Result
	for _, r := range down {
		res, ran, err := m.revert(ctx, conn, lk, r, byVersion[r.Version])
		if err != nil {
			return results, err
		}
		if ran {
			results = append(results, res)
		}
		delete(rows, r.Version)
	}
	for _, f := range files {
		if f.Version > through {
			break
		}
		if _, applied := rows[f.Version]; applied || f.Version < from {
			continue
		}
		res, ran, err := m.apply(ctx, conn, lk, f, nil)
		if err != nil {
			return results, err
		}
		if ran {
			results = append(results, res)
		}
	}
	return results, nil
}

// rewind picks the rows Rebase rolls back: partial ones first (they ran
// last), then every row from version from on, newest first.
func rewind(rows map[int64]*versionRow, from int64) []*versionRow {
	var out []*versionRow
	for _, r := range rows {
		if r.Version >= from || r.State == statePartial {
			out = append(out, r)
		}
	}
	sort.Slice(out, func(i, j int) bool {
		pi, pj := out[i].State == statePartial, out[j].State == statePartial
		if pi != pj {
			return pi
		}
		return out[i].Version > out[j].Version
	})
	return out
}
