package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/engine/eval"
	"github.com/larkdb/lark/op"
)

// This file applies a migration's lock_timeout and statement_timeout
// settings (see engine/eval/timeout.go) around the migration, through the
// dialect's [dialect.Timeouts], and takes them off again afterwards: a
// setting left on the connection would leak into the next migration run
// on it.

// limits returns the dialect's view of st.
func limits(st Settings) dialect.Limits {
	return dialect.Limits{Lock: st.LockTimeout.Duration, Statement: st.StatementTimeout.Duration}
}

// localTimeouts sets the timeouts for the current transaction (on
// PostgreSQL SET LOCAL; on SQLite nothing, see withTimeouts).
func (m *Migrator) localTimeouts(ctx context.Context, conn *sql.Conn, st Settings) error {
	if st.LockTimeout.IsZero() && st.StatementTimeout.IsZero() {
		return nil
	}
	return settingError(m.d.LocalTimeouts(ctx, conn, limits(st), m.logFunc()), st)
}

// settingError puts a setting the database refused at its line.
func settingError(err error, st Settings) error {
	var se *dialect.SettingError
	if !errors.As(err, &se) {
		return err
	}
	t := st.LockTimeout
	if se.Setting == "statement_timeout" {
		t = st.StatementTimeout
	}
	return op.Errorf(t.Pos, "%s: %v", se.Setting, se.Err)
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
	restore, err := m.d.SessionTimeouts(ctx, conn, limits(st), inTx, m.logFunc())
	if err != nil {
		return settingError(err, st)
	}
	err = f()
	if rerr := restore(context.WithoutCancel(ctx)); rerr != nil {
		err = errors.Join(err, rerr)
	}
	return m.explainTimeout(ctx, err, st)
}

// explainTimeout adds a detail naming the setting to an error a timeout
// caused: one the dialect tells by its message (PostgreSQL's "canceling
// statement due to lock timeout", SQLite's "database is locked"), or a
// statement deadline.
func (m *Migrator) explainTimeout(ctx context.Context, err error, st Settings) error {
	if err == nil || ctx.Err() != nil {
		return err
	}
	cause := m.d.TimeoutCause(err)
	var t eval.Timeout
	var name string
	switch {
	case !st.LockTimeout.IsZero() && cause == "lock_timeout":
		t, name = st.LockTimeout, "lock_timeout"
	case !st.StatementTimeout.IsZero() && (cause == "statement_timeout" || errors.Is(err, dialect.ErrStatementTimeout) || errors.Is(err, context.DeadlineExceeded)):
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

// querier returns what the migration's statements run through on conn:
// conn itself, or where the database has no statement_timeout of its own
// (SQLite), conn with a deadline on every statement.
func (m *Migrator) querier(conn *sql.Conn, st Settings) dialect.Querier {
	return m.d.WithDeadlines(conn, st.StatementTimeout.Duration)
}

// timeoutsAround returns run wrapped in [Migrator.withTimeouts].
func (m *Migrator) timeoutsAround(ctx context.Context, conn *sql.Conn, st Settings, inTx bool, run func() error) func() error {
	return func() error { return m.withTimeouts(ctx, conn, st, inTx, run) }
}

// logFunc returns what writes a statement to the --log-sql output, or nil
// without one.
func (m *Migrator) logFunc() func(string) {
	if m.logSQL == nil {
		return nil
	}
	return func(q string) { fmt.Fprintf(m.logSQL, "%s;\n", q) }
}

// settingsOf returns s's settings, or none for a rollback without its file.
func settingsOf(s *eval.Script) Settings {
	if s == nil {
		return Settings{}
	}
	return s.Settings
}
