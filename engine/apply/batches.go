package apply

import (
	"context"
	"database/sql"
	"fmt"
	"reflect"
	"strconv"

	"github.com/larkdb/lark/builtins"
	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// How a batches() loop reads its rows.
const (
	// modeKeyset pages by key, each batch (with the loop body's writes
	// and the progress record) in a transaction of its own: the mode of a
	// keyed loop outside a migration transaction. Resumable.
	modeKeyset = iota
	// modeKeysetTx pages by key inside the migration's transaction.
	modeKeysetTx
	// modeStream reads a keyless loop through the dialect's stream
	// ([dialect.Data.OpenStream]: a PostgreSQL cursor, a copy of the
	// result on SQLite), in a transaction.
	modeStream
)

// openBatch is the batches() loop that is running, or that ended and
// whose last batch is not settled yet: only what follows the loop tells
// whether the loop body finished (a break) or failed, so its last batch
// commits with the next thing the script does, or when the run ends well,
// and rolls back when it fails.
type openBatch struct {
	e      *Executor
	o      *op.Batches
	args   []any
	mode   int
	ownTx  bool // a transaction lark opened for a keyless loop outside one
	inTx   bool // a transaction of this loop is open
	stream dialect.Stream
	cols   []string
	types  []string
	// pending is the batch handed to the script and not yet confirmed.
	pending  int64
	lastKey  any
	over     bool // no more rows
	closed   bool // the loop has ended
	progress *meter
}

// inBatch reports whether a batches() loop body is running.
func (e *Executor) inBatch() bool { return e.batch != nil && !e.batch.closed }

// OpenBatches implements [builtins.DataExecutor].
func (e *Executor) OpenBatches(ctx context.Context, o *op.Batches, args []any) (builtins.BatchReader, error) {
	if err := e.settleData(ctx, nil); err != nil {
		return nil, err
	}
	b := &openBatch{e: e, o: o, args: args}
	p, err := e.resume(o)
	if err != nil {
		return nil, err
	}
	if p != nil {
		prev := p.(*op.Batches)
		if prev.Done {
			o.Rows, o.LastKey, o.Done, o.Stmts = prev.Rows, prev.LastKey, true, prev.Stmts
			b.over, b.closed = true, true
			return b, e.record(ctx, o, false)
		}
		if prev.Key != "" && prev.Key == o.Key && prev.LastKey != nil {
			o.Rows, o.LastKey, o.Stmts = prev.Rows, prev.LastKey, prev.Stmts
			b.lastKey = goValue(*prev.LastKey)
		}
	}
	switch {
	case o.Key != "" && e.noTx():
		b.mode = modeKeyset
	case o.Key != "":
		b.mode = modeKeysetTx
	default:
		b.mode = modeStream
	}
	if err := e.record(ctx, o, true); err != nil {
		return nil, err
	}
	if b.mode == modeStream {
		if e.noTx() {
			if _, err := e.q.ExecContext(ctx, e.d.Begin()); err != nil {
				return nil, fmt.Errorf("begin: %w", err)
			}
			b.ownTx, b.inTx = true, true
		}
		st, err := e.d.OpenStream(ctx, e.q, e.d.Bind(o.SQL), args, e.logFunc())
		if err != nil {
			b.abort(ctx)
			return nil, dataError(o.SQL, err)
		}
		b.stream = st
		b.cols, b.types = st.Columns()
	}
	b.progress = e.newMeter(ctx, o.Pos, "batches", o.Rows, dialect.Subquery(o.SQL), args)
	e.batch = b
	return b, nil
}

// abort rolls back the loop's own transaction after a failure.
func (b *openBatch) abort(ctx context.Context) {
	if b.stream != nil {
		b.stream.Release()
	}
	if b.inTx {
		dialect.Rollback(ctx, b.e.q)
		b.inTx = false
	}
}

// Next implements [builtins.BatchReader].
func (b *openBatch) Next(ctx context.Context) ([]string, []string, [][]any, error) {
	if b.over {
		return nil, nil, nil, nil
	}
	if err := b.confirm(ctx); err != nil {
		return nil, nil, nil, err
	}
	rows, err := b.fetch(ctx)
	if err != nil {
		return nil, nil, nil, dataError(b.o.SQL, err)
	}
	if len(rows) == 0 {
		b.over = true
		if b.mode == modeKeyset {
			b.o.Done = true
			if err := b.commit(ctx); err != nil {
				return nil, nil, nil, err
			}
		}
		return nil, nil, nil, nil
	}
	b.pending = int64(len(rows))
	if b.o.Key != "" {
		b.lastKey = rows[len(rows)-1][b.keyIndex()]
	}
	return b.cols, b.types, rows, nil
}

// checkKeys refuses a page whose key is NULL, or whose last key goes on
// into the row after the batch: the next page starts after that key
// (WHERE key > last), so the other rows sharing it would be skipped
// without a word. out holds up to size+1 rows in key order.
func (b *openBatch) checkKeys(out [][]any, size int) error {
	k := b.keyIndex()
	for _, row := range out {
		if row[k] == nil {
			return fmt.Errorf("key %q is NULL in a row: paging by it would skip such rows; batches(key=) needs a unique, not-null column (such as the primary key)", b.o.Key)
		}
	}
	if len(out) > size && reflect.DeepEqual(out[size][k], out[size-1][k]) {
		return fmt.Errorf("key %q is not unique: rows share the value %s across the end of a batch, and paging by it (WHERE %s > last) would skip some of them; "+
			"batches(key=) needs a unique, not-null column (such as the primary key)", b.o.Key, keyValue(out[size][k]).GoString(), b.o.Key)
	}
	return nil
}

func (b *openBatch) keyIndex() int {
	for i, c := range b.cols {
		if c == b.o.Key {
			return i
		}
	}
	return 0
}

// fetch reads the next batch.
func (b *openBatch) fetch(ctx context.Context) ([][]any, error) {
	e := b.e
	size := b.o.Size
	switch b.mode {
	case modeKeyset, modeKeysetTx:
		if b.mode == modeKeyset {
			if _, err := e.q.ExecContext(ctx, e.d.Begin()); err != nil {
				return nil, fmt.Errorf("begin: %w", err)
			}
			b.inTx = true
		}
		args := b.args
		if b.lastKey != nil {
			args = append(append([]any(nil), b.args...), b.lastKey)
		}
		// One row more than the batch, to see whether the key goes on
		// across the batch's end (see checkKeys).
		q := e.d.Bind(dialect.KeysetSQL(e.d, b.o.SQL, b.o.Key, len(b.args), size+1, b.lastKey == nil))
		e.logStmt(q)
		rows, err := e.q.QueryContext(ctx, q, args...)
		if err != nil {
			return nil, err
		}
		out, err := b.readAll(rows, size+1, true)
		if err != nil {
			return nil, err
		}
		if err := b.checkKeys(out, size); err != nil {
			return nil, err
		}
		return out[:min(len(out), size)], nil
	default:
		rows, own, err := b.stream.Batch(ctx, size)
		if err != nil {
			return nil, err
		}
		return b.readAll(rows, size, own)
	}
}

// readAll reads up to size rows; closeAfter closes the result after.
func (b *openBatch) readAll(rows *sql.Rows, size int, closeAfter bool) ([][]any, error) {
	if closeAfter {
		defer rows.Close()
		if b.cols == nil {
			var err error
			if b.cols, b.types, err = dialect.Columns(rows); err != nil {
				return nil, err
			}
		}
		if b.o.Key != "" && !contains(b.cols, b.o.Key) {
			return nil, fmt.Errorf("key %q is not a column of the query's result (columns: %v)", b.o.Key, b.cols)
		}
	}
	out := make([][]any, 0, size)
	for len(out) < size && rows.Next() {
		vals, err := scanRow(rows, len(b.cols))
		if err != nil {
			return nil, err
		}
		out = append(out, vals)
	}
	return out, rows.Err()
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// confirm marks the batch handed out last as processed: the script asked
// for the next one, or went on after the loop. In modeKeyset its writes
// commit now, with the key reached.
func (b *openBatch) confirm(ctx context.Context) error {
	if b.pending > 0 {
		b.o.Rows += b.pending
		if b.o.Key != "" {
			v := keyValue(b.lastKey)
			b.o.LastKey = &v
		}
		b.progress.add(b.pending)
		b.pending = 0
	}
	if b.mode == modeKeyset && b.inTx {
		return b.commit(ctx)
	}
	return nil
}

// commit records the progress and commits the loop's open transaction.
func (b *openBatch) commit(ctx context.Context) error {
	e := b.e
	if e.progress != nil {
		if err := e.progress(ctx, e.done); err != nil {
			b.abort(ctx)
			return err
		}
	}
	if !b.inTx {
		return nil
	}
	b.inTx = false
	if err := dialect.Commit(ctx, e.q); err != nil {
		return fmt.Errorf("batch: %w", err)
	}
	return nil
}

// Close implements [builtins.BatchReader]. The last batch is settled by
// [Executor.settleData].
func (b *openBatch) Close() {
	b.closed = true
	if b.stream != nil {
		b.stream.Release()
	}
}

// settleData ends the last batches() loop, if one is open: when runErr is
// nil the script went on after the loop, so its last batch is complete
// and commits; otherwise the loop's open transaction rolls back.
func (e *Executor) settleData(ctx context.Context, runErr error) error {
	b := e.batch
	if b == nil || !b.closed {
		return runErr
	}
	e.batch = nil
	b.progress.finish(runErr == nil)
	if runErr != nil {
		b.abort(ctx)
		return runErr
	}
	if b.stream != nil && (b.inTx || !e.noTx()) {
		if err := b.stream.Close(ctx); err != nil {
			b.abort(ctx)
			return err
		}
	}
	b.o.Done = true
	if err := b.confirm(ctx); err != nil {
		return err
	}
	if b.inTx || e.noTx() {
		return b.commit(ctx)
	}
	return nil
}

// keyValue converts a key read from the database for the log.
func keyValue(v any) op.Value {
	switch v := v.(type) {
	case int64:
		return op.Int(v)
	case []byte:
		return op.String(string(v))
	case string:
		return op.String(v)
	case nil:
		return op.Null()
	}
	return op.String(fmt.Sprint(v))
}

// goValue converts a stored key back to a bind value.
func goValue(v op.Value) any {
	switch v.Kind {
	case op.KindInt:
		if n, err := strconv.ParseInt(v.Int, 10, 64); err == nil {
			return n
		}
		return v.Int
	case op.KindNull:
		return nil
	}
	return v.Str
}
