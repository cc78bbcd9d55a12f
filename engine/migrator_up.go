package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"time"

	"github.com/larkdb/lark/engine/eval"
	"github.com/larkdb/lark/op"
	"github.com/larkdb/lark/scripts"
)

// Up applies pending migrations in version order, each in its own
// transaction with its version row (unless it sets
// disable_ddl_transaction), and returns what it ran, also on error.
//
// A migration that failed part-way outside a transaction is continued
// first, where it stopped, while its file is unchanged. Up refuses to run
// while an applied migration's file has drifted (*[DriftError]) or while
// a migration that failed part-way has a changed file and awaits
// --continue or a rollback (*[PartialError]).
func (m *Migrator) Up(ctx context.Context, t Target) ([]Result, error) {
	if err := t.validate(); err != nil {
		return nil, err
	}
	if t.All {
		return nil, errors.New("--all applies to down; up applies every pending migration by default")
	}
	ss, err := m.open(ctx, true)
	if err != nil {
		return nil, err
	}
	defer ss.close()
	files, lk, conn := ss.files, ss.lk, ss.conn
	// A migration half-way may be one another runner is applying right
	// now, outside the run lock (disable_migration_lock): wait for it and
	// look again, rather than take it for a failed one and continue it.
	for _, r := range ss.rows {
		if r.State != statePartial {
			continue
		}
		running, err := m.runningElsewhere(ctx, lk, r.Version)
		if err != nil {
			return nil, err
		}
		if running {
			if err := ss.reread(ctx); err != nil {
				return nil, err
			}
		}
		break // there is at most one
	}
	todo, partial, err := m.selectUp(files, ss.rows, t)
	if err != nil {
		return nil, err
	}
	var results []Result
	for i, mig := range todo {
		var prev *versionRow
		if i == 0 && partial != nil {
			prev = partial
		}
		res, ran, err := m.apply(ctx, conn, lk, mig, prev)
		if err != nil {
			return results, err
		}
		if ran {
			results = append(results, res)
		}
	}
	return results, nil
}

// selectUp picks the migrations Up runs: the partial one first when
// continuing, then pending ones in version order, cut by t.
func (m *Migrator) selectUp(files []scripts.Migration, rows map[int64]*versionRow, t Target) ([]scripts.Migration, *versionRow, error) {
	byVersion := map[int64]scripts.Migration{}
	for _, f := range files {
		byVersion[f.Version] = f
	}
	var partial *versionRow
	var drift []string
	for _, r := range sortedRows(rows) {
		f, ok := byVersion[r.Version]
		if r.State == statePartial {
			partial = r
			continue
		}
		if ok && r.Checksum != "" && r.Checksum != f.Checksum {
			drift = append(drift, f.File)
		}
	}
	var todo []scripts.Migration
	if partial != nil {
		// An unchanged file goes on where it stopped; a changed one only
		// when asked (its ops may no longer line up with what ran).
		f, ok := byVersion[partial.Version]
		unchanged := ok && partial.Checksum != "" && partial.Checksum == f.Checksum
		if !t.Continue && !unchanged {
			return nil, nil, &PartialError{Version: partial.Version, File: fileOr(f, partial), Ops: len(partial.Log), Cause: partial.LastError, Changed: ok}
		}
		if !ok {
			return nil, nil, &MissingFileError{Version: partial.Version, Reason: "cannot continue it; `lark down` reverts what ran"}
		}
		todo = append(todo, f)
	} else if t.Continue {
		return nil, nil, errors.New("--continue: no migration failed part-way; nothing to continue")
	}
	if len(drift) > 0 && !m.allowDrift {
		return nil, nil, &DriftError{Files: drift}
	}
	if t.To != 0 {
		if _, ok := byVersion[t.To]; !ok {
			if _, ok := rows[t.To]; !ok {
				return nil, nil, &UnknownVersionError{Version: t.To}
			}
		}
	}
	for _, f := range files {
		if _, applied := rows[f.Version]; applied {
			continue
		}
		if t.To != 0 && f.Version > t.To {
			break
		}
		if t.only != nil && !t.only[f.Version] {
			continue
		}
		todo = append(todo, f)
	}
	if t.Step > 0 && len(todo) > t.Step {
		todo = todo[:t.Step]
	}
	return todo, partial, nil
}

func fileOr(f scripts.Migration, r *versionRow) string {
	if f.File != "" {
		return f.File
	}
	if r.Name != "" {
		return fmt.Sprintf("%d_%s%s", r.Version, r.Name, scripts.Ext)
	}
	return fmt.Sprintf("version %d", r.Version)
}

