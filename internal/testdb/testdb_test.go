package testdb

import (
	"context"
	"strconv"
	"testing"
	"time"
)

func TestPostgresIsFreshAndReal(t *testing.T) {
	t.Parallel()
	db, _ := OpenPostgres(t)
	var n int
	if err := db.QueryRowContext(context.Background(),
		`SELECT count(*) FROM information_schema.tables WHERE table_schema = 'public'`).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("fresh database has %d tables in public", n)
	}
}

func TestSQLiteIsFreshAndReal(t *testing.T) {
	t.Parallel()
	db, _ := OpenSQLite(t)
	var fk int
	if err := db.QueryRowContext(context.Background(), `PRAGMA foreign_keys`).Scan(&fk); err != nil {
		t.Fatal(err)
	}
	if fk != 1 {
		t.Errorf("foreign_keys = %d, want 1", fk)
	}
}

func TestPostgresGivesEachCallItsOwn(t *testing.T) {
	t.Parallel()
	a, b := Postgres(t), Postgres(t)
	if a == b {
		t.Errorf("two calls gave the same database %s", a)
	}
}

// TestSweepDropsOrphans makes a database as a test process that died
// would leave it (its owner's pid is not running) and checks that a sweep
// drops it.
func TestSweepDropsOrphans(t *testing.T) {
	t.Parallel()
	p, err := pg.start()
	if err != nil {
		unavailable(t, "PostgreSQL is not reachable: %v", err)
	}
	ctx := context.Background()
	// Linux pids stay below 2^22: no server process has this one.
	name := "lark_test_999999999_" + strconv.FormatInt(time.Now().UnixNano(), 10)
	if _, err := p.admin.ExecContext(ctx, `CREATE DATABASE "`+name+`"`); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { _ = p.drop(ctx, name) })
	p.sweep()
	var n int
	if err := p.admin.QueryRowContext(ctx, `SELECT count(*) FROM pg_database WHERE datname = $1`, name).Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != 0 {
		t.Errorf("sweep left %s, whose owner is gone", name)
	}
}
