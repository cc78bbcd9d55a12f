package postgres

import (
	"strings"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// createIndex renders index() and unique_index() as Ecto does:
//
//	CREATE [UNIQUE] INDEX [CONCURRENTLY] [IF NOT EXISTS] "name" ON [ONLY] "table"
//	  [USING method] (columns) [INCLUDE (...)] [NULLS [NOT] DISTINCT] [WITH (options)] [WHERE ...]
//
// followed by COMMENT ON INDEX. A concurrent build cannot run in a
// transaction, so its statements are marked NoTx.
func (p *planner) createIndex(o *op.CreateIndex) error {
	ix := &o.Index
	if err := checkIdent(o.Pos, "index", ix.Name); err != nil {
		return err
	}
	if len(ix.Columns) == 0 {
		return op.Errorf(o.Pos, "index %q: no columns", ix.Name)
	}
	var b strings.Builder
	b.WriteString("CREATE ")
	if ix.Unique {
		b.WriteString("UNIQUE ")
	}
	b.WriteString("INDEX ")
	if ix.Concurrently {
		b.WriteString("CONCURRENTLY ")
	}
	if o.IfNotExists {
		b.WriteString("IF NOT EXISTS ")
	}
	b.WriteString(QuoteIdent(ix.Name) + " ON ")
	if ix.Only {
		b.WriteString("ONLY ")
	}
	b.WriteString(QuoteName(ix.Prefix, ix.Table))
	if ix.Using != "" {
		b.WriteString(" USING " + ix.Using)
	}
	b.WriteString(" (" + indexExprs(ix.Columns) + ")")
	if len(ix.Include) > 0 {
		b.WriteString(" INCLUDE (" + indexExprs(ix.Include) + ")")
	}
	if ix.NullsDistinct != nil {
		if *ix.NullsDistinct {
			b.WriteString(" NULLS DISTINCT")
		} else {
			b.WriteString(" NULLS NOT DISTINCT")
		}
	}
	if ix.Options != "" {
		b.WriteString(" WITH (" + ix.Options + ")")
	}
	if ix.Where != "" {
		b.WriteString(" WHERE " + ix.Where)
	}
	p.emit(o.Pos, b.String(), ix.Concurrently)
	if ix.Concurrently {
		p.stmts[len(p.stmts)-1].Leftover = QuoteName(ix.Prefix, ix.Name)
	}
	if ix.Comment != nil {
		p.emit(o.Pos, commentOn("INDEX", QuoteName(ix.Prefix, ix.Name), *ix.Comment), false)
	}
	return nil
}

// dropIndex renders drop_index. An index lives in its table's schema, so
// the prefix qualifies the index name.
func (p *planner) dropIndex(o *op.DropIndex) error {
	ix := &o.Index
	if err := checkIdent(o.Pos, "index", ix.Name); err != nil {
		return err
	}
	mode := dropMode(o.Mode)
	var b strings.Builder
	b.WriteString("DROP INDEX ")
	if ix.Concurrently {
		b.WriteString("CONCURRENTLY ")
	}
	if o.IfExists {
		b.WriteString("IF EXISTS ")
	}
	b.WriteString(QuoteName(ix.Prefix, ix.Name) + mode)
	p.emit(o.Pos, b.String(), ix.Concurrently)
	return nil
}

// indexExprs renders index columns (and INCLUDE columns). A column with no
// parenthesis and no whitespace is a name: it is quoted as an identifier,
// so a quote in it cannot end the identifier early and break the
// statement. Anything else ("lower(email)", "created_at DESC") is an
// expression passed through as written, as Ecto does for strings.
func indexExprs(cols []string) string {
	parts := make([]string, len(cols))
	for i, c := range cols {
		if dialect.IsIndexName(c) {
			parts[i] = QuoteIdent(c)
		} else {
			parts[i] = c
		}
	}
	return strings.Join(parts, ", ")
}
