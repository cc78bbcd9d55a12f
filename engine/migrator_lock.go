package engine

import (
	"context"
	"fmt"
)

// runLock is the migration lock held for a run. On PostgreSQL it is a
// session advisory lock on a dedicated connection; on SQLite the runtime's
// lock is a no-op and each migration's BEGIN IMMEDIATE serialises runners.
type runLock struct {
	m      *Migrator
	unlock func() error
}

// lock takes the migration lock for the run.
func (m *Migrator) lock(ctx context.Context) (*runLock, error) {
	l := &runLock{m: m}
	if err := l.acquire(ctx); err != nil {
		return nil, err
	}
	return l, nil
}

func (l *runLock) key() string { return l.m.prefix + "." + l.m.table }

func (l *runLock) acquire(ctx context.Context) error {
	unlock, err := l.m.d.Lock(ctx, l.m.db, l.key())
	if err != nil {
		return fmt.Errorf("take the migration lock: %w", err)
	}
	l.unlock = unlock
	return nil
}

// release frees the lock; it is safe to call twice.
func (l *runLock) release() error {
	if l == nil || l.unlock == nil {
		return nil
	}
	u := l.unlock
	l.unlock = nil
	return u()
}

// without runs f with the lock released, for a migration that sets
// disable_migration_lock, and takes the lock back afterwards. Each
// migration still re-checks its version inside its own transaction.
func (l *runLock) without(ctx context.Context, f func() error) error {
	if err := l.release(); err != nil {
		return err
	}
	ferr := f()
	if err := l.acquire(ctx); err != nil && ferr == nil {
		return err
	}
	return ferr
}
