package dialect

import (
	"context"
	"fmt"
	"net/url"
	"strings"
)

// Connector reaches one kind of database by URL: the URL schemes it
// answers, how a URL becomes what database/sql opens, and the database's
// lifecycle. Package connect keeps the list of connectors, one line each.
type Connector interface {
	// Schemes are the URL schemes it answers, in lower case
	// ("postgres", "postgresql").
	Schemes() []string
	// Parse checks a URL with one of its schemes and returns how to open
	// it. Errors never show a password of the URL.
	Parse(raw string) (Target, error)
	// Dialect returns the database's dialect.
	Dialect() Dialect
	// Create creates the database t names. It reports false, and no
	// error, when the database already exists.
	Create(ctx context.Context, t Target) (bool, error)
	// Drop drops the database t names. It reports false, and no error,
	// when there was none.
	Drop(ctx context.Context, t Target) (bool, error)
	// Local returns nil when t is on this machine, else a *[RemoteError].
	Local(t Target) error
	// StandIn returns what to open instead of t to read it without
	// creating anything, when opening t itself would create its database
	// (a SQLite file that does not exist yet): an empty database that
	// lives in memory. ok is false when t can be opened as it is.
	StandIn(t Target) (standIn Target, ok bool)
}

// Target is a parsed database URL.
type Target struct {
	// URL is the URL as given.
	URL string
	// Driver is the database/sql driver name, and DSN what it opens.
	Driver, DSN string
	// File is the database's file, for a database that is one file
	// (SQLite); "" otherwise.
	File string
}

// RemoteError reports a database that is not on this machine.
type RemoteError struct {
	// Host is the first host of the URL that is not local.
	Host string
}

func (e *RemoteError) Error() string {
	return fmt.Sprintf("database host %q is not local: watch rolls migrations back as files change, so it works only on a database on this machine (localhost, 127.0.0.1, ::1 or a unix socket); pass --allow-remote to watch it anyway", e.Host)
}

// Redact hides the password of a database URL, for messages.
func Redact(raw string) string {
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
