package engine

import (
	"context"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/engine/eval"
	"github.com/larkdb/lark/op"
)

// This file decides, before a migration's transaction begins, whether the
// migration will rebuild a table (SQLite), so that the runtime's guard
// ([dialect.Rebuilder]) turns foreign key enforcement off for that migration
// only; every other migration runs with the connection as it is. It also
// holds the safety net: a rebuild that was not foreseen is refused before
// any of its statements runs, rather than run with enforcement on, where
// dropping the old table would fire the children's ON DELETE actions.

// foreseeUp reports whether running s up (with its after_begin and
// before_commit callbacks when callbacks is set) will rebuild a table.
func (m *Migrator) foreseeUp(ctx context.Context, q dialect.Querier, s *eval.Script, callbacks bool) bool {
	if !m.guarded() {
		return false
	}
	record := func() (op.Log, error) { return s.Run(ctx, Up, nil) }
	if callbacks {
		record = func() (op.Log, error) { return s.RecordUp(ctx) }
	}
	return m.foresee(ctx, q, []func() (op.Log, error){record})
}

// foreseeDown reports whether rolling back r (s may be nil) will rebuild a
// table: it records the log undo() would apply, with the callbacks.
func (m *Migrator) foreseeDown(ctx context.Context, q dialect.Querier, s *eval.Script, r *versionRow) bool {
	if !m.guarded() {
		return false
	}
	steps := []func() (op.Log, error){func() (op.Log, error) { return undo(ctx, s, r, nil) }}
	if s != nil {
		steps = []func() (op.Log, error){
			func() (op.Log, error) { return s.RunCallback(ctx, "after_begin", Down, nil) },
			steps[0],
			func() (op.Log, error) { return s.RunCallback(ctx, "before_commit", Down, nil) },
		}
	}
	return m.foresee(ctx, q, steps)
}

// guarded reports whether the dialect plans rebuilds, and so guards them.
func (m *Migrator) guarded() bool { return m.d.Capabilities().Rebuilds }

// foresee records steps without a database, as `lark plan` does, and plans
// their schema ops against the schema read from q, outside any
// transaction. When it cannot tell (a step or the plan fails) it answers
// true: the guard is then used, which is safe for any migration; the real
// run reports the failure, if it is one.
func (m *Migrator) foresee(ctx context.Context, q dialect.Querier, steps []func() (op.Log, error)) bool {
	var log op.Log
	for _, step := range steps {
		l, err := step()
		if err != nil {
			return true
		}
		log = append(log, l...)
	}
	ops := schemaOps(log)
	if !m.d.NeedsSnapshot(ops) {
		return false
	}
	snap, err := m.d.ReadSnapshot(ctx, q)
	if err != nil {
		return true
	}
	stmts, _, err := m.d.PlanWithSnapshot(ops, snap)
	if err != nil {
		return true
	}
	return firstRebuild(stmts) >= 0
}

// schemaOps returns the schema ops of log in order, without its data ops,
// looking inside execute() functions that ran data ops.
func schemaOps(log op.Log) []op.Op {
	var out []op.Op
	for _, o := range log {
		if op.IsData(o) {
			continue
		}
		if e, ok := o.(*op.Execute); ok && e.Up.Func != "" && op.HasData(e.Ops) {
			out = append(out, schemaOps(e.Ops)...)
			continue
		}
		out = append(out, o)
	}
	return out
}

// firstRebuild returns the index of the first statement of a table
// rebuild, or -1.
func firstRebuild(stmts []dialect.Stmt) int {
	for i, s := range stmts {
		if s.Rebuild {
			return i
		}
	}
	return -1
}

// refuseUnforeseen is the safety net run before a batch's statements: when
// they rebuild a table while the runtime says a rebuild cannot run on q
// (SQLite enforces foreign keys: the migration was not foreseen to
// rebuild), it fails at the rebuild's script position, so nothing of the
// batch runs and a transactional migration rolls back.
func (m *Migrator) refuseUnforeseen(ctx context.Context, q dialect.Querier, stmts []dialect.Stmt) error {
	i := firstRebuild(stmts)
	if i < 0 {
		return nil
	}
	can, err := m.d.CanRebuild(ctx, q)
	if err != nil || can {
		return err
	}
	shown := stmts[i].SQL
	for _, s := range stmts[i:] {
		if s.Op == stmts[i].Op && s.Rebuild && dialect.DropsTable(s) {
			shown = s.SQL
			break
		}
	}
	return &op.Error{
		Pos: stmts[i].Pos,
		Msg: "this change rebuilds a table, but the migration was not foreseen to rebuild one, so foreign keys are still enforced and dropping the old table would fire ON DELETE actions on the rows of child tables; refused before running it, nothing was committed",
		Details: []string{
			"the rebuild would run: " + shown,
			"lark turns foreign keys off for a migration (and checks them all before COMMIT) only when recording it without a database, as `lark plan` does, plans a rebuild; there this change was not reached (data builtins such as query() return no rows while recording)",
			"fix: make the change unconditional, or move it to a migration of its own, so that `lark plan` shows the rebuild",
		},
	}
}
