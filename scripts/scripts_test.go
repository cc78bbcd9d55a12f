package scripts

import (
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"testing/fstest"
	"time"
)

func file(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func TestDiscover(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"20260102000000_add_users.star":   file("def change(): pass\n"),
		"3_tiny.star":                     file("x"),
		"20260101000000_create_orgs.star": file("def up(): pass\n"),
		"helpers.star":                    file("def f(): pass\n"),
		"seeds.star":                      file("exec('x')\n"),
		"README.md":                       file("docs"),
		"sub/1_nested.star":               file("ignored: not top level"),
	}
	got, err := Discover(fsys)
	if err != nil {
		t.Fatal(err)
	}
	want := []struct {
		v    int64
		name string
	}{{3, "tiny"}, {20260101000000, "create_orgs"}, {20260102000000, "add_users"}}
	if len(got) != len(want) {
		t.Fatalf("got %d migrations, want %d: %+v", len(got), len(want), got)
	}
	for i, w := range want {
		if got[i].Version != w.v || got[i].Name != w.name {
			t.Errorf("migration %d = %d %s, want %d %s", i, got[i].Version, got[i].Name, w.v, w.name)
		}
		if got[i].Checksum != Checksum(got[i].Source) || len(got[i].Checksum) != 64 {
			t.Errorf("checksum of %s = %q", got[i].File, got[i].Checksum)
		}
	}
	if id := got[1].ID(); id != "20260101000000_create_orgs" {
		t.Errorf("ID = %q", id)
	}
	seeds, err := Seeds(fsys)
	if err != nil || string(seeds) != "exec('x')\n" {
		t.Errorf("Seeds = %q, %v", seeds, err)
	}
	if s, err := Seeds(fstest.MapFS{}); s != nil || err != nil {
		t.Errorf("Seeds of empty FS = %q, %v", s, err)
	}
}

func TestDiscoverErrors(t *testing.T) {
	t.Parallel()
	tests := []struct {
		name  string
		fsys  fstest.MapFS
		file  string
		match string
	}{
		{"no name", fstest.MapFS{"2026.star": file("")}, "2026.star", "not a valid migration name"},
		{"camel case", fstest.MapFS{"1_AddUsers.star": file("")}, "1_AddUsers.star", "not a valid migration name"},
		{"dash", fstest.MapFS{"1-add.star": file("")}, "1-add.star", "not a valid migration name"},
		{"huge version", fstest.MapFS{"99999999999999999999_x.star": file("")}, "99999999999999999999_x.star", "not a 64-bit integer"},
		{"duplicate", fstest.MapFS{"1_a.star": file(""), "01_b.star": file("")}, "1_a.star", "duplicate version 1"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := Discover(tt.fsys)
			var fe *FileError
			if !errors.As(err, &fe) {
				t.Fatalf("err = %v, want a *FileError", err)
			}
			if fe.File != tt.file || !strings.Contains(err.Error(), tt.match) {
				t.Errorf("err = %v, want it to name %s and say %q", err, tt.file, tt.match)
			}
		})
	}
}

func TestDiscoverUnreadable(t *testing.T) {
	t.Parallel()
	if os.Getuid() == 0 {
		t.Skip("root reads any file")
	}
	dir := t.TempDir()
	p := filepath.Join(dir, "1_a.star")
	if err := os.WriteFile(p, []byte("x"), 0o000); err != nil {
		t.Fatal(err)
	}
	_, err := Discover(os.DirFS(dir))
	if err == nil || !strings.Contains(err.Error(), "1_a.star: cannot read") {
		t.Fatalf("err = %v", err)
	}
}

func TestDiscoverMissingDir(t *testing.T) {
	t.Parallel()
	_, err := Discover(os.DirFS(filepath.Join(t.TempDir(), "nope")))
	if err == nil || !strings.Contains(err.Error(), "read migrations directory") {
		t.Fatalf("err = %v", err)
	}
}

func TestNew(t *testing.T) {
	t.Parallel()
	dir := filepath.Join(t.TempDir(), "migrations")
	now := time.Date(2026, 11, 22, 10, 30, 0, 0, time.FixedZone("CET", 3600))
	path, err := New(dir, "create_reviews", now)
	if err != nil {
		t.Fatal(err)
	}
	if want := filepath.Join(dir, "20261122093000_create_reviews.star"); path != want {
		t.Errorf("path = %s, want %s", path, want)
	}
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(src), "def change():") || !strings.Contains(string(src), "# create_table(") {
		t.Errorf("template:\n%s", src)
	}
	ms, err := Discover(os.DirFS(dir))
	if err != nil || len(ms) != 1 || ms[0].Name != "create_reviews" {
		t.Fatalf("Discover after New = %+v, %v", ms, err)
	}

	for _, bad := range []string{"", "CreateReviews", "1abc", "has space", "dash-ed"} {
		if _, err := New(dir, bad, now); err == nil || !strings.Contains(err.Error(), "snake_case") {
			t.Errorf("New(%q) err = %v", bad, err)
		}
	}
}

// TestNewTakenVersion: two `lark new` within a second (or a clock behind
// the files) take the next free second rather than failing.
func TestNewTakenVersion(t *testing.T) {
	t.Parallel()
	dir := t.TempDir()
	writeFile := func(name string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join(dir, name), []byte("def change():\n    pass\n"), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	// 20261122093001 is taken by a misnamed file, 20261122093003 by a good one.
	writeFile("20261122093001_Misnamed.star")
	writeFile("20261122093003_later.star")
	now := time.Date(2026, 11, 22, 9, 30, 0, 500_000_000, time.UTC)
	var got []string
	for _, name := range []string{"a_one", "b_two", "c_three", "d_four"} {
		path, err := New(dir, name, now)
		if err != nil {
			t.Fatalf("New(%s): %v", name, err)
		}
		got = append(got, filepath.Base(path))
	}
	want := []string{
		"20261122093000_a_one.star",
		"20261122093002_b_two.star",
		"20261122093004_c_three.star",
		"20261122093005_d_four.star",
	}
	if !slices.Equal(got, want) {
		t.Errorf("New four times at %s:\ngot  %v\nwant %v", now, got, want)
	}

	// The next free second may be in the next minute, hour, day or year.
	dir = t.TempDir()
	now = time.Date(2026, 12, 31, 23, 59, 59, 0, time.UTC)
	for _, want := range []string{"20261231235959_x.star", "20270101000000_y.star"} {
		path, err := New(dir, want[15:16], now)
		if err != nil {
			t.Fatal(err)
		}
		if filepath.Base(path) != want {
			t.Errorf("New at %s = %s, want %s", now, filepath.Base(path), want)
		}
	}
}
