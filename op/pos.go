package op

import (
	"fmt"
	"strings"
)

// Pos is a position in a migration script: the file (relative to the
// migrations directory), and the 1-based line and column of the call that
// recorded an op. The zero Pos means "no position".
type Pos struct {
	File string `json:"file,omitempty"`
	Line int32  `json:"line,omitempty"`
	Col  int32  `json:"col,omitempty"`
}

// IsValid reports whether p names a file.
func (p Pos) IsValid() bool { return p.File != "" }

// String renders p as file:line:col, leaving out the parts that are unknown.
func (p Pos) String() string {
	switch {
	case p.File == "":
		return "-"
	case p.Line == 0:
		return p.File
	case p.Col == 0:
		return fmt.Sprintf("%s:%d", p.File, p.Line)
	default:
		return fmt.Sprintf("%s:%d:%d", p.File, p.Line, p.Col)
	}
}

// Error is an error at a script position. It is the one error shape that
// lark shows its users: the position and message on the first line, then
// each detail on its own indented line.
//
//	migrations/20261122093000_create_reviews.star:4:12: add: unknown option "nul" (did you mean "null"?)
//	    valid options: null, default, primary_key, ...
type Error struct {
	Pos     Pos
	Msg     string
	Details []string
	// Err is an underlying cause (a database error, say), if any.
	Err error
}

// Errorf returns an *Error at pos with a formatted message.
func Errorf(pos Pos, format string, args ...any) *Error {
	return &Error{Pos: pos, Msg: fmt.Sprintf(format, args...)}
}

// Error renders the error as "file:line:col: msg" followed by indented details.
func (e *Error) Error() string {
	var b strings.Builder
	if e.Pos.IsValid() {
		b.WriteString(e.Pos.String())
		b.WriteString(": ")
	}
	b.WriteString(e.Msg)
	for _, d := range e.Details {
		b.WriteString("\n    ")
		b.WriteString(strings.ReplaceAll(d, "\n", "\n    "))
	}
	return b.String()
}

// Unwrap returns the underlying cause.
func (e *Error) Unwrap() error { return e.Err }

// WithDetail returns e with one more detail line.
func (e *Error) WithDetail(format string, args ...any) *Error {
	e.Details = append(e.Details, fmt.Sprintf(format, args...))
	return e
}

// PosOr returns p when it is valid, else fallback: the position of a part
// of an op (a column) when it has one, else the op's.
func PosOr(p, fallback Pos) Pos {
	if p.IsValid() {
		return p
	}
	return fallback
}
