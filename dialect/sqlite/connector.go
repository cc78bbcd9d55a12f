package sqlite

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync/atomic"

	_ "modernc.org/sqlite" // registers the "sqlite" driver

	"github.com/larkdb/lark/dialect"
)

// Connector reaches a SQLite file by URL: sqlite:path (also sqlite://path,
// sqlite3:path and file:path), opened with modernc.org/sqlite, pure Go.
type Connector struct{}

var _ dialect.Connector = Connector{}

// Schemes returns sqlite, sqlite3 and file.
func (Connector) Schemes() []string { return []string{"sqlite", "sqlite3", "file"} }

// Dialect returns the SQLite dialect.
func (Connector) Dialect() dialect.Dialect { return New() }

// Parse reads the file's path; the DSN turns foreign keys on and waits for
// a busy database, and passes the URL's own query on to the driver.
func (Connector) Parse(raw string) (dialect.Target, error) {
	t := dialect.Target{URL: raw, Driver: "sqlite"}
	_, rest, _ := strings.Cut(raw, ":")
	path, query, _ := strings.Cut(rest, "?")
	path = strings.TrimPrefix(path, "//")
	if path == "" {
		return t, fmt.Errorf("database URL %q names no file", raw)
	}
	t.File = path
	t.DSN = dsn(path, query)
	return t, nil
}

func dsn(path, query string) string {
	s := "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(30000)"
	if query != "" {
		s += "&" + query
	}
	return s
}

// Create creates the file: an empty file is an empty SQLite database.
func (Connector) Create(_ context.Context, t dialect.Target) (bool, error) {
	f, err := os.OpenFile(t.File, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("create %s: %w", t.File, err)
	}
	return true, f.Close()
}

// Drop removes the file, with its -wal, -shm and -journal companions.
func (Connector) Drop(_ context.Context, t dialect.Target) (bool, error) {
	existed := false
	for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
		err := os.Remove(t.File + suffix)
		if err == nil && suffix == "" {
			existed = true
		}
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return existed, fmt.Errorf("drop %s: %w", t.File+suffix, err)
		}
	}
	return existed, nil
}

// Local is always nil: the file is opened in this process.
func (Connector) Local(dialect.Target) error { return nil }

var standIns atomic.Int64

// StandIn returns a new empty in-memory database, shared by the
// connections of one *sql.DB (each gets a name of its own) and gone when
// it closes, when the file does not exist in a directory that does.
// (When the directory is missing too, opening the file fails, naming the
// URL: most likely a typo.)
func (Connector) StandIn(t dialect.Target) (dialect.Target, bool) {
	if _, err := os.Stat(t.File); !errors.Is(err, fs.ErrNotExist) {
		return dialect.Target{}, false
	}
	if st, err := os.Stat(filepath.Dir(t.File)); err != nil || !st.IsDir() {
		return dialect.Target{}, false
	}
	name := fmt.Sprintf("lark-empty-%d", standIns.Add(1))
	return dialect.Target{URL: "sqlite:" + name + "?mode=memory&cache=shared", Driver: "sqlite", DSN: dsn(name, "mode=memory&cache=shared")}, true
}
