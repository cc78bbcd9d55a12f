// Package scripts finds lark's migration files in a directory or any
// [fs.FS], checks their names strictly, checksums them, and writes new ones
// from a template.
//
// A migration file is named NUMBER_NAME.star: NUMBER is the integer version
// (the generator writes a UTC timestamp, YYYYMMDDHHMMSS) and NAME is
// snake_case. Other .star files are helpers for load() when their name does
// not start with a digit, and seeds.star is the seeds script that `lark reset`
// runs. Every other file is ignored. A .star file that starts with a digit
// but is not a valid migration name is an error, never silently skipped.
package scripts

import (
	"crypto/sha256"
	"encoding/hex"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
)

// Ext is the extension of every lark script.
const Ext = ".star"

// SeedsFile is the name of the seeds script in the migrations directory.
const SeedsFile = "seeds.star"

// Migration is one migration file.
type Migration struct {
	// Version is the NUMBER of NUMBER_NAME.star.
	Version int64
	// Name is the NAME of NUMBER_NAME.star.
	Name string
	// File is the file's path inside the FS it was found in.
	File string
	// Source is the file's content.
	Source []byte
	// Checksum is the hex SHA-256 of Source.
	Checksum string
}

// ID is the migration's file name without the extension, "VERSION_NAME".
func (m Migration) ID() string { return strconv.FormatInt(m.Version, 10) + "_" + m.Name }

var (
	migrationName = regexp.MustCompile(`^([0-9]+)_([a-z][a-z0-9_]*)\.star$`)
	snakeCase     = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)
)

// FileError is an error about one file of the migrations directory.
type FileError struct {
	File string
	Err  error
}

func (e *FileError) Error() string { return e.File + ": " + e.Err.Error() }

// Unwrap returns the underlying cause.
func (e *FileError) Unwrap() error { return e.Err }

// Discover returns the migrations at the top level of fsys, sorted by
// version. It is strict: a .star file whose name starts with a digit but is
// not NUMBER_NAME.star, two files with the same version, or a file that
// cannot be read is a *[FileError] naming the file.
func Discover(fsys fs.FS) ([]Migration, error) {
	entries, err := fs.ReadDir(fsys, ".")
	if err != nil {
		return nil, fmt.Errorf("read migrations directory: %w", err)
	}
	var out []Migration
	seen := map[int64]string{}
	for _, e := range entries {
		name := e.Name()
		if e.IsDir() || !strings.HasSuffix(name, Ext) || name[0] < '0' || name[0] > '9' {
			continue
		}
		m, err := parseName(name)
		if err != nil {
			return nil, &FileError{File: name, Err: err}
		}
		if prev, dup := seen[m.Version]; dup {
			return nil, &FileError{File: name, Err: fmt.Errorf("duplicate version %d (also used by %s)", m.Version, prev)}
		}
		seen[m.Version] = name
		out = append(out, m)
	}
	if err := readAll(fsys, out); err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Version < out[j].Version })
	return out, nil
}

// readAll reads every migration's source and checksum. The files are read
// by a few goroutines at once: on a directory of thousands of migrations
// the open/read/close system calls are most of what `lark status` costs.
// The error reported is the one of the first file in directory order.
func readAll(fsys fs.FS, ms []Migration) error {
	errs := make([]error, len(ms))
	next := make(chan int)
	var wg sync.WaitGroup
	for w := 0; w < min(8, len(ms)); w++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				src, err := fs.ReadFile(fsys, ms[i].File)
				if err != nil {
					errs[i] = &FileError{File: ms[i].File, Err: fmt.Errorf("cannot read: %w", err)}
					continue
				}
				ms[i].Source, ms[i].Checksum = src, Checksum(src)
			}
		}()
	}
	for i := range ms {
		next <- i
	}
	close(next)
	wg.Wait()
	return firstErr(errs)
}

func firstErr(errs []error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

// parseName parses NUMBER_NAME.star.
func parseName(file string) (Migration, error) {
	sub := migrationName.FindStringSubmatch(file)
	if sub == nil {
		return Migration{}, errors.New("not a valid migration name: want NUMBER_NAME.star with a snake_case NAME, e.g. 20261122093000_create_reviews.star")
	}
	v, err := strconv.ParseInt(sub[1], 10, 64)
	if err != nil {
		return Migration{}, fmt.Errorf("version %s is not a 64-bit integer", sub[1])
	}
	return Migration{Version: v, Name: sub[2], File: file}, nil
}

// Seeds returns the content of seeds.star in fsys, or nil and no error
// when there is none.
func Seeds(fsys fs.FS) ([]byte, error) {
	src, err := fs.ReadFile(fsys, SeedsFile)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil
	}
	if err != nil {
		return nil, &FileError{File: SeedsFile, Err: fmt.Errorf("cannot read: %w", err)}
	}
	return src, nil
}

// Checksum returns the hex SHA-256 of src.
func Checksum(src []byte) string {
	sum := sha256.Sum256(src)
	return hex.EncodeToString(sum[:])
}

// ValidName reports whether name is usable as the NAME of a migration:
// snake_case, starting with a letter.
func ValidName(name string) bool { return snakeCase.MatchString(name) }
