package engine

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"time"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/engine/eval"
	"github.com/larkdb/lark/op"
	"github.com/larkdb/lark/scripts"
)

// The states a migration can be in.
const (
	StatePending = "pending"
	StateApplied = "applied"
	// StatePartial is a migration that failed part-way outside a
	// transaction; see [PartialError].
	StatePartial = "partial"
	// StateRunning is a migration half-way that a runner is applying right
	// now (it holds the run's lock, or the migration's own).
	StateRunning = "running"
)

// MigrationStatus is one line of `lark status`.
type MigrationStatus struct {
	Version   int64      `json:"version"`
	Name      string     `json:"name"`
	File      string     `json:"file,omitempty"`
	State     string     `json:"state"`
	AppliedAt *time.Time `json:"applied_at,omitempty"`
	// Drift is true when the file changed since it was applied.
	Drift bool `json:"drift,omitempty"`
	// MissingFile is true for an applied migration with no file.
	MissingFile bool `json:"missing_file,omitempty"`
	// Ops is the number of operations in the stored log (for a partial
	// migration: the ones that ran).
	Ops int `json:"ops,omitempty"`
	// Error is the failure of a partial migration.
	Error string `json:"error,omitempty"`
	// Data describes the unfinished data loops (backfill, batches) of a
	// partial migration: where each stopped.
	Data []string `json:"data,omitempty"`
}

// Status lists every migration, file or applied, in version order. It
// takes no lock and changes nothing, not even creating the versions table.
func (m *Migrator) Status(ctx context.Context) ([]MigrationStatus, error) {
	files, err := scripts.Discover(m.fsys)
	if err != nil {
		return nil, err
	}
	rows, err := m.readVersionsLite(ctx, m.db)
	if err != nil {
		return nil, err
	}
	seen := map[int64]bool{}
	var out []MigrationStatus
	for _, f := range files {
		st := MigrationStatus{Version: f.Version, Name: f.Name, File: f.File, State: StatePending}
		if r := rows[f.Version]; r != nil {
			seen[f.Version] = true
			fillApplied(&st, r)
			st.Drift = r.Checksum != "" && r.Checksum != f.Checksum
		}
		out = append(out, st)
	}
	for _, r := range sortedRows(rows) {
		if seen[r.Version] {
			continue
		}
		st := MigrationStatus{Version: r.Version, Name: r.Name, MissingFile: true}
		fillApplied(&st, r)
		out = append(out, st)
	}
	for i := range out {
		if out[i].State != StatePartial {
			continue
		}
		if m.busy(ctx, out[i].Version) {
			out[i].State = StateRunning
			continue
		}
		// Nobody holds the locks now: the migration failed, or its runner
		// finished since the table was read. Read it again to know which.
		again, err := m.readVersionsLite(ctx, m.db)
		if err != nil {
			return nil, err
		}
		if r := again[out[i].Version]; r == nil {
			out[i] = MigrationStatus{Version: out[i].Version, Name: out[i].Name, File: out[i].File, State: StatePending}
		} else if r.State != statePartial {
			fillApplied(&out[i], r)
		}
	}
	sortStatus(out)
	return out, nil
}

// busy reports whether a runner holds the run's lock or the lock of
// version right now: a migration half-way is then being applied, not
// failed. It only tries the locks; when it cannot tell, it says no.
func (m *Migrator) busy(ctx context.Context, version int64) bool {
	lk := &runLock{m: m}
	keys := []string{lk.key()}
	if m.versionLocks() {
		keys = append(keys, lk.versionKey(version))
	}
	for _, key := range keys {
		held, err := m.held(ctx, key)
		if err != nil {
			return false
		}
		if held {
			return true
		}
	}
	return false
}

func fillApplied(st *MigrationStatus, r *versionRow) {
	st.State = StateApplied
	if r.State == statePartial {
		st.State = StatePartial
		st.Error = r.LastError
		st.Data = dataStatus(r.Log)
	}
	st.AppliedAt = r.InsertedAt
	st.Ops = r.Ops
}

func sortStatus(s []MigrationStatus) {
	sort.SliceStable(s, func(i, j int) bool { return s[i].Version < s[j].Version })
}

// PlannedMigration is the SQL one migration would run.
type PlannedMigration struct {
	Version    int64          `json:"version"`
	Name       string         `json:"name"`
	File       string         `json:"file,omitempty"`
	Direction  Direction      `json:"direction"`
	Statements []dialect.Stmt `json:"statements"`
}

