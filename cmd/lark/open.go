package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"

	"github.com/larkdb/lark/connect"
	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/op"
)

// migrator opens the database and builds the migrator; close releases
// both. A SQLite file that does not exist is created (up, down, redo,
// watch and reset write to it).
func (a *app) migrator(ctx context.Context) (m *engine.Migrator, close func(), err error) {
	m, _, close, err = a.openMigrator(ctx, false)
	return m, close, err
}

// inspector is [app.migrator] for the commands that touch nothing (status,
// plan): a SQLite file that does not exist is left uncreated, and they see
// an empty database instead, so every migration is pending.
func (a *app) inspector(ctx context.Context) (m *engine.Migrator, close func(), err error) {
	m, _, close, err = a.openMigrator(ctx, true)
	return m, close, err
}

// openMigrator opens the database and the migrations directory and builds
// the migrator on them; it also returns the directory's FS, for watch to
// read the files exactly as the migrator does.
func (a *app) openMigrator(ctx context.Context, touchNothing bool) (m *engine.Migrator, dir fs.FS, close func(), err error) {
	// The URL first: a wrong scheme is a usage error whatever the directory.
	target, err := connect.Parse(a.cfg.Database)
	if err != nil {
		return nil, nil, nil, usageError{err}
	}
	if err := a.checkNames(target); err != nil {
		return nil, nil, nil, err
	}
	st, err := os.Stat(a.cfg.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, nil, fmt.Errorf("migrations directory %q does not exist: pass --dir, or create it with `lark new NAME`", a.cfg.Dir)
	}
	if err != nil {
		return nil, nil, nil, fmt.Errorf("migrations directory: %w", err)
	}
	if !st.IsDir() {
		return nil, nil, nil, fmt.Errorf("migrations directory %s is not a directory", a.cfg.Dir)
	}
	fsys, err := openMigrationsFS(a.cfg.Dir)
	if err != nil {
		return nil, nil, nil, err
	}
	open := target.Open
	if touchNothing {
		open = target.OpenToRead // a missing SQLite file stays missing
	}
	db, d, err := open(ctx)
	if err != nil {
		fsys.Close()
		return nil, nil, nil, err
	}
	opts := []engine.MigratorOption{
		engine.WithTable(a.cfg.Table),
		engine.WithPrefix(a.cfg.Prefix),
		engine.WithAllowDrift(a.cfg.AllowDrift),
		engine.WithPrint(prefixLines(a.stderr, a.cfg.Dir)), // print() in scripts, at migrations/x.star:N
	}
	if a.cfg.LogSQL {
		opts = append(opts, engine.WithLogSQL(a.stderr))
	}
	opts = append(opts, engine.WithDataProgress(newProgress(a.stderr, a.cfg.JSON).report))
	m, err = engine.NewMigrator(db, d, fsys, opts...)
	if err != nil {
		db.Close()
		fsys.Close()
		// The options were checked above; whatever else NewMigrator
		// refuses is still about how lark was called, minus the Go name.
		return nil, nil, nil, usageError{errors.New(strings.TrimPrefix(err.Error(), "engine.NewMigrator: "))}
	}
	return m, fsys, func() { db.Close(); fsys.Close() }, nil
}

// checkNames checks --table and --prefix before the engine does, so that
// the message names the flag (or config key) the user set.
func (a *app) checkNames(target connect.Target) error {
	if !op.IsIdent(a.cfg.Table) {
		return usagef("%s is not a plain identifier: use letters, digits and _, not starting with a digit", a.cfg.setting("table", a.cfg.Table))
	}
	if a.cfg.Prefix == "" {
		return nil
	}
	if !op.IsIdent(a.cfg.Prefix) {
		return usagef("%s is not a plain identifier: use letters, digits and _, not starting with a digit", a.cfg.setting("prefix", a.cfg.Prefix))
	}
	if d := target.Dialect(); !d.Capabilities().Schemas {
		return usagef("%s: %s has no schemas; the prefix names a PostgreSQL schema and applies to PostgreSQL only", a.cfg.setting("prefix", a.cfg.Prefix), d.Title())
	}
	return nil
}

// prefixLines returns w with dir/ in front of what each Write writes: the
// lines print() writes ("x.star:3: message", one Write each) then name the
// file as lark's errors do (migrations/x.star:3).
func prefixLines(w io.Writer, dir string) io.Writer {
	if dir == "" || dir == "." {
		return w
	}
	return linePrefixer{w: w, prefix: filepath.Clean(dir) + string(filepath.Separator)}
}

type linePrefixer struct {
	w      io.Writer
	prefix string
}

func (l linePrefixer) Write(p []byte) (int, error) {
	if _, err := io.WriteString(l.w, l.prefix); err != nil {
		return 0, err
	}
	return l.w.Write(p)
}
