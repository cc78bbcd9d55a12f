package builtins

import (
	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

var indexSpecs = []Spec{
	{
		Name: "index", Group: groupIndexes, fn: indexBuiltin(false),
		Params: indexParams(false),
		Doc: "Creates an index. `columns` are column names or SQL expressions (`\"lower(email)\"`, `\"name DESC\"`): " +
			"a column with no parenthesis and no whitespace is a name, quoted as an identifier (so any character may be in it; " +
			"one already written in double quotes is kept as it is), anything else is an expression written into the SQL as is, " +
			"as in Ecto; the same goes for `include`. " +
			"The default name is Ecto's: the table, the columns and `index` joined by `_`, each part with every character other than " +
			"ASCII letters, digits and `_` replaced by `_` and its trailing `_` trimmed, so `index(\"posts\", [\"lower(title)\"])` is " +
			"`posts_lower_title_index` and `\"inserted_at DESC\"` gives `..._inserted_at_DESC_index` (earlier versions of lark removed those " +
			"characters instead, `posts_lowertitle_index`: a stored log keeps the name it was applied with, but a new `drop_index` by " +
			"columns of such an index needs `name=`). " +
			"`nulls_distinct` is for a unique index only (an error on another, as in Ecto): `False` makes NULLs equal " +
			"(`NULLS NOT DISTINCT`, PostgreSQL 15+; SQLite cannot and refuses it), `True` is the databases' default (`NULLS DISTINCT` " +
			"on PostgreSQL; nothing on SQLite). " +
			"`where` makes a partial index, `using` picks the method (`\"gin\"`), `include` adds covering columns, " +
			"`concurrently` builds it without locking writes (PostgreSQL; SQLite ignores it). PostgreSQL cannot build an index " +
			"concurrently inside a transaction, so on PostgreSQL `concurrently=True` in a migration without " +
			"`disable_ddl_transaction = True` is an error, reported before anything runs. Reversed by `drop_index`.",
		Example: `def change():
    index("users", ["lower(email)"], unique = True)
    index("orders", ["customer_id", "inserted_at"], where = "state = 'open'")
`,
	},
	{
		Name: "unique_index", Group: groupIndexes, fn: indexBuiltin(true),
		Params: indexParams(true),
		Doc:    "`index(..., unique=True)`.",
		Example: `def change():
    unique_index("users", ["email"])
`,
	},
	{
		Name: "drop_index", Group: groupIndexes, fn: dropIndex,
		Params: []Param{
			required("table", kindString), optional("columns", kindStrings), optional("name", kindString),
			defaulted("if_exists", kindFlag, starlark.False), defaulted("concurrently", kindConcurrently, starlark.False),
			defaulted("mode", kindMode, str(op.ModeRestrict)), optional("prefix", kindString),
		},
		Doc: "Drops an index named `name`, or the default name of `columns`. Reversible only when `columns` is given (it is reversed by creating the index on them). " +
			"`concurrently` needs `disable_ddl_transaction = True` on PostgreSQL, as for `index()`.",
		Example: `def change():
    drop_index("users", ["email"], if_exists = True)
`,
	},
	{
		Name: "rename_index", Group: groupIndexes, fn: renameIndex,
		Params: []Param{
			required("table", kindString), required("name", kindString), required("to", kindString),
			optional("prefix", kindString),
		},
		Doc: "Renames an index. Reversed by renaming back.",
		Example: `def change():
    rename_index("users", "users_email_index", to = "users_mail_index")
`,
	},
}

var constraintSpecs = []Spec{
	{
		Name: "constraint", Group: groupConstraints, fn: constraint,
		Params: []Param{
			required("table", kindString), required("name", kindString),
			optional("check", kindString), optional("exclude", kindString), defaulted("validate", kindFlag, starlark.True),
			optional("comment", kindString), optional("prefix", kindString),
		},
		Doc: "Adds a check constraint (`check`, an SQL condition) or an exclusion constraint (`exclude`, PostgreSQL); give exactly one. " +
			"`validate=False` adds it NOT VALID (PostgreSQL). Reversed by `drop_constraint`.",
		Example: `def change():
    constraint("reviews", "rating_range", check = "rating BETWEEN 1 AND 5")
`,
	},
	{
		Name: "drop_constraint", Group: groupConstraints, fn: dropConstraint,
		Params: []Param{
			required("table", kindString), required("name", kindString), defaulted("if_exists", kindFlag, starlark.False),
			defaulted("mode", kindMode, str(op.ModeRestrict)), optional("prefix", kindString),
			optional("check", kindString), optional("exclude", kindString),
		},
		Doc: "Drops a constraint. Give its definition (`check` or `exclude`) to make the drop reversible.",
		Example: `def change():
    drop_constraint("reviews", "rating_range", check = "rating BETWEEN 1 AND 5")
`,
	},
}

var executeSpecs = []Spec{
	{
		Name: "execute", Group: groupSQL, fn: execute,
		Params: []Param{required("up", kindCode), optional("down", kindCode)},
		Doc: "Runs SQL, or a function defined with `def` in the file. A function runs at once and what it records is " +
			"recorded as part of this execute(). `down` is what reverses it; without `down` the execute() is irreversible. " +
			"A function is stored by name, so a rollback calls it from the file. " +
			"An empty string (or only whitespace) runs nothing, on both databases, as in Ecto: `execute(up_sql, \"\")` is reversible and its " +
			"rollback does nothing, `execute(\"\", down_sql)` does nothing on the way up; `lark plan` shows a comment in its place.",
		Example: `def seed():
    execute("INSERT INTO settings (key) VALUES ('theme')")

def unseed():
    execute("DELETE FROM settings WHERE key = 'theme'")

def change():
    create_table("settings", add("key", "string"))
    execute("CREATE VIEW setting_keys AS SELECT key FROM settings", "DROP VIEW setting_keys")
    execute(seed, unseed)
`,
	},
	{
		Name: "fragment", Group: groupSQL, fn: fragment,
		Params: []Param{required("sql", kindString)},
		Doc:    "Raw SQL for a default, written into the DDL as is.",
		Example: `def change():
    alter("users", add("joined_at", "utc_datetime", default = fragment("CURRENT_TIMESTAMP")))
`,
	},
	{
		Name: "flush", Group: groupSQL, fn: flush,
		Doc: "Applies what has been recorded so far, so that what follows (SQL that reads a new column, a data builtin) sees it. Everything left is applied when the callback ends.",
		Example: `def up():
    alter("users", add("active", "boolean", default = True))
    flush()
    execute("UPDATE users SET active = FALSE")

def down():
    alter("users", remove("active"))
`,
	},
}

var miscSpecs = []Spec{
	{
		Name: "direction", Group: groupRun, fn: direction,
		Doc: "`\"up\"` or `\"down\"`: the way the migration runs. Inside `change()` during a rollback it is `\"down\"` while the calls are recorded for reversal.",
		Example: `def change():
    if direction() == "up":
        create_table("audit", add("note", "text"))
    else:
        create_table("audit", add("note", "text"))
`,
	},
	{
		Name: "dialect", Group: groupRun, fn: dialectBuiltin,
		Doc: "`\"postgres\"` or `\"sqlite\"`: the database the migration runs on.",
		Example: `def change():
    kind = "jsonb" if dialect() == "postgres" else "map"
    create_table("documents", add("body", kind))
`,
	},
	{
		Name: "prefix", Group: groupRun, fn: prefixBuiltin,
		Doc: "The configured prefix (schema), `\"\"` when none. It is also the prefix of every operation that does not give `prefix=`.",
		Example: `def change():
    create_table("tenants", add("name", "string"), comment = "in " + (prefix() or "the default schema"))
`,
	},
}

// indexParams are the parameters of index() and of unique_index(), where
// unique defaults to True.
func indexParams(unique bool) []Param {
	return []Param{
		required("table", kindString), required("columns", kindStrings), optional("name", kindString),
		defaulted("unique", kindFlag, starlark.Bool(unique)), defaulted("concurrently", kindConcurrently, starlark.False),
		optional("using", kindString), optional("where", kindString), optional("include", kindStrings),
		optional("nulls_distinct", kindBool), defaulted("only", kindFlag, starlark.False),
		optional("options", kindString), optional("prefix", kindString), optional("comment", kindString),
		defaulted("if_not_exists", kindFlag, starlark.False),
	}
}
