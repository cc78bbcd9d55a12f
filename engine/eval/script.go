// Package eval hosts migration scripts: it evaluates a Starlark file into
// an operation log, and reverses logs. It knows no database; the migrator
// (package engine) lends a running script an [Executor] that applies ops as
// the script flushes them.
//
// Evaluation: [Load] runs a file's top level (settings, callbacks, load()ed
// helpers) and [Script.Run] calls its callbacks with the builtins recording
// into an [op.Log], applied through an [Executor] as the script flushes.
// Reversal: [Reverse] inverts a log by Ecto's rules, without a database, and
// [Revert] applies the inverse of a stored log.
package eval

import (
	"context"
	"fmt"
	"io"
	"io/fs"

	"github.com/larkdb/lark/builtins"
	"github.com/larkdb/lark/op"
)

// Direction is the way a migration runs.
type Direction string

// The two directions.
const (
	Up   Direction = "up"
	Down Direction = "down"
)

// Executor applies ops while a script runs; see [builtins.Executor].
type Executor = builtins.Executor

// Settings are the module-level settings a migration file may set.
type Settings struct {
	DisableDDLTransaction bool `json:"disable_ddl_transaction,omitempty"`
	DisableMigrationLock  bool `json:"disable_migration_lock,omitempty"`
	// LockTimeout (lock_timeout = "5s") bounds how long the migration's
	// statements wait for a lock; StatementTimeout (statement_timeout =
	// "1m") how long any one statement runs. See docs/data-migrations.md.
	LockTimeout      Timeout `json:"lock_timeout,omitzero"`
	StatementTimeout Timeout `json:"statement_timeout,omitzero"`
}

// Options configure evaluation.
type Options struct {
	// Dialect is what dialect() returns in scripts: "postgres" or "sqlite".
	Dialect string
	// Traits tell the builtins what the database does differently
	// (engine.ScriptOptions fills them from the dialect).
	Traits builtins.Traits
	// Prefix is what prefix() returns, and the default prefix of ops.
	Prefix string
	// MaxSteps bounds the Starlark steps of one call; 0 means the default.
	MaxSteps uint64
	// Print receives what scripts print(), a line "file:line: message"
	// per call, from the top level and from runs with an Executor (see
	// print.go); nil discards it.
	Print io.Writer
}

// Script is a loaded migration file: its top level has run, its settings
// are read and its callbacks found.
type Script struct {
	// File is the path of the script inside the migrations FS.
	File string
	// Settings are the module-level settings.
	Settings Settings
	// Files lists the files read: File first, then each helper loaded with
	// load(), in load order. It is filled even when Load fails, so a
	// watcher knows which files to watch after a broken save.
	Files []string

	st scriptState
}

// Load runs the top level of the migration file at file in fsys (src is
// its content; load() resolves other files in fsys) and returns the script.
// Errors are *op.Error with the position in the script. On error Load
// still returns a Script, whose only use is its Files.
func Load(ctx context.Context, fsys fs.FS, file string, src []byte, opts Options) (*Script, error) {
	s := &Script{File: file, Files: []string{file}, st: scriptState{
		fsys: fsys, opts: opts, modules: map[string]*module{},
	}}
	if err := s.load(ctx, src); err != nil {
		return s, err
	}
	return s, nil
}

