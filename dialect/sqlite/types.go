package sqlite

import (
	"fmt"
	"strings"

	"github.com/larkdb/lark/op"
)

// typeMap is how Ecto's primitive types map to SQLite column types, in the
// order docs print them. It follows ecto_sqlite3's DataType.column_type
// with its defaults (binary_id and uuid stored as TEXT).
var typeMap = [][2]string{
	{"id", "INTEGER"},
	{"serial", "INTEGER"},
	{"bigserial", "INTEGER"},
	{"identity", "INTEGER"},
	{"integer", "INTEGER"},
	{"bigint", "INTEGER"},
	{"boolean", "INTEGER"},
	{"float", "NUMERIC"},
	{"decimal", "DECIMAL"},
	{"string", "TEXT"},
	{"text", "TEXT"},
	{"binary_id", "TEXT"},
	{"uuid", "TEXT"},
	{"map", "TEXT"},
	{"array", "TEXT"},
	{"date", "TEXT"},
	{"time", "TEXT"},
	{"time_usec", "TEXT"},
	{"naive_datetime", "TEXT"},
	{"naive_datetime_usec", "TEXT"},
	{"utc_datetime", "TEXT"},
	{"utc_datetime_usec", "TEXT"},
	{"timestamp", "TEXT"},
	{"binary", "BLOB"},
}

// TypeMap returns the mapping of Ecto's primitive type names to SQLite
// column types as (Ecto type, SQLite type) pairs, in a stable order, for
// documentation. array(t) of any t is "array"; decimal with precision= is
// DECIMAL(precision,scale); any type not listed passes through as written.
func TypeMap() [][2]string {
	out := make([][2]string, len(typeMap))
	copy(out, typeMap)
	return out
}

// sqliteTypes indexes typeMap by Ecto name.
var sqliteTypes = func() map[string]string {
	m := make(map[string]string, len(typeMap))
	for _, kv := range typeMap {
		m[kv[0]] = kv[1]
	}
	return m
}()

// autoIncrementTypes are the key types that, as the table's single primary
// key, become INTEGER PRIMARY KEY AUTOINCREMENT.
var autoIncrementTypes = map[string]bool{
	"id": true, "serial": true, "bigserial": true, "identity": true,
}

// isAutoIncrement reports whether a primary key column of type t is an
// AUTOINCREMENT rowid alias. A references() column never is.
func isAutoIncrement(t op.Type) bool {
	return t.Ref == nil && autoIncrementTypes[t.Name]
}

// columnType renders the SQLite type of c. A references() column takes the
// type of its reference (bigserial unless the script gave one: op.Resolve).
func columnType(pos op.Pos, c op.Column) (string, error) {
	t := c.Type
	if t.Ref != nil {
		t = t.Ref.Type
		if t.Ref != nil {
			return "", op.Errorf(pos, "add %q: the type of a reference cannot itself be a reference", c.Name)
		}
	}
	if t.IsZero() {
		return "", op.Errorf(pos, "add %q: no column type given", c.Name)
	}
	if t.Name == "identity" && (c.StartValue != nil || c.Increment != nil) {
		return "", op.Errorf(pos, "add %q: SQLite cannot set start_value or increment: an AUTOINCREMENT key starts at 1 and steps by 1; leave them out, or insert a row with the first id you want", c.Name)
	}
	if t.Elem != nil || t.Name == "array" {
		return "TEXT", nil // ecto_sqlite3 stores arrays as JSON text
	}
	if t.Name == "decimal" && c.Precision != nil {
		scale := 0
		if c.Scale != nil {
			scale = *c.Scale
		}
		return fmt.Sprintf("DECIMAL(%d,%d)", *c.Precision, scale), nil
	}
	if s, ok := sqliteTypes[t.Name]; ok {
		return s, nil
	}
	if err := checkTypeName(t.Name); err != nil {
		return "", op.Errorf(pos, "add %q: invalid column type %q: %v", c.Name, t.Name, err).
			WithDetail(`a type passed to SQLite as written is a name with an optional size, such as "varchar(40)" or "double precision"`)
	}
	return t.Name, nil
}

// checkTypeName accepts a type name written for the database: words of
// letters, digits and underscores, with at most one balanced, flat
// parenthesised list of numbers ("numeric(10, 2)"). That is all SQLite's
// grammar allows a type to be, so nothing else can ride along with it.
func checkTypeName(s string) error {
	if strings.TrimSpace(s) == "" {
		return fmt.Errorf("empty type")
	}
	first := s[0]
	if !(first == '_' || first >= 'a' && first <= 'z' || first >= 'A' && first <= 'Z') {
		return fmt.Errorf("a type starts with a letter")
	}
	for _, r := range s {
		switch {
		case r == '_' || r == ' ' || r == '(' || r == ')' || r == ',' || r == '+' || r == '-':
		case r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9':
		default:
			return fmt.Errorf("%q is not allowed in a type", r)
		}
	}
	open, seenParens := false, false
	for _, r := range s {
		switch {
		case r == '(':
			if open || seenParens {
				return fmt.Errorf("unbalanced or repeated parentheses")
			}
			open, seenParens = true, true
		case r == ')':
			if !open {
				return fmt.Errorf("unbalanced parentheses")
			}
			open = false
		case r == ',' || r == '+' || r == '-':
			if !open {
				return fmt.Errorf("%q may appear only between the parentheses", r)
			}
		case open && r != ' ' && !(r >= '0' && r <= '9'):
			return fmt.Errorf("only numbers go between the parentheses")
		case !open && seenParens && r != ' ':
			return fmt.Errorf("nothing may follow the parentheses")
		}
	}
	if open {
		return fmt.Errorf("unbalanced parentheses")
	}
	return nil
}

// strictTypes are the only column types a STRICT table accepts.
var strictTypes = map[string]bool{
	"INT": true, "INTEGER": true, "REAL": true, "TEXT": true, "BLOB": true, "ANY": true,
}

// checkStrict reports a column whose type a STRICT table would refuse,
// with the type to use instead.
func checkStrict(pos op.Pos, c op.Column, sqlType string) error {
	if strictTypes[strings.ToUpper(sqlType)] {
		return nil
	}
	hint := `"text", "integer", "real" or "binary"`
	if strings.HasPrefix(sqlType, "NUMERIC") || strings.HasPrefix(sqlType, "DECIMAL") {
		hint = `"real" (or "text" to keep decimals exact)`
	}
	return op.Errorf(pos, "add %q: a STRICT table allows only the types INT, INTEGER, REAL, TEXT, BLOB and ANY, and this column's type is %s: use %s", c.Name, sqlType, hint)
}
