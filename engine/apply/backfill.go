package apply

import (
	"context"
	"fmt"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// Backfill implements [builtins.DataExecutor]: keyset pagination over
// o.Key, one short transaction per batch holding the batch's UPDATE and
// the progress record (the op with its rows and last key, in the
// versions row), so a run killed at any point resumes exactly after the
// last committed batch.
func (e *Executor) Backfill(ctx context.Context, o *op.Backfill, args []any) error {
	if err := e.settleData(ctx, nil); err != nil {
		return err
	}
	if e.inBatch() {
		return fmt.Errorf("backfill cannot run inside a batches() loop")
	}
	if !e.noTx() {
		return errNeedsNoTx()
	}
	p, err := e.resume(o)
	if err != nil {
		return err
	}
	if p != nil {
		prev := p.(*op.Backfill)
		o.Rows, o.LastKey, o.Done = prev.Rows, prev.LastKey, prev.Done
		if o.Done {
			return e.record(ctx, o, false)
		}
	}
	if err := e.record(ctx, o, true); err != nil {
		return err
	}
	table := e.d.QualifiedName(o.Table.Prefix, o.Table.Name)
	rowsSQL, rowsArgs := backfillRowsSQL(o, table, args)
	mt := e.newMeter(ctx, o.Pos, "backfill", o.Rows, rowsSQL, rowsArgs)
	defer func() { mt.finish(o.Done) }()
	for !o.Done {
		if err := ctx.Err(); err != nil {
			return err
		}
		rows, last := o.Rows, o.LastKey
		first := o.LastKey == nil
		stmts := e.d.BackfillSQL(dialect.Backfill{Table: table, Set: o.Set, Where: o.Where, Key: o.Key, Nargs: len(args), Size: o.BatchSize, First: first})
		bargs := args
		if !first {
			bargs = append(append([]any(nil), args...), goValue(*o.LastKey))
		}
		var n int64
		err := e.inTx(ctx, func() error {
			var maxKey any
			if stmts.Single != "" {
				q := e.d.Bind(stmts.Single)
				e.logStmt(q)
				if err := e.q.QueryRowContext(ctx, q, bargs...).Scan(&maxKey, &n); err != nil {
					return dataError(stmts.Single, err)
				}
				o.Rows += n
				if n > 0 {
					v := keyValue(maxKey)
					o.LastKey = &v
				}
				o.Done = n < int64(o.BatchSize)
				return e.progress(ctx, e.done)
			}
			q := e.d.Bind(stmts.Bounds)
			e.logStmt(q)
			if err := e.q.QueryRowContext(ctx, q, bargs...).Scan(&maxKey, &n); err != nil {
				return dataError(stmts.Bounds, err)
			}
			if n > 0 {
				q = e.d.Bind(stmts.Update)
				e.logStmt(q)
				res, err := e.q.ExecContext(ctx, q, append(bargs, maxKey)...)
				if err != nil {
					return dataError(stmts.Update, err)
				}
				affected, _ := res.RowsAffected()
				o.Rows += affected
				v := keyValue(maxKey)
				o.LastKey = &v
			}
			o.Done = n < int64(o.BatchSize)
			return e.progress(ctx, e.done)
		})
		if err != nil {
			o.Rows, o.LastKey, o.Done = rows, last, false // rolled back
			return err
		}
		mt.add(o.Rows - rows)
	}
	return nil
}

// backfillRowsSQL is the query of the rows a backfill updates, for its
// total.
func backfillRowsSQL(o *op.Backfill, table string, args []any) (string, []any) {
	if o.Where == "" {
		return dialect.BackfillRowsSQL(table, ""), nil
	}
	return dialect.BackfillRowsSQL(table, o.Where), args[:min(maxPlaceholder(o.Where), len(args))]
}

// maxPlaceholder returns the highest $N in sql (0 for none).
func maxPlaceholder(sql string) int {
	best := 0
	for i := 0; i < len(sql); i++ {
		if sql[i] != '$' {
			continue
		}
		n, j := 0, i+1
		for j < len(sql) && sql[j] >= '0' && sql[j] <= '9' {
			n = n*10 + int(sql[j]-'0')
			j++
		}
		best = max(best, n)
	}
	return best
}
