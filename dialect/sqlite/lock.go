package sqlite

import (
	"context"
	"database/sql"
)

// Lock is a no-op: SQLite serialises migrations by their transactions.
// Each migration begins with BEGIN IMMEDIATE, which takes the database's
// write lock (other processes wait up to busy_timeout), and the migrator
// checks inside it that the version is still unapplied.
func (Runtime) Lock(ctx context.Context, db *sql.DB, key string) (func() error, error) {
	return func() error { return nil }, nil
}
