// Package connect opens a database by URL with lark's dialect for it. It
// is the one place outside the tests that lists the dialects: each one's
// [dialect.Connector] says which URL schemes it answers and how to open,
// create and drop its databases. The CLI, and Go programs that prefer URLs
// to building a dialect themselves, use it.
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
	"strings"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/dialect/postgres"
	"github.com/larkdb/lark/dialect/sqlite"
)

// connectors are the databases lark knows: adding one is a line here.
var connectors = []dialect.Connector{
	postgres.Connector{},
	sqlite.Connector{},
}

// DefaultURL is the database lark uses when none is given.
const DefaultURL = "sqlite:lark.db"

// Target is a parsed database URL, with the connector that parsed it.
type Target struct {
	dialect.Target
	c dialect.Connector
}

// Parse parses a database URL.
func Parse(raw string) (Target, error) {
	scheme, _, ok := strings.Cut(raw, ":")
	if !ok {
		return Target{}, fmt.Errorf("database URL %q has no scheme: want %s", raw, examples())
	}
	c := byScheme(strings.ToLower(scheme))
	if c == nil {
		return Target{}, fmt.Errorf("database URL %q: unknown scheme %q (want %s)", dialect.Redact(raw), scheme, schemes())
	}
	t, err := c.Parse(raw)
	if err != nil {
		return Target{}, err
	}
	return Target{Target: t, c: c}, nil
}

func byScheme(scheme string) dialect.Connector {
	for _, c := range connectors {
		for _, s := range c.Schemes() {
			if s == scheme {
				return c
			}
		}
	}
	return nil
}

// schemes lists every scheme: "postgres, postgresql, sqlite, sqlite3 or file".
func schemes() string {
	var all []string
	for _, c := range connectors {
		all = append(all, c.Schemes()...)
	}
	return strings.Join(all[:len(all)-1], ", ") + " or " + all[len(all)-1]
}

// examples shows the form of each connector's URL.
func examples() string {
	var ex []string
	for _, c := range connectors {
		s := c.Schemes()[0]
		if c.Dialect().Capabilities().Embedded {
			ex = append(ex, s+":path")
		} else {
			ex = append(ex, s+"://...")
		}
	}
	return strings.Join(ex, " or ")
}

// Dialect returns the target's dialect.
func (t Target) Dialect() dialect.Dialect { return t.c.Dialect() }

// Open parses rawURL, opens the database and checks that it answers.
func Open(ctx context.Context, rawURL string) (*sql.DB, dialect.Dialect, error) {
	t, err := Parse(rawURL)
	if err != nil {
		return nil, nil, err
	}
	return t.open(ctx, t.Target)
}

// OpenToRead opens the target to read it without creating anything: a
// database that does not exist yet and that opening would create (a
// SQLite file) is read as an empty one that lives in memory.
func (t Target) OpenToRead(ctx context.Context) (*sql.DB, dialect.Dialect, error) {
	if s, ok := t.c.StandIn(t.Target); ok {
		return t.open(ctx, s)
	}
	return t.open(ctx, t.Target)
}

// Open opens the target's database and checks that it answers.
func (t Target) Open(ctx context.Context) (*sql.DB, dialect.Dialect, error) {
	return t.open(ctx, t.Target)
}

func (t Target) open(ctx context.Context, at dialect.Target) (*sql.DB, dialect.Dialect, error) {
	db, err := sql.Open(at.Driver, at.DSN)
	if err != nil {
		return nil, nil, fmt.Errorf("open %s: %w", dialect.Redact(at.URL), err)
	}
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, nil, fmt.Errorf("connect to %s: %w", dialect.Redact(at.URL), err)
	}
	return db, t.c.Dialect(), nil
}

// Redact hides the password of a database URL, for messages.
func Redact(raw string) string { return dialect.Redact(raw) }

// Local returns nil when rawURL names a database on this machine, else a
// *dialect.RemoteError naming the first host that is not. It reads only
// the URL's scheme and hosts, so it answers for any URL its database's
// driver accepts, even one that [Parse] does not (a socket directory
// escaped as the host, say).
func Local(rawURL string) error {
	scheme, _, ok := strings.Cut(rawURL, ":")
	if !ok {
		return fmt.Errorf("database URL %q has no scheme", rawURL)
	}
	c := byScheme(strings.ToLower(scheme))
	if c == nil {
		return fmt.Errorf("database URL: unknown scheme %q", scheme)
	}
	return c.Local(dialect.Target{URL: rawURL})
}
