package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// state is the schema as a plan goes along: the snapshot it started from,
// updated by every op planned so far, so that an op can rebuild a table
// that an earlier op of the same plan created or changed.
type state struct {
	objs []dialect.Object
	// known is true when the snapshot was read from the database; false
	// for Plan without one, where a table the ops did not create is
	// unknown rather than missing.
	known bool
}

func newState(s dialect.Snapshot, known bool) *state {
	return &state{objs: append([]dialect.Object(nil), s.Objects...), known: known}
}

func (s *state) snapshot() dialect.Snapshot {
	return dialect.Snapshot{Objects: append([]dialect.Object(nil), s.objs...)}
}

// find returns the index of the object of type typ named name, or -1.
func (s *state) find(typ, name string) int {
	for i, o := range s.objs {
		if o.Type == typ && strings.EqualFold(o.Name, name) {
			return i
		}
	}
	return -1
}

// table returns the table named name, or nil.
func (s *state) table(name string) *dialect.Object {
	if i := s.find("table", name); i >= 0 {
		return &s.objs[i]
	}
	return nil
}

func (s *state) add(o dialect.Object) {
	if s.find(o.Type, o.Name) < 0 {
		s.objs = append(s.objs, o)
	}
}

// remove drops the objects keep rejects.
func (s *state) remove(drop func(o dialect.Object) bool) {
	out := s.objs[:0]
	for _, o := range s.objs {
		if !drop(o) {
			out = append(out, o)
		}
	}
	s.objs = out
}

// freeName returns base, or base with a number after it, whichever no
// object has yet: the temporary name of a rebuilt table.
func (s *state) freeName(base string) string {
	name := base
	for n := 2; ; n++ {
		taken := false
		for _, o := range s.objs {
			taken = taken || strings.EqualFold(o.Name, name)
		}
		if !taken {
			return name
		}
		name = fmt.Sprintf("%s_%d", base, n)
	}
}

// track updates the state after an op planned without a rebuild, so later
// ops see what it did. Raw SQL (execute) cannot be followed: a rebuild after
// it reads the database again when the migrator applies it, and a plan
// names the table it cannot find.
func (s *state) track(o op.Op, sqls []string) {
	switch o := o.(type) {
	case *op.CreateTable:
		if len(sqls) == 1 && o.Modifiers == "" {
			s.add(dialect.Object{Type: "table", Name: o.Table.Name, Table: o.Table.Name, SQL: sqls[0]})
		}
	case *op.CreateIndex:
		if len(sqls) == 1 {
			s.add(dialect.Object{Type: "index", Name: o.Index.Name, Table: o.Index.Table, SQL: sqls[0]})
		}
	case *op.DropIndex:
		s.remove(func(x dialect.Object) bool { return x.Type == "index" && strings.EqualFold(x.Name, o.Index.Name) })
	case *op.DropTable:
		s.remove(func(x dialect.Object) bool {
			return x.Type != "view" && strings.EqualFold(x.Table, o.Table.Name)
		})
	case *op.RenameTable:
		for i := range s.objs {
			x := &s.objs[i]
			if !strings.EqualFold(x.Table, o.Table.Name) {
				continue
			}
			x.Table = o.To
			if x.Type == "table" {
				x.Name = o.To
				if def, err := parseTable(x.SQL); err == nil {
					x.SQL = def.render(o.To)
				}
			}
		}
	case *op.RenameColumn:
		s.renameColumn(o.Table.Name, o.Column, o.To)
	case *op.AlterTable:
		s.alterColumns(o)
	}
}

// renameColumn follows RENAME COLUMN: the column's definition and every
// index of the table that names it.
func (s *state) renameColumn(table, from, to string) {
	for i := range s.objs {
		x := &s.objs[i]
		if !strings.EqualFold(x.Table, table) {
			continue
		}
		switch x.Type {
		case "table":
			def, err := parseTable(x.SQL)
			if err != nil {
				continue
			}
			if c := def.column(from); c >= 0 {
				it := &def.items[c]
				it.name = to
				it.rebuildText()
			}
			x.SQL = def.render(x.Name)
		case "index":
			x.SQL = renameIdent(x.SQL, from, to)
		}
	}
}

// renameIdent replaces every identifier token naming from with to, quoted.
func renameIdent(sql, from, to string) string {
	toks, err := tokenize(sql)
	if err != nil {
		return sql
	}
	var b strings.Builder
	last := 0
	for _, t := range toks {
		if (t.kind == tokWord || t.kind == tokIdent) && strings.EqualFold(t.name(), from) {
			b.WriteString(sql[last:t.start])
			b.WriteString(QuoteIdent(to))
			last = t.end
		}
	}
	b.WriteString(sql[last:])
	return b.String()
}

// alterColumns follows ADD COLUMN and DROP COLUMN in the table's text.
func (s *state) alterColumns(o *op.AlterTable) {
	t := s.table(o.Table.Name)
	if t == nil {
		return
	}
	def, err := parseTable(t.SQL)
	if err != nil {
		return
	}
	for _, ch := range o.Changes {
		switch ch.Action {
		case op.ActionAdd:
			text, err := columnDef(ch.Pos, ch.Column, colContext{inlinePK: true, alter: true})
			if err == nil {
				def.insertColumn(item{column: true, name: ch.Column.Name, text: text})
			}
		case op.ActionRemove:
			if c := def.column(ch.Column.Name); c >= 0 {
				def.items = append(def.items[:c], def.items[c+1:]...)
			}
		}
	}
	t.SQL = def.render(t.Name)
}

// insertColumn adds a column after the last column, before the table
// constraints.
func (d *tableDef) insertColumn(it item) {
	at := 0
	for i, x := range d.items {
		if x.column {
			at = i + 1
		}
	}
	d.items = append(d.items, item{})
	copy(d.items[at+1:], d.items[at:])
	d.items[at] = it
}

// ReadSnapshot reads the schema a plan starts from: every table, index,
// trigger and view of the main database with its CREATE statement, in
// sqlite_master's order. Internal objects (sqlite_sequence, automatic
// indexes, which have no SQL) are left out.
func (Runtime) ReadSnapshot(ctx context.Context, q dialect.Querier) (dialect.Snapshot, error) {
	return ReadSnapshot(ctx, q)
}

// ReadSnapshot is [Runtime.ReadSnapshot] as a function, for an executor
// that has a connection but no Runtime (a test's, say).
func ReadSnapshot(ctx context.Context, q dialect.Querier) (dialect.Snapshot, error) {
	rows, err := q.QueryContext(ctx, `SELECT type, name, tbl_name, sql FROM sqlite_master
		WHERE sql IS NOT NULL AND name NOT LIKE 'sqlite\_%' ESCAPE '\' ORDER BY rowid`)
	if err != nil {
		return dialect.Snapshot{}, fmt.Errorf("read the schema from sqlite_master: %w", err)
	}
	defer rows.Close()
	var s dialect.Snapshot
	for rows.Next() {
		var o dialect.Object
		if err := rows.Scan(&o.Type, &o.Name, &o.Table, &o.SQL); err != nil {
			return dialect.Snapshot{}, fmt.Errorf("read the schema from sqlite_master: %w", err)
		}
		s.Objects = append(s.Objects, o)
	}
	if err := rows.Err(); err != nil {
		return dialect.Snapshot{}, fmt.Errorf("read the schema from sqlite_master: %w", err)
	}
	return s, nil
}
