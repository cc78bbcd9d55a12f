package watch

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"time"

	"github.com/larkdb/lark/engine"
)

// Defaults of [Config].
const (
	// DefaultQuiet is how long the directory must stay quiet after an
	// event before watch acts: long enough to gather an editor's save
	// burst (write, create temp, rename, chmod), short enough not to be
	// felt.
	DefaultQuiet = 40 * time.Millisecond
	// DefaultMaxWait bounds how long a steady stream of events can hold
	// an action back.
	DefaultMaxWait = time.Second
)

// Config configures [Run].
type Config struct {
	// Migrator applies and rolls back the migrations. Its migrations FS
	// must be Dir, e.g. engine.NewMigrator(db, d, os.DirFS(dir)).
	Migrator *engine.Migrator
	// Dir is the migrations directory on disk.
	Dir string
	// FS reads Dir; nil means os.DirFS(Dir). Give the FS the Migrator
	// reads, so that watch sees the files exactly as the migrator does
	// (the lark command gives an os.Root's FS, which refuses symbolic
	// links out of the directory).
	FS fs.FS
	// Out receives one line per action and every error; nil discards.
	Out io.Writer
	// ShowPaths, when set, rewrites in place the script positions of an
	// error before it is printed. They are relative to Dir, as the
	// migrator reports them; cmd/lark makes them paths from the working
	// directory (migrations/2_b.star:3:1), as `lark up` prints them.
	ShowPaths func(error)
	// Database is the URL the migrator's database was opened with. Run
	// refuses it unless it is local (see [CheckLocal]) or AllowRemote is
	// set. It may be empty for SQLite; for PostgreSQL it is required
	// unless AllowRemote is set.
	Database string
	// AllowRemote lets watch work on a database on another host.
	AllowRemote bool
	// Dump, when set, is a file that receives the schema (as
	// dialect/schema renders what [engine.Migrator.ReadSchema] reads)
	// after every action.
	Dump string
	// Quiet is the debounce window; 0 means [DefaultQuiet].
	Quiet time.Duration
	// MaxWait bounds the delay of an action under a steady stream of
	// events; 0 means [DefaultMaxWait].
	MaxWait time.Duration
	// Clock is the time source of the debounce; nil means the real one.
	Clock Clock

	// onEvent, when set (by tests), sees the path of every event taken
	// into a batch, from the loop's goroutine.
	onEvent func(rel string)
}

// Clock is what the debounce reads time from, so tests can drive it.
type Clock interface {
	Now() time.Time
	// After is time.After: a channel that receives once d has passed.
	After(d time.Duration) <-chan time.Time
}

type realClock struct{}

func (realClock) Now() time.Time                         { return time.Now() }
func (realClock) After(d time.Duration) <-chan time.Time { return time.After(d) }

// withDefaults checks c and fills in its defaults.
func (c Config) withDefaults() (Config, error) {
	if c.Migrator == nil {
		return c, errors.New("watch: Config.Migrator is nil")
	}
	if c.Dir == "" {
		return c, errors.New("watch: Config.Dir is empty")
	}
	st, err := os.Stat(c.Dir)
	if err != nil {
		return c, fmt.Errorf("watch: migrations directory: %w", err)
	}
	if !st.IsDir() {
		return c, fmt.Errorf("watch: %s is not a directory", c.Dir)
	}
	if c.Quiet < 0 || c.MaxWait < 0 {
		return c, errors.New("watch: Quiet and MaxWait must not be negative")
	}
	if c.Out == nil {
		c.Out = io.Discard
	}
	if c.Quiet == 0 {
		c.Quiet = DefaultQuiet
	}
	if c.MaxWait == 0 {
		c.MaxWait = DefaultMaxWait
	}
	if c.MaxWait < c.Quiet {
		c.MaxWait = c.Quiet
	}
	if c.Clock == nil {
		c.Clock = realClock{}
	}
	if !c.AllowRemote {
		if err := c.checkLocal(); err != nil {
			return c, err
		}
	}
	return c, nil
}

func (c Config) checkLocal() error {
	if c.Database == "" {
		if c.Migrator.Dialect().Capabilities().Embedded {
			return nil
		}
		return errors.New("watch: set Config.Database to the database URL, so watch can check that the database is local, or set Config.AllowRemote")
	}
	return CheckLocal(c.Database)
}
