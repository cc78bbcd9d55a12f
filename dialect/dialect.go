// Package dialect defines everything lark needs from one kind of database,
// as explicit interfaces: turning an operation log into SQL, the SQL text of
// the versions table and of data loops, and the runtime work that touches a
// database (locks, timeouts, cursors, catalog reads). The databases
// themselves live in the packages below it (dialect/postgres,
// dialect/sqlite); each depends only on package op and this one, never on
// the engine or the builtins, and the engine uses them only through
// [Dialect]. No other package compares dialect names or writes SQL of its
// own.
//
// A dialect plans without I/O: [Planner.Plan] is a pure function of the
// ops, so `lark plan` prints exactly what `lark up` runs.
//
// Adding a database means one new package under dialect/ that implements
// [Dialect] and [Connector] (with `var _ dialect.Dialect = ...` checks), and
// one line in package connect's list of connectors.
package dialect

import (
	"strings"

	"github.com/larkdb/lark/op"
)

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
	// runs a migration that plans one inside the dialect's guard
	// ([Rebuilder]) with rebuild set, and refuses one it did not foresee.
	Rebuild bool `json:",omitempty"`
	// Leftover names (quoted, qualified) what an interrupted run of this
	// statement leaves behind: PostgreSQL's CREATE INDEX CONCURRENTLY,
	// failed or killed, leaves its index INVALID, and building it again
	// fails on the name. [Runner.CleanLeftover] removes such a leftover
	// before the statement runs.
	Leftover string `json:",omitempty"`
}

// Dialect is one kind of database, whole. Every method is required: a
// database without a feature implements it as a documented no-op (a
// PostgreSQL rebuild guard that guards nothing, say), so that a drifted
// signature is a compile error, never a feature silently switched off.
type Dialect interface {
	// Name is "postgres" or "sqlite": what a script's dialect() returns.
	// It is a name to show and to hand to scripts, never to branch on:
	// what differs between databases is a method here.
	Name() string
	// Title is the database's name in messages: "PostgreSQL", "SQLite".
	Title() string
	// Capabilities says what the database can do that others cannot.
	Capabilities() Capabilities

	Planner
	Syntax
	Versions
	Data
	Runner
	Rebuilder
	Timeouts
	CatalogReader
}

// Capabilities are the features that set databases apart, for callers
// that must choose before they ask the dialect for SQL.
type Capabilities struct {
	// Schemas: ops and the versions table may live in a schema other
	// than the default (--prefix, prefix=). SQLite has none.
	Schemas bool
	// VersionLocks: a migration that gives up the run lock
	// (disable_migration_lock) holds a lock of its own meanwhile, so that
	// another runner can tell it is running. Without them (SQLite, whose
	// run lock is one file lock kept for the whole run) the run lock is
	// never given up.
	VersionLocks bool
	// Rebuilds: some changes rebuild a table (SQLite), so planning them
	// reads a snapshot of the schema, and a migration foreseen to rebuild
	// runs inside the [Rebuilder]'s guard. Without it, the migrator never
	// reads a snapshot nor foresees a migration.
	Rebuilds bool
	// TimeAsText: the database has no time type, and stores times as ISO
	// 8601 text in UTC (SQLite, as ecto_sqlite3 does); data statements bind
	// time values so.
	TimeAsText bool
	// ConcurrentIndexOutsideTx: an index is built or dropped concurrently
	// only outside a transaction block (PostgreSQL), so concurrently=True
	// needs disable_ddl_transaction. A database without concurrent builds
	// ignores the option.
	ConcurrentIndexOutsideTx bool
	// Embedded: the database is a file that lark opens in-process (SQLite),
	// so it is on this machine whatever its URL says.
	Embedded bool
}

// Planner turns ops into statements, without I/O.
type Planner interface {
	// Plan returns the statements that apply ops, in order. An op the
	// dialect cannot render (an unknown column type, a feature the
	// database lacks) is reported as an *op.Error at the op's position,
	// and no statements are returned.
	Plan(ops []op.Op) ([]Stmt, error)
	// NeedsSnapshot reports whether planning ops reads the schema a plan
	// starts from (SQLite rebuilds a table to change a column, and needs
	// the table's definition for that); when it does not, Plan(ops) gives
	// the same statements as PlanWithSnapshot. The caller reads the
	// snapshot ([Rebuilder.ReadSnapshot]) and passes it in.
	NeedsSnapshot(ops []op.Op) bool
	// PlanWithSnapshot plans ops against before and returns the
	// statements and the schema as it will be after them, so that a later
	// batch (or the next migration in `lark plan`) can be planned against it.
	PlanWithSnapshot(ops []op.Op, before Snapshot) ([]Stmt, Snapshot, error)
}

// DropsTable reports whether s drops a table: of a table rebuild's
// statements, the one to show a user who must decide whether the rebuild
// may run.
func DropsTable(s Stmt) bool { return strings.HasPrefix(s.SQL, "DROP TABLE ") }
