package builtins

import (
	"fmt"
	"math/big"
	"strings"
	gotime "time"

	"go.starlark.net/lib/json"
	"go.starlark.net/lib/time"
	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

// How values cross between Starlark and SQL (docs/data-migrations.md has
// the table):
//
//	None <-> NULL, bool <-> boolean, int <-> integer (beyond 64 bits: sent as
//	decimal text, for numeric columns), float <-> float, string <-> text,
//	bytes <-> bytea/BLOB, time.time <-> timestamp, dict/list -> JSON text,
//	json/jsonb -> dict/list. Decimals (numeric) are read as strings holding
//	the exact digits, and a string is sent for a numeric parameter: Starlark
//	has no decimal type and a float would lose precision.

// maxArgText bounds the text of one argument kept in the op log, which is
// for display: the value itself went to the database.
const maxArgText = 200

// toSQL converts argument i of a data builtin to a database/sql value and
// to its op.Value for the log.
func (c *call) toSQL(thread *starlark.Thread, i int, v starlark.Value) (any, op.Value, error) {
	switch v := v.(type) {
	case starlark.NoneType:
		return nil, op.Null(), nil
	case starlark.Bool:
		return bool(v), op.Bool(bool(v)), nil
	case starlark.Int:
		if n, ok := v.Int64(); ok {
			return n, op.Int(n), nil
		}
		b := v.BigInt()
		return b.String(), op.BigInt(b), nil
	case starlark.Float:
		return float64(v), op.Float(float64(v)), nil
	case starlark.String:
		return string(v), op.String(clip(string(v))), nil
	case starlark.Bytes:
		return []byte(v), op.Fragment(clip(fmt.Sprintf("x'%x'", string(v)))), nil
	case time.Time:
		t := gotime.Time(v)
		if r := FromThread(thread); r != nil && r.cfg.Traits.TimeAsText {
			s := t.UTC().Format(gotime.RFC3339Nano)
			return s, op.String(s), nil
		}
		return t, op.String(t.Format(gotime.RFC3339Nano)), nil
	case *starlark.Dict, *starlark.List, starlark.Tuple:
		enc, err := starlark.Call(thread, json.Module.Members["encode"], starlark.Tuple{v}, nil)
		if err != nil {
			return nil, op.Value{}, c.errorf("argument $%d: cannot encode %s as JSON: %v", i, v.Type(), err)
		}
		s := string(enc.(starlark.String))
		return s, op.String(clip(s)), nil
	case *fragmentValue:
		return nil, op.Value{}, c.errorf("argument $%d: fragment() is raw SQL, not a value; write it into the statement instead", i)
	}
	return nil, op.Value{}, c.errorf("argument $%d: cannot send a %s to the database", i, v.Type()).
		WithDetail("send None, bool, int, float, string, bytes, time.time, or a dict or list (as JSON); a decimal as a string")
}

// sqlArgs converts the positional arguments of a data builtin.
func (c *call) sqlArgs(thread *starlark.Thread, args starlark.Tuple) ([]any, []op.Value, error) {
	vals := make([]any, len(args))
	logged := make([]op.Value, len(args))
	for i, a := range args {
		v, lv, err := c.toSQL(thread, i+1, a)
		if err != nil {
			return nil, nil, err
		}
		vals[i], logged[i] = v, lv
	}
	return vals, logged, nil
}

func clip(s string) string {
	if len(s) <= maxArgText {
		return s
	}
	cut := maxArgText
	for cut > 0 && s[cut]&0xC0 == 0x80 { // stay on a UTF-8 boundary
		cut--
	}
	return s[:cut] + "..."
}

// fromSQL converts a value read by database/sql to Starlark. dbType is the
// column's database type name (rows.ColumnTypes), which tells JSON and
// numeric text apart from other text.
func fromSQL(thread *starlark.Thread, v any, dbType string) (starlark.Value, error) {
	dbType = strings.ToUpper(dbType)
	switch v := v.(type) {
	case nil:
		return starlark.None, nil
	case int64:
		if dbType == "BOOLEAN" || dbType == "BOOL" { // SQLite stores booleans as 0 and 1
			return starlark.Bool(v != 0), nil
		}
		return starlark.MakeInt64(v), nil
	case int:
		return starlark.MakeInt(v), nil
	case int32:
		return starlark.MakeInt64(int64(v)), nil
	case float64:
		return starlark.Float(v), nil
	case float32:
		return starlark.Float(v), nil
	case bool:
		return starlark.Bool(v), nil
	case gotime.Time:
		return time.Time(v), nil
	case *big.Int:
		return starlark.MakeBigInt(v), nil
	case []byte:
		if isJSONType(dbType) {
			return decodeJSON(thread, string(v))
		}
		if isTextType(dbType) {
			return starlark.String(v), nil
		}
		return starlark.Bytes(v), nil
	case string:
		if isJSONType(dbType) {
			return decodeJSON(thread, v)
		}
		return starlark.String(v), nil
	case fmt.Stringer:
		return starlark.String(v.String()), nil
	}
	return nil, fmt.Errorf("cannot convert a %T (column type %s) to a Starlark value", v, dbType)
}

func isJSONType(t string) bool { return t == "JSON" || t == "JSONB" }

func isTextType(t string) bool {
	switch {
	case t == "NUMERIC", t == "DECIMAL", strings.HasPrefix(t, "DECIMAL("), strings.HasPrefix(t, "NUMERIC("),
		t == "TEXT", t == "VARCHAR", strings.HasPrefix(t, "VARCHAR("), t == "BPCHAR", t == "CHAR", t == "UUID", t == "CITEXT":
		return true
	}
	return false
}

func decodeJSON(thread *starlark.Thread, s string) (starlark.Value, error) {
	v, err := starlark.Call(thread, json.Module.Members["decode"], starlark.Tuple{starlark.String(s)}, nil)
	if err != nil {
		return nil, fmt.Errorf("decode JSON column: %w", err)
	}
	return v, nil
}
