package dialect

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Runtime is what the migrator needs from a database besides [Dialect.Plan]:
// the versions table's SQL, bind placeholders, how a migration's transaction
// begins, and the migration lock. Each dialect package provides one; the
// engine uses it only through this interface.
type Runtime interface {
	// Placeholder returns the n-th (1-based) bind parameter: "$1" or "?1".
	Placeholder(n int) string
	// QuoteIdent quotes one identifier.
	QuoteIdent(name string) string
	// QualifiedName quotes a table name, in schema prefix when it is set.
	QualifiedName(prefix, name string) string
	// VersionsDDL creates the versions table (Ecto's schema_migrations:
	// version bigint primary key, inserted_at timestamp(0)) when missing.
	// table is already quoted and qualified.
	VersionsDDL(table string) string
	// VersionsColumns returns the names of the columns the versions table
	// has now, empty when the table does not exist.
	VersionsColumns(ctx context.Context, q Querier, prefix, name string) ([]string, error)
	// ColumnType maps a lark versions-table column kind ("text", "bigint")
	// to the database's type.
	ColumnType(kind string) string
	// Now is an SQL expression for the current UTC time, to the second, in
	// the form the inserted_at column stores.
	Now() string
	// Begin is the statement that opens a migration's transaction; on
	// SQLite it takes the write lock at once (BEGIN IMMEDIATE), so that two
	// processes never apply the same migration.
	Begin() string
	// Lock takes the migration lock for key, waiting for it, and returns a
	// function that releases it. A database that serialises migrations by
	// its transactions alone (SQLite) returns a no-op.
	Lock(ctx context.Context, db *sql.DB, key string) (unlock func() error, err error)
}

// Querier is what a Runtime reads and writes through: a *sql.DB, *sql.Conn
// or *sql.Tx.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// Driver is a dialect with its runtime: everything the migrator needs to
// run migrations against one kind of database.
type Driver interface {
	Dialect
	Runtime
}

// WithRuntime joins a Dialect and a Runtime into a [Driver].
func WithRuntime(d Dialect, r Runtime) Driver {
	return driver{d, r}
}

type driver struct {
	Dialect
	Runtime
}

// Parts returns the Dialect and the Runtime a Driver joins: the two given
// to [WithRuntime], or d itself twice. It lets a caller look for the
// optional interfaces ([SnapshotPlanner], [SnapshotReader], [TxGuard],
// [Explainer]) on the values that implement them.
func Parts(d Driver) (Dialect, Runtime) {
	if j, ok := d.(driver); ok {
		return j.Dialect, j.Runtime
	}
	return d, d
}

// SnapshotReader is implemented by a Runtime whose dialect is a
// [SnapshotPlanner]: it reads the schema a plan starts from, on the
// migration's connection or transaction, without changing anything.
type SnapshotReader interface {
	ReadSnapshot(ctx context.Context, q Querier) (Snapshot, error)
}

// TxGuard is implemented by a Runtime that must change connection settings
// around a migration that rebuilds a table. SQLite cannot switch foreign
// key enforcement inside a transaction, and a table rebuild must never fire
// ON DELETE actions, so for such a migration its guard turns enforcement
// off before BEGIN, checks every foreign key before COMMIT, and turns it
// back on afterwards. Any other migration runs with the connection as it
// is.
type TxGuard interface {
	// BeforeBegin prepares the connection q before the transaction opens
	// (or before a migration that runs without one). rebuild says whether
	// the migration was foreseen to plan a statement with [Stmt.Rebuild];
	// without it the guard may leave q untouched.
	BeforeBegin(ctx context.Context, q Querier, rebuild bool) (Guard, error)
	// CanRebuild reports whether a table rebuild may run on q now. The
	// migrator asks before it runs a rebuild it did not foresee; false
	// (SQLite: foreign keys are enforced) makes it refuse the migration.
	CanRebuild(ctx context.Context, q Querier) (bool, error)
}

// Guard is what a [TxGuard] set up for one migration.
type Guard struct {
	// BeforeCommit, when set, checks the database on the same connection,
	// inside the transaction, just before COMMIT; an error rolls back.
	BeforeCommit func(ctx context.Context) error
	// Restore, when set, puts the connection back as it was, after COMMIT
	// or ROLLBACK.
	Restore func(ctx context.Context) error
}

// Explainer is implemented by a Runtime that can say more about a failed
// statement by reading the database, still inside the failed migration's
// transaction: which rows broke a NOT NULL or CHECK during a table rebuild.
// It returns detail lines for the error, or none.
type Explainer interface {
	Explain(ctx context.Context, q Querier, s Stmt, err error) []string
}

// ManyExecer is implemented by a Runtime that can run one statement for
// many sets of arguments faster than one ExecContext each (exec_many);
// without it the engine prepares the statement once and runs it per set.
type ManyExecer interface {
	// ExecMany runs query once for each of sets, in order, on q (inside
	// whatever transaction q has open), and returns the rows affected in
	// all. An error says which set failed, as "rows[i]: ...".
	ExecMany(ctx context.Context, q Querier, query string, sets [][]any) (int64, error)
}

// ExecEach runs query once for each of sets on q: the way to run exec_many
// without a [ManyExecer]. When q can prepare statements (a *sql.Conn or
// *sql.Tx) the statement is prepared once.
func ExecEach(ctx context.Context, q Querier, query string, sets [][]any) (int64, error) {
	exec := q.ExecContext
	if p, ok := q.(interface {
		PrepareContext(ctx context.Context, query string) (*sql.Stmt, error)
	}); ok {
		stmt, err := p.PrepareContext(ctx, query)
		if err != nil {
			return 0, err
		}
		defer stmt.Close()
		exec = func(ctx context.Context, _ string, args ...any) (sql.Result, error) {
			return stmt.ExecContext(ctx, args...)
		}
	}
	var total int64
	for i, args := range sets {
		res, err := exec(ctx, query, args...)
		if err != nil {
			return total, fmt.Errorf("rows[%d]: %w", i, err)
		}
		if n, err := res.RowsAffected(); err == nil {
			total += n
		}
	}
	return total, nil
}

// TryLocker is implemented by a Runtime whose lock can be tried without
// waiting: ok is false when another runner holds it. The migrator uses it
// to tell a migration another runner is applying right now from one that
// failed part-way.
type TryLocker interface {
	TryLock(ctx context.Context, db *sql.DB, key string) (unlock func() error, ok bool, err error)
}

// PollLock waits for a lock by calling try until it succeeds, the first
// wait 5ms and doubling up to most between attempts, or until ctx ends. A
// runner waiting this way holds nothing in the database between attempts
// (see the PostgreSQL runtime's Lock for why that matters).
func PollLock(ctx context.Context, most time.Duration, try func() (unlock func() error, ok bool, err error)) (func() error, error) {
	wait := 5 * time.Millisecond
	for {
		unlock, ok, err := try()
		if err != nil || ok {
			return unlock, err
		}
		select {
		case <-ctx.Done():
			return nil, fmt.Errorf("migration lock: %w", ctx.Err())
		case <-time.After(wait):
		}
		wait = min(wait*2, most)
	}
}
