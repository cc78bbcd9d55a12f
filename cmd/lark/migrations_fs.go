package main

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"
)

// migrationsFS is the migrations directory as the engine reads it: an
// [os.Root], so that neither a migration file nor a load() can follow a
// symbolic link out of the directory (migrations/x.star -> /etc/...), as
// os.DirFS would. A link that stays inside the directory works.
//
// os.Root refuses such a link with an unexported "path escapes from
// parent" error; migrationsFS replaces it with one that names the link and
// where it points.
type migrationsFS struct {
	root *os.Root
	fsys fs.FS
	dir  string // as given, for messages
	abs  string // absolute, to resolve links
}

// openMigrationsFS opens dir; the caller closes it once the migrator is
// done with it.
func openMigrationsFS(dir string) (*migrationsFS, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return nil, fmt.Errorf("migrations directory: %w", err)
	}
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil, fmt.Errorf("migrations directory: %w", err)
	}
	return &migrationsFS{root: root, fsys: root.FS(), dir: dir, abs: abs}, nil
}

// Close closes the directory.
func (m *migrationsFS) Close() error { return m.root.Close() }

// Open implements [fs.FS].
func (m *migrationsFS) Open(name string) (fs.File, error) {
	f, err := m.fsys.Open(name)
	return f, m.explain("open", name, err)
}

// ReadFile implements [fs.ReadFileFS].
func (m *migrationsFS) ReadFile(name string) ([]byte, error) {
	b, err := fs.ReadFile(m.fsys, name)
	return b, m.explain("read", name, err)
}

// ReadDir implements [fs.ReadDirFS].
func (m *migrationsFS) ReadDir(name string) ([]fs.DirEntry, error) {
	es, err := fs.ReadDir(m.fsys, name)
	return es, m.explain("read", name, err)
}

// Stat implements [fs.StatFS].
func (m *migrationsFS) Stat(name string) (fs.FileInfo, error) {
	fi, err := fs.Stat(m.fsys, name)
	return fi, m.explain("stat", name, err)
}

// explain turns the error of a refused link into one that says which
// link it is and where it points. Other errors are returned as they are.
func (m *migrationsFS) explain(op, name string, err error) error {
	if err == nil || errors.Is(err, fs.ErrNotExist) || errors.Is(err, fs.ErrInvalid) {
		return err
	}
	p := ""
	for _, part := range strings.Split(name, "/") {
		p = path.Join(p, part)
		fi, lerr := m.root.Lstat(p)
		if lerr != nil {
			break
		}
		if fi.Mode()&fs.ModeSymlink == 0 {
			continue
		}
		target, lerr := m.root.Readlink(p)
		if lerr != nil {
			continue
		}
		// os.Root refuses a link that resolves outside the root, an
		// absolute one, and one whose text goes above the root even to
		// come back.
		abs := filepath.IsAbs(target)
		rel := path.Join(path.Dir(p), filepath.ToSlash(target))
		leaves := abs || rel == ".." || strings.HasPrefix(rel, "../")
		var why string
		switch inside, known := m.inside(p); {
		case known && !inside, !known && leaves:
			why = fmt.Sprintf("a symbolic link to %s, which points outside the migrations directory %s; lark reads only files inside it", target, m.dir)
		case abs:
			why = fmt.Sprintf("a symbolic link to an absolute path, %s; lark follows only relative links that stay inside the migrations directory %s", target, m.dir)
		case leaves:
			why = fmt.Sprintf("a symbolic link to %s, a path that goes out of the migrations directory %s; lark follows only links that stay inside it", target, m.dir)
		default:
			continue
		}
		subject := "it is"
		if p != name {
			subject = p + " is"
		}
		return &fs.PathError{Op: op, Path: name, Err: errors.New(subject + " " + why)}
	}
	return err
}

// inside reports whether the link at p (relative to the directory)
// resolves to a file inside the directory; known is false when it cannot
// be resolved (a dangling link).
func (m *migrationsFS) inside(p string) (inside, known bool) {
	real, err := filepath.EvalSymlinks(filepath.Join(m.abs, filepath.FromSlash(p)))
	if err != nil {
		return false, false
	}
	dir, err := filepath.EvalSymlinks(m.abs)
	if err != nil {
		return false, false
	}
	rel, err := filepath.Rel(dir, real)
	if err != nil {
		return false, false
	}
	return rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)), true
}
