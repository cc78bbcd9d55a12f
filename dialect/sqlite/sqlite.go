package sqlite

import (
	"fmt"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// Dialect renders ops as SQLite SQL. The zero value is ready to use; [New]
// returns one as a [dialect.Dialect].
type Dialect struct{}

// New returns the SQLite dialect.
func New() dialect.Dialect { return Dialect{} }

// Name returns "sqlite", what a script's dialect() returns on SQLite.
func (Dialect) Name() string { return "sqlite" }

// Plan returns the statements that apply ops, in order. An op SQLite cannot
// do is an *op.Error at the op's position; Plan then returns no statements.
func (Dialect) Plan(ops []op.Op) ([]dialect.Stmt, error) {
	p := &planner{}
	for i, o := range ops {
		p.index = i
		if err := p.plan(o); err != nil {
			return nil, err
		}
	}
	return p.stmts, nil
}

// planner collects statements for one Plan call.
type planner struct {
	stmts []dialect.Stmt
	// index is the position, in the slice given to Plan, of the top-level
	// op being planned; ops nested in an Execute report it too.
	index int
}

// emit records one statement planned from an op at pos.
func (p *planner) emit(pos op.Pos, sql string) {
	p.stmts = append(p.stmts, dialect.Stmt{SQL: sql, Op: p.index, Pos: pos})
}

// plan renders one op.
func (p *planner) plan(o op.Op) error {
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
		return createConstraintError(o)
	case *op.DropConstraint:
		return op.Errorf(o.Pos, "drop_constraint: SQLite cannot drop a constraint from an existing table: create a new table without it and copy the rows, with execute()")
	case *op.Execute:
		return p.execute(o)
	case nil:
		return fmt.Errorf("sqlite: plan op %d: nil op", p.index)
	default:
		return op.Errorf(o.Position(), "%s: the SQLite dialect cannot render this operation", o.Kind())
	}
}

// createConstraintError explains why constraint() fails on SQLite.
func createConstraintError(o *op.CreateConstraint) error {
	if o.Constraint.Exclude != "" {
		return op.Errorf(o.Pos, "constraint: SQLite has no exclusion constraints: use a unique index, or a trigger with execute()")
	}
	return op.Errorf(o.Pos, "constraint: SQLite cannot add a constraint to an existing table: create a new table with the CHECK and copy the rows, with execute()")
}

// execute plans execute(): SQL as written, or the ops a Starlark function
// recorded, in place, each reported against the Execute.
func (p *planner) execute(o *op.Execute) error {
	switch {
	case o.Up.SQL != "":
		if err := checkNoNUL(o.Pos, "execute", o.Up.SQL); err != nil {
			return err
		}
		p.emit(o.Pos, o.Up.SQL)
		return nil
	case o.Up.Func != "":
		// A reversed Execute has no Ops yet: the engine calls the function
		// when it applies it, so there is nothing to plan here.
		for _, nested := range o.Ops {
			if err := p.plan(nested); err != nil {
				return err
			}
		}
		return nil
	default:
		return op.Errorf(o.Pos, "execute: nothing to run: give SQL or a function")
	}
}
