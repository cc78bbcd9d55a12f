package engine

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"time"

	"github.com/larkdb/lark/builtins"
	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/engine/apply"
	"github.com/larkdb/lark/engine/eval"
	"github.com/larkdb/lark/op"
)

// DefaultTable is the versions table's name: Ecto's.
const DefaultTable = "schema_migrations"

// Migrator applies and rolls back the migrations of one directory (any
// fs.FS, such as an embed.FS) against one database, recording them in the
// versions table. Build one with [NewMigrator]; it is safe to use from one
// goroutine at a time, and any number of processes may run migrators
// against the same database at once: the lock and the transactions make
// sure each migration is applied once.
type Migrator struct {
	db     *sql.DB
	d      dialect.Dialect
	fsys   fs.FS
	table  string
	prefix string
	// vt writes the versions table's statements.
	vt         dialect.VersionsTable
	logSQL     io.Writer
	allowDrift bool
	maxSteps   uint64
	now        func() time.Time
	// dataProgress receives the progress of data loops (WithDataProgress).
	dataProgress func(DataProgress)
	// print receives what scripts print() (WithPrint).
	print io.Writer
}

// MigratorOption configures a [Migrator]. Options check their arguments:
// [NewMigrator] returns the first error.
type MigratorOption func(*Migrator) error

// WithTable names the versions table (default "schema_migrations").
func WithTable(name string) MigratorOption {
	return func(m *Migrator) error {
		if !op.IsIdent(name) {
			return fmt.Errorf("versions table name %q is not a plain identifier", name)
		}
		m.table = name
		return nil
	}
}

// WithPrefix puts the versions table in schema prefix (an attached
// database on SQLite) and makes it the default prefix of the migrations'
// ops, as Ecto's --prefix does.
func WithPrefix(prefix string) MigratorOption {
	return func(m *Migrator) error {
		if prefix != "" && !op.IsIdent(prefix) {
			return fmt.Errorf("prefix %q is not a plain identifier", prefix)
		}
		m.prefix = prefix
		return nil
	}
}

// WithLogSQL writes every statement to w before it runs.
func WithLogSQL(w io.Writer) MigratorOption {
	return func(m *Migrator) error {
		m.logSQL = w
		return nil
	}
}

// WithAllowDrift lets Up run although an applied migration's file has
// changed since it was applied (its stored log still decides its rollback).
func WithAllowDrift(allow bool) MigratorOption {
	return func(m *Migrator) error {
		m.allowDrift = allow
		return nil
	}
}

// WithDataProgress calls f as data loops progress: after each batch, at
// most every 100 ms, and once more when the loop ends.
func WithDataProgress(f func(DataProgress)) MigratorOption {
	return func(m *Migrator) error {
		m.dataProgress = f
		return nil
	}
}

// WithPrint makes what migration scripts print() go to w, one line per
// call: "file:line: message". Without it print() writes nothing.
func WithPrint(w io.Writer) MigratorOption {
	return func(m *Migrator) error {
		m.print = w
		return nil
	}
}

// WithMaxSteps bounds the Starlark steps of each script call (0: the
// engine's default).
func WithMaxSteps(n uint64) MigratorOption {
	return func(m *Migrator) error {
		m.maxSteps = n
		return nil
	}
}

// NewMigrator returns a migrator for the migrations in fsys (see
// scripts.Discover for the file names) on db, which d describes (e.g.
// sqlite.New(); package connect opens a database by URL and returns its
// dialect).
func NewMigrator(db *sql.DB, d dialect.Dialect, fsys fs.FS, opts ...MigratorOption) (*Migrator, error) {
	switch {
	case db == nil:
		return nil, errors.New("engine.NewMigrator: nil *sql.DB")
	case d == nil:
		return nil, errors.New("engine.NewMigrator: nil dialect")
	case fsys == nil:
		return nil, errors.New("engine.NewMigrator: nil fs.FS")
	}
	m := &Migrator{db: db, d: d, fsys: fsys, table: DefaultTable, now: time.Now}
	for _, o := range opts {
		if err := o(m); err != nil {
			return nil, fmt.Errorf("engine.NewMigrator: %w", err)
		}
	}
	if m.prefix != "" && !d.Capabilities().Schemas {
		// The dialect refuses prefixed ops, so a default prefix would make
		// every migration fail.
		return nil, fmt.Errorf("engine.NewMigrator: prefix %q: %s has no schemas; --prefix applies only to a database that has them, such as PostgreSQL", m.prefix, d.Title())
	}
	m.vt = dialect.NewVersionsTable(d, m.prefix, m.table)
	return m, nil
}

// Target selects the migrations an Up, Down or Plan works on. The zero
// Target means every pending migration for Up, and the last applied one
// for Down.
type Target struct {
	// To is a version: Up applies pending migrations up to and including
	// it; Down rolls back applied migrations down to and including it (as
	// Ecto's --to does). It must be the version of a migration file or of
	// an applied migration.
	To int64
	// Step is how many migrations to apply or roll back.
	Step int
	// All rolls back every applied migration (Down only).
	All bool
	// Continue resumes a migration that failed part-way outside a
	// transaction, skipping the operations that ran (Up only).
	Continue bool

	// only, when set, restricts Up to these versions: Redo re-applies
	// exactly what it rolled back, never another pending migration.
	only map[int64]bool
}

func (t Target) validate() error {
	n := 0
	if t.To != 0 {
		n++
	}
	if t.Step != 0 {
		n++
	}
	if t.All {
		n++
	}
	if n > 1 {
		return errors.New("give at most one of --to, --step and --all")
	}
	if t.Step < 0 {
		return fmt.Errorf("--step must be positive, not %d", t.Step)
	}
	return nil
}

// Result is one migration that an Up or Down ran.
type Result struct {
	Version   int64         `json:"version"`
	Name      string        `json:"name"`
	Direction Direction     `json:"direction"`
	Duration  time.Duration `json:"duration_ns"`
	// Ops is how many operations ran.
	Ops int `json:"ops"`
}

func (m *Migrator) engineOptions() eval.Options {
	o := ScriptOptions(m.d)
	o.Prefix, o.MaxSteps, o.Print = m.prefix, m.maxSteps, m.print
	return o
}

// ScriptOptions returns the options that evaluate scripts for d: what
// dialect() returns, and what the builtins must know of the database.
func ScriptOptions(d dialect.Dialect) eval.Options {
	c := d.Capabilities()
	return eval.Options{Dialect: d.Name(), Traits: builtins.Traits{
		TimeAsText:               c.TimeAsText,
		ConcurrentIndexOutsideTx: c.ConcurrentIndexOutsideTx,
	}}
}

// executor returns the executor of one migration running on q: persist
// and prev as in [apply.Config].
func (m *Migrator) executor(q dialect.Querier, persist func(context.Context, op.Log) error, prev op.Log) *apply.Executor {
	return apply.New(apply.Config{
		Dialect: m.d, Q: q, Plan: m.planOn, LogSQL: m.logSQL, Progress: m.dataProgress,
		Persist: persist, Prev: prev,
	})
}
