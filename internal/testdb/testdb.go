// Package testdb gives each test its own fresh, real database: a new
// PostgreSQL database, dropped after the test, or a new SQLite file in the
// test's temporary directory.
//
// PostgreSQL is found at LARK_TEST_POSTGRES_URL, by default
// postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable. When it
// cannot be reached the test is skipped with a message, except under
// CI=true, where that is a failure.
//
// # Making PostgreSQL databases cheap
//
// A test database is a copy of template1 made by CREATE DATABASE, and a
// test drops it with DROP DATABASE, which forces a checkpoint. Both take
// about as long as a typical test, so made one at a time they were most of
// the suite's time. A package whose TestMain calls [Main] (or [Run])
// moves that work off the tests' path:
//
//   - a few databases are created ahead, in the background, so that a test
//     usually finds one ready (nobody has connected to it: it is as fresh
//     as one made on the spot);
//   - a test's database is dropped in the background once the test and its
//     cleanups are done;
//   - before the process exits, Run waits for every drop and drops the
//     databases made ahead that no test took, so a run leaves no database
//     behind. A drop that fails makes the run fail, as it did the test.
//
// Without Main, [Postgres] creates and drops the database itself, on the
// test's path, as before.
//
// Databases are named lark_test_<pid>_<n>, pid being the server process of
// a connection the test process holds open until it exits. A process that
// dies without cleaning up (a panic, a timeout, a kill) leaves databases
// whose pid no longer runs; the next run's Main drops them.
//
// Each database is still the test's alone. Tests that call t.Parallel
// therefore run side by side on separate databases; `go test ./...` runs
// several test processes at once, and the pid in the names keeps them apart.
package testdb

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

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

// unavailable skips the test, or fails it under CI=true.
func unavailable(t testing.TB, format string, args ...any) {
	t.Helper()
	msg := fmt.Sprintf(format, args...)
	if os.Getenv("CI") == "true" {
		t.Fatalf("%s (CI=true: a missing database is a failure)", msg)
	}
	t.Skipf("%s; set LARK_TEST_POSTGRES_URL to run this test", msg)
}

// Postgres gives the test a fresh PostgreSQL database of its own and
// returns its URL. The database is dropped after the test.
func Postgres(t testing.TB) string {
	t.Helper()
	p, err := pg.start()
	if err != nil {
		unavailable(t, "PostgreSQL at %s is not reachable: %v", redact(AdminURL()), err)
	}
	name, err := p.take(context.Background())
	if err != nil {
		t.Fatalf("create test database: %v", err)
	}
	t.Cleanup(func() {
		if err := p.release(name); err != nil {
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
