// Package suggest finds the word a user probably meant: the "did you mean"
// of lark's errors, for script options, builtins, settings, callbacks,
// column types and config keys.
//
// It is a leaf package (standard library only), so that the CLI can use it
// without importing the Starlark vocabulary.
package suggest

// Nearest returns the candidate closest to s by edit distance, or "" when
// none is close enough to be a plausible misspelling: fewer than
// len(s)/2+2 edits away. Of equally close candidates the first wins.
func Nearest(s string, candidates []string) string {
	return nearest(s, candidates, len(s)/2+2)
}

// Within returns the candidate closest to s if it is at most maxEdits
// edits away, or "". Unlike [Nearest], the caller sets how close is close
// enough: the checks that turn a near miss into an error (a misspelt
// setting, a misspelt column type) use a tight bound.
func Within(s string, candidates []string, maxEdits int) string {
	return nearest(s, candidates, maxEdits+1)
}

// nearest returns the first candidate closest to s, if it is fewer than
// limit edits away.
func nearest(s string, candidates []string, limit int) string {
	best, bestD := "", limit
	for _, c := range candidates {
		if d := Distance(s, c); d < bestD {
			best, bestD = c, d
		}
	}
	return best
}

// Distance is the optimal string alignment distance between a and b,
// counted in bytes: the fewest single-byte insertions, deletions,
// substitutions and swaps of two adjacent bytes that turn one into the
// other, no byte being edited twice. A swap counts as one edit because it
// is one slip of the fingers ("txet" for "text"), as common as a missed
// key; plain Levenshtein counts it as two and lets it through. lark's
// names are ASCII, where bytes are characters.
func Distance(a, b string) int {
	// Three rows of the table: the swap looks two rows back.
	prev2 := make([]int, len(b)+1)
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				cur[j] = min(cur[j], prev2[j-2]+1)
			}
		}
		prev2, prev, cur = prev, cur, prev2
	}
	return prev[len(b)]
}
