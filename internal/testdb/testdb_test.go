package testdb

import (
	"context"
	"testing"
)

func TestPostgresIsFreshAndReal(t *testing.T) {
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
	db, _ := OpenSQLite(t)
	var fk int
	if err := db.QueryRowContext(context.Background(), `PRAGMA foreign_keys`).Scan(&fk); err != nil {
		t.Fatal(err)
	}
	if fk != 1 {
		t.Errorf("foreign_keys = %d, want 1", fk)
	}
}
