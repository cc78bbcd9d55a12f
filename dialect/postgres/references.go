package postgres

import (
	"strings"

	"github.com/larkdb/lark/op"
)

// refConstraint renders the table constraint of a references() column, as
// Ecto's reference_expr does:
//
//	CONSTRAINT "posts_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "authors"("id") ...
//
// The op carries every default resolved (op.Resolve): the constraint's
// name, the referenced column and the referenced table's prefix.
func refConstraint(pos op.Pos, column string, ref *op.Reference) (string, error) {
	if err := checkIdent(pos, "referenced table", ref.Table); err != nil {
		return "", err
	}
	cols := []string{column}
	refCols := []string{ref.Column}
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
	var b strings.Builder
	b.WriteString("CONSTRAINT ")
	b.WriteString(QuoteIdent(ref.Name))
	b.WriteString(" FOREIGN KEY (")
	b.WriteString(quoteIdents(cols))
	b.WriteString(") REFERENCES ")
	b.WriteString(QuoteName(ref.Prefix, ref.Table))
	b.WriteString("(")
	b.WriteString(quoteIdents(refCols))
	b.WriteString(")")
	if ref.Match != "" {
		b.WriteString(" MATCH " + strings.ToUpper(ref.Match))
	}
	if del := fkAction(ref.OnDelete); del != "" {
		b.WriteString(" ON DELETE " + del)
	}
	if upd := fkAction(ref.OnUpdate); upd != "" {
		b.WriteString(" ON UPDATE " + upd)
	}
	if !ref.Validate {
		b.WriteString(" NOT VALID")
	}
	return b.String(), nil
}

// fkActionSQL is the referential action of each foreign-key action an op
// may hold (op.OnDeleteActions, op.OnDeleteColumnActions,
// op.OnUpdateActions); "nothing" is the database default and renders as no
// clause, as in Ecto.
var fkActionSQL = map[string]string{
	op.FKNothing:    "",
	op.FKDeleteAll:  "CASCADE",
	op.FKUpdateAll:  "CASCADE",
	op.FKNilifyAll:  "SET NULL",
	op.FKDefaultAll: "SET DEFAULT",
	op.FKRestrict:   "RESTRICT",
	op.FKNilify:     "SET NULL",
	op.FKDefault:    "SET DEFAULT",
}

// fkAction renders an on_delete or on_update action, with the columns of
// ("nilify", [columns]) (PostgreSQL 15 and later); "" for none.
func fkAction(a *op.FKAction) string {
	if a == nil {
		return ""
	}
	sql := fkActionSQL[a.Action]
	if len(a.Columns) > 0 {
		sql += " (" + quoteIdents(a.Columns) + ")"
	}
	return sql
}
