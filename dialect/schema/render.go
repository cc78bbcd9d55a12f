package schema

import (
	"strconv"
	"strings"
)

// String renders the schema as stable text, one table per paragraph:
//
//	table reviews
//	  column id: text not null
//	  column rating: integer not null
//	  primary key reviews_pkey (id)
//	  index reviews_order_id_index (order_id) using btree
//	  check rating_range: CHECK (rating >= 1 AND rating <= 5)
//	  foreign key reviews_order_id_fkey (order_id) references orders (id) on delete CASCADE
//
// An empty schema renders as "(no tables)\n". Views, triggers and the text
// of SQLite's definitions ([Column.SQL], [Constraint]) are not rendered:
// the lines describe what the catalog reports.
func (s *Schema) String() string {
	if len(s.Tables) == 0 {
		return "(no tables)\n"
	}
	var b strings.Builder
	for i, t := range s.Tables {
		if i > 0 {
			b.WriteByte('\n')
		}
		t.render(&b)
	}
	return b.String()
}

func (t *Table) render(b *strings.Builder) {
	b.WriteString("table " + t.Name + "\n")
	if t.Comment != "" {
		b.WriteString("  comment " + strconv.Quote(t.Comment) + "\n")
	}
	if len(t.Options) > 0 {
		b.WriteString("  options " + strings.Join(t.Options, ", ") + "\n")
	}
	for _, c := range t.Columns {
		b.WriteString("  column " + c.line() + "\n")
	}
	if len(t.PrimaryKey) > 0 {
		b.WriteString("  primary key ")
		if t.PrimaryKeyName != "" {
			b.WriteString(t.PrimaryKeyName + " ")
		}
		b.WriteString("(" + strings.Join(t.PrimaryKey, ", ") + ")")
		if t.AutoIncrement {
			b.WriteString(" autoincrement")
		}
		b.WriteByte('\n')
	}
	for _, x := range t.Indexes {
		b.WriteString("  " + x.line() + "\n")
	}
	for _, c := range t.Checks {
		b.WriteString("  " + c.line() + "\n")
	}
	for _, f := range t.ForeignKeys {
		b.WriteString("  " + f.line() + "\n")
	}
}

func (c Column) line() string {
	var b strings.Builder
	b.WriteString(c.Name + ": " + c.Type)
	if c.NotNull {
		b.WriteString(" not null")
	}
	if c.Default != "" {
		b.WriteString(" default " + c.Default)
	}
	if c.Identity != "" {
		b.WriteString(" identity " + c.Identity)
		b.WriteString(" start " + strconv.FormatInt(c.IdentityStart, 10))
		b.WriteString(" increment " + strconv.FormatInt(c.IdentityIncrement, 10))
	}
	if c.GeneratedKind != "" {
		b.WriteString(" generated " + c.GeneratedKind)
		if c.Generated != "" {
			b.WriteString(" as " + c.Generated)
		}
	}
	if c.Collation != "" {
		b.WriteString(" collate " + c.Collation)
	}
	if c.Comment != "" {
		b.WriteString(" comment " + strconv.Quote(c.Comment))
	}
	return b.String()
}

func (x Index) line() string {
	var b strings.Builder
	switch {
	case x.Constraint:
		b.WriteString("unique constraint ")
	case x.Unique:
		b.WriteString("unique index ")
	default:
		b.WriteString("index ")
	}
	if x.Name != "" {
		b.WriteString(x.Name + " ")
	}
	b.WriteString("(" + strings.Join(x.Columns, ", ") + ")")
	if x.Method != "" {
		b.WriteString(" using " + x.Method)
	}
	if len(x.Include) > 0 {
		b.WriteString(" include (" + strings.Join(x.Include, ", ") + ")")
	}
	if x.NullsNotDistinct {
		b.WriteString(" nulls not distinct")
	}
	if x.Where != "" {
		b.WriteString(" where " + x.Where)
	}
	if x.Comment != "" {
		b.WriteString(" comment " + strconv.Quote(x.Comment))
	}
	return b.String()
}

func (c Check) line() string {
	var b strings.Builder
	b.WriteString(c.Kind)
	if c.Name != "" {
		b.WriteString(" " + c.Name)
	}
	b.WriteString(": " + c.Definition)
	if c.NotValid {
		b.WriteString(" not valid")
	}
	if c.Comment != "" {
		b.WriteString(" comment " + strconv.Quote(c.Comment))
	}
	return b.String()
}

func (f ForeignKey) line() string {
	var b strings.Builder
	b.WriteString("foreign key ")
	if f.Name != "" {
		b.WriteString(f.Name + " ")
	}
	b.WriteString("(" + strings.Join(f.Columns, ", ") + ") references " + f.RefTable)
	b.WriteString(" (" + strings.Join(f.RefColumns, ", ") + ")")
	b.WriteString(" on delete " + f.OnDelete)
	if len(f.OnDeleteColumns) > 0 {
		b.WriteString(" (" + strings.Join(f.OnDeleteColumns, ", ") + ")")
	}
	b.WriteString(" on update " + f.OnUpdate)
	if f.Match != "" && f.Match != "SIMPLE" {
		b.WriteString(" match " + f.Match)
	}
	if f.NotValid {
		b.WriteString(" not valid")
	}
	if f.Comment != "" {
		b.WriteString(" comment " + strconv.Quote(f.Comment))
	}
	return b.String()
}
