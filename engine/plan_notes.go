package engine

import (
	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// noteEmptyExecutes adds to a plan a comment line for each execute() that
// runs nothing in the planned direction (execute(up, "") on the way down,
// execute("", down) on the way up), in its place among stmts: it plans no
// statement, and without the note `lark plan` would show a migration whose
// rollback is only that as if it had no operations at all. Like the data
// ops' comments (migrator_data_plan.go), the note is for `lark plan`
// only; it never reaches the database.
func noteEmptyExecutes(log op.Log, stmts []dialect.Stmt) []dialect.Stmt {
	var out []dialect.Stmt
	next := 0 // the first statement of stmts not yet in out
	for i, o := range log {
		var notes []dialect.Stmt
		emptyExecutes(o, func(e *op.Execute) {
			notes = append(notes, dialect.Stmt{SQL: "-- execute at " + e.Pos.String() + ": nothing to run (\"\")", Op: i, Pos: e.Pos})
		})
		if len(notes) == 0 {
			continue
		}
		for next < len(stmts) && stmts[next].Op < i {
			out = append(out, stmts[next])
			next++
		}
		out = append(out, notes...)
	}
	if out == nil {
		return stmts
	}
	return append(out, stmts[next:]...)
}

// emptyExecutes calls f for o, when it is an execute() with nothing to
// run, and for each such execute() among the ops its function recorded.
func emptyExecutes(o op.Op, f func(*op.Execute)) {
	e, ok := o.(*op.Execute)
	if !ok {
		return
	}
	if e.Up.Empty() {
		f(e)
	}
	for _, inner := range e.Ops {
		emptyExecutes(inner, f)
	}
}
