package sqlite

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/larkdb/lark/dialect"
)

// SQLite has no session timeouts. lock_timeout is the connection's
// busy_timeout for the migration, the previous value restored after. It
// also bounds the wait for the write lock the migration's BEGIN IMMEDIATE
// takes, since SQLite has one lock for the whole database.
// statement_timeout is a context deadline on each statement
// (modernc.org/sqlite interrupts a statement whose context ends); for a
// query the deadline covers reading its rows too.

// LocalTimeouts does nothing: SessionTimeouts sets SQLite's one timeout
// for the whole migration, in a transaction or not.
func (Runtime) LocalTimeouts(context.Context, dialect.Querier, dialect.Limits, func(string)) error {
	return nil
}

// SessionTimeouts sets busy_timeout to the lock limit and returns what
// puts the previous value back.
func (Runtime) SessionTimeouts(ctx context.Context, q dialect.Querier, t dialect.Limits, _ bool, _ func(string)) (func(context.Context) error, error) {
	if t.Lock == 0 {
		return func(context.Context) error { return nil }, nil
	}
	var prev int64
	if err := q.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&prev); err != nil {
		return nil, fmt.Errorf("read busy_timeout: %w", err)
	}
	if _, err := q.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", max(t.Lock.Milliseconds(), 1))); err != nil {
		return nil, &dialect.SettingError{Setting: "lock_timeout", Err: err}
	}
	return func(ctx context.Context) error {
		if _, err := q.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", prev)); err != nil {
			return fmt.Errorf("restore busy_timeout: %w", err)
		}
		return nil
	}, nil
}

// TimeoutCause reads "database is locked", what SQLite says when its busy
// timeout ran out.
func (Runtime) TimeoutCause(err error) string {
	if strings.Contains(err.Error(), "database is locked") {
		return "lock_timeout"
	}
	return ""
}

// WithDeadlines gives every statement on q a deadline d; 0 returns q.
func (Runtime) WithDeadlines(q dialect.Querier, d time.Duration) dialect.Querier {
	if d == 0 {
		return q
	}
	return &deadlineQuerier{q: q, d: d}
}

// deadlineQuerier gives every statement a deadline d. An Exec's deadline
// ends with it; a query's must outlive the call, as its rows are read
// afterwards, so its cancel is kept and called once the deadline has
// passed (pending never holds more than the queries of the last d).
type deadlineQuerier struct {
	q dialect.Querier
	d time.Duration

	mu      sync.Mutex
	pending []pendingCancel
}

type pendingCancel struct {
	at     time.Time
	cancel context.CancelFunc
}

// ExecContext runs query with a deadline.
func (q *deadlineQuerier) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	tctx, cancel := context.WithTimeout(ctx, q.d)
	defer cancel()
	res, err := q.q.ExecContext(tctx, query, args...)
	return res, q.timedOut(ctx, tctx, err)
}

// QueryContext runs query with a deadline that also covers reading the rows.
func (q *deadlineQuerier) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	tctx := q.start(ctx)
	rows, err := q.q.QueryContext(tctx, query, args...)
	return rows, q.timedOut(ctx, tctx, err)
}

// QueryRowContext runs query with a deadline that also covers Scan.
func (q *deadlineQuerier) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	return q.q.QueryRowContext(q.start(ctx), query, args...)
}

// start returns a context with the deadline, releasing those past theirs.
func (q *deadlineQuerier) start(ctx context.Context) context.Context {
	tctx, cancel := context.WithTimeout(ctx, q.d)
	now := time.Now()
	q.mu.Lock()
	defer q.mu.Unlock()
	keep := q.pending[:0]
	for _, p := range q.pending {
		if now.Sub(p.at) > q.d {
			p.cancel()
			continue
		}
		keep = append(keep, p)
	}
	q.pending = append(keep, pendingCancel{at: now, cancel: cancel})
	return tctx
}

// timedOut replaces the error of a statement its deadline stopped.
func (q *deadlineQuerier) timedOut(ctx, tctx context.Context, err error) error {
	if err != nil && ctx.Err() == nil && errors.Is(tctx.Err(), context.DeadlineExceeded) {
		return fmt.Errorf("%w: the statement ran longer than %s (SQLite: %v)", dialect.ErrStatementTimeout, q.d, err)
	}
	return err
}
