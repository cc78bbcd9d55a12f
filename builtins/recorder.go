package builtins

import (
	"context"
	"fmt"

	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

// Config is what one evaluation tells its builtins about the run.
type Config struct {
	// Direction is what direction() returns: "up" or "down". It is empty
	// while the top level of a file runs, where builtins that record ops
	// refuse to be called (a migration records only from its callbacks).
	Direction string
	// Dialect is what dialect() returns: "postgres" or "sqlite".
	Dialect string
	// Prefix is what prefix() returns and the prefix (schema) of every op
	// whose script gives none.
	Prefix string
	// Transaction reports that the migration runs inside a transaction
	// (it does not set disable_ddl_transaction = True). Where the database
	// builds indexes concurrently only outside one (Traits), index() and
	// drop_index() then refuse concurrently=True.
	Transaction bool
	// Traits are what the database does differently that the builtins
	// must know when they record.
	Traits Traits
}

// Traits are the facts about the database that change what a builtin
// records or accepts. The migrator fills them in from the dialect's
// capabilities; the builtins never compare dialect names.
type Traits struct {
	// TimeAsText: the database has no time type (SQLite), so a time value
	// bound to a data statement is ISO 8601 text in UTC, the form
	// ecto_sqlite3 stores, the database's date functions read, and that
	// sorts and compares as time does.
	TimeAsText bool
	// ConcurrentIndexOutsideTx: CREATE and DROP INDEX CONCURRENTLY cannot
	// run inside a transaction block (PostgreSQL), so concurrently=True in
	// a transactional migration is refused when it is recorded. A
	// database that ignores concurrently (SQLite) allows it anywhere.
	ConcurrentIndexOutsideTx bool
}

// Recorder collects the ops of one evaluation in call order and queues
// them for the Executor. It belongs to one Starlark thread; it is not safe
// for concurrent use.
type Recorder struct {
	ctx  context.Context
	exec Executor
	cfg  Config

	log     op.Log  // every op recorded at the top level of the run
	pending []op.Op // ops recorded but not yet applied, flattened
	capture *op.Execute
	loose   []*changeValue // column values not yet passed to create_table/alter
}

// threadKey is the thread-local key under which a Recorder is attached.
const threadKey = "lark.recorder"

// NewRecorder returns a recorder for one evaluation. exec may be nil:
// then flush() applies nothing, but ops are still recorded.
func NewRecorder(ctx context.Context, exec Executor, cfg Config) *Recorder {
	return &Recorder{ctx: ctx, exec: exec, cfg: cfg}
}

// Attach makes r the recorder of the builtins called on thread.
func (r *Recorder) Attach(thread *starlark.Thread) { thread.SetLocal(threadKey, r) }

// FromThread returns the recorder attached to thread, or nil.
func FromThread(thread *starlark.Thread) *Recorder {
	r, _ := thread.Local(threadKey).(*Recorder)
	return r
}

// Config returns the recorder's configuration.
func (r *Recorder) Config() Config { return r.cfg }

// Log returns the ops recorded so far, in call order. An execute() of a
// Starlark function appears once, holding the ops its function recorded.
func (r *Recorder) Log() op.Log { return r.log }

// Record fills in the defaults o leaves out ([op.Resolve]), appends it to
// the log (or to the Ops of the execute() whose function is running) and
// queues it for the executor. An execute() of a function is not queued
// itself: the ops its function records are, as they are recorded, so
// nothing is applied twice.
func (r *Recorder) Record(o op.Op) {
	op.Resolve(o)
	if r.capture != nil {
		r.capture.Ops = append(r.capture.Ops, o)
	} else {
		r.log = append(r.log, o)
	}
	if e, ok := o.(*op.Execute); ok && e.Up.Func != "" {
		return
	}
	r.pending = append(r.pending, o)
}

// Capture records e, then runs fn with every op recorded meanwhile going
// into e.Ops (and queued for the executor as usual). It is how execute()
// runs a Starlark function, and how the engine applies a reversed execute()
// whose up side is a function.
func (r *Recorder) Capture(e *op.Execute, fn func() error) error {
	r.Record(e)
	outer := r.capture
	r.capture = e
	defer func() { r.capture = outer }()
	return fn()
}

// Flush applies the queued ops through the executor. Without an executor
// it only empties the queue.
func (r *Recorder) Flush() error {
	ops := r.pending
	r.pending = nil
	if r.exec == nil || len(ops) == 0 {
		return nil
	}
	if err := r.ctx.Err(); err != nil {
		return err
	}
	return r.exec.Apply(r.ctx, ops)
}

// CheckLoose reports a column value (add(), timestamps(), ...) that was
// built but never passed to create_table() or alter(): in Ecto such a call
// outside a table block is an error, and silently dropping it would lose a
// column.
func (r *Recorder) CheckLoose() error {
	for _, c := range r.loose {
		if !c.consumed {
			return op.Errorf(c.pos, "%s: a column change must be passed to create_table() or alter(); this one was not used", c.builtin)
		}
	}
	r.loose = nil
	return nil
}

// recorder returns the recorder of thread for builtin b, refusing calls
// made where no ops can be recorded.
func recorder(thread *starlark.Thread, c *call) (*Recorder, error) {
	r := FromThread(thread)
	if r == nil {
		return nil, c.errorf("no migration is being evaluated")
	}
	if r.cfg.Direction == "" {
		return nil, c.errorf("called at the top level of the file; call it inside change(), up() or down()")
	}
	return r, nil
}

// defaultPrefix returns p, or the run's prefix when p is empty.
func defaultPrefix(thread *starlark.Thread, p string) string {
	if p != "" {
		return p
	}
	if r := FromThread(thread); r != nil {
		return r.cfg.Prefix
	}
	return ""
}

// String describes the recorder for debugging.
func (r *Recorder) String() string { return fmt.Sprintf("recorder(%s)", r.cfg.Direction) }
