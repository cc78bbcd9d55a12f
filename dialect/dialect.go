// Package dialect defines what the engine needs from a database dialect:
// turning an operation log into SQL statements. The dialects themselves live
// in the packages below it (dialect/postgres, dialect/sqlite); each depends
// only on package op and this one, never on the engine or the builtins.
//
// A dialect plans without I/O: Plan is a pure function of the ops, so `lark
// plan` prints exactly what `lark up` runs.
package dialect

import "github.com/larkdb/lark/op"

// Stmt is one SQL statement planned from an op.
type Stmt struct {
	SQL string
	// Op is the index, in the slice given to Plan, of the op that produced
	// this statement, and Pos is that op's script position, so a database
	// error can be reported at the line that asked for it.
	Op  int
	Pos op.Pos
	// NoTx marks a statement that cannot run inside a transaction block,
	// such as PostgreSQL's CREATE INDEX CONCURRENTLY.
	NoTx bool
	// Rebuild marks a statement of a table rebuild (SQLite): the migrator
	// runs a migration that plans one inside the runtime's [TxGuard] with
	// rebuild set, and refuses one it did not foresee.
	Rebuild bool `json:",omitempty"`
	// Leftover names (quoted, qualified) what an interrupted run of this
	// statement leaves behind: PostgreSQL's CREATE INDEX CONCURRENTLY,
	// failed or killed, leaves its index INVALID, and building it again
	// fails on the name. A [LeftoverCleaner] runtime removes such a
	// leftover before the statement runs.
	Leftover string `json:",omitempty"`
}

// Dialect renders ops as SQL for one database.
type Dialect interface {
	// Name is "postgres" or "sqlite": what a script's dialect() returns.
	Name() string
	// Plan returns the statements that apply ops, in order. An op the
	// dialect cannot render (an unknown column type, a feature the
	// database lacks) is reported as an *op.Error at the op's position,
	// and no statements are returned.
	Plan(ops []op.Op) ([]Stmt, error)
}

// SnapshotPlanner is implemented by a dialect that needs the current schema
// to plan some ops: SQLite rebuilds a table to change a column, and needs
// the table's definition for that. Planning stays free of I/O: the caller
// reads the snapshot (see [SnapshotReader]) and passes it in.
type SnapshotPlanner interface {
	Dialect
	// NeedsSnapshot reports whether planning ops reads the snapshot; when
	// it does not, Plan(ops) gives the same statements.
	NeedsSnapshot(ops []op.Op) bool
	// PlanWithSnapshot plans ops against before and returns the
	// statements and the schema as it will be after them, so that a later
	// batch (or the next migration in `lark plan`) can be planned against it.
	PlanWithSnapshot(ops []op.Op, before Snapshot) ([]Stmt, Snapshot, error)
}
