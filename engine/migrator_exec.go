package engine

import (
	"context"
	"errors"
	"fmt"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// sqlExecutor is the [Executor] the migrator lends a running script: it
// plans ops with the dialect and runs the statements on the migration's
// connection (inside its transaction, when it has one).
type sqlExecutor struct {
	m *Migrator
	q dialect.Querier
	// skip is how many ops to pass over without running them: the ops a
	// failed non-transactional migration already applied (lark up --continue).
	skip int
	// done is every op applied so far, skipped ones included.
	done op.Log
	// progress, when set, is called after each op with done; it persists
	// the progress of a migration that runs outside a transaction.
	progress func(ctx context.Context, done op.Log) error
	// prev is the stored log of the partial migration being continued;
	// skip counts down through it (data ops resume from it).
	prev op.Log
	// batch is the batches() loop running or not yet settled (see
	// migrator_data_batch.go).
	batch *openBatch
}

// Apply plans ops and runs their statements in order. A database error is
// reported as an *op.Error at the position of the op that asked for the
// statement, with the SQL as a detail.
func (e *sqlExecutor) Apply(ctx context.Context, ops []op.Op) error {
	if err := e.settleData(ctx, nil); err != nil {
		return err
	}
	for len(ops) > 0 && e.skip > 0 {
		e.done = append(e.done, ops[0])
		ops = ops[1:]
		e.skip--
	}
	if len(ops) == 0 {
		return nil
	}
	stmts, err := e.m.planOn(ctx, e.q, ops)
	if err != nil {
		return err
	}
	next := 0 // the first op of ops not yet in done
	for first := 0; first < len(stmts); {
		end := first + 1
		for end < len(stmts) && stmts[end].Op == stmts[first].Op {
			end++
		}
		if err := e.applyOp(ctx, ops, stmts[first:end], &next); err != nil {
			return err
		}
		first = end
	}
	return e.markDone(ctx, ops, &next, len(ops))
}

// applyOp runs the statements of one op and marks it done (with the ops
// before it that planned no statements).
//
// Outside a migration's transaction (progress is set) the statements and
// the progress record commit in one transaction of their own: were they
// committed apart, a crash or a lost connection between them would leave
// an op applied but unrecorded (up) or reverted but still recorded
// (down), and --continue or down would then run it a second time. Only a
// statement that cannot run in a transaction (NoTx, such as CREATE INDEX
// CONCURRENTLY) still commits before its record; that window cannot be
// closed.
func (e *sqlExecutor) applyOp(ctx context.Context, ops []op.Op, group []dialect.Stmt, next *int) error {
	run := func() error {
		for _, s := range group {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := e.cleanLeftover(ctx, s); err != nil {
				return err
			}
			if e.m.logSQL != nil {
				fmt.Fprintf(e.m.logSQL, "%s;\n", s.SQL)
			}
			if _, err := e.q.ExecContext(ctx, s.SQL); err != nil {
				return e.m.failed(ctx, e.q, s, err)
			}
		}
		return e.markDone(ctx, ops, next, group[0].Op+1)
	}
	if e.progress == nil || anyNoTx(group) {
		return run()
	}
	done, nextBefore := len(e.done), *next
	if err := e.inTx(ctx, run); err != nil {
		// Rolled back: the op is not done after all.
		e.done, *next = e.done[:done], nextBefore
		return err
	}
	return nil
}

// cleanLeftover removes what an interrupted run of s left behind (an
// INVALID index of a concurrent build), so that s can run again.
func (e *sqlExecutor) cleanLeftover(ctx context.Context, s dialect.Stmt) error {
	if s.Leftover == "" {
		return nil
	}
	ran, err := e.m.d.CleanLeftover(ctx, e.q, s)
	if err != nil {
		return op.Errorf(s.Pos, "%v", err)
	}
	for _, q := range ran {
		if e.m.logSQL != nil {
			fmt.Fprintf(e.m.logSQL, "%s;\n", q)
		}
	}
	return nil
}

// inTx runs f in a transaction on the executor's connection.
func (e *sqlExecutor) inTx(ctx context.Context, f func() error) error {
	return dialect.InTx(ctx, e.q, e.m.d, f)
}

func anyNoTx(stmts []dialect.Stmt) bool {
	for _, s := range stmts {
		if s.NoTx {
			return true
		}
	}
	return false
}

// markDone moves ops[*next:upto] to done and reports progress.
func (e *sqlExecutor) markDone(ctx context.Context, ops []op.Op, next *int, upto int) error {
	if upto > len(ops) {
		upto = len(ops)
	}
	if upto <= *next {
		return nil
	}
	e.done = append(e.done, ops[*next:upto]...)
	*next = upto
	if e.progress != nil {
		return e.progress(ctx, e.done)
	}
	return nil
}

// stmtError wraps a database error at the statement's script position.
func stmtError(s dialect.Stmt, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return &op.Error{Pos: s.Pos, Msg: err.Error(), Details: []string{"while running: " + s.SQL}, Err: err}
}