// Plan returns the SQL that Up (dir Up) or Down (dir Down) would run for
// t, touching nothing: scripts are evaluated without an executor, and a
// rollback is planned from the stored log.
func (m *Migrator) Plan(ctx context.Context, dir Direction, t Target) ([]PlannedMigration, error) {
	if err := t.validate(); err != nil {
		return nil, err
	}
	files, err := scripts.Discover(m.fsys)
	if err != nil {
		return nil, err
	}
	rows, err := m.readVersions(ctx, m.db)
	if err != nil {
		return nil, err
	}
	var out []PlannedMigration
	cur := &planCursor{m: m}
	switch dir {
	case Up:
		todo, _, err := m.selectUp(files, rows, t)
		if err != nil {
			return nil, err
		}
		for _, f := range todo {
			p, err := m.planUp(ctx, cur, f)
			if err != nil {
				return out, err
			}
			out = append(out, p)
		}
	case Down:
		todo, err := selectDown(files, rows, t)
		if err != nil {
			return nil, err
		}
		byVersion := map[int64]scripts.Migration{}
		for _, f := range files {
			byVersion[f.Version] = f
		}
		for _, r := range todo {
			p, err := m.planDown(ctx, cur, r, byVersion[r.Version])
			if err != nil {
				return out, err
			}
			out = append(out, p)
		}
	default:
		return nil, fmt.Errorf("plan: direction must be up or down, not %q", dir)
	}
	return out, nil
}

func (m *Migrator) planUp(ctx context.Context, cur *planCursor, f scripts.Migration) (PlannedMigration, error) {
	p := PlannedMigration{Version: f.Version, Name: f.Name, File: f.File, Direction: Up}
	s, err := eval.Load(ctx, m.fsys, f.File, f.Source, m.engineOptions())
	if err != nil {
		return p, err
	}
	log, err := s.RecordUp(ctx)
	if err != nil {
		return p, atFile(f.File, err)
	}
	p.Statements, err = cur.planLog(ctx, log)
	return p, atFile(f.File, err)
}

func (m *Migrator) planDown(ctx context.Context, cur *planCursor, r *versionRow, f scripts.Migration) (PlannedMigration, error) {
	p := PlannedMigration{Version: r.Version, Name: nameOf(f, r), File: f.File, Direction: Down}
	// The same choice as undo makes, recorded instead of applied.
	var s *eval.Script
	var loadErr error
	if f.File != "" {
		s, loadErr = eval.Load(ctx, m.fsys, f.File, f.Source, m.engineOptions())
		if loadErr != nil {
			s = nil
		}
	}
	var log op.Log
	var err error
	// Recorded without an executor: an execute() of functions calls them
	// (as the rollback will) and plans what they record.
	switch {
	case r.State == statePartial && r.HasLog && downRunsFile(s, r.Log):
		log, err = s.Run(ctx, Down, nil)
	case r.State == statePartial && r.HasLog:
		log, err = eval.Revert(ctx, r.Log, s, nil)
	case r.HasDownLog:
		log, err = eval.RunLog(ctx, s, r.DownLog, nil)
	case r.HasLog && !downRunsFile(s, r.Log):
		log, err = eval.Revert(ctx, r.Log, s, nil)
	case s != nil:
		log, err = s.Run(ctx, Down, nil)
	case loadErr != nil:
		err = loadErr
	default:
		err = &MissingFileError{Version: r.Version, Reason: "it has no stored operation log, so planning its rollback needs its file"}
	}
	if err != nil {
		return p, atFile(fileOr(f, r), err)
	}
	p.Statements, err = cur.planLog(ctx, log)
	return p, atFile(fileOr(f, r), err)
}

// Seed runs the seeds script (seeds.star in the migrations FS) like a
// migration's up, in a transaction unless it sets disable_ddl_transaction,
// without recording a version. It reports false when there is no seeds
// script.
func (m *Migrator) Seed(ctx context.Context) (bool, error) {
	src, err := scripts.Seeds(m.fsys)
	if err != nil || src == nil {
		return false, err
	}
	s, err := eval.Load(ctx, m.fsys, scripts.SeedsFile, src, m.engineOptions())
	if err != nil {
		return true, err
	}
	conn, err := m.db.Conn(ctx)
	if err != nil {
		return true, fmt.Errorf("connect: %w", err)
	}
	defer conn.Close()
	var persist func(context.Context, op.Log) error
	if s.Settings.DisableDDLTransaction {
		// Outside a transaction each data write and batch commits on its
		// own, as in a migration; seeds are not recorded, so the progress
		// has nowhere to go and there is nothing to continue.
		persist = func(context.Context, op.Log) error { return nil }
	}
	ex := m.executor(conn, persist, nil)
	run := func() error {
		_, err := s.Run(ctx, Up, ex)
		return err
	}
	rebuild := m.foreseeUp(ctx, conn, s, false)
	if s.Settings.DisableDDLTransaction {
		err = m.guardedNoTx(ctx, conn, rebuild, run)
	} else {
		err = m.guardedTx(ctx, conn, rebuild, run)
	}
	return true, atFile(scripts.SeedsFile, err)
}

// compile-time checks of the Querier shapes the migrator passes around.
var (
	_ dialect.Querier = (*sql.DB)(nil)
	_ dialect.Querier = (*sql.Conn)(nil)
)
