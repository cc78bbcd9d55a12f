package engine

import (
	"fmt"
	"strings"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/engine/eval"
	"github.com/larkdb/lark/op"
)

// planLog plans a log for `lark plan`: schema ops through the dialect and
// each data op as the statement it runs, marked with a leading comment
// ("-- query", "-- exec", "-- batches", "-- backfill"). Stmt.Op indexes
// the top-level log. An execute() of a function is planned as the ops it
// recorded. plan plans each run of schema ops between data ops.
func (m *Migrator) planLog(log op.Log, plan func([]op.Op) ([]dialect.Stmt, error)) ([]dialect.Stmt, error) {
	if !op.HasData(log) {
		return plan(log)
	}
	var out []dialect.Stmt
	var run []op.Op // schema ops waiting to be planned
	var runIdx []int
	flush := func() error {
		if len(run) == 0 {
			return nil
		}
		stmts, err := plan(run)
		if err != nil {
			return err
		}
		for _, s := range stmts {
			s.Op = runIdx[s.Op]
			out = append(out, s)
		}
		run, runIdx = nil, nil
		return nil
	}
	var walk func(i int, o op.Op) error
	walk = func(i int, o op.Op) error {
		if e, ok := o.(*op.Execute); ok && e.Up.Func != "" && op.HasData(e.Ops) {
			for _, inner := range e.Ops {
				if err := walk(i, inner); err != nil {
					return err
				}
			}
			return nil
		}
		if !op.IsData(o) {
			run, runIdx = append(run, o), append(runIdx, i)
			return nil
		}
		if err := flush(); err != nil {
			return err
		}
		out = append(out, dialect.Stmt{SQL: dataStmtText(m.d, o), Op: i, Pos: o.Position(), NoTx: false})
		return nil
	}
	for i, o := range log {
		if err := walk(i, o); err != nil {
			return nil, err
		}
	}
	return out, flush()
}

// dataStmtText renders a data op for a plan.
func dataStmtText(d dialect.Dialect, o op.Op) string {
	switch o := o.(type) {
	case *op.Query:
		return "-- query" + argsText(o.Args) + "\n" + o.SQL
	case *op.Exec:
		return "-- exec" + argsText(o.Args) + "\n" + o.SQL
	case *op.ExecMany:
		return "-- exec_many, once for each of its rows\n" + o.SQL
	case *op.Batches:
		head := fmt.Sprintf("-- batches of %d", o.Size)
		if o.Key != "" {
			head += " by " + o.Key
		}
		s := head + argsText(o.Args) + "\n" + o.SQL
		for _, st := range o.Stmts {
			s += fmt.Sprintf(";\n-- for each batch (%s)\n%s", st.Pos, st.SQL)
		}
		return s
	case *op.Backfill:
		table := d.QualifiedName(o.Table.Prefix, o.Table.Name)
		where := ""
		if o.Where != "" {
			where = " AND (" + o.Where + ")"
		}
		return fmt.Sprintf("-- backfill in batches of %d by %s%s\nUPDATE %s SET %s WHERE %s > <last key>%s",
			o.BatchSize, o.Key, argsText(o.Args), table, o.Set, d.QuoteIdent(o.Key), where)
	}
	return "-- " + o.Kind()
}

func argsText(args []op.Value) string {
	if len(args) == 0 {
		return ""
	}
	parts := make([]string, len(args))
	for i, a := range args {
		parts[i] = fmt.Sprintf("$%d = %s", i+1, a.GoString())
	}
	return " with " + strings.Join(parts, ", ")
}

// downRunsFile reports whether rolling back the stored log runs the
// file's down() instead of reversing the log: data ops cannot be
// reversed from the log, so a migration with up() and down() that ran
// any is rolled back by its down(), as Ecto always does.
func downRunsFile(s *eval.Script, log op.Log) bool {
	return s.HasUpDown() && (op.HasData(log) || !reversible(log))
}

// reversible reports whether log can be inverted.
func reversible(log op.Log) bool {
	_, err := eval.Reverse(log)
	return err == nil
}

// dataStatus describes the data loops of a partial migration's log that
// have not finished, for `lark status`.
func dataStatus(log op.Log) []string {
	var out []string
	for _, o := range log {
		var rows int64
		var last *op.Value
		switch o := o.(type) {
		case *op.Backfill:
			if o.Done {
				continue
			}
			rows, last = o.Rows, o.LastKey
		case *op.Batches:
			if o.Done {
				continue
			}
			rows, last = o.Rows, o.LastKey
		default:
			continue
		}
		s := fmt.Sprintf("%s at %s: %d rows done", o.Kind(), o.Position(), rows)
		if last != nil {
			s += ", last key " + last.GoString()
		}
		out = append(out, s)
	}
	return out
}
