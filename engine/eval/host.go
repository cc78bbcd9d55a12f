package eval

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"go.starlark.net/resolve"
	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/larkdb/lark/builtins"
	"github.com/larkdb/lark/internal/suggest"
	"github.com/larkdb/lark/op"
)

// DefaultMaxSteps bounds the Starlark steps of one call when
// [Options.MaxSteps] is 0: far more than any migration needs, few enough to
// stop an endless loop in well under a second.
const DefaultMaxSteps = 10_000_000

// fileOptions are the Starlark dialect of migration files: sets and while
// loops are allowed (the step limit bounds loops), top-level control flow
// too; globals cannot be reassigned and functions cannot recurse.
var fileOptions = &syntax.FileOptions{Set: true, While: true, TopLevelControl: true}

// The callbacks a file may define.
var callbackNames = []string{"change", "up", "down", "after_begin", "before_commit"}

// scriptState is what Load keeps of a file beyond the exported fields.
type scriptState struct {
	fsys      fs.FS
	opts      Options
	globals   starlark.StringDict
	callbacks map[string]*starlark.Function
	modules   map[string]*module // load() cache, by cleaned path
}

// module is one helper file loaded with load(); globals is nil while it runs.
type module struct {
	globals starlark.StringDict
	err     error
}

// load evaluates the migration file's top level into s. Its print()
// output goes to Options.Print: the top level runs once per Load.
func (s *Script) load(ctx context.Context, src []byte) error {
	thread := s.newThread(ctx, true)
	builtins.NewRecorder(ctx, nil, s.config("")).Attach(thread)
	stop := context.AfterFunc(ctx, func() { thread.Cancel("context canceled") })
	defer stop()

	if err := checkUTF8(s.File, src); err != nil {
		return err
	}
	predeclared := builtins.Predeclared()
	f, prog, err := starlark.SourceProgramOptions(fileOptions, s.File, string(src), predeclared.Has)
	if err != nil {
		return s.parseError(ctx, err, src)
	}
	globals, err := prog.Init(thread, predeclared)
	if err != nil {
		return s.toError(ctx, err)
	}
	globals.Freeze()
	s.st.globals = globals
	if err := s.readSettings(f); err != nil {
		return err
	}
	if err := s.readTimeouts(f); err != nil {
		return err
	}
	if err := s.findCallbacks(); err != nil {
		return err
	}
	if err := s.checkNames(f); err != nil {
		return err
	}
	// Checked once the settings are known: concurrently=True depends on
	// disable_ddl_transaction.
	return builtins.Precheck(f, s.config(""))
}

// readSettings reads disable_ddl_transaction and disable_migration_lock.
func (s *Script) readSettings(f *syntax.File) error {
	for _, set := range []struct {
		name string
		dst  *bool
	}{
		{"disable_ddl_transaction", &s.Settings.DisableDDLTransaction},
		{"disable_migration_lock", &s.Settings.DisableMigrationLock},
	} {
		v, ok := s.st.globals[set.name]
		if !ok {
			continue
		}
		b, ok := v.(starlark.Bool)
		if !ok {
			return op.Errorf(assignPos(f, set.name, s.File), "%s must be True or False, got %s", set.name, v.Type())
		}
		*set.dst = bool(b)
	}
	return nil
}

// assignPos finds the top-level assignment to name, for error positions.
func assignPos(f *syntax.File, name, file string) op.Pos {
	for _, stmt := range f.Stmts {
		if a, ok := stmt.(*syntax.AssignStmt); ok {
			if id, ok := a.LHS.(*syntax.Ident); ok && id.Name == name {
				return toPos(id.NamePos)
			}
		}
	}
	return op.Pos{File: file}
}

// findCallbacks checks the callbacks the file defines.
func (s *Script) findCallbacks() error {
	s.st.callbacks = map[string]*starlark.Function{}
	for _, name := range callbackNames {
		v, ok := s.st.globals[name]
		if !ok {
			continue
		}
		fn, ok := v.(*starlark.Function)
		if !ok {
			return op.Errorf(op.Pos{File: s.File}, "%s must be a function defined with def, got %s", name, v.Type())
		}
		if fn.NumParams() > 0 {
			return op.Errorf(toPos(fn.Position()), "%s() must take no parameters", name)
		}
		s.st.callbacks[name] = fn
	}
	cb := s.st.callbacks
	if cb["up"] == nil && cb["down"] != nil {
		return op.Errorf(toPos(cb["down"].Position()), "down() is defined without up()")
	}
	if cb["up"] == nil && cb["change"] == nil {
		e := op.Errorf(op.Pos{File: s.File}, "the migration defines neither change() nor up()")
		for _, name := range s.st.globals.Keys() {
			if _, ok := s.st.globals[name].(*starlark.Function); ok {
				if want := suggest.Nearest(name, []string{"change", "up", "down"}); want != "" && len(name) > 1 {
					e.WithDetail("%s() is defined: did you mean %s()?", name, want)
				}
			}
		}
		return e
	}
	return nil
}

