package apply

import (
	"context"
	"errors"
	"fmt"
	"io"

	"github.com/larkdb/lark/builtins"
	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// Config is what an [Executor] needs to run one migration.
type Config struct {
	// Dialect is the database's.
	Dialect dialect.Dialect
	// Q is the migration's connection (inside its transaction, when it
	// has one), with the statement deadlines of its settings.
	Q dialect.Querier
	// Plan plans ops for the migration running on q: the migrator reads
	// the schema first where the dialect needs it, and refuses a table
	// rebuild it did not foresee.
	Plan func(ctx context.Context, q dialect.Querier, ops []op.Op) ([]dialect.Stmt, error)
	// LogSQL, when set, receives every statement before it runs
	// (--log-sql).
	LogSQL io.Writer
	// Progress, when set, receives the progress of data loops.
	Progress func(Progress)
	// Persist, when set, makes the migration run outside a transaction:
	// after each op it is called with the ops done so far, to record them
	// (in the transaction of the op's own statements, where it has one).
	Persist func(ctx context.Context, done op.Log) error
	// Prev is the stored log of the partial migration being continued: its
	// ops are passed over (schema ops) or resumed (data loops) rather than
	// run again (lark up --continue).
	Prev op.Log
}

// Executor is the [builtins.Executor] and [builtins.DataExecutor] the
// migrator lends a running script: it plans ops with the dialect and runs
// the statements on the migration's connection (inside its transaction,
// when it has one), and runs the data builtins.
type Executor struct {
	d       dialect.Dialect
	q       dialect.Querier
	plan    func(ctx context.Context, q dialect.Querier, ops []op.Op) ([]dialect.Stmt, error)
	logSQL  io.Writer
	meterTo func(Progress)
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
	// batches.go).
	batch *openBatch
}

var _ builtins.Executor = (*Executor)(nil)

// New returns an executor for one migration.
func New(cfg Config) *Executor {
	return &Executor{
		d: cfg.Dialect, q: cfg.Q, plan: cfg.Plan, logSQL: cfg.LogSQL, meterTo: cfg.Progress,
		progress: cfg.Persist, prev: cfg.Prev, skip: len(cfg.Prev),
	}
}

// Done returns every op applied so far, passed-over ones included: what a
// failed migration outside a transaction leaves applied.
func (e *Executor) Done() op.Log { return e.done }

// Settle ends the run of a script on the executor: runErr is the run's
// error. The last batch of a batches() loop that ended commits when the
// run went well and rolls back when it failed. It returns runErr, or the
// error of settling.
func (e *Executor) Settle(ctx context.Context, runErr error) error {
	return e.settleData(ctx, runErr)
}

// logFunc returns what writes a statement to LogSQL, or nil without one.
func (e *Executor) logFunc() func(string) {
	if e.logSQL == nil {
		return nil
	}
	return func(q string) { fmt.Fprintf(e.logSQL, "%s;\n", q) }
}

// failed reports a failed statement at its script position, with the
// dialect's explanation of it (which rows broke a constraint) as details.
func (e *Executor) failed(ctx context.Context, s dialect.Stmt, err error) error {
	se := stmtError(s, err)
	var oe *op.Error
	if errors.As(se, &oe) {
		oe.Details = append(oe.Details, e.d.Explain(context.WithoutCancel(ctx), e.q, s, err)...)
	}
	return se
}

// Apply plans ops and runs their statements in order. A database error is
// reported as an *op.Error at the position of the op that asked for the
// statement, with the SQL as a detail.
func (e *Executor) Apply(ctx context.Context, ops []op.Op) error {
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
	stmts, err := e.plan(ctx, e.q, ops)
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
func (e *Executor) applyOp(ctx context.Context, ops []op.Op, group []dialect.Stmt, next *int) error {
	run := func() error {
		for _, s := range group {
			if err := ctx.Err(); err != nil {
				return err
			}
			if err := e.cleanLeftover(ctx, s); err != nil {
				return err
			}
			if e.logSQL != nil {
				fmt.Fprintf(e.logSQL, "%s;\n", s.SQL)
			}
			if _, err := e.q.ExecContext(ctx, s.SQL); err != nil {
				return e.failed(ctx, s, err)
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
func (e *Executor) cleanLeftover(ctx context.Context, s dialect.Stmt) error {
	if s.Leftover == "" {
		return nil
	}
	ran, err := e.d.CleanLeftover(ctx, e.q, s)
	if err != nil {
		return op.Errorf(s.Pos, "%v", err)
	}
	for _, q := range ran {
		if e.logSQL != nil {
			fmt.Fprintf(e.logSQL, "%s;\n", q)
		}
	}
	return nil
}

// inTx runs f in a transaction on the executor's connection.
func (e *Executor) inTx(ctx context.Context, f func() error) error {
	return dialect.InTx(ctx, e.q, e.d, f)
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
func (e *Executor) markDone(ctx context.Context, ops []op.Op, next *int, upto int) error {
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
