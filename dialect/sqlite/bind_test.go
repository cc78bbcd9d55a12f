package sqlite

import "testing"

// TestBind checks the rewriting of scripts' $n placeholders: numbered as
// written, and never inside literals, quoted names or comments.
func TestBind(t *testing.T) {
	t.Parallel()
	tests := []struct{ in, want string }{
		{"SELECT 1", "SELECT 1"},
		{"SELECT $2, $1", "SELECT ?2, ?1"},
		{"UPDATE t SET a = $10 WHERE id = $1", "UPDATE t SET a = ?10 WHERE id = ?1"},
		{"SELECT '$1', \"$2\", `$3`, [$4], $5", "SELECT '$1', \"$2\", `$3`, [$4], ?5"},
		{"SELECT 'it''s $1', $1", "SELECT 'it''s $1', ?1"},
		{"SELECT $1 -- $2\n, $3", "SELECT ?1 -- $2\n, ?3"},
		{"SELECT /* $1 */ $2", "SELECT /* $1 */ ?2"},
		{"SELECT a$1, $0, $x", "SELECT a$1, $0, $x"},
	}
	for _, tt := range tests {
		if got := (Runtime{}).Bind(tt.in); got != tt.want {
			t.Errorf("Bind(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}