// newThread returns a sandboxed thread for one call: load() reaches only
// .star files of the migrations FS, print() writes to Options.Print when
// printing is set (and goes nowhere otherwise), and the step limit stops
// runaway loops.
func (s *Script) newThread(ctx context.Context, printing bool) *starlark.Thread {
	max := s.st.opts.MaxSteps
	if max == 0 {
		max = DefaultMaxSteps
	}
	extra := 0
	thread := &starlark.Thread{
		Name:  s.File,
		Load:  s.loadModule,
		Print: s.printer(printing),
		// OnMaxSteps runs on every step past the limit. Some instructions
		// (a loop's backward jump) have no position and report 1:1, so
		// the cancel waits a few steps for one that names the line.
		OnMaxSteps: func(th *starlark.Thread) {
			if p := th.CallFrame(0).Pos; p.Line == 1 && p.Col == 1 && extra < 100 {
				extra++
				return
			}
			th.Cancel(fmt.Sprintf("step limit of %d exceeded (an endless loop?)", max))
		},
	}
	builtins.SetStepBudget(thread, max)
	return thread
}

// config is the builtins' configuration for a call in direction dir.
func (s *Script) config(dir Direction) builtins.Config {
	return builtins.Config{Direction: string(dir), Dialect: s.st.opts.Dialect, Prefix: s.st.opts.Prefix,
		Transaction: !s.Settings.DisableDDLTransaction, Traits: s.st.opts.Traits}
}

// loadModule implements load(): a .star file inside the migrations FS,
// named relative to its root, evaluated once per Load.
func (s *Script) loadModule(thread *starlark.Thread, name string) (starlark.StringDict, error) {
	if !strings.HasSuffix(name, ".star") {
		return nil, fmt.Errorf("only .star files can be loaded")
	}
	if path.IsAbs(name) || strings.HasPrefix(name, "/") || !fs.ValidPath(name) {
		return nil, fmt.Errorf("%q is not inside the migrations directory; load() takes a clean path relative to it, without \"..\" or a leading \"/\"", name)
	}
	if m, ok := s.st.modules[name]; ok {
		if m.globals == nil && m.err == nil {
			return nil, fmt.Errorf("cycle in load graph")
		}
		return m.globals, m.err
	}
	m := &module{}
	s.st.modules[name] = m
	data, err := fs.ReadFile(s.st.fsys, name)
	if err != nil {
		m.err = fmt.Errorf("read %s: %w", name, errors.Unwrap(err))
		if errors.Unwrap(err) == nil {
			m.err = err
		}
		return nil, m.err
	}
	s.Files = append(s.Files, name)
	if err := checkUTF8(name, data); err != nil {
		m.err = err
		return nil, m.err
	}
	predeclared := builtins.Predeclared()
	f, prog, err := starlark.SourceProgramOptions(fileOptions, name, string(data), predeclared.Has)
	if err != nil {
		m.err = s.parseError(context.Background(), err, data)
		return nil, m.err
	}
	// Only the column types: whether a helper's concurrently=True is
	// allowed depends on the migration that calls it, checked at the call.
	if err := builtins.Precheck(f, builtins.Config{Dialect: s.st.opts.Dialect, Traits: s.st.opts.Traits}); err != nil {
		m.err = err
		return nil, m.err
	}
	globals, err := prog.Init(thread, predeclared)
	if err != nil {
		m.err = s.toError(context.Background(), err)
		return nil, m.err
	}
	globals.Freeze()
	m.globals = globals
	return globals, nil
}

// toPos converts a Starlark position.
func toPos(p syntax.Position) op.Pos {
	return op.Pos{File: p.Filename(), Line: p.Line, Col: p.Col}
}

// toError turns any error of an evaluation into an *op.Error positioned in
// the script: builtins already return one; syntax, resolve and runtime
// errors are converted.
func (s *Script) toError(ctx context.Context, err error) error {
	if err == nil {
		return nil
	}
	var oe *op.Error
	if errors.As(err, &oe) {
		return oe
	}
	file := op.Pos{File: s.File}
	var se syntax.Error
	var rl resolve.ErrorList
	var ee *starlark.EvalError
	switch {
	case errors.As(err, &se):
		return &op.Error{Pos: toPos(se.Pos), Msg: se.Msg}
	case errors.As(err, &rl) && len(rl) > 0:
		e := &op.Error{Pos: toPos(rl[0].Pos), Msg: suggestBuiltin(rl[0].Msg)}
		for _, more := range rl[1:] {
			e.WithDetail("%s: %s", toPos(more.Pos), suggestBuiltin(more.Msg))
		}
		return e
	case errors.As(err, &ee):
		e := &op.Error{Pos: file, Msg: ee.Msg}
		if ctx.Err() != nil {
			e.Msg, e.Err = "evaluation cancelled: "+ctx.Err().Error(), ctx.Err()
		}
		e.Msg = strings.TrimPrefix(e.Msg, "Starlark computation cancelled: ")
		var frames []op.Pos
		for i := len(ee.CallStack) - 1; i >= 0; i-- {
			if p := ee.CallStack[i].Pos; p.Filename() != "<builtin>" && p.Filename() != "" {
				frames = append(frames, toPos(p))
			}
		}
		if len(frames) > 0 {
			e.Pos = frames[0]
		}
		for _, p := range frames[1:] {
			e.WithDetail("called from %s", p)
		}
		return e
	}
	return &op.Error{Pos: file, Msg: err.Error(), Err: err}
}

// suggestBuiltin adds the nearest builtin to an "undefined: name" error
// that has no suggestion: the resolver cannot list predeclared names.
func suggestBuiltin(msg string) string {
	name, ok := strings.CutPrefix(msg, "undefined: ")
	if !ok || strings.Contains(name, " ") {
		return msg
	}
	best := suggest.Nearest(name, builtins.Names())
	if best == "" {
		return msg
	}
	return fmt.Sprintf("%s (did you mean %s?)", msg, best)
}
