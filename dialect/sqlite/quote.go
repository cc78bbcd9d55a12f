package sqlite

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/larkdb/lark/op"
)

// QuoteIdent quotes an SQLite identifier: double quotes around it, embedded
// double quotes doubled. Any name survives, "a""b" and 'c' included.
func QuoteIdent(name string) string {
	return `"` + strings.ReplaceAll(name, `"`, `""`) + `"`
}

// QuoteString quotes an SQLite string literal: single quotes around it,
// embedded single quotes doubled. Backslashes are ordinary characters in
// SQLite, so they are kept as they are.
func QuoteString(s string) string {
	return `'` + strings.ReplaceAll(s, `'`, `''`) + `'`
}

// ident checks a name from an op and quotes it. An empty name or one with a
// NUL byte (which SQLite cannot store) is an error at pos.
func ident(pos op.Pos, what, name string) (string, error) {
	if name == "" {
		return "", op.Errorf(pos, "%s: empty name", what)
	}
	if err := checkNoNUL(pos, what, name); err != nil {
		return "", err
	}
	return QuoteIdent(name), nil
}

// checkNoNUL rejects text with a NUL byte: SQLite would cut it short there.
func checkNoNUL(pos op.Pos, what, s string) error {
	if strings.IndexByte(s, 0) >= 0 {
		return op.Errorf(pos, "%s: %q contains a NUL byte, which SQLite cannot store", what, s)
	}
	return nil
}

// noPrefix rejects a schema prefix: SQLite has no schemas.
func noPrefix(pos op.Pos, what, prefix string) error {
	if prefix == "" {
		return nil
	}
	return op.Errorf(pos, "%s: SQLite has no schemas, so prefix=%q cannot be used: leave prefix out (an attached database can be used with execute())", what, prefix)
}

// defaultSQL renders a column default literal: strings quoted, numbers as
// written, booleans as 1/0, lists and maps as JSON text, a fragment in
// parentheses (SQLite requires them around an expression).
func defaultSQL(pos op.Pos, v op.Value) (string, error) {
	switch v.Kind {
	case op.KindNull:
		return "NULL", nil
	case op.KindBool:
		if v.Bool {
			return "1", nil
		}
		return "0", nil
	case op.KindInt:
		if !isDecimalInt(v.Int) {
			return "", op.Errorf(pos, "default: invalid integer %q", v.Int)
		}
		return v.Int, nil
	case op.KindFloat:
		return op.FormatFloat(v.Float), nil
	case op.KindString:
		if err := checkNoNUL(pos, "default", v.Str); err != nil {
			return "", err
		}
		return QuoteString(v.Str), nil
	case op.KindFragment:
		if strings.TrimSpace(v.Str) == "" {
			return "", op.Errorf(pos, "default: empty fragment")
		}
		if enclosed(v.Str) {
			return v.Str, nil
		}
		return "(" + v.Str + ")", nil
	case op.KindList, op.KindMap:
		text, err := jsonText(v)
		if err != nil {
			return "", op.Errorf(pos, "default: %v", err)
		}
		return QuoteString(text), nil
	}
	return "", op.Errorf(pos, "default: unknown value kind %q", v.Kind)
}

// isDecimalInt reports whether s is an optionally signed run of digits.
func isDecimalInt(s string) bool {
	s = strings.TrimPrefix(s, "-")
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// enclosed reports whether s is wrapped in one pair of parentheses that
// close at its very end, as "(a + b)" is and "(a) + (b)" is not.
func enclosed(s string) bool {
	s = strings.TrimSpace(s)
	if len(s) < 2 || s[0] != '(' || s[len(s)-1] != ')' {
		return false
	}
	depth := 0
	for i, r := range s {
		switch r {
		case '(':
			depth++
		case ')':
			depth--
			if depth == 0 && i != len(s)-1 {
				return false
			}
		}
	}
	return depth == 0
}

// jsonText encodes a list or map value as JSON, keys in insertion order.
func jsonText(v op.Value) (string, error) {
	var b strings.Builder
	if err := writeJSON(&b, v); err != nil {
		return "", err
	}
	return b.String(), nil
}

func writeJSON(b *strings.Builder, v op.Value) error {
	switch v.Kind {
	case op.KindNull:
		b.WriteString("null")
	case op.KindBool:
		fmt.Fprint(b, v.Bool)
	case op.KindInt:
		if !isDecimalInt(v.Int) {
			return fmt.Errorf("invalid integer %q", v.Int)
		}
		b.WriteString(v.Int)
	case op.KindFloat:
		out, err := json.Marshal(v.Float)
		if err != nil {
			return fmt.Errorf("encode %v as JSON: %w", v.Float, err)
		}
		b.Write(out)
	case op.KindString:
		writeJSONString(b, v.Str)
	case op.KindList:
		b.WriteByte('[')
		for i, e := range v.List {
			if i > 0 {
				b.WriteByte(',')
			}
			if err := writeJSON(b, e); err != nil {
				return err
			}
		}
		b.WriteByte(']')
	case op.KindMap:
		b.WriteByte('{')
		for i, e := range v.Map {
			if i > 0 {
				b.WriteByte(',')
			}
			writeJSONString(b, e.Key)
			b.WriteByte(':')
			if err := writeJSON(b, e.Value); err != nil {
				return err
			}
		}
		b.WriteByte('}')
	case op.KindFragment:
		return fmt.Errorf("a fragment cannot be part of a list or map default")
	default:
		return fmt.Errorf("unknown value kind %q", v.Kind)
	}
	return nil
}

// writeJSONString writes s as a JSON string, leaving <, > and & as they are
// (encoding/json's default escapes them for HTML).
func writeJSONString(b *strings.Builder, s string) {
	var buf strings.Builder
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	_ = enc.Encode(s) // a string always encodes
	b.WriteString(strings.TrimSuffix(buf.String(), "\n"))
}
