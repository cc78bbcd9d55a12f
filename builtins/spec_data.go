package builtins

import "go.starlark.net/starlark"

// groupData is the documentation group of the data builtins.
const groupData = "Data"

var dataSpecs = []Spec{
	{
		Name: "query", Group: groupData, fn: query,
		Params: []Param{required("sql", kindString), variadic("args", kindAny)},
		Doc: "Runs `sql` now (after applying the schema changes queued so far) and returns its rows as a list. " +
			"A row reads as `row.name`, `row[\"name\"]` or `row[0]`; `row.keys()`, `row.values()` and `row.items()` list it. " +
			"`$1`, `$2`, ... in `sql` are bound to `args` on both databases, in any order and repeated. " +
			"Values convert as described in docs/data-migrations.md (decimals are read as exact strings, json/jsonb as dicts and lists). " +
			"The whole result is held in memory: use `batches()` for large ones. Recorded in the log as a `query` op; " +
			"under `lark plan` it runs nothing and returns no rows.",
		Example: `def up():
    for row in query("SELECT id, name FROM users WHERE id > $1", 10):
        exec("UPDATE users SET name = $1 WHERE id = $2", row.name.title(), row.id)

def down():
    pass
`,
	},
	{
		Name: "exec", Group: groupData, fn: execBuiltin,
		Params: []Param{required("sql", kindString), variadic("args", kindAny)},
		Doc: "Runs a statement that returns no rows (UPDATE, INSERT, DELETE, ...) now and returns how many rows it affected. " +
			"Placeholders as in `query()`. Outside a transaction (`disable_ddl_transaction = True`) the statement and the record " +
			"that it ran commit together, so `lark up --continue` never runs it twice. Under `lark plan` it returns 0.",
		Example: `def up():
    n = exec("UPDATE users SET active = $1 WHERE last_seen IS NULL", False)

def down():
    pass
`,
	},
	{
		Name: "exec_many", Group: groupData, fn: execMany,
		Params: []Param{required("sql", kindString), required("rows", kindRows)},
		Doc: "Runs one statement once for each entry of `rows`, a list of tuples (or lists, or rows read by `query()` or `batches()`) " +
			"holding the values of `$1`, `$2`, ..., and returns how many rows the statements affected in all. " +
			"It is the batched write of a per-row transform: on PostgreSQL the statements go to the server pipelined, in one round trip " +
			"per 1,000, instead of one round trip each; on SQLite the statement is prepared once. " +
			"Same transaction rules as `exec()`: outside a transaction all of them commit together with the record that they ran. " +
			"The log records the statement and how many times it ran, not the values. Under `lark plan` it returns 0.",
		Example: `disable_ddl_transaction = True

def up():
    for rows in batches("SELECT id, name FROM users", size = 1000, key = "id"):
        exec_many("UPDATE users SET name = $1 WHERE id = $2", [(r.name.title(), r.id) for r in rows])

def down():
    pass
`,
	},
	{
		Name: "batches", Group: groupData, fn: batches,
		Params: []Param{
			required("sql", kindString), variadic("args", kindAny),
			defaulted("size", kindBatchSize, starlark.MakeInt(1000)), optional("key", kindBatchKey),
		},
		Doc: "Returns an iterable of row lists of at most `size` rows, read from the database batch by batch as the loop asks: " +
			"never the whole result in memory. Without `key`, the rows stream from one query inside a transaction (PostgreSQL: a cursor, " +
			"`DECLARE` and `FETCH`; SQLite: a copy of the result in a temporary table), so the loop sees the rows as they were when it started; " +
			"the migration's own transaction, or one opened for the loop " +
			"when the migration has none. With `key` (a column of the result, unique and not null: lark stops with an error when it is not), lark pages by that column " +
			"(`SELECT * FROM (sql) WHERE key > last ORDER BY key LIMIT size`); outside a transaction each batch, with the statements its loop " +
			"body runs and the key it reached, commits on its own, so a failed run resumes after the last committed batch and no row is processed twice. " +
			"Data statements in the loop body are recorded once each, with a count. A `batches()` result can be iterated once.",
		Example: `disable_ddl_transaction = True

def up():
    for rows in batches("SELECT id, email FROM users", size = 500, key = "id"):
        for row in rows:
            exec("UPDATE users SET email = $1 WHERE id = $2", row.email.lower(), row.id)

def down():
    pass
`,
	},
	{
		Name: "backfill", Group: groupData, fn: backfill,
		Params: []Param{
			required("table", kindString), required("set", kindSet), optional("where", kindString),
			defaulted("args", kindList, emptyList), defaulted("key", kindString, str("id")),
			defaulted("batch_size", kindCount, starlark.MakeInt(1000)), optional("prefix", kindString),
		},
		Doc: "Updates every row of `table` that matches `where` (SQL), `batch_size` rows at a time in order of `key` (a unique, " +
			"not-null column), each batch in its own short transaction together with the key it reached, and returns how many rows it updated. " +
			"`set` is SQL (`\"n = n + 1\"`) or a dict of column to value or `fragment()`. `$1`, ... in `set` and `where` are bound to `args`. " +
			"It must run outside the migration's transaction (`disable_ddl_transaction = True`); if the run fails or is killed, " +
			"`lark up --continue` goes on after the last committed batch. Shows progress (rows, rate, ETA) on a terminal.",
		Example: `disable_ddl_transaction = True

def up():
    alter("users", add("slug", "string"))
    backfill("users", set = "slug = lower(name)", where = "slug IS NULL", batch_size = 5000)

def down():
    alter("users", remove("slug"))
`,
	},
}

// emptyList is the default of backfill(args=): frozen, since every call
// shares it.
var emptyList = func() *starlark.List {
	l := starlark.NewList(nil)
	l.Freeze()
	return l
}()
