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
}

// Apply plans ops and runs their statements in order. A database error is
// reported as an *op.Error at the position of the op that asked for the
// statement, with the SQL as a detail.
func (e *sqlExecutor) Apply(ctx context.Context, ops []op.Op) error {
	for len(ops) > 0 && e.skip > 0 {
		e.done = append(e.done, ops[0])
		ops = ops[1:]
		e.skip--
	}
	if len(ops) == 0 {
		return nil
	}
	stmts, err := e.m.d.Plan(ops)
	if err != nil {
		return err
	}
	next := 0 // the first op of ops not yet in done
	for i, s := range stmts {
		if err := ctx.Err(); err != nil {
			return err
		}
		if e.m.logSQL != nil {
			fmt.Fprintf(e.m.logSQL, "%s;\n", s.SQL)
		}
		if _, err := e.q.ExecContext(ctx, s.SQL); err != nil {
			return stmtError(s, err)
		}
		// An op is done once the last of its statements has run.
		if i+1 == len(stmts) || stmts[i+1].Op > s.Op {
			if err := e.markDone(ctx, ops, &next, s.Op+1); err != nil {
				return err
			}
		}
	}
	return e.markDone(ctx, ops, &next, len(ops))
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
