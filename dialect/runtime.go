package dialect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"
)

// Syntax is the SQL text a dialect writes for the migrator and the data
// executor: quoting, placeholders, and the statement that opens a
// migration's transaction.
type Syntax interface {
	// Placeholder returns the n-th (1-based) bind parameter: "$1" or "?1".
	Placeholder(n int) string
	// Bind rewrites the $1, $2, ... placeholders of a script's data
	// statement for the database (scripts write PostgreSQL's form on
	// every database).
	Bind(sql string) string
	// QuoteIdent quotes one identifier.
	QuoteIdent(name string) string
	// QualifiedName quotes a table name, in schema prefix when it is set.
	QualifiedName(prefix, name string) string
	// Begin is the statement that opens a migration's transaction; on
	// SQLite it takes the write lock at once (BEGIN IMMEDIATE), so that two
	// processes never apply the same migration.
	Begin() string
	// Now is an SQL expression for the current UTC time, to the second, in
	// the form the inserted_at column stores.
	Now() string
}

// Versions is the versions table's database-specific part; the statements
// common to every database are [VersionsTable]'s.
type Versions interface {
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
}

// Data is what the data builtins need beyond plain statements.
type Data interface {
	// OpenStream starts reading the rows of query (already bound, see
	// [Syntax.Bind]) inside the transaction open on q, for a batches()
	// loop without a key: the loop's own writes must not change what it
	// reads. log, when not nil, receives each statement the stream runs
	// that the user should see (--log-sql).
	OpenStream(ctx context.Context, q Querier, query string, args []any, log func(string)) (Stream, error)
	// EstimateRows returns the planner's estimate of how many rows query
	// returns, when the database has a cheap one; ok is false otherwise.
	EstimateRows(ctx context.Context, q Querier, query string, args []any) (n int64, ok bool)
	// BackfillSQL returns the statements of one backfill() batch.
	BackfillSQL(b Backfill) BackfillStmts
	// ExecMany runs query once for each of sets, in order, on q (inside
	// whatever transaction q has open), and returns the rows affected in
	// all. An error says which set failed, as "rows[i]: ...". [ExecEach]
	// is the plain way; a database may do it in fewer round trips.
	ExecMany(ctx context.Context, q Querier, query string, sets [][]any) (int64, error)
}

// Stream is an open keyless batches() loop: see [Data.OpenStream].
type Stream interface {
	// Columns returns the names and declared types of the rows, when the
	// stream knows them before the first batch; nil otherwise, and the
	// caller reads them from the first batch's result.
	Columns() (names, types []string)
	// Batch returns the result to read the next batch (up to n rows)
	// from. own is true when the result holds that batch alone and the
	// caller closes it after reading; false when it is the stream's one
	// result, read on by each batch and closed by Close.
	Batch(ctx context.Context, n int) (rows *sql.Rows, own bool, err error)
	// Close ends the stream inside its transaction (closing a cursor,
	// dropping a copy). It may run statements, so the transaction must
	// still be open.
	Close(ctx context.Context) error
	// Release frees what the stream holds in the process, without
	// statements: after a failure, before ROLLBACK.
	Release()
}

// Runner is the runtime work that touches the database around
// statements: the migration lock, and the repair of what an interrupted
// statement left behind.
type Runner interface {
	// Lock takes the migration lock for key, waiting for it, and returns a
	// function that releases it.
	Lock(ctx context.Context, db *sql.DB, key string) (unlock func() error, err error)
	// TryLock is Lock without waiting: ok is false when another runner
	// holds it. The migrator uses it to tell a migration another runner is
	// applying right now from one that failed part-way.
	TryLock(ctx context.Context, db *sql.DB, key string) (unlock func() error, ok bool, err error)
	// CleanLeftover removes what an interrupted run of s left behind (see
	// [Stmt.Leftover]) before s runs again. It returns the statements it
	// ran, for --log-sql; none when there was nothing to remove.
	CleanLeftover(ctx context.Context, q Querier, s Stmt) ([]string, error)
	// Explain says more about a failed statement by reading the database,
	// still inside the failed migration's transaction: which rows broke a
	// NOT NULL or CHECK during a table rebuild. It returns detail lines
	// for the error, or none.
	Explain(ctx context.Context, q Querier, s Stmt, err error) []string
}

