package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
	"time"

	"github.com/larkdb/lark/dialect"
)

// lockNamespace keeps lark's advisory lock keys apart from an application's.
const lockNamespace = "lark:"

// lockPoll bounds the wait between two attempts at a busy lock.
const lockPoll = 200 * time.Millisecond

func lockID(key string) int64 {
	h := fnv.New64a()
	h.Write([]byte(lockNamespace + key))
	return int64(h.Sum64())
}

// Lock takes a session advisory lock derived from key on a dedicated
// connection, waiting for it, and holds it until unlock is called.
//
// It waits by polling pg_try_advisory_lock, never by blocking in
// pg_advisory_lock: a backend blocked in a statement holds a snapshot, and
// CREATE INDEX CONCURRENTLY, run by the lock's holder on another
// connection, waits for every such snapshot to go. Blocking would deadlock
// the two runners where PostgreSQL cannot see it (Ecto polls for the same
// reason).
//
// The lock is released with context.WithoutCancel, so a cancelled run still
// frees it. Session locks do not survive PgBouncer's transaction pooling:
// point lark at the database directly.
func (Runtime) Lock(ctx context.Context, db *sql.DB, key string) (func() error, error) {
	return dialect.PollLock(ctx, lockPoll, func() (func() error, bool, error) { return tryLock(ctx, db, key) })
}

// TryLock implements [dialect.Runner.TryLock]: Lock without waiting.
func (Runtime) TryLock(ctx context.Context, db *sql.DB, key string) (func() error, bool, error) {
	return tryLock(ctx, db, key)
}

func tryLock(ctx context.Context, db *sql.DB, key string) (func() error, bool, error) {
	id := lockID(key)
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, false, fmt.Errorf("migration lock: %w", err)
	}
	var ok bool
	if err := conn.QueryRowContext(ctx, "SELECT pg_try_advisory_lock($1)", id).Scan(&ok); err != nil || !ok {
		conn.Close()
		if err != nil {
			return nil, false, fmt.Errorf("migration lock: %w", err)
		}
		return nil, false, nil
	}
	return func() error {
		defer conn.Close()
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", id); err != nil {
			return fmt.Errorf("release migration lock: %w", err)
		}
		return nil
	}, true, nil
}
