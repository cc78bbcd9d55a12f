package builtins

import (
	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

// indexBuiltin implements index() and unique_index().
func indexBuiltin(unique bool) builtinFunc {
	return func(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
		r, err := recorder(thread, c)
		if err != nil {
			return nil, err
		}
		var table, name, using, where, options, prefix string
		var columns, include, nullsDistinct, comment starlark.Value
		var concurrently, only, ine bool
		uniq := unique
		if err := c.unpack(args, kwargs, "table", &table, "columns", &columns, "name??", &name,
			"unique?", &uniq, "concurrently?", &concurrently, "using??", &using, "where??", &where,
			"include?", &include, "nulls_distinct?", &nullsDistinct, "only?", &only,
			"options??", &options, "prefix??", &prefix, "comment?", &comment, "if_not_exists?", &ine); err != nil {
			return nil, err
		}
		if unique && !uniq {
			return nil, c.errorf("unique=False contradicts unique_index(); use index()")
		}
		if err := concurrentlyInTx(c.pos, c.name, concurrently, r.cfg); err != nil {
			return nil, err
		}
		ix := op.Index{Table: table, Prefix: defaultPrefix(thread, prefix), Name: name, Unique: uniq,
			Concurrently: concurrently, Using: using, Where: where, Only: only, Options: options}
		if ix.Columns, err = c.stringList("columns", columns); err != nil {
			return nil, err
		}
		if len(ix.Columns) == 0 {
			return nil, c.errorf("for parameter columns: want at least one column")
		}
		if ix.Include, err = c.stringList("include", include); err != nil {
			return nil, err
		}
		if ix.NullsDistinct, err = c.optBool("nulls_distinct", nullsDistinct); err != nil {
			return nil, err
		}
		if ix.Comment, err = c.optComment("comment", comment); err != nil {
			return nil, err
		}
		r.Record(&op.CreateIndex{Pos: c.pos, Index: ix, IfNotExists: ine})
		return starlark.None, nil
	}
}

func dropIndex(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	var table, name, prefix string
	var columns, mode starlark.Value
	var ie, concurrently bool
	if err := c.unpack(args, kwargs, "table", &table, "columns?", &columns, "name??", &name,
		"if_exists?", &ie, "concurrently?", &concurrently, "mode?", &mode, "prefix??", &prefix); err != nil {
		return nil, err
	}
	if err := concurrentlyInTx(c.pos, c.name, concurrently, r.cfg); err != nil {
		return nil, err
	}
	ix := op.Index{Table: table, Prefix: defaultPrefix(thread, prefix), Name: name, Concurrently: concurrently}
	if ix.Columns, err = c.stringList("columns", columns); err != nil {
		return nil, err
	}
	if ix.Name == "" && len(ix.Columns) == 0 {
		return nil, c.errorf("give the index's columns or name=")
	}
	di := &op.DropIndex{Pos: c.pos, Index: ix, IfExists: ie}
	if di.Mode, err = c.mode(mode); err != nil {
		return nil, err
	}
	r.Record(di)
	return starlark.None, nil
}

func renameIndex(thread *starlark.Thread, c *call, args starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	r, err := recorder(thread, c)
	if err != nil {
		return nil, err
	}
	var table, name, to, prefix string
	if err := c.unpack(args, kwargs, "table", &table, "name", &name, "to", &to, "prefix??", &prefix); err != nil {
		return nil, err
	}
	r.Record(&op.RenameIndex{Pos: c.pos, Table: tableOf(thread, table, prefix), Name: name, To: to})
	return starlark.None, nil
}

// concurrentlyInTx refuses concurrently=True in a migration that runs in a
// transaction on PostgreSQL, which cannot build or drop an index
// concurrently there: the migration would fail at the database with a bare
// message, after what came before it had run. SQLite ignores concurrently
// (as ecto_sqlite3 does), so it is allowed there.
func concurrentlyInTx(pos op.Pos, builtin string, concurrently bool, cfg Config) *op.Error {
	if !concurrently || !cfg.Transaction || cfg.Dialect != "postgres" {
		return nil
	}
	what := "build"
	if builtin == "drop_index" {
		what = "drop"
	}
	return op.Errorf(pos, "%s: concurrently=True needs disable_ddl_transaction = True (PostgreSQL cannot %s an index concurrently inside a transaction); "+
		"also set disable_migration_lock = True if other runners may wait on the lock", builtin, what)
}
