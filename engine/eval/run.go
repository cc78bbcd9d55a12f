package eval

import (
	"context"

	"go.starlark.net/starlark"

	"github.com/larkdb/lark/builtins"
	"github.com/larkdb/lark/op"
)

// call runs the callback name in direction dir, recording into a fresh
// log and applying through exec (nil: record only). It returns what was
// recorded, also on error. print() writes only when exec is set.
func (s *Script) call(ctx context.Context, name string, dir Direction, exec Executor) (op.Log, error) {
	return s.callPrinting(ctx, name, dir, exec, exec != nil)
}

// callPrinting is call with print() writing when printing is set:
// recording change() to reverse it during a rollback prints, though it
// applies nothing itself.
func (s *Script) callPrinting(ctx context.Context, name string, dir Direction, exec Executor, printing bool) (op.Log, error) {
	fn := s.st.callbacks[name]
	if fn == nil {
		return nil, op.Errorf(op.Pos{File: s.File}, "the migration defines no %s()", name)
	}
	thread, done := s.runThread(ctx, printing)
	defer done()
	rec := builtins.NewRecorder(ctx, exec, s.config(dir))
	rec.Attach(thread)
	if _, err := starlark.Call(thread, fn, nil, nil); err != nil {
		return rec.Log(), s.toError(ctx, err)
	}
	return rec.Log(), s.finish(ctx, rec)
}

// runThread returns a thread for one run, cancelled with ctx; call done
// when the run ends. printing is whether print() writes.
func (s *Script) runThread(ctx context.Context, printing bool) (*starlark.Thread, func() bool) {
	thread := s.newThread(ctx, printing)
	stop := context.AfterFunc(ctx, func() { thread.Cancel("context canceled") })
	return thread, stop
}

// finish checks for unused column values and applies what is queued.
func (s *Script) finish(ctx context.Context, rec *builtins.Recorder) error {
	if err := rec.CheckLoose(); err != nil {
		return err
	}
	if err := ctx.Err(); err != nil {
		return &op.Error{Pos: op.Pos{File: s.File}, Msg: "evaluation cancelled: " + err.Error(), Err: err}
	}
	if err := rec.Flush(); err != nil {
		if oe, ok := err.(*op.Error); ok {
			return oe
		}
		return &op.Error{Pos: op.Pos{File: s.File}, Msg: "apply: " + err.Error(), Err: err}
	}
	return nil
}

// RunLog records log (an inverse log, or one stored earlier) as a run and
// applies it through exec, returning the log of what ran. An execute() whose up side is a function and
// that holds no ops yet (the reverse of execute(f, g)) calls the function
// from s, recording what it does in its place.
func RunLog(ctx context.Context, s *Script, log op.Log, exec Executor) (op.Log, error) {
	host := s
	if host == nil {
		host = &Script{st: scriptState{modules: map[string]*module{}}}
	}
	thread, done := host.runThread(ctx, exec != nil)
	defer done()
	rec := builtins.NewRecorder(ctx, exec, host.config(Down))
	rec.Attach(thread)
	for _, o := range log {
		if err := replay(ctx, s, thread, rec, o); err != nil {
			return rec.Log(), err
		}
	}
	return rec.Log(), host.finish(ctx, rec)
}

// replay records o into rec: as it is, or, for an execute() of a function,
// by calling the function (no ops yet) or re-recording its ops.
func replay(ctx context.Context, s *Script, thread *starlark.Thread, rec *builtins.Recorder, o op.Op) error {
	e, ok := o.(*op.Execute)
	if !ok || e.Up.Func == "" {
		rec.Record(o)
		return nil
	}
	shell := &op.Execute{Pos: e.Pos, Up: e.Up, Down: e.Down}
	if len(e.Ops) > 0 {
		return rec.Capture(shell, func() error {
			for _, inner := range e.Ops {
				if err := replay(ctx, s, thread, rec, inner); err != nil {
					return err
				}
			}
			return nil
		})
	}
	if s == nil {
		return op.Errorf(e.Pos, "execute: cannot call %s(): the migration file is not available", e.Up.Func)
	}
	fn, ok := s.st.globals[e.Up.Func].(*starlark.Function)
	if !ok {
		return op.Errorf(e.Pos, "execute: cannot call %s(): %s no longer defines it", e.Up.Func, s.File)
	}
	return rec.Capture(shell, func() error {
		if _, err := starlark.Call(thread, fn, nil, nil); err != nil {
			return s.toError(ctx, err)
		}
		return nil
	})
}
