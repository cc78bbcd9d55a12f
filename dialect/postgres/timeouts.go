package postgres

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/larkdb/lark/dialect"
)

// LocalTimeouts sets the limits for the open transaction with SET LOCAL,
// which ends with the transaction whatever happens.
func (Runtime) LocalTimeouts(ctx context.Context, q dialect.Querier, t dialect.Limits, log func(string)) error {
	return setTimeouts(ctx, q, t, "SET LOCAL", log)
}

// SessionTimeouts sets the limits on the session for a migration that
// runs outside a transaction, and RESETs them after; inside one,
// LocalTimeouts did it all.
func (Runtime) SessionTimeouts(ctx context.Context, q dialect.Querier, t dialect.Limits, inTx bool, log func(string)) (func(context.Context) error, error) {
	if inTx {
		return func(context.Context) error { return nil }, nil
	}
	reset := func(ctx context.Context) error {
		for _, name := range []string{"lock_timeout", "statement_timeout"} {
			if _, err := q.ExecContext(ctx, "RESET "+name); err != nil {
				return fmt.Errorf("reset %s: %w", name, err)
			}
		}
		return nil
	}
	if err := setTimeouts(ctx, q, t, "SET", log); err != nil {
		return nil, errors.Join(err, reset(context.WithoutCancel(ctx)))
	}
	return reset, nil
}

// setTimeouts runs `verb lock_timeout = N` (and statement_timeout) for the
// limits that are set.
func setTimeouts(ctx context.Context, q dialect.Querier, t dialect.Limits, verb string, log func(string)) error {
	for _, s := range []struct {
		name string
		d    time.Duration
	}{{"lock_timeout", t.Lock}, {"statement_timeout", t.Statement}} {
		if s.d == 0 {
			continue
		}
		// The value is an integer of milliseconds, PostgreSQL's unit for
		// both, so nothing from the file reaches the SQL text.
		stmt := fmt.Sprintf("%s %s = %d", verb, s.name, millis(s.d))
		if log != nil {
			log(stmt)
		}
		if _, err := q.ExecContext(ctx, stmt); err != nil {
			return &dialect.SettingError{Setting: s.name, Err: err}
		}
	}
	return nil
}

// WithDeadlines returns q: PostgreSQL enforces statement_timeout itself.
func (Runtime) WithDeadlines(q dialect.Querier, _ time.Duration) dialect.Querier { return q }

// TimeoutCause reads PostgreSQL's "canceling statement due to lock
// timeout" and "... due to statement timeout".
func (Runtime) TimeoutCause(err error) string {
	msg := err.Error()
	switch {
	case strings.Contains(msg, "due to lock timeout"):
		return "lock_timeout"
	case strings.Contains(msg, "due to statement timeout"):
		return "statement_timeout"
	}
	return ""
}

// millis is d in whole milliseconds, PostgreSQL's unit, at least 1: 0
// would turn the timeout off.
func millis(d time.Duration) int64 { return max(d.Milliseconds(), 1) }
