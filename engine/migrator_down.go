package engine

import (
	"context"
	"database/sql"
	"errors"
	"sort"
	"time"

	"github.com/larkdb/lark/engine/eval"
	"github.com/larkdb/lark/op"
	"github.com/larkdb/lark/scripts"
)

// Down rolls back applied migrations, latest first: the last one by
// default, t.Step of them, every one down to and including t.To, or all
// of them. Each is reverted from the operation log stored when it was
// applied, so an edited file rolls back exactly what was done; the file is
// needed only for rows without a log (an adopted Ecto database) and for
// execute() functions. A migration that failed part-way is reverted first,
// and only the operations that ran are.
func (m *Migrator) Down(ctx context.Context, t Target) ([]Result, error) {
	if err := t.validate(); err != nil {
		return nil, err
	}
	if t.Continue {
		return nil, errors.New("--continue applies to up")
	}
	ss, err := m.open(ctx, false)
	if err != nil {
		return nil, err
	}
	defer ss.close()
	files, lk, conn, rows := ss.files, ss.lk, ss.conn, ss.rows
	todo, err := selectDown(files, rows, t)
	if err != nil {
		return nil, err
	}
	byVersion := ss.byVersion()
	var results []Result
	for _, r := range todo {
		res, ran, err := m.revert(ctx, conn, lk, r, byVersion[r.Version])
		if err != nil {
			return results, err
		}
		if ran {
			results = append(results, res)
		}
	}
	return results, nil
}

// selectDown picks the rows Down reverts, latest first; a partial row
// always comes first, since it is the last thing that ran.
func selectDown(files []scripts.Migration, rows map[int64]*versionRow, t Target) ([]*versionRow, error) {
	all := sortedRows(rows)
	sort.SliceStable(all, func(i, j int) bool {
		pi, pj := all[i].State == statePartial, all[j].State == statePartial
		if pi != pj {
			return pi
		}
		return all[i].Version > all[j].Version
	})
	switch {
	case t.All:
		return all, nil
	case t.To != 0:
		known := rows[t.To] != nil
		for _, f := range files {
			known = known || f.Version == t.To
		}
		if !known {
			return nil, &UnknownVersionError{Version: t.To}
		}
		var out []*versionRow
		for _, r := range all {
			if r.Version >= t.To || r.State == statePartial {
				out = append(out, r)
			}
		}
		return out, nil
	default:
		n := t.Step
		if n == 0 {
			n = 1
		}
		if n > len(all) {
			n = len(all)
		}
		return all[:n], nil
	}
}

// revert rolls back one applied (or partial) migration. ran is false when
// another runner rolled it back meanwhile.
func (m *Migrator) revert(ctx context.Context, conn *sql.Conn, lk *runLock, r *versionRow, f scripts.Migration) (res Result, ran bool, err error) {
	file := fileOr(f, r)
	var s *eval.Script
	if f.File != "" {
		s, err = eval.Load(ctx, m.fsys, f.File, f.Source, m.engineOptions())
		if err != nil && !r.HasLog {
			return res, false, err
		}
		// With a stored log an edited file that no longer loads does not
		// block the rollback; only execute() functions need the script.
		if err != nil {
			s = nil
		}
	}
	if s == nil && !r.HasLog {
		return res, false, &MissingFileError{Version: r.Version, Reason: "it has no stored operation log (applied by Ecto?), so rolling it back needs its file"}
	}
	var settings Settings
	if s != nil {
		settings = s.Settings
	}
	run := func() error {
		start := time.Now()
		var log op.Log
		if settings.DisableDDLTransaction || r.State == statePartial {
			log, ran, err = m.revertNoTx(ctx, conn, s, r, file, start)
		} else {
			log, ran, err = m.revertTx(ctx, conn, s, r)
		}
		res = Result{Version: r.Version, Name: nameOf(f, r), Direction: Down, Duration: time.Since(start), Ops: len(log)}
		return err
	}
	run = m.timeoutsAround(ctx, conn, settings, !settings.DisableDDLTransaction && r.State != statePartial, run)
	if settings.DisableMigrationLock {
		err = lk.without(ctx, r.Version, run)
	} else {
		err = run()
	}
	return res, ran, atFile(file, err)
}

func nameOf(f scripts.Migration, r *versionRow) string {
	if f.Name != "" {
		return f.Name
	}
	return r.Name
}

