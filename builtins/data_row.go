package builtins

import (
	"fmt"
	"strings"

	"go.starlark.net/starlark"
)

// columns are the column names of a result, shared by its rows.
type columns struct {
	names []string
	index map[string]int
}

func newColumns(names []string) *columns {
	c := &columns{names: names, index: make(map[string]int, len(names))}
	for i, n := range names {
		if _, dup := c.index[n]; !dup {
			c.index[n] = i
		}
	}
	return c
}

// rowValue is one result row: row.name, row["name"], row[0], len(row),
// and dict(row.items()) / row.keys() for the lot.
type rowValue struct {
	cols *columns
	vals []starlark.Value
}

var (
	_ starlark.Mapping   = (*rowValue)(nil)
	_ starlark.HasAttrs  = (*rowValue)(nil)
	_ starlark.Sequence  = (*rowValue)(nil)
	_ starlark.Indexable = (*rowValue)(nil)
)

func (r *rowValue) String() string {
	var b strings.Builder
	b.WriteString("row(")
	for i, n := range r.cols.names {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%s = %s", n, r.vals[i].String())
	}
	b.WriteString(")")
	return b.String()
}

func (r *rowValue) Type() string          { return "row" }
func (r *rowValue) Freeze()               {}
func (r *rowValue) Truth() starlark.Bool  { return len(r.vals) > 0 }
func (r *rowValue) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: row") }
func (r *rowValue) Len() int              { return len(r.vals) }

// Index returns the i-th column's value.
func (r *rowValue) Index(i int) starlark.Value { return r.vals[i] }

// Iterate yields the values in column order, so `a, b = row` works.
func (r *rowValue) Iterate() starlark.Iterator { return starlark.NewList(r.vals).Iterate() }

// Get implements row["name"] and row[i].
func (r *rowValue) Get(k starlark.Value) (starlark.Value, bool, error) {
	switch k := k.(type) {
	case starlark.String:
		if i, ok := r.cols.index[string(k)]; ok {
			return r.vals[i], true, nil
		}
		return nil, false, fmt.Errorf("row has no column %q (columns: %s)", string(k), strings.Join(r.cols.names, ", "))
	case starlark.Int:
		i, ok := k.Int64()
		if !ok || i < -int64(len(r.vals)) || i >= int64(len(r.vals)) {
			return nil, false, fmt.Errorf("row index %s out of range (%d columns)", k, len(r.vals))
		}
		if i < 0 {
			i += int64(len(r.vals))
		}
		return r.vals[i], true, nil
	}
	return nil, false, fmt.Errorf("row index must be a column name or an int, not %s", k.Type())
}

// Attr implements row.name, and the methods keys(), values() and items().
func (r *rowValue) Attr(name string) (starlark.Value, error) {
	if i, ok := r.cols.index[name]; ok {
		return r.vals[i], nil
	}
	switch name {
	case "keys", "values", "items":
		return starlark.NewBuiltin(name, func(*starlark.Thread, *starlark.Builtin, starlark.Tuple, []starlark.Tuple) (starlark.Value, error) {
			out := make([]starlark.Value, len(r.vals))
			for i, n := range r.cols.names {
				switch name {
				case "keys":
					out[i] = starlark.String(n)
				case "values":
					out[i] = r.vals[i]
				default:
					out[i] = starlark.Tuple{starlark.String(n), r.vals[i]}
				}
			}
			return starlark.NewList(out), nil
		}), nil
	}
	return nil, starlark.NoSuchAttrError(fmt.Sprintf("row has no column %q (columns: %s)", name, strings.Join(r.cols.names, ", ")))
}

// AttrNames lists the columns and methods.
func (r *rowValue) AttrNames() []string {
	return append(append([]string(nil), r.cols.names...), "items", "keys", "values")
}

// makeRow converts one database row.
func makeRow(thread *starlark.Thread, cols *columns, types []string, vals []any) (*rowValue, error) {
	out := make([]starlark.Value, len(vals))
	for i, v := range vals {
		sv, err := fromSQL(thread, v, types[i])
		if err != nil {
			return nil, fmt.Errorf("column %s: %w", cols.names[i], err)
		}
		out[i] = sv
	}
	return &rowValue{cols: cols, vals: out}, nil
}
