package postgres

import (
	"strings"

	"github.com/larkdb/lark/op"
)

// refName is the foreign key's constraint name: the one the op carries, or
// Ecto's default "<table>_<column>_fkey" for a log written without it.
func refName(table op.Table, column string, ref *op.Reference) string {
	if ref.Name != "" {
		return ref.Name
	}
	return table.Name + "_" + column + "_fkey"
}

// refConstraint renders the table constraint of a references() column, as
// Ecto's reference_expr does:
//
//	CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors"("id") ...
//
// The referenced table is in the reference's prefix, else the table's.
func refConstraint(pos op.Pos, table op.Table, column string, ref *op.Reference) (string, error) {
	if err := checkIdent(pos, "referenced table", ref.Table); err != nil {
		return "", err
	}
	refCol := ref.Column
	if refCol == "" {
		refCol = "id"
	}
	cols := []string{column}
	refCols := []string{refCol}
	for _, w := range ref.With {
		if err := checkIdent(pos, "with_ column", w.Column); err != nil {
			return "", err
		}
		if err := checkIdent(pos, "with_ referenced column", w.Ref); err != nil {
			return "", err
		}
		cols = append(cols, w.Column)
		refCols = append(refCols, w.Ref)
	}
	prefix := ref.Prefix
	if prefix == "" {
		prefix = table.Prefix
	}
	var b strings.Builder
	b.WriteString("CONSTRAINT ")
	b.WriteString(QuoteIdent(refName(table, column, ref)))
	b.WriteString(" FOREIGN KEY (")
	b.WriteString(quoteIdents(cols))
	b.WriteString(") REFERENCES ")
	b.WriteString(QuoteName(prefix, ref.Table))
	b.WriteString("(")
	b.WriteString(quoteIdents(refCols))
	b.WriteString(")")
	switch ref.Match {
	case "":
	case "full", "partial", "simple":
		b.WriteString(" MATCH " + strings.ToUpper(ref.Match))
	default:
		return "", op.Errorf(pos, "references(%q): unknown match %q", ref.Table, ref.Match).
			WithDetail("valid values: full, partial, simple")
	}
	del, err := fkAction(pos, ref, "on_delete", ref.OnDelete)
	if err != nil {
		return "", err
	}
	upd, err := fkAction(pos, ref, "on_update", ref.OnUpdate)
	if err != nil {
		return "", err
	}
	if del != "" {
		b.WriteString(" ON DELETE " + del)
	}
	if upd != "" {
		b.WriteString(" ON UPDATE " + upd)
	}
	if !ref.Validate {
		b.WriteString(" NOT VALID")
	}
	return b.String(), nil
}

// fkAction renders an on_delete or on_update action; "" means the database
// default (NO ACTION), which Ecto calls "nothing".
func fkAction(pos op.Pos, ref *op.Reference, option string, a *op.FKAction) (string, error) {
	if a == nil {
		return "", nil
	}
	withCols := func(sql string) (string, error) {
		if option != "on_delete" {
			return "", op.Errorf(pos, "references(%q): %s=(%q, [...]): PostgreSQL takes a column list only for on_delete", ref.Table, option, a.Action)
		}
		if len(a.Columns) == 0 {
			return "", op.Errorf(pos, "references(%q): %s=(%q, [...]) needs at least one column", ref.Table, option, a.Action)
		}
		return sql + " (" + quoteIdents(a.Columns) + ")", nil
	}
	switch a.Action {
	case "nothing":
		return "", nil
	case "delete_all":
		if option == "on_delete" {
			return "CASCADE", nil
		}
	case "update_all":
		if option == "on_update" {
			return "CASCADE", nil
		}
	case "nilify_all":
		return "SET NULL", nil
	case "default_all":
		return "SET DEFAULT", nil
	case "restrict":
		return "RESTRICT", nil
	case "nilify":
		return withCols("SET NULL")
	case "default":
		return withCols("SET DEFAULT")
	}
	valid := "nothing, delete_all, nilify_all, default_all, restrict, (\"nilify\", [columns]), (\"default\", [columns])"
	if option == "on_update" {
		valid = "nothing, update_all, nilify_all, default_all, restrict"
	}
	return "", op.Errorf(pos, "references(%q): unknown %s action %q", ref.Table, option, a.Action).
		WithDetail("valid values: %s", valid)
}