// undo runs the rollback itself. A migration that failed part-way reverts
// exactly the ops that ran, or, when they include data ops and the file has
// up() and down(), runs its down(). Otherwise an up()/down() migration runs the
// down() recorded when it was applied (or, when that could not be recorded,
// the file's down()); a change() migration reverts its stored log; a row
// without a log (adopted from Ecto) runs the file's down direction.
func undo(ctx context.Context, s *eval.Script, r *versionRow, ex eval.Executor) (op.Log, error) {
	switch {
	case r.State == statePartial && r.HasLog && downRunsFile(s, r.Log):
		// Data ops cannot be inverted from the log: the file's down()
		// undoes them, and must cope with an up() that stopped part-way.
		return s.Run(ctx, Down, ex)
	case r.State == statePartial && r.HasLog:
		return eval.Revert(ctx, r.Log, s, ex)
	case r.HasDownLog:
		return eval.RunLog(ctx, s, r.DownLog, ex)
	case r.HasLog && !downRunsFile(s, r.Log):
		return eval.Revert(ctx, r.Log, s, ex)
	}
	return s.Run(ctx, Down, ex)
}

func (m *Migrator) revertTx(ctx context.Context, conn *sql.Conn, s *eval.Script, r *versionRow) (log op.Log, ran bool, err error) {
	err = m.guardedTx(ctx, conn, m.foreseeDown(ctx, conn, s, r), func() error {
		applied, _, err := m.isApplied(ctx, conn, r.Version)
		if err != nil || !applied {
			return err
		}
		ran = true
		if err := m.localTimeouts(ctx, conn, settingsOf(s)); err != nil {
			return err
		}
		ex := m.executor(m.querier(conn, settingsOf(s)), nil, nil)
		if s != nil {
			if _, err := s.RunCallback(ctx, "after_begin", Down, ex); err != nil {
				return err
			}
		}
		if log, err = undo(ctx, s, r, ex); err != nil {
			return err
		}
		if s != nil {
			if _, err := s.RunCallback(ctx, "before_commit", Down, ex); err != nil {
				return err
			}
		}
		return m.deleteVersion(ctx, conn, r.Version)
	})
	return log, ran, err
}

// revertNoTx rolls back outside a transaction, shrinking the stored log
// as each inverse op is applied, so a failure leaves the row recording
// exactly the ops still in effect.
func (m *Migrator) revertNoTx(ctx context.Context, conn *sql.Conn, s *eval.Script, r *versionRow, file string, start time.Time) (op.Log, bool, error) {
	remaining := func(done op.Log) op.Log {
		n := len(r.Log) - len(done)
		if n < 0 {
			n = 0
		}
		return r.Log[:n]
	}
	var persist func(context.Context, op.Log) error
	if r.HasLog {
		persist = func(ctx context.Context, done op.Log) error {
			return m.updateVersion(ctx, conn, r.Version, remaining(done), time.Since(start), statePartial, "", r.Checksum)
		}
	}
	ex := m.executor(m.querier(conn, settingsOf(s)), persist, nil)
	var log op.Log
	err := m.guardedNoTx(ctx, conn, m.foreseeDown(ctx, conn, s, r), func() (err error) {
		log, err = undo(ctx, s, r, ex)
		return ex.Settle(ctx, err) // commit or roll back a batches() loop's last batch
	})
	if err != nil {
		if len(ex.Done()) == 0 {
			return nil, true, err
		}
		left := remaining(ex.Done())
		if uerr := m.updateVersion(context.WithoutCancel(ctx), conn, r.Version, left, time.Since(start), statePartial, err.Error(), r.Checksum); uerr != nil {
			err = errors.Join(err, uerr)
		}
		return ex.Done(), true, &PartialError{Version: r.Version, File: file, Ops: len(left), Err: err}
	}
	return log, true, m.deleteVersion(ctx, conn, r.Version)
}

// Redo rolls back the last t.Step migrations (default 1) and applies them
// again.
func (m *Migrator) Redo(ctx context.Context, t Target) ([]Result, error) {
	if t.To != 0 || t.All || t.Continue {
		return nil, errors.New("redo takes only --step")
	}
	down, err := m.Down(ctx, Target{Step: t.Step})
	if err != nil || len(down) == 0 {
		return down, err
	}
	only := make(map[int64]bool, len(down))
	for _, r := range down {
		only[r.Version] = true
	}
	up, err := m.Up(ctx, Target{only: only})
	return append(down, up...), err
}
