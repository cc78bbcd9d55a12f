package sqlite

import (
	"fmt"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// Dialect is SQLite for lark: it renders ops as SQLite SQL (the methods on
// Dialect, which do no I/O) and does the runtime work on a database (the
// methods of the embedded [Runtime]). The zero value is ready to use; [New]
// returns one as a [dialect.Dialect].
type Dialect struct {
	Runtime
}

var _ dialect.Dialect = Dialect{}

// New returns the SQLite dialect.
func New() dialect.Dialect { return Dialect{} }

// Name returns "sqlite", what a script's dialect() returns on SQLite.
func (Dialect) Name() string { return "sqlite" }

// Title returns "SQLite".
func (Dialect) Title() string { return "SQLite" }

// Capabilities: an embedded database, without schemas or a time type,
// that rebuilds a table to change a column (see rebuild.go). Its run lock is a
// file lock kept for the whole run, so no migration takes a lock of its
// own.
func (Dialect) Capabilities() dialect.Capabilities {
	return dialect.Capabilities{Rebuilds: true, TimeAsText: true, Embedded: true}
}

// Plan returns the statements that apply ops, in order. An op SQLite cannot
// do is an *op.Error at the op's position; Plan then returns no statements.
//
// Ops that rebuild a table (see rebuild.go) need the table's definition:
// without a snapshot, Plan knows only the tables the ops themselves create,
// and reports any other as needing one; [Dialect.PlanWithSnapshot] plans
// against the schema the migrator read from the database.
func (Dialect) Plan(ops []op.Op) ([]dialect.Stmt, error) {
	stmts, _, err := planAll(ops, newState(dialect.Snapshot{}, false))
	return stmts, err
}

// PlanWithSnapshot plans ops against the schema before them and returns
// the statements and the schema after them.
func (Dialect) PlanWithSnapshot(ops []op.Op, before dialect.Snapshot) ([]dialect.Stmt, dialect.Snapshot, error) {
	return planAll(ops, newState(before, true))
}

func planAll(ops []op.Op, st *state) ([]dialect.Stmt, dialect.Snapshot, error) {
	p := &planner{st: st}
	for i, o := range ops {
		p.index = i
		if err := p.plan(o); err != nil {
			return nil, dialect.Snapshot{}, err
		}
	}
	return p.stmts, st.snapshot(), nil
}

// planner collects statements for one Plan call.
type planner struct {
	stmts []dialect.Stmt
	// index is the position, in the slice given to Plan, of the top-level
	// op being planned; ops nested in an Execute report it too.
	index int
	// st is the schema as planned so far; rebuilt is set by an op that
	// rebuilt a table, which updates st itself.
	st      *state
	rebuilt bool
}

// emit records one statement planned from an op at pos.
func (p *planner) emit(pos op.Pos, sql string) {
	p.stmts = append(p.stmts, dialect.Stmt{SQL: sql, Op: p.index, Pos: pos})
}

// plan renders one op and follows it in the planned schema.
func (p *planner) plan(o op.Op) error {
	from := len(p.stmts)
	p.rebuilt = false
	if err := p.render(o); err != nil {
		return err
	}
	if !p.rebuilt {
		sqls := make([]string, 0, len(p.stmts)-from)
		for _, s := range p.stmts[from:] {
			sqls = append(sqls, s.SQL)
		}
		p.st.track(o, sqls)
	}
	return nil
}

// render renders one op.
func (p *planner) render(o op.Op) error {
	switch o := o.(type) {
	case *op.CreateTable:
		return p.createTable(o)
	case *op.AlterTable:
		return p.alterTable(o)
	case *op.DropTable:
		return p.dropTable(o)
	case *op.RenameTable:
		return p.renameTable(o)
	case *op.RenameColumn:
		return p.renameColumn(o)
	case *op.RenameIndex:
		return op.Errorf(o.Pos, "rename_index: SQLite cannot rename an index: use drop_index then index with the new name")
	case *op.CreateIndex:
		return p.createIndex(o)
	case *op.DropIndex:
		return p.dropIndex(o)
	case *op.CreateConstraint:
		return p.createConstraint(o)
	case *op.DropConstraint:
		return p.dropConstraint(o)
	case *op.Execute:
		return p.execute(o)
	case nil:
		return fmt.Errorf("sqlite: plan op %d: nil op", p.index)
	default:
		return op.Errorf(o.Position(), "%s: the SQLite dialect cannot render this operation", o.Kind())
	}
}

// execute plans execute(): SQL as written, or the ops a Starlark function
// recorded, in place, each reported against the Execute. Empty code
// (execute("", down), or execute(up, "") reversed) plans nothing.
func (p *planner) execute(o *op.Execute) error {
	if o.Up.SQL != "" {
		if err := checkNoNUL(o.Pos, "execute", o.Up.SQL); err != nil {
			return err
		}
		p.emit(o.Pos, o.Up.SQL)
		return nil
	}
	// A reversed Execute of a function has no Ops yet: the engine calls
	// the function when it applies it, so there is nothing to plan here.
	for _, nested := range o.Ops {
		if err := p.plan(nested); err != nil {
			return err
		}
	}
	return nil
}