// Rebuilder is what a migration that rebuilds a table needs (SQLite, which
// changes a column by copying its table). SQLite cannot switch foreign key
// enforcement inside a transaction, and a table rebuild must never fire ON
// DELETE actions, so for such a migration its guard turns enforcement off
// before BEGIN, checks every foreign key before COMMIT, and turns it back
// on afterwards. A database that never rebuilds reads an empty snapshot,
// guards nothing and can always rebuild.
type Rebuilder interface {
	// ReadSnapshot reads the schema a plan starts from, on the migration's
	// connection or transaction, without changing anything.
	ReadSnapshot(ctx context.Context, q Querier) (Snapshot, error)
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

// Guard is what a [Rebuilder] set up for one migration.
type Guard struct {
	// BeforeCommit, when set, checks the database on the same connection,
	// inside the transaction, just before COMMIT; an error rolls back.
	BeforeCommit func(ctx context.Context) error
	// Restore, when set, puts the connection back as it was, after COMMIT
	// or ROLLBACK.
	Restore func(ctx context.Context) error
}

// Querier is what a dialect reads and writes through: a *sql.DB, *sql.Conn
// or *sql.Tx.
type Querier interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

// ExecEach runs query once for each of sets on q: the plain way to run
// exec_many. When q can prepare statements (a *sql.Conn or *sql.Tx) the
// statement is prepared once.
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

// PollLock waits for a lock by calling try until it succeeds, the first
// wait 5ms and doubling up to most between attempts, or until ctx ends. A
// runner waiting this way holds nothing in the database between attempts
// (see the PostgreSQL dialect's Lock for why that matters).
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

// InTx runs f in a transaction on q, opened with d's Begin. A failure of f
// or of COMMIT rolls back, even when ctx is cancelled.
func InTx(ctx context.Context, q Querier, d Syntax, f func() error) error {
	if _, err := q.ExecContext(ctx, d.Begin()); err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	if err := f(); err != nil {
		Rollback(ctx, q)
		return err
	}
	return Commit(ctx, q)
}

// Commit commits the transaction open on q; when COMMIT fails it rolls
// back.
func Commit(ctx context.Context, q Querier) error {
	if _, err := q.ExecContext(ctx, "COMMIT"); err != nil {
		Rollback(ctx, q)
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}

// Rollback ends the transaction open on q, even when ctx is cancelled.
// Its error is dropped: it runs after a failure, which is what gets
// reported, and a connection whose transaction is already gone has nothing
// to roll back.
func Rollback(ctx context.Context, q Querier) {
	_, _ = q.ExecContext(context.WithoutCancel(ctx), "ROLLBACK")
}

// Limits are a migration's lock_timeout and statement_timeout settings;
// zero means unset.
type Limits struct {
	Lock, Statement time.Duration
}

// Timeouts applies a migration's timeouts to its connection and tells the
// errors they cause. PostgreSQL sets them on the session (SET LOCAL inside
// the migration's transaction); SQLite uses its busy timeout for locks and
// a deadline on each statement.
type Timeouts interface {
	// LocalTimeouts sets t for the transaction open on q (PostgreSQL's
	// SET LOCAL, which ends with the transaction). log receives each
	// statement run, for --log-sql. A failure is a *[SettingError].
	LocalTimeouts(ctx context.Context, q Querier, t Limits, log func(string)) error
	// SessionTimeouts sets t on the connection q for one migration;
	// inTx says the migration runs in a transaction (whose
	// LocalTimeouts then did the part that can end with it). restore
	// puts q back as it was. A failure is a *[SettingError].
	SessionTimeouts(ctx context.Context, q Querier, t Limits, inTx bool, log func(string)) (restore func(context.Context) error, err error)
	// WithDeadlines returns what the migration's statements run through:
	// q itself, or q with a deadline d on each statement for a database
	// that has no statement_timeout of its own. A statement stopped by it
	// fails with [ErrStatementTimeout].
	WithDeadlines(q Querier, d time.Duration) Querier
	// TimeoutCause tells an error that a timeout setting caused:
	// "lock_timeout", "statement_timeout", or "" for any other.
	TimeoutCause(err error) string
}

// SettingError is a timeout setting the database refused.
type SettingError struct {
	// Setting is "lock_timeout" or "statement_timeout".
	Setting string
	Err     error
}

func (e *SettingError) Error() string { return e.Setting + ": " + e.Err.Error() }

// Unwrap returns the database's error.
func (e *SettingError) Unwrap() error { return e.Err }

// ErrStatementTimeout is what a statement stopped by a deadline of
// [Timeouts.WithDeadlines] fails with. It is deliberately not
// context.DeadlineExceeded: the migration goes on being reported as a
// statement error at its script position, not as a cancelled run.
var ErrStatementTimeout = errors.New("statement_timeout exceeded")

// Columns returns the names of a result's columns and their declared
// types (what tells a boolean or a time from a number or text on SQLite).
func Columns(rows *sql.Rows) (names, types []string, err error) {
	cts, err := rows.ColumnTypes()
	if err != nil {
		return nil, nil, err
	}
	names = make([]string, len(cts))
	types = make([]string, len(cts))
	for i, ct := range cts {
		names[i], types[i] = ct.Name(), ct.DatabaseTypeName()
	}
	return names, types, nil
}
