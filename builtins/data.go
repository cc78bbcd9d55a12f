package builtins

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

// The data builtins run at once: they flush the queued schema ops, then
// run their SQL through the run's [DataExecutor], and record what they ran
// as data ops (op.Query, op.Exec, op.Batches, op.Backfill). Without a
// DataExecutor (lark plan) they record and return empty results.

// batchKey is the thread-local key of the batches() loop that is running,
// if any: the data statements of its body fold into its op.
const batchKey = "lark.batches"

// dataRun is what every data builtin starts with: the recorder, the
// queued ops flushed, and the executor (nil when planning).
func dataRun(thread *starlark.Thread, c *call) (*Recorder, DataExecutor, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, nil, err
	}
	if err := r.Flush(); err != nil {
		return nil, nil, c.wrap(err)
	}
	dx, _ := r.exec.(DataExecutor)
	return r, dx, nil
}

// wrap positions an executor error at the call, keeping an *op.Error
// that already has a position (a failed flush).
func (c *call) wrap(err error) error {
	if oe, ok := err.(*op.Error); ok {
		if oe.Pos.Line > 0 {
			return oe
		}
		cp := *oe
		cp.Pos, cp.Msg = c.pos, c.name+": "+oe.Msg
		return &cp
	}
	return &op.Error{Pos: c.pos, Msg: c.name + ": " + err.Error(), Err: err}
}

// recordData adds a data op to the log. Inside a batches() loop the
// statement is folded into the loop's op, counted, instead: a loop over a
// million rows records one statement, not a million.
func (r *Recorder) recordData(thread *starlark.Thread, c *call, o op.Op, sql string) error {
	return r.recordDataN(thread, c, o, sql, 1)
}

// recordDataN is recordData for a statement that runs n times
// (exec_many).
func (r *Recorder) recordDataN(thread *starlark.Thread, c *call, o op.Op, sql string, n int64) error {
	if b, ok := thread.Local(batchKey).(*op.Batches); ok && b != nil {
		switch o.(type) {
		case *op.Batches, *op.Backfill:
			return c.errorf("cannot run inside the body of a batches() loop (%s); run it before or after the loop", b.Pos)
		}
		for i := range b.Stmts {
			if b.Stmts[i].SQL == sql && b.Stmts[i].Pos == c.pos {
				b.Stmts[i].Count += n
				return nil
			}
		}
		b.Stmts = append(b.Stmts, op.DataStmt{Pos: c.pos, SQL: sql, Count: n})
		return nil
	}
	if r.capture != nil {
		r.capture.Ops = append(r.capture.Ops, o)
	} else {
		r.log = append(r.log, o)
	}
	return nil
}

func (c *call) sqlText(sql string) error {
	if strings.TrimSpace(sql) == "" {
		return c.errorf("the SQL is empty")
	}
	return nil
}

func query(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, dx, err := dataRun(thread, c)
	if err != nil {
		return nil, err
	}
	sql, vals, logged, err := c.sqlAndArgs(thread, a)
	if err != nil {
		return nil, err
	}
	o := &op.Query{Pos: c.pos, SQL: sql, Args: logged}
	if err := r.recordData(thread, c, o, sql); err != nil {
		return nil, err
	}
	var out []starlark.Value
	if dx == nil {
		return starlark.NewList(out), nil
	}
	var cols *columns
	err = dx.Query(r.ctx, o, vals, func(names, types []string, row []any) error {
		if cols == nil {
			cols = newColumns(names)
		}
		rv, err := makeRow(thread, cols, types, row)
		if err != nil {
			return err
		}
		out = append(out, rv)
		return nil
	})
	if err != nil {
		return nil, c.wrap(err)
	}
	return starlark.NewList(out), nil
}

