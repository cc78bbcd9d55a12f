package scripts

import (
	"os"
	"path/filepath"
	"slices"
	"testing"
)

// TestSameName lists the migrations that already carry a name, and only
// those: not a longer name that starts with it, not a helper or a
// directory, and nothing for a missing directory.
func TestSameName(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	for _, f := range []string{"1_create_users.star", "20260101000000_create_users.star", "2_create_users_index.star",
		"create_users.star", "3_create_users.txt"} {
		if err := os.WriteFile(filepath.Join(dir, f), nil, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	if err := os.Mkdir(filepath.Join(dir, "4_create_users.star"), 0o755); err != nil {
		t.Fatal(err)
	}
	got, err := SameName(dir, "create_users")
	if err != nil {
		t.Fatal(err)
	}
	want := []string{filepath.Join(dir, "1_create_users.star"), filepath.Join(dir, "20260101000000_create_users.star")}
	if !slices.Equal(got, want) {
		t.Errorf("SameName = %q, want %q", got, want)
	}
	if got, err := SameName(dir, "add_email"); err != nil || got != nil {
		t.Errorf("SameName(add_email) = %q, %v; want none", got, err)
	}
	if got, err := SameName(filepath.Join(dir, "missing"), "create_users"); err != nil || got != nil {
		t.Errorf("SameName(missing dir) = %q, %v; want none", got, err)
	}
}
