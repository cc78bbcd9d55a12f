package sqlite

import (
	"context"
	"database/sql"
	"fmt"
	"strconv"
	"sync/atomic"

	"github.com/larkdb/lark/dialect"
)

// copySeq numbers the copies of keyless loops.
var copySeq atomic.Int64

// OpenStream starts a keyless batches() loop. A statement stepped while
// the loop body writes to the same table sees those writes (an updated row
// can come round again), so the result is first copied into a temporary
// table, in the loop's transaction, and the loop steps through the copy: it
// sees the rows as they were, as a PostgreSQL cursor does. The copy lives
// in SQLite's temporary store, on disk, so memory stays flat. The column
// names and declared types (which tell booleans and times apart) are read
// from the query itself. query is already bound.
func (Runtime) OpenStream(ctx context.Context, q dialect.Querier, query string, args []any, log func(string)) (dialect.Stream, error) {
	query = dialect.Subquery(query)
	probe, err := q.QueryContext(ctx, "SELECT * FROM ("+query+") LIMIT 0", args...)
	if err != nil {
		return nil, err
	}
	c := &tempCopy{q: q, table: "lark_batches_" + strconv.FormatInt(copySeq.Add(1), 10)}
	c.cols, c.types, err = dialect.Columns(probe)
	probe.Close()
	if err != nil {
		return nil, err
	}
	create := "CREATE TEMP TABLE " + c.table + " AS " + query
	if log != nil {
		log(create)
	}
	if _, err := q.ExecContext(ctx, create, args...); err != nil {
		return nil, err
	}
	if c.rows, err = q.QueryContext(ctx, "SELECT * FROM temp."+c.table+" ORDER BY rowid"); err != nil {
		return nil, err
	}
	return c, nil
}

// tempCopy is an open keyless loop: one result over the loop's copy, read
// on by each batch.
type tempCopy struct {
	q           dialect.Querier
	table       string
	cols, types []string
	rows        *sql.Rows
}

// Columns are the query's, read before the copy was made.
func (c *tempCopy) Columns() (names, types []string) { return c.cols, c.types }

// Batch returns the copy's one result.
func (c *tempCopy) Batch(context.Context, int) (*sql.Rows, bool, error) { return c.rows, false, nil }

// Close drops the copy.
func (c *tempCopy) Close(ctx context.Context) error {
	c.Release()
	if _, err := c.q.ExecContext(ctx, "DROP TABLE temp."+c.table); err != nil {
		return fmt.Errorf("drop the loop's copy: %w", err)
	}
	return nil
}

// Release closes the result; the copy goes with the transaction's
// rollback.
func (c *tempCopy) Release() {
	if c.rows != nil {
		c.rows.Close()
		c.rows = nil
	}
}

// EstimateRows has no cheap estimate on SQLite: loops count their rows.
func (Runtime) EstimateRows(context.Context, dialect.Querier, string, []any) (int64, bool) {
	return 0, false
}

// BackfillSQL is a backfill batch in two statements: the batch's bounds,
// then the UPDATE of its key range.
func (r Runtime) BackfillSQL(b dialect.Backfill) dialect.BackfillStmts {
	return dialect.TwoStepBackfill(r, b)
}

// ExecMany prepares the statement once and runs it for each set: SQLite
// runs in-process, so there is no round trip to save.
func (Runtime) ExecMany(ctx context.Context, q dialect.Querier, query string, sets [][]any) (int64, error) {
	return dialect.ExecEach(ctx, q, query, sets)
}

// CleanLeftover has nothing to clean: no SQLite statement leaves anything
// behind when interrupted, as each runs in a transaction.
func (Runtime) CleanLeftover(context.Context, dialect.Querier, dialect.Stmt) ([]string, error) {
	return nil, nil
}
