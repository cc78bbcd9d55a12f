package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// This file applies a migration's lock_timeout and statement_timeout
// settings (see eval_timeout.go) around the migration, and takes them off
// again afterwards: a setting left on the connection would leak into the
// next migration run on it.
//
// PostgreSQL: inside the migration's transaction `SET LOCAL`, which ends
// with the transaction whatever happens; outside one, `SET` on the
// migration's connection and `RESET` when the migration ends.
//
// SQLite: lock_timeout is the connection's busy_timeout for the migration,
// the previous value restored after. It also bounds the wait for the write
// lock the migration's BEGIN IMMEDIATE takes, since SQLite has one lock
// for the whole database. statement_timeout is a context deadline on each
// statement (modernc.org/sqlite interrupts a statement whose context
// ends); for a query the deadline covers reading its rows too.

// localTimeouts sets the timeouts for the current transaction on
// PostgreSQL (SET LOCAL); on SQLite it does nothing (see withTimeouts).
func (m *Migrator) localTimeouts(ctx context.Context, conn *sql.Conn, st Settings) error {
	if m.d.Name() != "postgres" {
		return nil
	}
	return m.setTimeouts(ctx, conn, st, "SET LOCAL")
}

// setTimeouts runs `verb lock_timeout = N` (and statement_timeout) on
// PostgreSQL for the settings that are set.
func (m *Migrator) setTimeouts(ctx context.Context, conn *sql.Conn, st Settings, verb string) error {
	for _, t := range []struct {
		name string
		t    Timeout
	}{{"lock_timeout", st.LockTimeout}, {"statement_timeout", st.StatementTimeout}} {
		if t.t.IsZero() {
			continue
		}
		// The value is an integer of milliseconds, PostgreSQL's unit for
		// both, so nothing from the file reaches the SQL text.
		q := fmt.Sprintf("%s %s = %d", verb, t.name, t.t.millis())
		if m.logSQL != nil {
			fmt.Fprintf(m.logSQL, "%s;\n", q)
		}
		if _, err := conn.ExecContext(ctx, q); err != nil {
			return op.Errorf(t.t.Pos, "%s: %v", t.name, err)
		}
	}
	return nil
}

// withTimeouts runs f, one migration on conn, with its session-level
// timeouts: on PostgreSQL when the migration runs outside a transaction
// (inTx is false; a transactional one uses localTimeouts), on SQLite the
// busy_timeout. The connection is put back as it was when f returns, even
// when ctx is cancelled. An error that a timeout caused gets a detail
// naming the setting.
func (m *Migrator) withTimeouts(ctx context.Context, conn *sql.Conn, st Settings, inTx bool, f func() error) error {
	if st.LockTimeout.IsZero() && st.StatementTimeout.IsZero() {
		return f()
	}
	restore, err := m.sessionTimeouts(ctx, conn, st, inTx)
	if err != nil {
		return err
	}
	err = f()
	if rerr := restore(context.WithoutCancel(ctx)); rerr != nil {
		err = errors.Join(err, rerr)
	}
	return explainTimeout(ctx, err, st)
}

// sessionTimeouts sets the connection-level timeouts and returns what
// restores the connection.
func (m *Migrator) sessionTimeouts(ctx context.Context, conn *sql.Conn, st Settings, inTx bool) (func(context.Context) error, error) {
	nothing := func(context.Context) error { return nil }
	if m.d.Name() == "postgres" {
		if inTx {
			return nothing, nil
		}
		reset := func(ctx context.Context) error {
			for _, name := range []string{"lock_timeout", "statement_timeout"} {
				if _, err := conn.ExecContext(ctx, "RESET "+name); err != nil {
					return fmt.Errorf("reset %s: %w", name, err)
				}
			}
			return nil
		}
		if err := m.setTimeouts(ctx, conn, st, "SET"); err != nil {
			return nil, errors.Join(err, reset(context.WithoutCancel(ctx)))
		}
		return reset, nil
	}
	if st.LockTimeout.IsZero() {
		return nothing, nil
	}
	var prev int64
	if err := conn.QueryRowContext(ctx, "PRAGMA busy_timeout").Scan(&prev); err != nil {
		return nil, fmt.Errorf("read busy_timeout: %w", err)
	}
	if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", st.LockTimeout.millis())); err != nil {
		return nil, op.Errorf(st.LockTimeout.Pos, "lock_timeout: %v", err)
	}
	return func(ctx context.Context) error {
		if _, err := conn.ExecContext(ctx, fmt.Sprintf("PRAGMA busy_timeout = %d", prev)); err != nil {
			return fmt.Errorf("restore busy_timeout: %w", err)
		}
		return nil
	}, nil
}

// explainTimeout adds a detail naming the setting to an error a timeout
// caused: PostgreSQL's "canceling statement due to lock timeout" or
// "... statement timeout", SQLite's "database is locked" under a
// lock_timeout, or a statement deadline.
func explainTimeout(ctx context.Context, err error, st Settings) error {
	if err == nil || ctx.Err() != nil {
		return err
	}
	msg := err.Error()
	var t Timeout
	var name string
	switch {
	case !st.LockTimeout.IsZero() && (strings.Contains(msg, "due to lock timeout") || strings.Contains(msg, "database is locked")):
		t, name = st.LockTimeout, "lock_timeout"
	case !st.StatementTimeout.IsZero() && (strings.Contains(msg, "due to statement timeout") || errors.Is(err, errStatementTimeout) || errors.Is(err, context.DeadlineExceeded)):
		t, name = st.StatementTimeout, "statement_timeout"
	default:
		return err
	}
	var oe *op.Error
	if errors.As(err, &oe) {
		oe.WithDetail("the migration's %s = %q (%s) ran out", name, t.Duration.String(), t.Pos)
		return err
	}
	return &op.Error{Pos: t.Pos, Msg: fmt.Sprintf("%s of %s exceeded: %v", name, t.Duration, err), Err: err}
}

// errStatementTimeout is what a SQLite statement stopped by its deadline
// fails with. It is deliberately not context.DeadlineExceeded: the
// migration goes on being reported as a statement error at its script
// position, not as a cancelled run.
var errStatementTimeout = errors.New("statement_timeout exceeded")

// querier returns what the migration's statements run through on conn:
// conn itself, or on SQLite with a statement_timeout, conn with a
// deadline on every statement.
func (m *Migrator) querier(conn *sql.Conn, st Settings) dialect.Querier {
	if m.d.Name() != "sqlite" || st.StatementTimeout.IsZero() {
		return conn
	}
	return &deadlineQuerier{q: conn, d: st.StatementTimeout.Duration}
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
		return fmt.Errorf("%w: the statement ran longer than %s (SQLite: %v)", errStatementTimeout, q.d, err)
	}
	return err
}

// timeoutsAround returns run wrapped in [Migrator.withTimeouts].
func (m *Migrator) timeoutsAround(ctx context.Context, conn *sql.Conn, st Settings, inTx bool, run func() error) func() error {
	return func() error { return m.withTimeouts(ctx, conn, st, inTx, run) }
}

// settingsOf returns s's settings, or none for a rollback without its file.
func settingsOf(s *Script) Settings {
	if s == nil {
		return Settings{}
	}
	return s.Settings
}
