package watch

import (
	"github.com/larkdb/lark/connect"
	"github.com/larkdb/lark/dialect"
)

// RemoteError reports a database that is not on this machine.
type RemoteError = dialect.RemoteError

// CheckLocal returns nil when rawURL names a database on this machine: a
// SQLite file, or PostgreSQL on localhost, a loopback address or a unix
// socket (a host that is a path, or no host at all, which libpq and pgx
// take as the default socket unless PGHOST says otherwise). Otherwise it
// returns a *[RemoteError]. Every host of a multi-host URL must be local,
// and a host= query parameter counts as pgx counts it: instead of the
// URL's hosts. Each dialect's connector decides (see
// [dialect.Connector.Local]).
func CheckLocal(rawURL string) error {
	return connect.Local(rawURL)
}
