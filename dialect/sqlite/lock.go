package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/larkdb/lark/dialect"
)

// lockPoll bounds the wait between two attempts at a busy lock.
const lockPoll = 100 * time.Millisecond

// Lock holds a run of lark against one SQLite file: an exclusive flock(2)
// on a file beside the database, "<database>.lark-lock", created when
// missing and left in place (removing a lock file races with the next
// runner). It is taken on a file of its own because SQLite's own POSIX
// locks on the database are dropped when any descriptor of that file is
// closed in the process.
//
// Each migration still begins with BEGIN IMMEDIATE and re-checks its
// version, so runners are safe without this lock too; the lock makes a
// second runner wait for the first one's whole run, instead of finding a
// migration that runs outside a transaction half-way and taking it for a
// failed one. An in-memory database has nothing to lock. Where flock(2)
// does not exist, Lock is a no-op.
func (Runtime) Lock(ctx context.Context, db *sql.DB, key string) (func() error, error) {
	path, err := lockFile(ctx, db)
	if err != nil || path == "" {
		return func() error { return nil }, err
	}
	return dialect.PollLock(ctx, lockPoll, func() (func() error, bool, error) { return flockFile(path) })
}

// lockFile is the file a run locks, "<database>.lark-lock", or "" for an
// in-memory database, which has nothing to lock.
func lockFile(ctx context.Context, db *sql.DB) (string, error) {
	var seq int
	var name, file string
	if err := db.QueryRowContext(ctx, "SELECT seq, name, file FROM pragma_database_list WHERE name = 'main'").Scan(&seq, &name, &file); err != nil {
		return "", fmt.Errorf("migration lock: find the database file: %w", err)
	}
	if file == "" {
		return "", nil
	}
	return file + ".lark-lock", nil
}

// TryLock implements [dialect.Runner.TryLock]: Lock without waiting.
func (Runtime) TryLock(ctx context.Context, db *sql.DB, key string) (func() error, bool, error) {
	path, err := lockFile(ctx, db)
	if err != nil || path == "" {
		return func() error { return nil }, err == nil, err
	}
	return flockFile(path)
}
