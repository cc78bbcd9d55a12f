package builtins

import (
	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

var tableSpecs = []Spec{
	{
		Name: "create_table", Group: groupTables, fn: createTable,
		Params: []Param{
			required("name", kindString), variadic("columns", kindColumns),
			defaulted("primary_key", kindPrimaryKey, starlark.True), defaulted("if_not_exists", kindFlag, starlark.False),
			optional("prefix", kindString), optional("comment", kindString),
			optional("options", kindString), optional("modifiers", kindString),
		},
		Doc: "Creates a table with the columns given by `add()` and `timestamps()`. " +
			"`primary_key=True` (the default, as in Ecto) first adds a `bigserial` primary key named `id`; " +
			"`primary_key={\"name\": \"uuid\", \"type\": \"binary_id\"}` renames or retypes it, and `primary_key=False` adds none. " +
			"`options` is appended after the column list as written (`\"WITH (fillfactor=70)\"`, SQLite `\"STRICT\"`); " +
			"`modifiers` goes between CREATE and TABLE (`\"UNLOGGED\"`). Reversed by `drop_table` (`if_not_exists` reverses to `if_exists`).",
		Example: `def change():
    create_table("reviews",
        add("rating", "integer", null = False),
        add("comment", "text"),
        timestamps(),
    )
`,
	},
	{
		Name: "alter", Group: groupTables, fn: alter,
		Params: []Param{
			required("table", kindString), variadic("changes", kindChanges),
			optional("prefix", kindString), optional("comment", kindString),
		},
		Doc: "Changes a table: each change is `add()`, `add_if_not_exists()`, `modify()`, `remove()`, " +
			"`remove_if_exists()` or `timestamps()`. Reversed change by change, in reverse order.",
		Example: `def change():
    alter("reviews",
        add("stars", "integer", default = 0),
        modify("comment", "text", from_ = "string"),
        remove("legacy", "boolean"),
    )
`,
	},
	{
		Name: "drop_table", Group: groupTables, fn: dropTable,
		Params: []Param{
			required("name", kindString), defaulted("if_exists", kindFlag, starlark.False),
			defaulted("mode", kindMode, str(op.ModeRestrict)), optional("prefix", kindString),
		},
		Doc: "Drops a table; `mode=\"cascade\"` drops what depends on it too. Irreversible: use `up()`/`down()` to drop a table in a migration that must roll back.",
		Example: `def up():
    drop_table("legacy_reviews", if_exists = True)

def down():
    create_table("legacy_reviews", add("body", "text"))
`,
	},
	{
		Name: "rename_table", Group: groupTables, fn: renameTable,
		Params: []Param{required("name", kindString), required("to", kindString), optional("prefix", kindString)},
		Doc:    "Renames a table (it keeps its prefix). Reversed by renaming back.",
		Example: `def change():
    rename_table("posts", to = "articles")
`,
	},
	{
		Name: "rename_column", Group: groupTables, fn: renameColumn,
		Params: []Param{
			required("table", kindString), required("column", kindString), required("to", kindString),
			optional("prefix", kindString),
		},
		Doc: "Renames a column. Reversed by renaming back.",
		Example: `def change():
    rename_column("users", "mail", to = "email")
`,
	},
}
