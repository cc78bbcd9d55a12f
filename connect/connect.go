// Package connect opens a database by URL and wires lark's concrete
// dialect and driver for it. It is the one place outside the tests that
// knows both dialects; the CLI and Go programs that prefer URLs to
// building a dialect.Driver themselves use it.
//
// URLs:
//
//	postgres://user@host:5432/db?sslmode=disable   (also postgresql://)
//	sqlite:path/to/lark.db                         (also sqlite://path, file:path)
package connect

import (
	"context"
	"database/sql"

	"fmt"
	"net/url"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/dialect/postgres"
	"github.com/larkdb/lark/dialect/sqlite"
)

// DefaultURL is the database lark uses when none is given.
const DefaultURL = "sqlite:lark.db"

// The kinds of database.
const (
	Postgres = "postgres"
	SQLite   = "sqlite"
)

// Target is a parsed database URL.
type Target struct {
	// Kind is Postgres or SQLite.
	Kind string
	// URL is the URL as given.
	URL string
	// DSN is what the database/sql driver opens.
	DSN string
	// Path is the SQLite file.
	Path string
}

// Parse parses a database URL.
func Parse(raw string) (Target, error) {
	t := Target{URL: raw}
	scheme, rest, ok := strings.Cut(raw, ":")
	if !ok {
		return t, fmt.Errorf("database URL %q has no scheme: want postgres://..., sqlite:path or file:path", raw)
	}
	switch strings.ToLower(scheme) {
	case "postgres", "postgresql":
		u, err := url.Parse(raw)
		if err != nil {
			return t, fmt.Errorf("database URL: %w", err)
		}
		if strings.Trim(u.Path, "/") == "" {
			return t, fmt.Errorf("database URL %s names no database", redact(raw))
		}
		t.Kind, t.DSN = Postgres, raw
	case "sqlite", "sqlite3", "file":
		path, query, _ := strings.Cut(rest, "?")
		path = strings.TrimPrefix(path, "//")
		if path == "" {
			return t, fmt.Errorf("database URL %q names no file", raw)
		}
		t.Kind, t.Path = SQLite, path
		t.DSN = "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(30000)"
		if query != "" {
			t.DSN += "&" + query
		}
	default:
		return t, fmt.Errorf("database URL %q: unknown scheme %q (want postgres, postgresql, sqlite or file)", redact(raw), scheme)
	}
	return t, nil
}

// Driver returns the dialect, joined with its runtime, for the target.
func (t Target) Driver() dialect.Driver {
	if t.Kind == Postgres {
		return dialect.WithRuntime(postgres.New(), postgres.NewRuntime())
	}
	return dialect.WithRuntime(sqlite.New(), sqlite.NewRuntime())
}

// DriverName is the database/sql driver name: "pgx" or "sqlite".
func (t Target) DriverName() string {
	if t.Kind == Postgres {
		return "pgx"
	}
	return "sqlite"
}

// Open parses rawURL, opens the database and checks that it answers.
func Open(ctx context.Context, rawURL string) (*sql.DB, dialect.Driver, error) {
	t, err := Parse(rawURL)
	if err != nil {
		return nil, nil, err
	}
	db, err := sql.Open(t.DriverName(), t.DSN)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", redact(rawURL), err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("connect to %s: %w", redact(rawURL), err)
	}
	return db, t.Driver(), nil
}

// redact hides a password in a URL.
func redact(raw string) string {
	u, err := url.Parse(raw)
	if err != nil || u.User == nil {
		return raw
	}
	if _, ok := u.User.Password(); ok {
		u.User = url.UserPassword(u.User.Username(), "xxx")
		return strings.Replace(u.String(), "xxx", "***", 1)
	}
	return raw
}

// Redact hides the password of a database URL, for messages.
func Redact(raw string) string { return redact(raw) }
