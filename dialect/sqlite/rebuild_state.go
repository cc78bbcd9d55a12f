package sqlite

import (
	"fmt"
	"slices"
	"strings"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/dialect/schema"
	"github.com/larkdb/lark/op"
)

// state is the schema as a plan goes along: the snapshot it started from,
// updated by every op planned so far, so that an op can rebuild a table
// that an earlier op of the same plan created or changed.
//
// Tables are shared with the snapshot until an op changes one: the state
// copies a table before its first change (writable), so planning costs
// what the ops change, not the size of the schema, and the snapshot given
// to the plan stays as it was.
type state struct {
	s *schema.Schema
	// owned are the tables this state made or copied, which it may change.
	owned map[*schema.Table]bool
	// known is true when the snapshot was read from the database; false
	// for Plan without one, where a table the ops did not create is
	// unknown rather than missing.
	known bool
}

func newState(snap dialect.Snapshot, known bool) *state {
	s := &schema.Schema{Dialect: "sqlite", Name: "main"}
	if snap.Schema != nil {
		s = shallowCopy(snap.Schema)
	}
	return &state{s: s, owned: map[*schema.Table]bool{}, known: known}
}

// snapshot returns the schema after the plan, sharing its tables.
func (s *state) snapshot() dialect.Snapshot {
	return dialect.Snapshot{Schema: shallowCopy(s.s)}
}

// shallowCopy copies a schema's lists but not its tables.
func shallowCopy(s *schema.Schema) *schema.Schema {
	return &schema.Schema{Dialect: s.Dialect, Name: s.Name, Tables: slices.Clone(s.Tables),
		Views: slices.Clone(s.Views), Triggers: slices.Clone(s.Triggers)}
}

// table returns the table named name, or nil, to read.
func (s *state) table(name string) *schema.Table { return tableNamed(s.s, name) }

// writable returns the table named name, or nil, to change: copied first
// unless the state made or copied it already.
func (s *state) writable(name string) *schema.Table {
	for i, t := range s.s.Tables {
		if strings.EqualFold(t.Name, name) {
			return s.own(i, t)
		}
	}
	return nil
}

// own puts a copy of t at position i of the tables, unless the state owns t.
func (s *state) own(i int, t *schema.Table) *schema.Table {
	if !s.owned[t] {
		t = t.Clone()
		s.s.Tables[i] = t
		s.owned[t] = true
	}
	return t
}

// replace puts t, the state's own, in place of the table named name.
func (s *state) replace(name string, t *schema.Table) {
	for i, old := range s.s.Tables {
		if strings.EqualFold(old.Name, name) {
			s.s.Tables[i] = t
			s.owned[t] = true
		}
	}
}

// index returns the table and position of the index named name, or nil.
func (s *state) index(name string) (*schema.Table, int) {
	for _, t := range s.s.Tables {
		for i, x := range t.Indexes {
			if x.SQL != "" && strings.EqualFold(x.Name, name) {
				return t, i
			}
		}
	}
	return nil, -1
}

// taken reports whether any table, index, view or trigger is named name.
func (s *state) taken(name string) bool {
	if t, _ := s.index(name); t != nil || s.table(name) != nil {
		return true
	}
	for _, v := range s.s.Views {
		if strings.EqualFold(v.Name, name) {
			return true
		}
	}
	for _, g := range s.s.Triggers {
		if strings.EqualFold(g.Name, name) {
			return true
		}
	}
	return false
}

// freeName returns base, or base with a number after it, whichever no
// object has yet: the temporary name of a rebuilt table.
func (s *state) freeName(base string) string {
	name := base
	for n := 2; s.taken(name); n++ {
		name = fmt.Sprintf("%s_%d", base, n)
	}
	return name
}

