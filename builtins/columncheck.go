package builtins

import (
	"strconv"
	"strings"

	"github.com/larkdb/lark/op"
)

// checkColumn refuses column options that Ecto refuses, at the call, on
// every database: without this check one database would take them and
// build a schema the script did not ask for. col is the column of add(),
// modify(), remove() or timestamps(), or modify's from_ (param "from_").
func (c *call) checkColumn(param string, col *op.Column) *op.Error {
	prefix := ""
	if param != "" {
		prefix = "for parameter " + param + ": "
	}
	if col.Name != "" {
		prefix += "column " + strconv.Quote(col.Name) + ": "
	}
	// Ecto's validate_precision_opts!: a scale means nothing without the
	// precision it divides, and decimal(p, s) cannot be written without p.
	// lark used to drop the scale silently.
	if col.Scale != nil && col.Precision == nil {
		return c.errorf("%sscale=%d needs precision= too (the scale of a decimal(precision, scale))", prefix, *col.Scale)
	}
	if col.Default != nil && !col.Type.IsZero() {
		if msg := defaultMismatch(*col.Default, col.Type); msg != "" {
			return c.errorf("%s%s", prefix, msg).
				WithDetail("for a default of another kind, write it as SQL with fragment(...)")
		}
	}
	return nil
}

// defaultMismatch says why default v cannot fill a column of type t, or
// returns "". Ecto's default_type takes a list only for an array column and
// a map only for a map column ("unknown default" otherwise); lark also
// takes either for the PostgreSQL JSON types and a list for a map column,
// which it writes as JSON text. A list or map default for any other type
// would be written into the column as JSON text (SQLite) or refused late,
// at the database (PostgreSQL).
func defaultMismatch(v op.Value, t op.Type) string {
	isArray := t.Name == "array" && t.Elem != nil
	switch v.Kind {
	case op.KindList:
		if isArray || storesJSON(t) {
			return ""
		}
		return "a list default needs an array() or \"map\" column, not " + typeString(t)
	case op.KindMap:
		if storesJSON(t) {
			return ""
		}
		return "a dict default needs a \"map\" column, not " + typeString(t)
	}
	return ""
}

// storesJSON reports whether a column of type t stores JSON: Ecto's
// "map", or a JSON type of PostgreSQL written as such.
func storesJSON(t op.Type) bool {
	if t.Ref != nil || t.Elem != nil {
		return false
	}
	switch strings.ToLower(t.Name) {
	case "map", "json", "jsonb":
		return true
	}
	return false
}
