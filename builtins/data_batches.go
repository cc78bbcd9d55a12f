package builtins

import (
	"fmt"

	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

func batches(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, dx, err := dataRun(thread, c)
	if err != nil {
		return nil, err
	}
	size, key := arg[int](a, "size"), arg[string](a, "key")
	sql, vals, logged, err := c.sqlAndArgs(thread, a)
	if err != nil {
		return nil, err
	}
	o := &op.Batches{Pos: c.pos, SQL: sql, Args: logged, Size: size, Key: key}
	if err := r.recordData(thread, c, o, sql); err != nil {
		return nil, err
	}
	return &batchesValue{thread: thread, c: c, r: r, dx: dx, o: o, args: vals}, nil
}

// batchesValue is what batches() returns: an iterable of row lists that
// can be iterated once. The rows are read batch by batch as the loop asks
// for them.
type batchesValue struct {
	thread *starlark.Thread
	c      *call
	r      *Recorder
	dx     DataExecutor
	o      *op.Batches
	args   []any
	used   bool
}

var _ starlark.Iterable = (*batchesValue)(nil)

func (b *batchesValue) String() string        { return fmt.Sprintf("batches(%q, size=%d)", b.o.SQL, b.o.Size) }
func (b *batchesValue) Type() string          { return "batches" }
func (b *batchesValue) Freeze()               {}
func (b *batchesValue) Truth() starlark.Bool  { return starlark.True }
func (b *batchesValue) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: batches") }

// Iterate starts the loop. Errors cannot be returned from a Starlark
// iterator, so a failure cancels the thread with the error's message,
// which stops the script at the loop.
func (b *batchesValue) Iterate() starlark.Iterator {
	it := &batchIter{b: b}
	if b.used {
		it.err = b.c.errorf("a batches() result can be iterated only once; call batches() again")
		return it
	}
	b.used = true
	if b.dx == nil {
		return it
	}
	reader, err := b.dx.OpenBatches(b.r.ctx, b.o, b.args)
	if err != nil {
		it.err = b.c.wrap(err)
		return it
	}
	it.reader = reader
	return it
}

type batchIter struct {
	b       *batchesValue
	reader  BatchReader
	outer   any
	started bool
	cols    *columns
	err     error
}

func (it *batchIter) Next(p *starlark.Value) bool {
	thread := it.b.thread
	if it.err != nil {
		thread.Cancel(it.err.Error())
		it.err = nil
		return false
	}
	if it.reader == nil {
		return false
	}
	if !it.started {
		it.started = true
		it.outer = thread.Local(batchKey)
		thread.SetLocal(batchKey, it.b.o)
	}
	names, types, rows, err := it.reader.Next(it.b.r.ctx)
	if err != nil {
		thread.Cancel(it.b.c.wrap(err).Error())
		return false
	}
	if len(rows) == 0 {
		return false
	}
	if it.cols == nil {
		it.cols = newColumns(names)
	}
	out := make([]starlark.Value, len(rows))
	for i, row := range rows {
		rv, err := makeRow(thread, it.cols, types, row)
		if err != nil {
			thread.Cancel(it.b.c.wrap(err).Error())
			return false
		}
		out[i] = rv
	}
	*p = starlark.NewList(out)
	renewSteps(thread)
	return true
}

// stepBudgetKey is the thread-local key of the step limit a thread was
// given (see [SetStepBudget]).
const stepBudgetKey = "lark.stepBudget"

// SetStepBudget sets thread's step limit to max and remembers it, so that
// each batch a batches() loop yields gets the whole budget again: the limit
// bounds the Starlark work of one batch, not of a data migration over
// millions of rows, and an endless loop inside a batch is still stopped.
func SetStepBudget(thread *starlark.Thread, max uint64) {
	thread.SetLocal(stepBudgetKey, max)
	thread.SetMaxExecutionSteps(max)
}

// renewSteps gives thread its whole step budget again from here.
func renewSteps(thread *starlark.Thread) {
	if max, ok := thread.Local(stepBudgetKey).(uint64); ok {
		thread.SetMaxExecutionSteps(thread.ExecutionSteps() + max)
	}
}

func (it *batchIter) Done() {
	if it.started {
		it.b.thread.SetLocal(batchKey, it.outer)
	}
	if it.reader != nil {
		it.reader.Close()
		it.reader = nil
	}
}
