package apply

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/larkdb/lark/builtins"
	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// The migrator's executor runs the data builtins too. The rules that make
// a data migration safe to re-run:
//
//   - Outside a migration transaction (disable_ddl_transaction, where the
//     executor has a progress callback), every data write commits in one
//     transaction with the progress record: the versions row's op_log,
//     holding the data op with its rows and last key. A crash leaves the
//     write and its record together or neither.
//   - On `lark up --continue` the ops of the stored log are matched, in
//     order, with the ops the script asks for: a finished exec is not run
//     again (its row count is returned), a backfill or keyed batches loop
//     goes on after its last committed key.
var _ builtins.DataExecutor = (*Executor)(nil)

// errNeedsNoTx is the error of a builtin that commits per batch inside the
// script's transaction; the builtin's name and position come before it.
func errNeedsNoTx() error {
	return errors.New("it commits each batch on its own, so it cannot run inside the script's transaction;\n" +
		"    set disable_ddl_transaction = True at the top of the file (then a failed run resumes after the last committed batch)")
}

// noTx reports whether the migration runs outside a transaction.
func (e *Executor) noTx() bool { return e.progress != nil }

// resume returns the op of the stored log that the next op of the run
// replays, when continuing a partial migration, or nil.
func (e *Executor) resume(o op.Op) (op.Op, error) {
	if e.skip == 0 || len(e.prev) < e.skip {
		return nil, nil
	}
	p := e.prev[len(e.prev)-e.skip]
	e.skip--
	if p.Kind() != o.Kind() {
		return nil, fmt.Errorf("cannot continue: operation %d ran as %s (%s) but the script now asks for %s here;\n    the file changed since the failure: restore it, or `lark down` to revert what ran",
			len(e.prev)-e.skip, p.Kind(), p.Position(), o.Kind())
	}
	return p, nil
}

// record appends a data op to done and, outside a transaction, persists
// the progress on the executor's connection (in the caller's transaction).
func (e *Executor) record(ctx context.Context, o op.Op, persist bool) error {
	e.done = append(e.done, o)
	if persist && e.progress != nil {
		return e.progress(ctx, e.done)
	}
	return nil
}

// logStmt writes a data statement to --log-sql.
func (e *Executor) logStmt(sql string) {
	if e.logSQL != nil {
		fmt.Fprintf(e.logSQL, "%s;\n", sql)
	}
}

// Query implements [builtins.DataExecutor].
func (e *Executor) Query(ctx context.Context, o *op.Query, args []any, fn func(cols, types []string, row []any) error) error {
	if err := e.settleData(ctx, nil); err != nil {
		return err
	}
	if _, err := e.resume(o); err != nil {
		return err
	}
	q := e.d.Bind(o.SQL)
	e.logStmt(q)
	rows, err := e.q.QueryContext(ctx, q, args...)
	if err != nil {
		return dataError(o.SQL, err)
	}
	if err := eachRow(rows, fn); err != nil {
		return dataError(o.SQL, err)
	}
	if !e.inBatch() {
		return e.record(ctx, o, false)
	}
	return nil
}

// eachRow reads rows to the end, calling fn with each, and closes them.
func eachRow(rows *sql.Rows, fn func(cols, types []string, row []any) error) error {
	defer rows.Close()
	cols, types, err := dialect.Columns(rows)
	if err != nil {
		return err
	}
	for rows.Next() {
		vals, err := scanRow(rows, len(cols))
		if err != nil {
			return err
		}
		if err := fn(cols, types, vals); err != nil {
			return err
		}
	}
	return rows.Err()
}

func scanRow(rows *sql.Rows, n int) ([]any, error) {
	vals := make([]any, n)
	ptrs := make([]any, n)
	for i := range vals {
		ptrs[i] = &vals[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	return vals, nil
}

// Exec implements [builtins.DataExecutor].
func (e *Executor) Exec(ctx context.Context, o *op.Exec, args []any) error {
	return e.write(ctx, o, &o.Rows, func() (int64, error) { return e.exec(ctx, o.SQL, args) })
}

// ExecMany implements [builtins.DataExecutor].
func (e *Executor) ExecMany(ctx context.Context, o *op.ExecMany, sets [][]any) error {
	return e.write(ctx, o, &o.Rows, func() (int64, error) { return e.execMany(ctx, o.SQL, sets) })
}

// write runs a data write, exec or exec_many, whose result is the rows it
// affected (set in *rows). Inside a batches() loop it just runs: the batch
// records it. Otherwise, continuing a partial migration, a write that
// finished before is not run again (its recorded count is returned);
// outside a transaction it commits together with the record that it ran.
func (e *Executor) write(ctx context.Context, o op.Op, rows *int64, run func() (int64, error)) error {
	if e.inBatch() {
		n, err := run()
		*rows = n
		return err
	}
	if err := e.settleData(ctx, nil); err != nil {
		return err
	}
	p, err := e.resume(o)
	if err != nil {
		return err
	}
	if p != nil {
		*rows = writtenRows(p)
		return e.record(ctx, o, false)
	}
	do := func() error {
		n, err := run()
		if err != nil {
			return err
		}
		*rows = n
		return e.record(ctx, o, true)
	}
	if !e.noTx() {
		return do()
	}
	done := len(e.done)
	if err := e.inTx(ctx, do); err != nil {
		e.done = e.done[:done]
		return err
	}
	return nil
}

// writtenRows is the recorded row count of a finished exec or exec_many.
func writtenRows(o op.Op) int64 {
	switch o := o.(type) {
	case *op.Exec:
		return o.Rows
	case *op.ExecMany:
		return o.Rows
	}
	return 0
}

// execMany runs one data statement for each of sets, pipelined where the
// database can, and returns the rows they affected.
func (e *Executor) execMany(ctx context.Context, sqlText string, sets [][]any) (int64, error) {
	q := e.d.Bind(sqlText)
	if e.logSQL != nil {
		fmt.Fprintf(e.logSQL, "%s; -- %d times\n", q, len(sets))
	}
	n, err := e.d.ExecMany(ctx, e.q, q, sets)
	if err != nil {
		return n, dataError(sqlText, err)
	}
	return n, nil
}

// exec runs one data statement and returns the rows it affected.
func (e *Executor) exec(ctx context.Context, sqlText string, args []any) (int64, error) {
	q := e.d.Bind(sqlText)
	e.logStmt(q)
	res, err := e.q.ExecContext(ctx, q, args...)
	if err != nil {
		return 0, dataError(sqlText, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return 0, nil // not every statement reports it; 0 is the honest answer
	}
	return n, nil
}

// dataError adds the statement to a database error; the builtin adds the
// script position.
func dataError(sqlText string, err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return &op.Error{Msg: err.Error(), Details: []string{"while running: " + sqlText}, Err: err}
}
