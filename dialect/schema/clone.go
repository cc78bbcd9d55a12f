package schema

import "slices"

// Clone returns a deep copy of s: a planner changes its copy of the schema
// as it plans, and the schema it was given stays as it was.
func (s *Schema) Clone() *Schema {
	if s == nil {
		return nil
	}
	c := &Schema{Dialect: s.Dialect, Name: s.Name,
		Views: slices.Clone(s.Views), Triggers: slices.Clone(s.Triggers)}
	c.Tables = cloneEach(s.Tables, (*Table).Clone)
	return c
}

// Clone returns a deep copy of t.
func (t *Table) Clone() *Table {
	c := *t
	c.Columns = cloneEach(t.Columns, func(col Column) Column {
		col.Constraints = cloneEach(col.Constraints, Constraint.clone)
		return col
	})
	c.PrimaryKey = slices.Clone(t.PrimaryKey)
	c.Options = slices.Clone(t.Options)
	c.Indexes = cloneEach(t.Indexes, func(x Index) Index {
		x.Columns, x.Include = slices.Clone(x.Columns), slices.Clone(x.Include)
		return x
	})
	c.Checks = slices.Clone(t.Checks)
	c.ForeignKeys = cloneEach(t.ForeignKeys, ForeignKey.clone)
	c.Constraints = cloneEach(t.Constraints, Constraint.clone)
	return &c
}

// cloneEach copies a list with clone applied to each element; nil stays
// nil.
func cloneEach[T any](list []T, clone func(T) T) []T {
	if list == nil {
		return nil
	}
	out := make([]T, len(list))
	for i, v := range list {
		out[i] = clone(v)
	}
	return out
}

func (k Constraint) clone() Constraint {
	k.Columns = slices.Clone(k.Columns)
	if k.ForeignKey != nil {
		f := k.ForeignKey.clone()
		k.ForeignKey = &f
	}
	return k
}

func (f ForeignKey) clone() ForeignKey {
	f.Columns = slices.Clone(f.Columns)
	f.RefColumns = slices.Clone(f.RefColumns)
	f.OnDeleteColumns = slices.Clone(f.OnDeleteColumns)
	return f
}
