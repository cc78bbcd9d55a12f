package postgres

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strconv"
	"sync/atomic"

	"github.com/larkdb/lark/dialect"
)

// cursorSeq numbers cursors.
var cursorSeq atomic.Int64

// OpenStream reads a keyless batches() loop with a cursor (DECLARE,
// FETCH), which sees the rows as they were when it was declared, whatever
// the loop body writes.
func (Runtime) OpenStream(ctx context.Context, q dialect.Querier, query string, args []any, log func(string)) (dialect.Stream, error) {
	// Unique in the process: pgx caches statements by their text, and a
	// cached FETCH from a same-named cursor would expect the old columns.
	c := &cursor{q: q, name: "lark_batches_" + strconv.FormatInt(cursorSeq.Add(1), 10)}
	declare := fmt.Sprintf("DECLARE %s NO SCROLL CURSOR FOR %s", c.name, query)
	if log != nil {
		log(declare)
	}
	if _, err := q.ExecContext(ctx, declare, args...); err != nil {
		return nil, err
	}
	return c, nil
}

// cursor is an open keyless loop: a cursor, FETCHed a batch at a time.
type cursor struct {
	q    dialect.Querier
	name string
}

// Columns are read from each batch's result.
func (*cursor) Columns() (names, types []string) { return nil, nil }

// Batch fetches the next n rows.
func (c *cursor) Batch(ctx context.Context, n int) (*sql.Rows, bool, error) {
	rows, err := c.q.QueryContext(ctx, fmt.Sprintf("FETCH FORWARD %d FROM %s", n, c.name))
	return rows, true, err
}

// Close closes the cursor.
func (c *cursor) Close(ctx context.Context) error {
	if _, err := c.q.ExecContext(ctx, "CLOSE "+c.name); err != nil {
		return fmt.Errorf("close cursor: %w", err)
	}
	return nil
}

// Release holds nothing: the cursor ends with its transaction.
func (*cursor) Release() {}

// EstimateRows reads the planner's row estimate with EXPLAIN.
func (Runtime) EstimateRows(ctx context.Context, q dialect.Querier, query string, args []any) (int64, bool) {
	var plan string
	if err := q.QueryRowContext(ctx, "EXPLAIN (FORMAT JSON) "+query, args...).Scan(&plan); err != nil {
		return 0, false
	}
	var p []struct {
		Plan struct {
			Rows float64 `json:"Plan Rows"`
		} `json:"Plan"`
	}
	if json.Unmarshal([]byte(plan), &p) != nil || len(p) != 1 {
		return 0, false
	}
	return int64(p[0].Plan.Rows), true
}

// BackfillSQL is one backfill batch as a single statement (every
// parameter of set and where in one place, which PostgreSQL needs to type
// them): it finds the batch's last key, updates the key range up to it (a
// range scan of the key's index, cheaper than joining the rows back one by
// one), and returns the last key and how many rows it updated. The rows
// are locked by the UPDATE itself.
func (r Runtime) BackfillSQL(b dialect.Backfill) dialect.BackfillStmts {
	k := r.QuoteIdent(b.Key)
	conds := b.Conds(r)
	uconds := append([]string{fmt.Sprintf("%s <= (SELECT lark_hi FROM lark_b)", k)}, conds...)
	// The batch's last key is read with ORDER BY ... DESC LIMIT 1, not
	// max(): PostgreSQL has no max() for some key types (uuid).
	return dialect.BackfillStmts{Single: fmt.Sprintf("WITH lark_b AS (SELECT lark_k AS lark_hi FROM (SELECT %s AS lark_k FROM %s%s ORDER BY %s LIMIT %d) AS lark_s ORDER BY lark_k DESC LIMIT 1), "+
		"lark_u AS (UPDATE %s SET %s WHERE %s RETURNING 1) "+
		"SELECT (SELECT lark_hi FROM lark_b), (SELECT count(*) FROM lark_u)",
		k, b.Table, dialect.Where(conds), k, b.Size, b.Table, b.Set, joinAnd(uconds))}
}

func joinAnd(conds []string) string {
	s := conds[0]
	for _, c := range conds[1:] {
		s += " AND " + c
	}
	return s
}
