// Package testdb gives each test its own fresh, real database: a new
// PostgreSQL database (dropped when the test ends) or a new SQLite file in
// the test's temporary directory.
//
// PostgreSQL is found at LARK_TEST_POSTGRES_URL, by default
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable. When it
// cannot be reached the test is skipped with a message, except under
// CI=true, where that is a failure.
package testdb

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// DefaultPostgresURL is used when LARK_TEST_POSTGRES_URL is not set.
const DefaultPostgresURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// AdminURL returns the URL of the PostgreSQL server tests create databases on.
func AdminURL() string {
	if u := os.Getenv("LARK_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return DefaultPostgresURL
}

var (
	adminOnce sync.Once
	adminDB   *sql.DB
	adminErr  error
)

func admin() (*sql.DB, error) {
	adminOnce.Do(func() {
		adminDB, adminErr = sql.Open("pgx", AdminURL())
		if adminErr != nil {
			return
		}
		ctx, cancel := context.WithTimeout(context.Background(), 5*time.Second)
		defer cancel()
		adminErr = adminDB.PingContext(ctx)
	})
	return adminDB, adminErr
}

// unavailable skips the test, or fails it under CI=true.
func unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (CI=true: a missing database is a failure)", msg)
	}
	t.Skipf("%s; set LARK_TEST_POSTGRES_URL to run this test", msg)
}

// Postgres creates a fresh PostgreSQL database for the test and returns its
// URL. The database is dropped when the test ends.
func Postgres(t testing.TB) string {
	t.Helper()
	db, err := admin()
	if err != nil {
		unavailable(t, "PostgreSQL at %s is not reachable: %v", redact(AdminURL()), err)
	}
	name := "lark_test_" + randomHex(6)
	ctx := context.Background()
	if _, err := db.ExecContext(ctx, `CREATE DATABASE "`+name+`"`); err != nil {
		t.Fatalf("create test database %s: %v", name, err)
	}
	t.Cleanup(func() {
		// WITH (FORCE) ends connections a failed test left open.
		if _, err := db.ExecContext(context.Background(), `DROP DATABASE IF EXISTS "`+name+`" WITH (FORCE)`); err != nil {
			t.Errorf("drop test database %s: %v", name, err)
		}
	})
	u, err := url.Parse(AdminURL())
	if err != nil {
		t.Fatalf("parse LARK_TEST_POSTGRES_URL: %v", err)
	}
	u.Path = "/" + name
	return u.String()
}

// OpenPostgres creates a fresh PostgreSQL database and opens it with the
// pgx driver; the handle is closed when the test ends.
func OpenPostgres(t testing.TB) (*sql.DB, string) {
	t.Helper()
	u := Postgres(t)
	db, err := sql.Open("pgx", u)
	if err != nil {
		t.Fatalf("open %s: %v", u, err)
	}
	t.Cleanup(func() { db.Close() })
	return db, u
}

// SQLite returns the path of a new SQLite database file in the test's
// temporary directory. The file does not exist yet.
func SQLite(t testing.TB) string {
	t.Helper()
	return filepath.Join(t.TempDir(), "test.db")
}

// OpenSQLite opens a new SQLite file with the modernc driver, foreign keys
// on; the handle is closed when the test ends.
func OpenSQLite(t testing.TB) (*sql.DB, string) {
	t.Helper()
	path := SQLite(t)
	db, err := sql.Open("sqlite", SQLiteDSN(path))
	if err != nil {
		t.Fatalf("open %s: %v", path, err)
	}
	t.Cleanup(func() { db.Close() })
	return db, path
}

// SQLiteDSN is the modernc DSN lark's tests use for a file: foreign keys on
// and a busy timeout, as lark itself opens SQLite.
func SQLiteDSN(path string) string {
	return "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(10000)"
}

func randomHex(n int) string {
	b := make([]byte, n)
	if _, err := rand.Read(b); err != nil {
		panic(err)
	}
	return hex.EncodeToString(b)
}

func redact(u string) string {
	p, err := url.Parse(u)
	if err != nil || p.User == nil {
		return u
	}
	if _, ok := p.User.Password(); ok {
		p.User = url.UserPassword(p.User.Username(), "xxx")
	}
	return strings.Replace(p.String(), "xxx", "***", 1)
}

// Kind is a kind of database tests run on: its name ("sqlite",
// "postgres") and URL, which makes a fresh database of that kind and
// returns the URL lark opens it with.
type Kind struct {
	Name string
	URL  func(t testing.TB) string
}

// Kinds are the two databases every integration test covers.
var Kinds = []Kind{
	{"sqlite", func(t testing.TB) string { return "sqlite:" + SQLite(t) }},
	{"postgres", Postgres},
}
