package builtins

import (
	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

var columnSpecs = []Spec{
	{
		Name: "add", Group: groupColumns, fn: addBuiltin(op.ActionAdd),
		Params: addParams(true),
		Doc: "A column for `create_table()` or `alter()`; it records nothing by itself, and one that is never passed to either is an error. " +
			"`type` is a type name (see the type map below), `array()` or `references()`. " +
			"An omitted `default` means no default; `default=None` means `DEFAULT NULL`. Defaults may be " +
			"str, int (any size, kept exact), float (finite), bool, list, dict or `fragment(sql)`; as in Ecto, a list is for an " +
			"`array()` or `\"map\"` column and a dict for a `\"map\"` column (`\"json\"` and `\"jsonb\"` take either), and on any other type " +
			"either is an error on both databases (Ecto's \"unknown default\"): write such a default with `fragment()`. " +
			"`scale` needs `precision` (an error without it, as in Ecto; `decimal(10,2)` on PostgreSQL, `DECIMAL(10,2)` on SQLite); " +
			"for `\"duration\"`, `precision` is that of the seconds, `interval(3)` on PostgreSQL, and SQLite, which passes the type through, ignores it. " +
			"`\"datetime\"` is not an Ecto 3 type and is an error naming `\"utc_datetime\"` and `\"naive_datetime\"`. " +
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
		Params: addParams(true),
		Doc:    "Like `add()`, inside `alter()` only: adds the column unless it exists. Reversed by `remove_if_exists`.",
		Example: `def change():
    alter("products", add_if_not_exists("color", "string"))
`,
	},
	{
		Name: "modify", Group: groupColumns, fn: modify,
		Params: append([]Param{required("name", kindString), required("type", kindType), optional("from_", kindFrom)},
			columnOptionParams()...),
		Doc: "Changes a column's type and options inside `alter()`; options left out are left as they are. " +
			"`from_` is the previous type, or a pair `(type, {\"null\": ..., \"default\": ..., ...})` with the previous options; " +
			"only a modify with `from_` is reversible (it is reversed by modifying back). The options, `from_`'s included, follow `add()`'s rules " +
			"(`scale` needs `precision`; a list or dict default needs an `array()` or `\"map\"` type).",
		Example: `def change():
    alter("products",
        modify("sku", "text", from_ = ("string", {"size": 40})),
        modify("price", "decimal", null = False, from_ = ("decimal", {"null": True})),
    )
`,
	},
	{
		Name: "remove", Group: groupColumns, fn: addBuiltin(op.ActionRemove),
		Params: addParams(false),
		Doc:    "Removes a column inside `alter()`. With a type (and the options of `add()`), it is reversed by adding the column back; without one it is irreversible.",
		Example: `def change():
    alter("products", remove("legacy_code", "string", size = 10))
`,
	},
	{
		Name: "remove_if_exists", Group: groupColumns, fn: addBuiltin(op.ActionRemoveIfExists),
		Params: addParams(false),
		Doc:    "Like `remove()`, but does nothing when the column is missing. With a type it is reversed by `add_if_not_exists`.",
		Example: `def change():
    alter("products", remove_if_exists("color", "string"))
`,
	},
	{
		Name: "timestamps", Group: groupColumns, fn: timestamps,
		Params: []Param{
			defaulted("inserted_at", kindColumnName, str("inserted_at")), defaulted("updated_at", kindColumnName, str("updated_at")),
			defaulted("type", kindType, str("naive_datetime")), optional("default", kindDefault), defaulted("null", kindBool, starlark.False),
		},
		Doc: "The two timestamp columns, for `create_table()` or `alter()`. Rename a column by passing its name, or leave it out with `False`.",
		Example: `def change():
    create_table("events", timestamps(type = "utc_datetime_usec", updated_at = False))
`,
	},
	{
		Name: "references", Group: groupColumns, fn: references,
		Params: []Param{
			required("table", kindString), defaulted("column", kindString, str(op.DefaultKeyColumn)),
			defaulted("type", kindElemType, str(op.DefaultKeyType)),
			defaulted("on_delete", kindOnDelete, str(op.FKNothing)), defaulted("on_update", kindOnUpdate, str(op.FKNothing)),
			optional("name", kindString), optional("prefix", kindString), defaulted("validate", kindFlag, starlark.True),
			optional("with_", kindWith), optional("match", kindMatch),
		},
		Doc: "A column type that is a foreign key to `table`. `type` is the column's own type. " +
			"`on_delete` is " + codeList(op.OnDeleteActions()) + " or a pair " +
			"`(\"nilify\", [columns])` / `(\"default\", [columns])`; `on_update` is " + orList(op.OnUpdateActions()) + ". " +
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
		Params: []Param{required("type", kindElemType)},
		Doc:    "An array column type of `type` (Ecto's `{:array, type}`): `type[]` on PostgreSQL, JSON text on SQLite.",
		Example: `def change():
    alter("products", add("sizes", array("integer")))
`,
	},
}

// columnOptionParams are the column options add(), modify() and modify's
// from_ pair share, in signature order.
func columnOptionParams() []Param {
	return []Param{
		optional("null", kindBool), optional("default", kindDefault),
		optional("size", kindSize), optional("precision", kindSize), optional("scale", kindSize),
		optional("comment", kindString), optional("collation", kindString),
	}
}

// addParams are the parameters of add() and add_if_not_exists()
// (typeRequired) and of remove() and remove_if_exists(), whose type may be
// left out.
func addParams(typeRequired bool) []Param {
	typ := optional("type", kindType)
	typ.Required = typeRequired
	opts := columnOptionParams()
	return append([]Param{required("name", kindString), typ, opts[0], opts[1], defaulted("primary_key", kindBool, starlark.False)},
		append(opts[2:], optional("generated", kindString), optional("start_value", kindInt64), optional("increment", kindInt64))...)
}
