// Package engine runs migrations: the [Migrator] applies and rolls back the
// migrations of a directory against a database, recording them in the
// versions table, under a lock, one transaction per migration.
//
// It is one of three packages that together do what DESIGN.md calls the
// engine, each with one job:
//
//   - engine/eval hosts the Starlark scripts: it evaluates a file into an
//     operation log and reverses logs, without a database;
//   - engine/apply applies one migration's ops to a database as its script
//     runs: planned statements, and the data builtins with their progress
//     records;
//   - engine (this package) is the migrator: versions table, locks,
//     transactions, up/down/redo/status/plan.
package engine

import (
	"github.com/larkdb/lark/engine/apply"
	"github.com/larkdb/lark/engine/eval"
)

// The migrator's API speaks of these evaluation types; they are package
// eval's, named here so a program using the migrator needs one import.
type (
	// Direction is the way a migration runs: [Up] or [Down].
	Direction = eval.Direction
	// Settings are a migration file's module-level settings.
	Settings = eval.Settings
	// IrreversibleError reports an op that cannot be rolled back.
	IrreversibleError = eval.IrreversibleError
	// DataProgress reports how far a backfill() or batches() loop has got
	// (see [WithDataProgress]).
	DataProgress = apply.Progress
)

// The two directions.
const (
	Up   = eval.Up
	Down = eval.Down
)
