package postgres

import (
	"fmt"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// Dialect is PostgreSQL for lark: it renders ops as PostgreSQL SQL (the
// methods on Dialect, which do no I/O) and does the runtime work on a
// database (the methods of the embedded [Runtime]). The zero value is
// ready to use.
type Dialect struct {
	Runtime
}

// New returns the PostgreSQL dialect.
func New() *Dialect { return &Dialect{} }

var _ dialect.Dialect = (*Dialect)(nil)

// Name returns "postgres", what a script's dialect() returns.
func (*Dialect) Name() string { return "postgres" }

// Title returns "PostgreSQL".
func (*Dialect) Title() string { return "PostgreSQL" }

// Capabilities: schemas, a lock per migration besides the run lock, and
// concurrent index builds that cannot run in a transaction.
func (*Dialect) Capabilities() dialect.Capabilities {
	return dialect.Capabilities{Schemas: true, VersionLocks: true, ConcurrentIndexOutsideTx: true}
}

// NeedsSnapshot is false: PostgreSQL changes a table in place, so no plan
// reads the schema first.
func (*Dialect) NeedsSnapshot([]op.Op) bool { return false }

// PlanWithSnapshot is Plan; the snapshot is passed through unchanged.
func (d *Dialect) PlanWithSnapshot(ops []op.Op, before dialect.Snapshot) ([]dialect.Stmt, dialect.Snapshot, error) {
	stmts, err := d.Plan(ops)
	return stmts, before, err
}

// Plan returns the statements that apply ops, in order. Each statement's Op
// is the index of the op in ops that produced it; the ops an execute()
// function recorded are planned in place of it and point at the execute.
// CREATE INDEX CONCURRENTLY and DROP INDEX CONCURRENTLY are marked NoTx.
// The first op that cannot be rendered is returned as an *op.Error at its
// script position, and no statements with it.
func (*Dialect) Plan(ops []op.Op) ([]dialect.Stmt, error) {
	p := &planner{}
	for i, o := range ops {
		p.index = i
		if err := p.plan(o); err != nil {
			return nil, err
		}
	}
	return p.stmts, nil
}

// planner collects the statements of one Plan call.
type planner struct {
	stmts []dialect.Stmt
	index int // the op being planned, in the slice given to Plan
}

// emit appends a statement produced at pos.
func (p *planner) emit(pos op.Pos, sql string, noTx bool) {
	p.stmts = append(p.stmts, dialect.Stmt{SQL: sql, Op: p.index, Pos: pos, NoTx: noTx})
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
		return p.renameIndex(o)
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
		return fmt.Errorf("postgres: plan op %d: nil op", p.index)
	}
	return op.Errorf(o.Position(), "postgres: cannot render a %s operation", o.Kind())
}

// execute renders execute(): SQL as written, or the ops its function
// recorded, each planned in place and pointing at the execute. A function
// whose ops are not recorded yet (a reversed execute) plans nothing: the
// engine calls the function when it applies the op. Nor does empty code
// (execute("", down), or execute(up, "") reversed): there is nothing to run.
func (p *planner) execute(o *op.Execute) error {
	if o.Up.SQL != "" {
		p.emit(o.Pos, o.Up.SQL, false)
		return nil
	}
	for _, nested := range o.Ops {
		if err := p.plan(nested); err != nil {
			return err
		}
	}
	return nil
}

// dropMode renders a drop's mode: "cascade" adds CASCADE; "" is the
// database's default, RESTRICT.
func dropMode(mode string) string {
	if mode == op.ModeCascade {
		return " CASCADE"
	}
	return ""
}

// commentOn renders COMMENT ON <object> <name> IS '<comment>'.
func commentOn(object, name, comment string) string {
	return "COMMENT ON " + object + " " + name + " IS " + QuoteString(comment)
}

// posOr returns pos when it is valid, else fallback: a change inside
// alter() carries its own position, but a log written without one falls
// back to the alter's.
func posOr(pos, fallback op.Pos) op.Pos {
	if pos.IsValid() {
		return pos
	}
	return fallback
}
