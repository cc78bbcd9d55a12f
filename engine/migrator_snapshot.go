package engine

import (
	"context"
	"database/sql"
	"errors"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// This file connects the migrator to the parts of a dialect that SQLite's
// table rebuilds need: the schema snapshot a plan starts from, the guard
// around a migration's transaction ([dialect.Rebuilder]) and the
// explanation of a failed statement ([dialect.Runner.Explain]). A dialect
// that never rebuilds (PostgreSQL, without [dialect.Capabilities.Rebuilds])
// plans without a snapshot.

// planOn plans ops for the migration running on q. When the dialect needs
// the schema to plan them, it reads it from q first: inside the
// migration's transaction, so it sees what earlier ops did. A table
// rebuild the migration was not foreseen to make is refused here, before
// any statement of the batch runs (see migrator_foresee.go).
func (m *Migrator) planOn(ctx context.Context, q dialect.Querier, ops []op.Op) ([]dialect.Stmt, error) {
	var stmts []dialect.Stmt
	var err error
	if !m.d.NeedsSnapshot(ops) {
		stmts, err = m.d.Plan(ops)
	} else {
		var snap dialect.Snapshot
		if snap, err = m.d.ReadSnapshot(ctx, q); err != nil {
			return nil, err
		}
		stmts, _, err = m.d.PlanWithSnapshot(ops, snap)
	}
	if err != nil {
		return nil, err
	}
	if err := m.refuseUnforeseen(ctx, q, stmts); err != nil {
		return nil, err
	}
	return stmts, nil
}

// planCursor plans the migrations of one `lark plan` in order, carrying
// the schema from one to the next: the snapshot is read from the database
// once, read-only, before the first migration, and each plan's
// result is the next one's start, so a pending migration can rebuild a
// table an earlier pending one creates.
type planCursor struct {
	m    *Migrator
	snap *dialect.Snapshot
}

func (c *planCursor) plan(ctx context.Context, ops []op.Op) ([]dialect.Stmt, error) {
	if !c.m.d.Capabilities().Rebuilds {
		return c.m.d.Plan(ops)
	}
	if c.snap == nil {
		s, err := c.m.d.ReadSnapshot(ctx, c.m.db)
		if err != nil {
			return nil, err
		}
		c.snap = &s
	}
	stmts, after, err := c.m.d.PlanWithSnapshot(ops, *c.snap)
	if err == nil {
		c.snap = &after
	}
	return stmts, err
}

// planLog plans one migration's log. A log with data ops goes through
// planLog of migrator_data_plan.go, which plans its schema ops between
// them with this cursor, so a rebuild after a data op sees the table.
func (c *planCursor) planLog(ctx context.Context, log op.Log) ([]dialect.Stmt, error) {
	var stmts []dialect.Stmt
	var err error
	if op.HasData(log) {
		stmts, err = c.m.planLog(log, func(ops []op.Op) ([]dialect.Stmt, error) { return c.plan(ctx, ops) })
	} else {
		stmts, err = c.plan(ctx, log)
	}
	if err != nil {
		return stmts, err
	}
	return noteEmptyExecutes(log, stmts), nil
}

// guard sets up the dialect's guard for one migration on conn; rebuild
// says whether the migration was foreseen to rebuild a table
// (migrator_foresee.go).
func (m *Migrator) guard(ctx context.Context, conn *sql.Conn, rebuild bool) (dialect.Guard, error) {
	return m.d.BeforeBegin(ctx, conn, rebuild)
}

// guardedTx runs f in a transaction on conn inside the runtime's guard:
// the guard's check runs after f, before COMMIT, and the connection is
// restored after COMMIT or ROLLBACK, even when ctx is cancelled. rebuild
// is the foresight of [Migrator.foreseeUp] or [Migrator.foreseeDown].
func (m *Migrator) guardedTx(ctx context.Context, conn *sql.Conn, rebuild bool, f func() error) error {
	g, err := m.guard(ctx, conn, rebuild)
	if err != nil {
		return err
	}
	err = m.inTx(ctx, conn, func() error {
		if err := f(); err != nil {
			return err
		}
		if g.BeforeCommit != nil {
			return g.BeforeCommit(ctx)
		}
		return nil
	})
	return restore(ctx, g, err)
}

// guardedNoTx runs f, a migration without a transaction, inside the
// runtime's guard; the check runs after f succeeds, and fails the
// migration (nothing can be rolled back by then, but it is reported).
func (m *Migrator) guardedNoTx(ctx context.Context, conn *sql.Conn, rebuild bool, f func() error) error {
	g, err := m.guard(ctx, conn, rebuild)
	if err != nil {
		return err
	}
	err = f()
	if err == nil && g.BeforeCommit != nil {
		err = g.BeforeCommit(ctx)
	}
	return restore(ctx, g, err)
}

func restore(ctx context.Context, g dialect.Guard, err error) error {
	if g.Restore == nil {
		return err
	}
	if rerr := g.Restore(context.WithoutCancel(ctx)); rerr != nil {
		return errors.Join(err, rerr)
	}
	return err
}