func execBuiltin(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, dx, err := dataRun(thread, c)
	if err != nil {
		return nil, err
	}
	sql, vals, logged, err := c.sqlAndArgs(thread, a)
	if err != nil {
		return nil, err
	}
	o := &op.Exec{Pos: c.pos, SQL: sql, Args: logged}
	if err := r.recordData(thread, c, o, sql); err != nil {
		return nil, err
	}
	if dx == nil {
		return starlark.MakeInt(0), nil
	}
	if err := dx.Exec(r.ctx, o, vals); err != nil {
		return nil, c.wrap(err)
	}
	return starlark.MakeInt64(o.Rows), nil
}

// sqlAndArgs reads (sql, *args): the SQL and the values of its
// placeholders, as bound and as logged.
func (c *call) sqlAndArgs(thread *starlark.Thread, a *args) (string, []any, []op.Value, error) {
	sql := arg[string](a, "sql")
	if err := c.sqlText(sql); err != nil {
		return "", nil, nil, err
	}
	vals, logged, err := c.sqlArgs(thread, a.restArgs())
	return sql, vals, logged, err
}

func backfill(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, dx, err := dataRun(thread, c)
	if err != nil {
		return nil, err
	}
	table, set, where := arg[string](a, "table"), arg[starlark.Value](a, "set"), arg[string](a, "where")
	key, size, prefix := arg[string](a, "key"), arg[int](a, "batch_size"), arg[string](a, "prefix")
	argv := arg[starlark.Tuple](a, "args")
	if !op.IsIdent(table) {
		return nil, c.errorf("for parameter table: %q is not a plain table name", table)
	}
	if !op.IsIdent(key) {
		return nil, c.errorf("for parameter key: %q is not a plain column name", key)
	}
	if size < 1 {
		return nil, c.errorf("batch_size must be at least 1, not %d", size)
	}
	vals, logged, err := c.sqlArgs(thread, argv)
	if err != nil {
		return nil, err
	}
	setSQL, vals, logged, err := c.setClause(thread, set, vals, logged)
	if err != nil {
		return nil, err
	}
	o := &op.Backfill{Pos: c.pos, Table: op.Table{Name: table, Prefix: defaultPrefix(thread, prefix)},
		Set: setSQL, Where: where, Args: logged, Key: key, BatchSize: size}
	if err := r.recordData(thread, c, o, setSQL); err != nil {
		return nil, err
	}
	if dx == nil {
		return starlark.MakeInt(0), nil
	}
	if err := dx.Backfill(r.ctx, o, vals); err != nil {
		return nil, c.wrap(err)
	}
	return starlark.MakeInt64(o.Rows), nil
}

// setClause reads backfill's set=: SQL as written ("n = n + 1"), or a
// dict of column to value (bound as the next $N) or fragment (raw SQL).
func (c *call) setClause(thread *starlark.Thread, set starlark.Value, vals []any, logged []op.Value) (string, []any, []op.Value, error) {
	switch set := set.(type) {
	case starlark.String:
		if err := c.sqlText(string(set)); err != nil {
			return "", nil, nil, err
		}
		return string(set), vals, logged, nil
	case *starlark.Dict:
		if set.Len() == 0 {
			return "", nil, nil, c.errorf("for parameter set: the dict is empty")
		}
		var parts []string
		for _, kv := range set.Items() {
			col, ok := kv[0].(starlark.String)
			if !ok || !op.IsIdent(string(col)) {
				return "", nil, nil, c.errorf("for parameter set: key %s is not a plain column name", kv[0])
			}
			if f, ok := kv[1].(*fragmentValue); ok {
				parts = append(parts, fmt.Sprintf("%q = %s", string(col), f.sql))
				continue
			}
			v, lv, err := c.toSQL(thread, len(vals)+1, kv[1])
			if err != nil {
				return "", nil, nil, err
			}
			vals, logged = append(vals, v), append(logged, lv)
			parts = append(parts, fmt.Sprintf("%q = $%d", string(col), len(vals)))
		}
		return strings.Join(parts, ", "), vals, logged, nil
	}
	return "", nil, nil, c.badType("set", "SQL string or dict of column to value or fragment()", set)
}
