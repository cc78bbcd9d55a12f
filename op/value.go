package op

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
)

// Value is a literal from a script: a column default, or later a bound
// argument. Kind says which field holds it. Integers are kept as decimal text
// so that any Starlark int survives storage exactly; floats are finite.
type Value struct {
	Kind  ValueKind `json:"kind"`
	Bool  bool      `json:"bool,omitempty"`
	Int   string    `json:"int,omitempty"`
	Float float64   `json:"float,omitempty"`
	// Str holds a string, or the SQL of a fragment.
	Str  string  `json:"str,omitempty"`
	List []Value `json:"list,omitempty"`
	// Map holds a dict's entries in insertion order.
	Map []Entry `json:"map,omitempty"`
}

// Entry is one key/value pair of a map Value. Keys are strings, as in JSON.
type Entry struct {
	Key   string `json:"key"`
	Value Value  `json:"value"`
}

// ValueKind names the kind of a [Value].
type ValueKind string

// The value kinds.
const (
	KindNull     ValueKind = "null"
	KindBool     ValueKind = "bool"
	KindInt      ValueKind = "int"
	KindFloat    ValueKind = "float"
	KindString   ValueKind = "string"
	KindFragment ValueKind = "fragment" // raw SQL from fragment(...)
	KindList     ValueKind = "list"
	KindMap      ValueKind = "map"
)

// Null returns the NULL value.
func Null() Value { return Value{Kind: KindNull} }

// Bool returns a boolean value.
func Bool(b bool) Value { return Value{Kind: KindBool, Bool: b} }

// Int returns an integer value.
func Int(i int64) Value { return Value{Kind: KindInt, Int: strconv.FormatInt(i, 10)} }

// BigInt returns an integer value of any size.
func BigInt(i *big.Int) Value { return Value{Kind: KindInt, Int: i.String()} }

// Float returns a float value.
func Float(f float64) Value { return Value{Kind: KindFloat, Float: f} }

// String returns a string value.
func String(s string) Value { return Value{Kind: KindString, Str: s} }

// Fragment returns a raw SQL value.
func Fragment(sql string) Value { return Value{Kind: KindFragment, Str: sql} }

// FormatFloat renders a float the way both dialects read it back exactly.
func FormatFloat(f float64) string {
	s := strconv.FormatFloat(f, 'g', -1, 64)
	if !strings.ContainsAny(s, ".eEn") { // keep 1.0 a float literal
		s += ".0"
	}
	return s
}

// GoString renders v for error messages and debugging.
func (v Value) GoString() string {
	switch v.Kind {
	case KindNull:
		return "None"
	case KindBool:
		if v.Bool {
			return "True"
		}
		return "False"
	case KindInt:
		return v.Int
	case KindFloat:
		return FormatFloat(v.Float)
	case KindString:
		return strconv.Quote(v.Str)
	case KindFragment:
		return fmt.Sprintf("fragment(%q)", v.Str)
	case KindList:
		parts := make([]string, len(v.List))
		for i, e := range v.List {
			parts[i] = e.GoString()
		}
		return "[" + strings.Join(parts, ", ") + "]"
	case KindMap:
		parts := make([]string, len(v.Map))
		for i, e := range v.Map {
			parts[i] = strconv.Quote(e.Key) + ": " + e.Value.GoString()
		}
		return "{" + strings.Join(parts, ", ") + "}"
	}
	return fmt.Sprintf("<invalid value kind %q>", v.Kind)
}
