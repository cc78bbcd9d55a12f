//go:build unix

package sqlite

import (
	"context"
	"errors"
	"os"
	"testing"
	"time"

	"github.com/larkdb/lark/internal/testdb"
)

// TestLock takes the run lock of a real SQLite file twice: the second
// taker waits while the first holds it (here: gives up at its deadline),
// and gets it once the first lets go. The lock lives in a file beside the
// database.
func TestLock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, path := testdb.OpenSQLite(t)
	if _, err := db.ExecContext(ctx, "CREATE TABLE t (x integer)"); err != nil {
		t.Fatal(err)
	}
	unlock, err := Runtime{}.Lock(ctx, db, "schema_migrations")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(path + ".lark-lock"); err != nil {
		t.Errorf("no lock file beside the database: %v", err)
	}
	short, cancel := context.WithTimeout(ctx, 150*time.Millisecond)
	defer cancel()
	if _, err := (Runtime{}).Lock(short, db, "schema_migrations"); !errors.Is(err, context.DeadlineExceeded) {
		t.Fatalf("second Lock while the first holds it: got %v, want it to wait until its deadline", err)
	}
	if err := unlock(); err != nil {
		t.Fatal(err)
	}
	again, err := Runtime{}.Lock(ctx, db, "schema_migrations")
	if err != nil {
		t.Fatalf("Lock after the first let go: %v", err)
	}
	again()
	// The database itself still works: closing the lock file did not drop
	// SQLite's own locks.
	if _, err := db.ExecContext(ctx, "INSERT INTO t VALUES (1)"); err != nil {
		t.Fatal(err)
	}
}
