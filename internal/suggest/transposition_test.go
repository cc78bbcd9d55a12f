package suggest

import "testing"

// TestDistanceTranspositions pins the optimal string alignment rule: a swap
// of two adjacent bytes is one edit, and no byte is edited twice.
func TestDistanceTranspositions(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		a, b string
		want int
	}{
		{"txet", "text", 1},
		{"ab", "ba", 1},
		{"abc", "bac", 1},
		{"abcd", "badc", 2},       // two swaps
		{"ca", "abc", 3},          // OSA, not full Damerau (which says 2)
		{"naem", "name", 1},       // swap at the end
		{"intgeer", "integer", 1}, // swap in the middle
		{"a", "a", 0},
	} {
		if got := Distance(c.a, c.b); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d", c.a, c.b, got, c.want)
		}
		if got := Distance(c.b, c.a); got != c.want {
			t.Errorf("Distance(%q, %q) = %d, want %d (not symmetric)", c.b, c.a, got, c.want)
		}
	}
	if got := Within("txet", []string{"text", "date"}, 1); got != "text" {
		t.Errorf(`Within("txet", 1) = %q, want "text"`, got)
	}
}
