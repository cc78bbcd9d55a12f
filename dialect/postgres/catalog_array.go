package postgres

import (
	"database/sql"
	"fmt"
	"strings"
)

// closeRows closes rows and reports the first error of the iteration.
func closeRows(rows *sql.Rows) error {
	if err := rows.Err(); err != nil {
		rows.Close()
		return err
	}
	return rows.Close()
}

// textArray scans a PostgreSQL text[] returned as its text form.
type textArray []string

// Scan implements sql.Scanner for the array's text representation
// ({a,"b c",NULL}), which is how database/sql hands arrays over from pgx.
func (a *textArray) Scan(src any) error {
	var s string
	switch v := src.(type) {
	case string:
		s = v
	case []byte:
		s = string(v)
	case nil:
		*a = nil
		return nil
	default:
		return fmt.Errorf("textArray: cannot scan %T", src)
	}
	out, err := parseTextArray(s)
	if err != nil {
		return err
	}
	*a = out
	return nil
}

// parseTextArray parses a one-dimensional PostgreSQL array literal.
func parseTextArray(s string) ([]string, error) {
	if len(s) < 2 || s[0] != '{' || s[len(s)-1] != '}' {
		return nil, fmt.Errorf("not an array literal: %q", s)
	}
	body := s[1 : len(s)-1]
	var out []string
	if body == "" {
		return out, nil
	}
	var cur strings.Builder
	inQuotes := false
	for i := 0; i < len(body); i++ {
		ch := body[i]
		switch {
		case inQuotes && ch == '\\' && i+1 < len(body):
			i++
			cur.WriteByte(body[i])
		case ch == '"':
			inQuotes = !inQuotes
		case ch == ',' && !inQuotes:
			out = append(out, cur.String())
			cur.Reset()
		default:
			cur.WriteByte(ch)
		}
	}
	out = append(out, cur.String())
	return out, nil
}

// parseIntArray parses a comma-separated list of integers ("0,3").
func parseIntArray(s string) []int {
	parts := strings.Split(s, ",")
	out := make([]int, len(parts))
	for i, p := range parts {
		fmt.Sscan(p, &out[i])
	}
	return out
}
