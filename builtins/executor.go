package builtins

import (
	"context"

	"github.com/larkdb/lark/op"
)

// Executor is what the engine lends the builtins so that flush() and the
// data builtins can reach the database. Builtins never hold a connection of
// their own. A nil Executor means "plan only": nothing is applied.
type Executor interface {
	// Apply applies ops, in order, to the database: the dialect plans them
	// and the statements run on the migration's connection or transaction.
	Apply(ctx context.Context, ops []op.Op) error
}

// DataExecutor is the Executor of a run that can also run the data
// builtins (query, exec, exec_many, batches, backfill). The engine's executor
// implements it; an Executor that does not (or a nil one, `lark plan`)
// makes the data builtins record what they would run and return no rows.
//
// Each method receives the op the builtin records, already in the log, and
// fills in its results (rows affected, progress). args are the values bound
// to the SQL's $1, $2, ... placeholders, converted from Starlark.
type DataExecutor interface {
	Executor
	// Query runs o and calls fn with each row, in order. cols and types
	// (the database's type names) are the same for every row.
	Query(ctx context.Context, o *op.Query, args []any, fn func(cols, types []string, row []any) error) error
	// Exec runs o and sets o.Rows.
	Exec(ctx context.Context, o *op.Exec, args []any) error
	// ExecMany runs o once for each of sets, the arguments of each run,
	// and sets o.Rows to the rows they affected in all.
	ExecMany(ctx context.Context, o *op.ExecMany, sets [][]any) error
	// OpenBatches starts streaming o's rows in batches of o.Size.
	OpenBatches(ctx context.Context, o *op.Batches, args []any) (BatchReader, error)
	// Backfill runs o batch by batch to the end, setting o.Rows,
	// o.LastKey and o.Done as batches commit.
	Backfill(ctx context.Context, o *op.Backfill, args []any) error
}

// BatchReader streams the batches of one batches() loop.
type BatchReader interface {
	// Next returns the next batch, or no rows at the end. Calling it
	// means the script has processed the previous batch: its writes and
	// its progress may commit.
	Next(ctx context.Context) (cols, types []string, rows [][]any, err error)
	// Close ends the loop, at its end or early (break, an error). What
	// the last batch wrote commits or rolls back with what follows it.
	Close()
}
