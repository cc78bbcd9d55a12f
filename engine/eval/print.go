package eval

import (
	"fmt"

	"go.starlark.net/starlark"
)

// print() in a script writes "file:line: message" to Options.Print. It
// writes while the file's top level runs (once per Load) and while a
// callback runs against the database (an Executor is given); recording
// without one (lark plan, and the recordings the migrator makes before a
// run: the foresight of a SQLite rebuild, the down() of an up()/down()
// migration that it stores) prints nothing, so that each message appears
// once per run. A rollback that replays a stored log runs no script, so
// it prints nothing either.

// printer is the Print function of a thread: it writes to Options.Print
// when printing is set and there is one, and discards otherwise.
func (s *Script) printer(printing bool) func(*starlark.Thread, string) {
	w := s.st.opts.Print
	if !printing || w == nil {
		return func(*starlark.Thread, string) {}
	}
	return func(thread *starlark.Thread, msg string) {
		// Frame 0 is print itself; frame 1 is the script line calling it.
		p := thread.CallFrame(1).Pos
		fmt.Fprintf(w, "%s:%d: %s\n", p.Filename(), p.Line, msg)
	}
}
