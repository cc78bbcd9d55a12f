package scripts

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// template is the body of a new migration: change() with a commented
// example, in the vocabulary of Ecto.Migration.
const template = `# %s
#
# change() is reversible: lark derives the rollback from what it records.
# Define up() and down() instead when it cannot (see docs/language.md).

def change():
    # create_table("reviews",
    #     add("rating", "integer", null = False),
    #     add("comment", "text"),
    #     timestamps(),
    # )
    # index("reviews", ["rating"])
    pass
`

// New writes a new migration file <version>_<name>.star into dir and
// returns its path. The version is now in UTC as YYYYMMDDHHMMSS; when a
// migration in dir already has it (two `lark new` within a second), the
// next free second is taken instead, so that versions stay unique. The
// directory is created when missing; an
// existing file is never overwritten.
func New(dir, name string, now time.Time) (string, error) {
	if !ValidName(name) {
		return "", fmt.Errorf("migration name %q is not snake_case (lowercase letters, digits and _, starting with a letter)", name)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create migrations directory: %w", err)
	}
	taken, err := versions(dir)
	if err != nil {
		return "", err
	}
	t := now.UTC().Truncate(time.Second)
	for {
		for taken[version(t)] {
			t = t.Add(time.Second)
		}
		file := t.Format(versionLayout) + "_" + name + Ext
		path := filepath.Join(dir, file)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
		if errors.Is(err, fs.ErrExist) {
			// The same file, made since versions() read dir.
			taken[version(t)] = true
			continue
		}
		if err != nil {
			return "", fmt.Errorf("create migration: %w", err)
		}
		if _, err := fmt.Fprintf(f, template, file); err != nil {
			f.Close()
			return "", fmt.Errorf("write %s: %w", path, err)
		}
		if err := f.Close(); err != nil {
			return "", fmt.Errorf("write %s: %w", path, err)
		}
		return path, nil
	}
}

// SameName returns the paths of the migrations in dir whose NAME is name,
// in file-name order: a new migration of that name would be told apart from
// them only by its version, in `lark status` and in the versions table.
// (Ecto's mix ecto.gen.migration refuses such a name; `lark new` warns.)
// A missing dir has none.
func SameName(dir, name string) ([]string, error) {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("read migrations directory: %w", err)
	}
	var out []string
	for _, e := range entries {
		m, err := parseName(e.Name())
		if err == nil && m.Name == name && !e.IsDir() {
			out = append(out, filepath.Join(dir, e.Name()))
		}
	}
	return out, nil
}

// versionLayout is the time layout of the versions New writes.
const versionLayout = "20060102150405"

func version(t time.Time) int64 {
	v, _ := strconv.ParseInt(t.Format(versionLayout), 10, 64)
	return v
}

// versions returns the versions the .star files in dir start with
// (NUMBER_...), including misnamed ones: a new file must not share a
// version with one the user is about to rename.
func versions(dir string) (map[int64]bool, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		return nil, fmt.Errorf("read migrations directory: %w", err)
	}
	taken := map[int64]bool{}
	for _, e := range entries {
		num, _, ok := strings.Cut(e.Name(), "_")
		if !ok || !strings.HasSuffix(e.Name(), Ext) {
			continue
		}
		if v, err := strconv.ParseInt(num, 10, 64); err == nil && v >= 0 {
			taken[v] = true
		}
	}
	return taken, nil
}
