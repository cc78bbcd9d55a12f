package postgres

import (
	"context"
	"database/sql"
	"fmt"
	"hash/fnv"
)

// lockNamespace keeps lark's advisory lock keys apart from an application's.
const lockNamespace = "lark:"

// Lock takes a session advisory lock derived from key on a dedicated
// connection, waiting for it, and holds it until unlock is called.
//
// The lock is released with context.WithoutCancel, so a cancelled run still
// frees it. Session locks do not survive PgBouncer's transaction pooling:
// point lark at the database directly.
func (Runtime) Lock(ctx context.Context, db *sql.DB, key string) (func() error, error) {
	h := fnv.New64a()
	h.Write([]byte(lockNamespace + key))
	id := int64(h.Sum64())
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, fmt.Errorf("migration lock: %w", err)
	}
	if _, err := conn.ExecContext(ctx, "SELECT pg_advisory_lock($1)", id); err != nil {
		conn.Close()
		return nil, fmt.Errorf("migration lock: %w", err)
	}
	return func() error {
		defer conn.Close()
		if _, err := conn.ExecContext(context.WithoutCancel(ctx), "SELECT pg_advisory_unlock($1)", id); err != nil {
			return fmt.Errorf("release migration lock: %w", err)
		}
		return nil
	}, nil
}
