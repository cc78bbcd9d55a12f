package suggest

import "testing"

func TestDistance(t *testing.T) {
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"", "", 0},
		{"", "abc", 3},
		{"abc", "", 3},
		{"null", "null", 0},
		{"nul", "null", 1},      // insertion
		{"nulll", "null", 1},    // deletion
		{"strng", "string", 1},  // insertion inside
		{"stirng", "string", 1}, // a transposition is one edit
		{"kitten", "sitting", 3},
		{"donw", "down", 1},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := Distance(c.b, c.a); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (not symmetric)", c.b, c.a, got, c.want)
		}
	}
}

func TestNearest(t *testing.T) {
	options := []string{"name", "null", "default", "primary_key", "size", "precision"}
	for _, c := range []struct{ s, want string }{
		{"nul", "null"},
		{"defualt", "default"},
		{"primarykey", "primary_key"},
		{"zebra", ""}, // nothing plausible
		{"x", ""},     // far from every option
		{"sise", "size"},
		{"nme", "name"},
	} {
		if got := Nearest(c.s, options); got != c.want {
			t.Errorf("Nearest(%q) = %q, want %q", c.s, got, c.want)
		}
	}
	if got := Nearest("ab", []string{"ac", "ad"}); got != "ac" {
		t.Errorf("a tie goes to the first candidate, got %q", got)
	}
	if got := Nearest("abc", nil); got != "" {
		t.Errorf("no candidates: got %q", got)
	}
}

func TestWithin(t *testing.T) {
	types := []string{"string", "date", "integer"}
	for _, c := range []struct {
		s    string
		max  int
		want string
	}{
		{"strng", 1, "string"},
		{"stirng", 1, "string"},
		{"sitrgn", 1, ""},
		{"state", 1, ""}, // two edits from "date": not taken for it
		{"data", 1, "date"},
		{"string", 0, "string"},
	} {
		if got := Within(c.s, types, c.max); got != c.want {
			t.Errorf("Within(%q, %d) = %q, want %q", c.s, c.max, got, c.want)
		}
	}
}
