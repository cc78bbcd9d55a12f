package builtins

import "github.com/larkdb/lark/op"

var columnSpecs = []Spec{
	{
		Name: "add", Group: groupColumns, fn: addBuiltin(op.ActionAdd),
		Signature: `add(name, type, null=None, default=<none>, primary_key=False, size=None, precision=None, scale=None, comment=None, collation=None, generated=None, start_value=None, increment=None)`,
		Doc: "A column for `create_table()` or `alter()`; it records nothing by itself, and one that is never passed to either is an error. " +
			"`type` is a type name (see the type map below), `array()` or `references()`. " +
			"An omitted `default` means no default; `default=None` means `DEFAULT NULL`. Defaults may be " +
			"str, int (any size, kept exact), float (finite), bool, list, dict or `fragment(sql)`. " +
			"`generated` is the expression of a generated column (`\"ALWAYS AS (price * qty) STORED\"`). " +
			"`start_value` and `increment` apply only to type `\"identity\"`. Reversed by `remove` with the full column.",
		Example: `def change():
    create_table("products",
        add("sku", "string", size = 40, null = False),
        add("price", "decimal", precision = 10, scale = 2, default = 0),
        add("tags", array("string"), default = []),
        add("created", "utc_datetime", default = fragment("CURRENT_TIMESTAMP")),
    )
`,
	},
	{
		Name: "add_if_not_exists", Group: groupColumns, fn: addBuiltin(op.ActionAddIfNotExists),
		Signature: `add_if_not_exists(name, type, null=None, default=<none>, primary_key=False, size=None, precision=None, scale=None, comment=None, collation=None, generated=None, start_value=None, increment=None)`,
		Doc:       "Like `add()`, inside `alter()` only: adds the column unless it exists. Reversed by `remove_if_exists`.",
		Example: `def change():
    alter("products", add_if_not_exists("color", "string"))
`,
	},
	{
		Name: "modify", Group: groupColumns, fn: modify,
		Signature: `modify(name, type, from_=None, null=None, default=<none>, size=None, precision=None, scale=None, comment=None, collation=None)`,
		Doc: "Changes a column's type and options inside `alter()`; options left out are left as they are. " +
			"`from_` is the previous type, or a pair `(type, {\"null\": ..., \"default\": ..., ...})` with the previous options; " +
			"only a modify with `from_` is reversible (it is reversed by modifying back).",
		Example: `def change():
    alter("products",
        modify("sku", "text", from_ = ("string", {"size": 40})),
        modify("price", "decimal", null = False, from_ = ("decimal", {"null": True})),
    )
`,
	},
	{
		Name: "remove", Group: groupColumns, fn: removeBuiltin(op.ActionRemove),
		Signature: `remove(name, type=None, null=None, default=<none>, primary_key=False, size=None, precision=None, scale=None, comment=None, collation=None, generated=None, start_value=None, increment=None)`,
		Doc:       "Removes a column inside `alter()`. With a type (and the options of `add()`), it is reversed by adding the column back; without one it is irreversible.",
		Example: `def change():
    alter("products", remove("legacy_code", "string", size = 10))
`,
	},
	{
		Name: "remove_if_exists", Group: groupColumns, fn: removeBuiltin(op.ActionRemoveIfExists),
		Signature: `remove_if_exists(name, type=None, null=None, default=<none>, primary_key=False, size=None, precision=None, scale=None, comment=None, collation=None, generated=None, start_value=None, increment=None)`,
		Doc:       "Like `remove()`, but does nothing when the column is missing. With a type it is reversed by `add_if_not_exists`.",
		Example: `def change():
    alter("products", remove_if_exists("color", "string"))
`,
	},
	{
		Name: "timestamps", Group: groupColumns, fn: timestamps,
		Signature: `timestamps(inserted_at="inserted_at", updated_at="updated_at", type="naive_datetime", default=<none>, null=False)`,
		Doc:       "The two timestamp columns, for `create_table()` or `alter()`. Rename a column by passing its name, or leave it out with `False`.",
		Example: `def change():
    create_table("events", timestamps(type = "utc_datetime_usec", updated_at = False))
`,
	},
	{
		Name: "references", Group: groupColumns, fn: references,
		Signature: `references(table, column="id", type="bigserial", on_delete="nothing", on_update="nothing", name=None, prefix=None, validate=True, with_=None, match=None)`,
		Doc: "A column type that is a foreign key to `table`. `type` is the column's own type. " +
			"`on_delete` is `\"nothing\"`, `\"delete_all\"`, `\"nilify_all\"`, `\"restrict\"`, `\"default_all\"` or a pair " +
			"`(\"nilify\", [columns])` / `(\"default\", [columns])`; `on_update` is `\"nothing\"`, `\"update_all\"`, `\"nilify_all\"` or `\"restrict\"`. " +
			"The constraint is named `<table>_<column>_fkey` unless `name` is given; `prefix` defaults to the table's. " +
			"`with_` adds column pairs of a composite key (`{\"group_id\": \"group_id\"}`), `match` is `\"full\"`, `\"partial\"` or `\"simple\"`, " +
			"and `validate=False` creates it NOT VALID (PostgreSQL).",
		Example: `def change():
    create_table("reviews",
        add("order_id", references("orders", on_delete = "delete_all"), null = False),
        add("author_id", references("users", type = "binary_id", on_delete = ("nilify", ["author_id"]))),
    )
`,
	},
	{
		Name: "array", Group: groupColumns, fn: array,
		Signature: `array(type)`,
		Doc:       "An array column type of `type` (Ecto's `{:array, type}`): `type[]` on PostgreSQL, JSON text on SQLite.",
		Example: `def change():
    alter("products", add("sizes", array("integer")))
`,
	},
}
