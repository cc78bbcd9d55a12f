package eval

import (
	"fmt"
	"strings"

	"github.com/larkdb/lark/op"
)

// reverseOp returns the inverse of one op by Ecto's rules
// (Ecto.Migration.Runner's reverse/1): what an op created is dropped, a
// drop that carries its definition is re-created, a rename goes back, and
// anything whose previous state is unknown is irreversible.
func reverseOp(o op.Op) (op.Op, error) {
	switch o := o.(type) {
	case *op.CreateTable:
		return &op.DropTable{Pos: o.Pos, Table: o.Table, IfExists: o.IfNotExists}, nil
	case *op.DropTable:
		return nil, &IrreversibleError{Pos: o.Pos, Op: "drop_table",
			Reason: fmt.Sprintf("drop_table(%q) does not know the table's columns; use up() and down()", o.Table.Name)}
	case *op.AlterTable:
		return reverseAlter(o)
	case *op.RenameTable:
		return &op.RenameTable{Pos: o.Pos, Table: op.Table{Name: o.To, Prefix: o.Table.Prefix}, To: o.Table.Name}, nil
	case *op.RenameColumn:
		return &op.RenameColumn{Pos: o.Pos, Table: o.Table, Column: o.To, To: o.Column}, nil
	case *op.RenameIndex:
		return &op.RenameIndex{Pos: o.Pos, Table: o.Table, Name: o.To, To: o.Name}, nil
	case *op.CreateIndex:
		ix := o.Index
		return &op.DropIndex{Pos: o.Pos, Index: ix, IfExists: o.IfNotExists}, nil
	case *op.DropIndex:
		if len(o.Index.Columns) == 0 {
			return nil, &IrreversibleError{Pos: o.Pos, Op: "drop_index",
				Reason: fmt.Sprintf("drop_index(%q, name=%q) does not give the index's columns", o.Index.Table, o.Index.Name)}
		}
		return &op.CreateIndex{Pos: o.Pos, Index: o.Index, IfNotExists: o.IfExists}, nil
	case *op.CreateConstraint:
		return &op.DropConstraint{Pos: o.Pos, Constraint: o.Constraint}, nil
	case *op.DropConstraint:
		if o.Constraint.Check == "" && o.Constraint.Exclude == "" {
			return nil, &IrreversibleError{Pos: o.Pos, Op: "drop_constraint",
				Reason: fmt.Sprintf("drop_constraint(%q, %q) has no check= or exclude= definition", o.Constraint.Table, o.Constraint.Name)}
		}
		return &op.CreateConstraint{Pos: o.Pos, Constraint: o.Constraint}, nil
	case *op.Execute:
		if o.Down == nil {
			return nil, &IrreversibleError{Pos: o.Pos, Op: "execute",
				Reason: fmt.Sprintf("execute(%s) has no down", codeString(o.Up))}
		}
		up := o.Up
		return &op.Execute{Pos: o.Pos, Up: *o.Down, Down: &up}, nil
	}
	if op.IsData(o) {
		return nil, &IrreversibleError{Pos: o.Position(), Op: o.Kind(),
			Reason: "a data change cannot be reversed from the log; define up() and down(), or wrap it in execute(up_fn, down_fn)"}
	}
	return nil, &IrreversibleError{Pos: o.Position(), Op: o.Kind(), Reason: "lark does not know how to reverse it"}
}

// reverseAlter reverses each change of an alter(), in reverse order.
func reverseAlter(o *op.AlterTable) (op.Op, error) {
	if o.Comment != nil {
		// Ecto re-applies the same comment on the way down, which leaves the
		// new comment in place. The log does not know the previous comment,
		// so an exact rollback is impossible: say so instead.
		return nil, &IrreversibleError{Pos: o.Pos, Op: "alter",
			Reason: fmt.Sprintf("alter(%q, comment=...) replaces the table comment and the previous one is not known; set comments in up() and down()", o.Table.Name)}
	}
	out := &op.AlterTable{Pos: o.Pos, Table: o.Table, Changes: make([]op.Change, len(o.Changes))}
	for i, ch := range o.Changes {
		r, err := reverseChange(ch)
		if err != nil {
			return nil, err
		}
		out.Changes[len(o.Changes)-1-i] = r
	}
	return out, nil
}

func reverseChange(ch op.Change) (op.Change, error) {
	out := op.Change{Pos: ch.Pos, Column: ch.Column}
	switch ch.Action {
	case op.ActionAdd:
		out.Action = op.ActionRemove
	case op.ActionAddIfNotExists:
		out.Action = op.ActionRemoveIfExists
	case op.ActionRemove, op.ActionRemoveIfExists:
		if ch.Column.Type.IsZero() {
			return out, &IrreversibleError{Pos: ch.Pos, Op: ch.Action,
				Reason: fmt.Sprintf("%s(%q) has no type", ch.Action, ch.Column.Name)}
		}
		out.Action = op.ActionAdd
		if ch.Action == op.ActionRemoveIfExists {
			out.Action = op.ActionAddIfNotExists
		}
	case op.ActionModify:
		if ch.From == nil {
			return out, &IrreversibleError{Pos: ch.Pos, Op: "modify",
				Reason: fmt.Sprintf("modify(%q) has no from_", ch.Column.Name)}
		}
		out.Action = op.ActionModify
		out.Column = *ch.From
		out.Column.Name = ch.Column.Name
		from := ch.Column
		from.Name = ""
		out.From = &from
	default:
		return out, &IrreversibleError{Pos: ch.Pos, Op: ch.Action, Reason: "unknown alter action"}
	}
	return out, nil
}

// codeString renders one side of an execute() for a message.
func codeString(c op.Code) string {
	if c.Func != "" {
		return c.Func
	}
	sql := strings.Join(strings.Fields(c.SQL), " ")
	if len(sql) > 40 {
		sql = sql[:37] + "..."
	}
	return fmt.Sprintf("%q", sql)
}