// track updates the state after an op planned without a rebuild, so later
// ops see what it did. Raw SQL (execute) cannot be followed: a rebuild after
// it reads the database again when the migrator applies it, and a plan
// names the table it cannot find.
func (s *state) track(o op.Op, sqls []string) {
	switch o := o.(type) {
	case *op.CreateTable:
		if len(sqls) == 1 && o.Modifiers == "" && s.table(o.Table.Name) == nil {
			t, err := parseTable(sqls[0])
			if err != nil {
				t = &schema.Table{SQL: sqls[0]}
			}
			t.Name = o.Table.Name
			s.s.Tables = append(s.s.Tables, t)
			s.owned[t] = true
		}
	case *op.CreateIndex:
		// An index of a table the plan does not know is left out: nothing
		// can rebuild that table in this plan anyway.
		if owner, _ := s.index(o.Index.Name); owner == nil && len(sqls) == 1 {
			if t := s.writable(o.Index.Table); t != nil {
				x, err := parseIndex(sqls[0])
				if err != nil {
					x = schema.Index{SQL: sqls[0]}
				}
				x.Name = o.Index.Name
				t.Indexes = append(t.Indexes, x)
			}
		}
	case *op.DropIndex:
		if t, i := s.index(o.Index.Name); t != nil {
			t = s.writable(t.Name)
			t.Indexes = slices.Delete(t.Indexes, i, i+1)
		}
	case *op.DropTable:
		// Its indexes and triggers go with it; views that name it stay,
		// as SQLite keeps them.
		s.removeTable(o.Table.Name)
		s.removeTriggers(func(g schema.Trigger) bool { return strings.EqualFold(g.Table, o.Table.Name) })
	case *op.RenameTable:
		if t := s.writable(o.Table.Name); t != nil {
			t.Name = o.To
		}
		for i := range s.s.Triggers {
			if g := &s.s.Triggers[i]; strings.EqualFold(g.Table, o.Table.Name) {
				g.Table = o.To
			}
		}
	case *op.RenameColumn:
		s.renameColumn(o.Table.Name, o.Column, o.To)
	case *op.AlterTable:
		s.alterColumns(o)
	}
}

// removeTable drops the table named name from the state.
func (s *state) removeTable(name string) {
	out := s.s.Tables[:0]
	for _, t := range s.s.Tables {
		if !strings.EqualFold(t.Name, name) {
			out = append(out, t)
		}
	}
	s.s.Tables = out
}

// removeTriggers drops the triggers drop selects.
func (s *state) removeTriggers(drop func(schema.Trigger) bool) {
	out := s.s.Triggers[:0]
	for _, g := range s.s.Triggers {
		if !drop(g) {
			out = append(out, g)
		}
	}
	s.s.Triggers = out
}

// renameColumn follows RENAME COLUMN: the column's definition and every
// index of the table that names it.
func (s *state) renameColumn(table, from, to string) {
	t := s.writable(table)
	if t == nil {
		return
	}
	if c := columnNamed(t, from); c != nil {
		c.Name = to
		for _, k := range c.Constraints {
			if k.ForeignKey != nil {
				k.ForeignKey.Columns = []string{to}
			}
		}
		c.SQL = columnSQL(c)
		describe(t)
	}
	for i, x := range t.Indexes {
		if x.SQL == "" {
			continue
		}
		sql := renameIdent(x.SQL, from, to)
		if y, err := parseIndex(sql); err == nil {
			y.Name = x.Name
			t.Indexes[i] = y
		}
	}
}

// alterColumns follows ADD COLUMN and DROP COLUMN.
func (s *state) alterColumns(o *op.AlterTable) {
	if t := s.table(o.Table.Name); t == nil || len(t.Columns) == 0 {
		return
	}
	t := s.writable(o.Table.Name)
	for _, ch := range o.Changes {
		switch ch.Action {
		case op.ActionAdd:
			sql, err := columnDef(ch.Pos, ch.Column, colContext{inlinePK: true, alter: true})
			if err != nil {
				continue
			}
			if c, err := parseColumn(sql); err == nil {
				t.Columns = append(t.Columns, c)
			}
		case op.ActionRemove:
			removeColumn(t, ch.Column.Name)
		}
	}
	describe(t)
}

// removeColumn takes the column named name out of t's columns.
func removeColumn(t *schema.Table, name string) {
	out := t.Columns[:0]
	for _, c := range t.Columns {
		if !strings.EqualFold(c.Name, name) {
			out = append(out, c)
		}
	}
	t.Columns = out
}
