package eval

import (
	"testing"
)

// TestCheckUTF8 checks where a byte that is not UTF-8 is reported: its
// line, and its column counted in runes as Starlark counts them, each
// bad byte as one.
func TestCheckUTF8(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		src  string
		want string
	}{
		{"def change():\n    pass\n", ""},
		{"x = \"caf\xe9\"\n", "m.star:1:9: byte 0xe9 is not UTF-8: save the file as UTF-8"},
		{"# ünïcode\n\xff", "m.star:2:1: byte 0xff is not UTF-8: save the file as UTF-8"},
		{"a = \"é\xc3\"", "m.star:1:7: byte 0xc3 is not UTF-8: save the file as UTF-8"}, // truncated sequence
		{"\xe2\x82", "m.star:1:1: byte 0xe2 is not UTF-8: save the file as UTF-8"},
		{"ok = 1 # \xed\xa0\x80 surrogate", "m.star:1:10: byte 0xed is not UTF-8: save the file as UTF-8"},
	} {
		err := checkUTF8("m.star", []byte(c.src))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("checkUTF8(%q) = %q, want %q", c.src, got, c.want)
		}
	}
}