func sortedRows(rows map[int64]*versionRow) []*versionRow {
	out := make([]*versionRow, 0, len(rows))
	for _, r := range rows {
		out = append(out, r)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out
}

// apply runs one migration up. prev is its partial row when continuing.
// ran is false when another runner applied it meanwhile.
func (m *Migrator) apply(ctx context.Context, conn *sql.Conn, lk *runLock, mig scripts.Migration, prev *versionRow) (res Result, ran bool, err error) {
	s, err := eval.Load(ctx, m.fsys, mig.File, mig.Source, m.engineOptions())
	if err != nil {
		return res, false, atFile(mig.File, err)
	}
	down := recordDown(ctx, s)
	run := func() error {
		start := time.Now()
		var log op.Log
		if s.Settings.DisableDDLTransaction || prev != nil {
			log, ran, err = m.applyNoTx(ctx, conn, s, mig, prev, start, down)
		} else {
			log, ran, err = m.applyTx(ctx, conn, s, mig, start, down)
		}
		res = Result{Version: mig.Version, Name: mig.Name, Direction: Up, Duration: time.Since(start), Ops: len(log)}
		return err
	}
	run = m.timeoutsAround(ctx, conn, s.Settings, !s.Settings.DisableDDLTransaction && prev == nil, run)
	if s.Settings.DisableMigrationLock {
		err = lk.without(ctx, mig.Version, run)
	} else {
		err = run()
	}
	return res, ran, atFile(mig.File, err)
}

// applyTx runs a migration and records its version in one transaction.
func (m *Migrator) applyTx(ctx context.Context, conn *sql.Conn, s *eval.Script, mig scripts.Migration, start time.Time, down op.Log) (log op.Log, ran bool, err error) {
	err = m.guardedTx(ctx, conn, m.foreseeUp(ctx, conn, s, true), func() error {
		applied, _, err := m.isApplied(ctx, conn, mig.Version)
		if err != nil || applied {
			return err
		}
		ran = true
		if err := m.localTimeouts(ctx, conn, s.Settings); err != nil {
			return err
		}
		ex := m.executor(m.querier(conn, s.Settings), nil, nil)
		if _, err := s.RunCallback(ctx, "after_begin", Up, ex); err != nil {
			return err
		}
		if log, err = s.Run(ctx, Up, ex); err != nil {
			return err
		}
		if _, err := s.RunCallback(ctx, "before_commit", Up, ex); err != nil {
			return err
		}
		if err := m.insertVersion(ctx, conn, mig, log, time.Since(start), ""); err != nil {
			return err
		}
		return m.setDownLog(ctx, conn, mig.Version, down)
	})
	return log, ran, err
}

// applyNoTx runs a migration outside a transaction. It first claims the
// version with a partial row, then records each op as it is applied, so a
// failure (or a crash) leaves exactly what ran in the versions table.
func (m *Migrator) applyNoTx(ctx context.Context, conn *sql.Conn, s *eval.Script, mig scripts.Migration, prev *versionRow, start time.Time, down op.Log) (op.Log, bool, error) {
	var prevLog op.Log
	if prev != nil {
		prevLog = prev.Log
	} else {
		claimed := false
		err := m.inTx(ctx, conn, func() error {
			applied, _, err := m.isApplied(ctx, conn, mig.Version)
			if err != nil || applied {
				return err
			}
			claimed = true
			return m.insertVersion(ctx, conn, mig, nil, 0, statePartial)
		})
		if err != nil || !claimed {
			return nil, false, err
		}
	}
	ex := m.executor(m.querier(conn, s.Settings), func(ctx context.Context, done op.Log) error {
		return m.updateVersion(ctx, conn, mig.Version, done, time.Since(start), statePartial, "", mig.Checksum)
	}, prevLog)
	var log op.Log
	err := m.guardedNoTx(ctx, conn, m.foreseeUp(ctx, conn, s, true), func() (err error) {
		log, err = s.Run(ctx, Up, ex)
		return ex.Settle(ctx, err) // commit or roll back a batches() loop's last batch
	})
	if err != nil {
		bg := context.WithoutCancel(ctx)
		if len(ex.Done()) == 0 && prev == nil {
			// Nothing ran: drop the claim, leaving no trace.
			if derr := m.deleteVersion(bg, conn, mig.Version); derr != nil {
				return nil, true, errors.Join(err, derr)
			}
			return nil, true, err
		}
		if uerr := m.updateVersion(bg, conn, mig.Version, ex.Done(), time.Since(start), statePartial, err.Error(), mig.Checksum); uerr != nil {
			err = errors.Join(err, uerr)
		}
		return ex.Done(), true, &PartialError{Version: mig.Version, File: mig.File, Ops: len(ex.Done()), Err: err}
	}
	if err := m.updateVersion(ctx, conn, mig.Version, log, time.Since(start), "", "", mig.Checksum); err != nil {
		return log, true, err
	}
	return log, true, m.setDownLog(ctx, conn, mig.Version, down)
}

// recordDown records what the file's down() does, without running it, for
// a migration written as up() and down(): the rollback then runs the down()
// of the file as it was applied. It returns nil for change() migrations
// (their rollback is the inverse of what ran) and when down() cannot be
// recorded without the database (it fails, or uses data builtins): the
// rollback then runs the file's down().
func recordDown(ctx context.Context, s *eval.Script) op.Log {
	if !s.HasUpDown() {
		return nil
	}
	log, err := s.Run(ctx, Down, nil)
	if err != nil || op.HasData(log) {
		return nil
	}
	if log == nil {
		log = op.Log{} // down() that does nothing is still a recorded down()
	}
	return log
}

// atFile prefixes an error that has no script position with the file. An
// *op.Error without a position (the foreign key check SQLite's guard runs
// at the end of a migration that rebuilds a table, which no single op
// caused) gets the file as its position.
func atFile(file string, err error) error {
	if err == nil {
		return nil
	}
	var oe *op.Error
	var pe *PartialError
	var ie *IrreversibleError
	if errors.As(err, &oe) {
		if !oe.Pos.IsValid() {
			oe.Pos = op.Pos{File: file}
		}
		return err
	}
	if errors.As(err, &pe) || errors.As(err, &ie) || errors.Is(err, context.Canceled) {
		return err
	}
	return fmt.Errorf("%s: %w", file, err)
}
