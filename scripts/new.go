package scripts

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
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

// New writes a new migration file <UTC now as YYYYMMDDHHMMSS>_<name>.star
// into dir and returns its path. The directory is created when missing; an
// existing file is never overwritten.
func New(dir, name string, now time.Time) (string, error) {
	if !ValidName(name) {
		return "", fmt.Errorf("migration name %q is not snake_case (lowercase letters, digits and _, starting with a letter)", name)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create migrations directory: %w", err)
	}
	version := now.UTC().Format("20060102150405")
	if existing, err := fs.Glob(os.DirFS(dir), version+"_*"+Ext); err == nil && len(existing) > 0 {
		return "", fmt.Errorf("a migration with version %s already exists: %s", version, existing[0])
	}
	file := version + "_" + name + Ext
	path := filepath.Join(dir, file)
	f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o644)
	if errors.Is(err, fs.ErrExist) {
		return "", fmt.Errorf("%s already exists", path)
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
