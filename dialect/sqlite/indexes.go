package sqlite

import (
	"strings"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// createIndex renders CREATE [UNIQUE] INDEX [IF NOT EXISTS] ... [WHERE].
// Column names are quoted; anything else ("lower(email)", "inserted_at
// DESC") is an expression written as is, per dialect.IsIndexName.
func (p *planner) createIndex(o *op.CreateIndex) error {
	ix := o.Index
	if err := checkIndexOptions(o.Pos, ix); err != nil {
		return err
	}
	name, err := ident(o.Pos, "index", ix.Name)
	if err != nil {
		return err
	}
	table, err := ident(o.Pos, "index", ix.Table)
	if err != nil {
		return err
	}
	if len(ix.Columns) == 0 {
		return op.Errorf(o.Pos, "index %q: no columns given", ix.Name)
	}
	cols := make([]string, len(ix.Columns))
	for i, c := range ix.Columns {
		switch {
		case dialect.IsIndexName(c):
			if cols[i], err = ident(o.Pos, "index", c); err != nil {
				return err
			}
		case strings.TrimSpace(c) == "":
			return op.Errorf(o.Pos, "index %q: empty column", ix.Name)
		default:
			if err := checkNoNUL(o.Pos, "index", c); err != nil {
				return err
			}
			cols[i] = c
		}
	}

	var b strings.Builder
	b.WriteString("CREATE ")
	if ix.Unique {
		b.WriteString("UNIQUE ")
	}
	b.WriteString("INDEX ")
	if o.IfNotExists {
		b.WriteString("IF NOT EXISTS ")
	}
	b.WriteString(name)
	b.WriteString(" ON ")
	b.WriteString(table)
	b.WriteString(" (")
	b.WriteString(strings.Join(cols, ", "))
	b.WriteString(")")
	if ix.Where != "" {
		if err := checkNoNUL(o.Pos, "where", ix.Where); err != nil {
			return err
		}
		b.WriteString(" WHERE ")
		b.WriteString(ix.Where)
	}
	p.emit(o.Pos, b.String())
	return nil
}

// checkIndexOptions rejects the PostgreSQL index options SQLite has no
// equivalent for. concurrently and comment are ignored, as ecto_sqlite3
// ignores them: they change nothing about the index SQLite builds.
func checkIndexOptions(pos op.Pos, ix op.Index) error {
	if err := noPrefix(pos, "index", ix.Prefix); err != nil {
		return err
	}
	switch {
	case ix.Using != "":
		return op.Errorf(pos, "index %q: SQLite has only B-tree indexes, so using=%q cannot be used: leave using out", ix.Name, ix.Using)
	case len(ix.Include) > 0:
		return op.Errorf(pos, "index %q: SQLite has no INCLUDE columns (include=%v): add them to the index's columns instead", ix.Name, ix.Include)
	case ix.NullsDistinct != nil && !*ix.NullsDistinct:
		return op.Errorf(pos, "index %q: SQLite cannot make NULLs equal in a unique index (nulls_distinct=False): make the columns NOT NULL, or index an expression such as \"coalesce(col, '')\"", ix.Name)
	case ix.Only:
		return op.Errorf(pos, "index %q: SQLite has no partitioned tables, so only=True cannot be used: leave only out", ix.Name)
	case strings.TrimSpace(ix.Options) != "":
		return op.Errorf(pos, "index %q: SQLite has no index options (options=%q): leave options out", ix.Name, ix.Options)
	}
	return nil
}

// dropIndex renders DROP INDEX [IF EXISTS]. SQLite index names are unique
// per database, so the table is not needed.
func (p *planner) dropIndex(o *op.DropIndex) error {
	if err := noPrefix(o.Pos, "drop_index", o.Index.Prefix); err != nil {
		return err
	}
	if err := noCascade(o.Pos, "drop_index", o.Mode, "drop what depends on the index first"); err != nil {
		return err
	}
	name, err := ident(o.Pos, "drop_index", o.Index.Name)
	if err != nil {
		return err
	}
	sql := "DROP INDEX "
	if o.IfExists {
		sql += "IF EXISTS "
	}
	p.emit(o.Pos, sql+name)
	return nil
}
