package builtins

var tableSpecs = []Spec{
	{
		Name: "create_table", Group: groupTables, fn: createTable,
		Signature: `create_table(name, *columns, primary_key=True, if_not_exists=False, prefix=None, comment=None, options=None, modifiers=None)`,
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
		Signature: `alter(table, *changes, prefix=None, comment=None)`,
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
		Signature: `drop_table(name, if_exists=False, mode="restrict", prefix=None)`,
		Doc:       "Drops a table; `mode=\"cascade\"` drops what depends on it too. Irreversible: use `up()`/`down()` to drop a table in a migration that must roll back.",
		Example: `def up():
    drop_table("legacy_reviews", if_exists = True)

def down():
    create_table("legacy_reviews", add("body", "text"))
`,
	},
	{
		Name: "rename_table", Group: groupTables, fn: renameTable,
		Signature: `rename_table(name, to, prefix=None)`,
		Doc:       "Renames a table (it keeps its prefix). Reversed by renaming back.",
		Example: `def change():
    rename_table("posts", to = "articles")
`,
	},
	{
		Name: "rename_column", Group: groupTables, fn: renameColumn,
		Signature: `rename_column(table, column, to, prefix=None)`,
		Doc:       "Renames a column. Reversed by renaming back.",
		Example: `def change():
    rename_column("users", "mail", to = "email")
`,
	},
}
