package builtins

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

// execMany implements exec_many(sql, rows): sql run once for each tuple
// (or list) of arguments in rows, through the executor's fastest way to do
// that (on PostgreSQL, one pipelined round trip for many statements).
func execMany(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, dx, err := dataRun(thread, c)
	if err != nil {
		return nil, err
	}
	sql, rows := arg[string](a, "sql"), arg[starlark.Value](a, "rows")
	if err := c.sqlText(sql); err != nil {
		return nil, err
	}
	iter, ok := rows.(starlark.Iterable)
	if !ok {
		return nil, c.badType("rows", "a list of argument tuples", rows)
	}
	var sets [][]any
	i := 0
	for set := range starlark.Elements(iter) {
		seq, ok := set.(starlark.Indexable)
		switch set.(type) {
		case starlark.String, starlark.Bytes:
			ok = false
		}
		if !ok {
			return nil, c.errorf("rows[%d] is %s; each row is a tuple or list of the values for $1, $2, ... (or a row read by query or batches)", i, describe(set))
		}
		argv := make(starlark.Tuple, seq.Len())
		for j := range argv {
			argv[j] = seq.Index(j)
		}
		vals, _, err := c.sqlArgs(thread, argv)
		if err != nil {
			return nil, c.inRow(i, err)
		}
		sets = append(sets, vals)
		i++
	}
	o := &op.ExecMany{Pos: c.pos, SQL: sql, Sets: int64(len(sets))}
	if err := r.recordDataN(thread, c, o, sql, int64(len(sets))); err != nil {
		return nil, err
	}
	if dx == nil || len(sets) == 0 {
		return starlark.MakeInt(0), nil
	}
	if err := dx.ExecMany(r.ctx, o, sets); err != nil {
		return nil, c.wrap(err)
	}
	return starlark.MakeInt64(o.Rows), nil
}

// inRow says which row of exec_many's rows an argument error is about.
func (c *call) inRow(i int, err error) error {
	oe, ok := err.(*op.Error)
	if !ok {
		return err
	}
	cp := *oe
	cp.Msg = strings.Replace(cp.Msg, c.name+": ", fmt.Sprintf("%s: rows[%d]: ", c.name, i), 1)
	return &cp
}
