package builtins

import (
	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

// indexBuiltin implements index() and unique_index().
func indexBuiltin(unique bool) builtinFunc {
	return func(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
		r, err := recorder(thread, c)
		if err != nil {
			return nil, err
		}
		ix := op.Index{
			Table:         arg[string](a, "table"),
			Prefix:        defaultPrefix(thread, arg[string](a, "prefix")),
			Name:          arg[string](a, "name"),
			Columns:       arg[[]string](a, "columns"),
			Unique:        arg[bool](a, "unique"),
			Concurrently:  arg[bool](a, "concurrently"),
			Using:         arg[string](a, "using"),
			Where:         arg[string](a, "where"),
			Include:       arg[[]string](a, "include"),
			NullsDistinct: optArg[bool](a, "nulls_distinct"),
			Only:          arg[bool](a, "only"),
			Options:       arg[string](a, "options"),
			Comment:       optArg[string](a, "comment"),
		}
		ine := arg[bool](a, "if_not_exists")
		if unique && !ix.Unique {
			return nil, c.errorf("unique=False contradicts unique_index(); use index()")
		}
		if ix.NullsDistinct != nil && !ix.Unique {
			// As Ecto's validate_index_opts!: whether NULLs are distinct is
			// a question only a unique index asks. PostgreSQL takes NULLS
			// NOT DISTINCT on any index and ignores it on a non-unique one,
			// so the script would not say what the index does.
			return nil, c.errorf("nulls_distinct= applies only to a unique index: use unique_index(), or index(..., unique=True)")
		}
		if err := concurrentlyInTx(c.pos, c.name, ix.Concurrently, r.cfg); err != nil {
			return nil, err
		}
		if len(ix.Columns) == 0 {
			return nil, c.errorf("for parameter columns: want at least one column")
		}
		r.Record(&op.CreateIndex{Pos: c.pos, Index: ix, IfNotExists: ine})
		return starlark.None, nil
	}
}

func dropIndex(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	ix := op.Index{
		Table:        arg[string](a, "table"),
		Prefix:       defaultPrefix(thread, arg[string](a, "prefix")),
		Name:         arg[string](a, "name"),
		Columns:      arg[[]string](a, "columns"),
		Concurrently: arg[bool](a, "concurrently"),
	}
	di := &op.DropIndex{Pos: c.pos, Index: ix, IfExists: arg[bool](a, "if_exists"), Mode: arg[string](a, "mode")}
	if err := concurrentlyInTx(c.pos, c.name, ix.Concurrently, r.cfg); err != nil {
		return nil, err
	}
	if ix.Name == "" && len(ix.Columns) == 0 {
		return nil, c.errorf("give the index's columns or name=")
	}
	r.Record(di)
	return starlark.None, nil
}

func renameIndex(thread *starlark.Thread, c *call, a *args) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	r.Record(&op.RenameIndex{Pos: c.pos,
		Table: tableOf(thread, arg[string](a, "table"), arg[string](a, "prefix")),
		Name:  arg[string](a, "name"),
		To:    arg[string](a, "to"),
	})
	return starlark.None, nil
}

// concurrentlyInTx refuses concurrently=True in a migration that runs in a
// transaction on PostgreSQL, which cannot build or drop an index
// concurrently there: the migration would fail at the database with a bare
// message, after what came before it had run. SQLite ignores concurrently
// (as ecto_sqlite3 does), so it is allowed there.
func concurrentlyInTx(pos op.Pos, builtin string, concurrently bool, cfg Config) *op.Error {
	if !concurrently || !cfg.Transaction || !cfg.Traits.ConcurrentIndexOutsideTx {
		return nil
	}
	what := "build"
	if builtin == "drop_index" {
		what = "drop"
	}
	return op.Errorf(pos, "%s: concurrently=True needs disable_ddl_transaction = True (PostgreSQL cannot %s an index concurrently inside a transaction); "+
		"also set disable_migration_lock = True if other runners may wait on the lock", builtin, what)
}
