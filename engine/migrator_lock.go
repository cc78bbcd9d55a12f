package engine

import (
	"context"
	"fmt"
)

// runLock is the migration lock held for a run. On PostgreSQL it is a
// session advisory lock on a dedicated connection; on SQLite a file lock
// beside the database (and each migration's BEGIN IMMEDIATE serialises
// runners too).
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
// migration still re-checks its version inside its own transaction, and
// while the run lock is released the migration's own lock (see
// versionKey) is held, so that another runner that finds the migration
// half-way can tell it is running (see [Migrator.runningElsewhere]).
//
// On SQLite the lock is a file lock that no statement waits on, so it is
// kept: the setting exists for PostgreSQL's CREATE INDEX CONCURRENTLY.
func (l *runLock) without(ctx context.Context, version int64, f func() error) error {
	if !l.m.versionLocks() {
		return f()
	}
	unlockMine, err := l.m.d.Lock(ctx, l.m.db, l.versionKey(version))
	if err != nil {
		return fmt.Errorf("take the lock of version %d: %w", version, err)
	}
	if err := l.release(); err != nil {
		unlockMine()
		return err
	}
	ferr := f()
	if err := unlockMine(); err != nil && ferr == nil {
		ferr = err
	}
	if err := l.acquire(ctx); err != nil && ferr == nil {
		return err
	}
	return ferr
}

// versionLocks reports whether migrations take locks of their own (see
// without): not on SQLite, whose run lock is one file lock, kept for the
// whole run.
func (m *Migrator) versionLocks() bool { return m.d.Capabilities().VersionLocks }

// versionKey is the key of one migration's lock.
func (l *runLock) versionKey(version int64) string {
	return fmt.Sprintf("%s#%d", l.key(), version)
}

// runningElsewhere reports whether another runner is applying version
// right now, outside the run lock (disable_migration_lock), and if so
// waits until it is done. A partial row whose lock nobody holds is a
// migration that failed part-way.
func (m *Migrator) runningElsewhere(ctx context.Context, lk *runLock, version int64) (bool, error) {
	if !m.versionLocks() {
		return false, nil
	}
	key := lk.versionKey(version)
	if held, err := m.held(ctx, key); err != nil || !held {
		return false, err
	}
	unlock, err := m.d.Lock(ctx, m.db, key)
	if err != nil {
		return false, err
	}
	return true, unlock()
}

// held reports whether another runner holds the lock key right now. It
// only tries the lock (and lets go of it at once when it got it).
func (m *Migrator) held(ctx context.Context, key string) (bool, error) {
	unlock, free, err := m.d.TryLock(ctx, m.db, key)
	if err != nil {
		return false, err
	}
	if !free {
		return true, nil
	}
	return false, unlock()
}
