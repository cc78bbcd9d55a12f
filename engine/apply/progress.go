package apply

import (
	"context"
	"time"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// Progress reports how far a backfill() or batches() loop has got.
// The CLI draws it as a progress bar on a terminal and as plain lines in
// a pipe.
type Progress struct {
	// Pos is the builtin's call in the script; Kind is "backfill" or
	// "batches".
	Pos  op.Pos `json:"pos"`
	Kind string `json:"kind"`
	// Rows is how many rows are done, including those of earlier runs
	// when the migration was continued.
	Rows int64 `json:"rows"`
	// Resumed is how many of Rows earlier runs did.
	Resumed int64 `json:"resumed,omitempty"`
	// Total is the expected number of rows (a count, or PostgreSQL's
	// pg_class.reltuples estimate); 0 when unknown.
	Total int64 `json:"total"`
	// Elapsed is the time since this run started the loop.
	Elapsed time.Duration `json:"elapsed_ns"`
	// Done is true for the last report of the loop.
	Done bool `json:"done"`
}

// meter throttles progress reports of one loop. A nil meter reports
// nothing.
type meter struct {
	f     func(Progress)
	p     Progress
	start time.Time
	last  time.Time
}

// newMeter returns a meter for a loop starting at rows done, or nil when
// nobody listens. query (with args) returns the rows the loop goes
// through, for the total (see loopTotal).
func (e *Executor) newMeter(ctx context.Context, pos op.Pos, kind string, rows int64, query string, args []any) *meter {
	if e.meterTo == nil {
		return nil
	}
	total := e.loopTotal(ctx, query, args)
	now := time.Now()
	mt := &meter{f: e.meterTo, p: Progress{Pos: pos, Kind: kind, Rows: rows, Resumed: rows, Total: total}, start: now}
	mt.f(mt.p)
	mt.last = now
	return mt
}

// exactCountUpTo is the estimated size up to which a loop's total is
// counted exactly. Above it the planner's estimate is the total: a count
// would read the whole table (or run the whole query) once more before
// the first batch, on a live database.
const exactCountUpTo = 1_000_000

// loopTotal returns how many rows query returns: counted, or on PostgreSQL
// estimated by EXPLAIN when the estimate is above exactCountUpTo; 0 when
// it cannot tell (progress without a total is still progress).
func (e *Executor) loopTotal(ctx context.Context, query string, args []any) int64 {
	query = e.d.Bind(query)
	if n, ok := e.d.EstimateRows(ctx, e.q, query, args); ok && n > exactCountUpTo {
		return n
	}
	var total int64
	if err := e.q.QueryRowContext(ctx, dialect.CountSQL(query), args...).Scan(&total); err != nil {
		return 0
	}
	return total
}

// add counts n more rows done.
func (mt *meter) add(n int64) {
	if mt == nil {
		return
	}
	mt.p.Rows += n
	if now := time.Now(); now.Sub(mt.last) >= 100*time.Millisecond {
		mt.last = now
		mt.p.Elapsed = now.Sub(mt.start)
		mt.f(mt.p)
	}
}

// finish sends the last report.
func (mt *meter) finish(ok bool) {
	if mt == nil || mt.p.Done {
		return
	}
	mt.p.Done = true
	mt.p.Elapsed = time.Since(mt.start)
	if ok && mt.p.Total < mt.p.Rows {
		mt.p.Total = mt.p.Rows
	}
	mt.f(mt.p)
}
