package eval

import (
	"unicode/utf8"

	"github.com/larkdb/lark/op"
)

// checkUTF8 refuses a file whose bytes are not UTF-8, at the first bad
// byte, before the file is parsed. Starlark reads a string literal's bytes
// as they are, so a file saved in Latin-1 would otherwise name a table
// "\xe9t\xe9" (shown as "��") and the database would keep it. The column
// counts runes, as Starlark's positions do, each bad byte as one.
func checkUTF8(file string, src []byte) error {
	if utf8.Valid(src) {
		return nil
	}
	line, col := int32(1), int32(1)
	for i := 0; i < len(src); {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size <= 1 {
			return op.Errorf(op.Pos{File: file, Line: line, Col: col},
				"byte 0x%02x is not UTF-8: save the file as UTF-8", src[i])
		}
		if r == '\n' {
			line, col = line+1, 1
		} else {
			col++
		}
		i += size
	}
	return nil // unreachable: utf8.Valid said otherwise
}