// Run runs the migration in direction dir. Up calls up() if the file
// defines it, else change(). Down calls down() if defined, else records
// change() and reverses it, failing with an *IrreversibleError before
// anything is applied when an op cannot be reversed.
//
// With a nil exec nothing is applied and Run only records (lark plan).
// Otherwise every op is applied through exec, as the script flushes and at
// the end. Run returns the log of what ran, also on error (then the log
// holds what was recorded up to the failure).
func (s *Script) Run(ctx context.Context, dir Direction, exec Executor) (op.Log, error) {
	switch dir {
	case Up:
		if s.st.callbacks["up"] != nil {
			return s.call(ctx, "up", Up, exec)
		}
		return s.call(ctx, "change", Up, exec)
	case Down:
		if s.st.callbacks["up"] != nil {
			if s.st.callbacks["down"] == nil {
				return nil, &IrreversibleError{Pos: toPos(s.st.callbacks["up"].Position()), Op: "up", Reason: "the migration defines up() but no down()"}
			}
			return s.call(ctx, "down", Down, exec)
		}
		log, err := s.callPrinting(ctx, "change", Down, nil, exec != nil)
		if err != nil {
			return log, err
		}
		rev, err := Reverse(log)
		if err != nil {
			return nil, err
		}
		return RunLog(ctx, s, rev, exec)
	}
	return nil, fmt.Errorf("eval: unknown direction %q", dir)
}

// RunCallback runs the callback name ("after_begin" or "before_commit") if
// the file defines it, the same way as Run; it returns a nil log if not.
// dir is the direction of the migration the callback runs in: inside the
// callback, direction() returns it, as Ecto's direction/0 does.
func (s *Script) RunCallback(ctx context.Context, name string, dir Direction, exec Executor) (op.Log, error) {
	if name != "after_begin" && name != "before_commit" {
		return nil, fmt.Errorf("eval: %q is not a callback (want after_begin or before_commit)", name)
	}
	if s.st.callbacks[name] == nil {
		return nil, nil
	}
	return s.call(ctx, name, dir, exec)
}

// RecordUp records, without a database, what applying s does in its
// transaction: after_begin, up() or change(), before_commit. It returns
// what was recorded, also on error (what ran before the failure). This is
// what `lark plan` plans, and what the migrator and watch look at before
// a migration runs.
func (s *Script) RecordUp(ctx context.Context) (op.Log, error) {
	var log op.Log
	for _, step := range []func() (op.Log, error){
		func() (op.Log, error) { return s.RunCallback(ctx, "after_begin", Up, nil) },
		func() (op.Log, error) { return s.Run(ctx, Up, nil) },
		func() (op.Log, error) { return s.RunCallback(ctx, "before_commit", Up, nil) },
	} {
		l, err := step()
		log = append(log, l...)
		if err != nil {
			return log, err
		}
	}
	return log, nil
}

// Revert applies the inverse of log, a log stored when the migration was
// applied, through exec, and returns the log of what ran. It reverses the
// whole log first, so an irreversible op fails before anything is applied.
// s may be nil; it is needed only when the log holds an execute() whose
// down side is a Starlark function, which is called by name from s.
func Revert(ctx context.Context, log op.Log, s *Script, exec Executor) (op.Log, error) {
	rev, err := Reverse(log)
	if err != nil {
		return nil, err
	}
	return RunLog(ctx, s, rev, exec)
}

// Reverse returns the inverse of log in reverse order, or an
// *IrreversibleError for the first op (in log order) that cannot be reversed.
func Reverse(log op.Log) (op.Log, error) {
	out := make(op.Log, len(log))
	for i, o := range log {
		r, err := reverseOp(o)
		if err != nil {
			return nil, err
		}
		out[len(log)-1-i] = r
	}
	return out, nil
}

// IrreversibleError reports an op that cannot be reversed.
type IrreversibleError struct {
	Pos    op.Pos
	Op     string // the builtin as the user wrote it, e.g. "remove" or "execute"
	Reason string // e.g. `remove("legacy") has no type`
}

// Error renders the error as "file:line:col: OP is irreversible: REASON".
func (e *IrreversibleError) Error() string {
	return fmt.Sprintf("%s: %s is irreversible: %s", e.Pos, e.Op, e.Reason)
}

// HasUpDown reports whether the migration is written as up() and down()
// (rather than change()); false for a nil Script.
func (s *Script) HasUpDown() bool {
	return s != nil && s.st.callbacks["up"] != nil && s.st.callbacks["down"] != nil
}
