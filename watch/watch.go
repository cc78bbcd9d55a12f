package watch

import (
	"context"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/scripts"
)

// watcher is the loop's state. One goroutine, the one running [Run], owns
// it; fsnotify's own goroutine only feeds its channels.
type watcher struct {
	cfg  Config
	m    *engine.Migrator
	fsys fs.FS
	fsw  *fsnotify.Watcher
	// deps maps an applied version to the helpers its file loaded when it
	// was applied (or when watch first saw it), with their checksums.
	deps map[int64]map[string]string
	// skip lists versions watch stopped acting on: reworking them would
	// roll back a migration that has no stored log.
	skip map[int64]bool
	// sums caches helper checksums for the duration of one action.
	sums map[string]string
}

// Run brings the database up to date with cfg.Dir, then keeps it so as
// files change, until ctx is cancelled; see the package documentation.
// It returns nil when ctx is cancelled, and an error only when it cannot
// watch at all (a bad Config, a remote database, fsnotify failing).
// Errors of migrations are printed to cfg.Out and watching goes on.
func Run(ctx context.Context, cfg Config) error {
	cfg, err := cfg.withDefaults()
	if err != nil {
		return err
	}
	fsw, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	defer fsw.Close()
	fsys := cfg.FS
	if fsys == nil {
		fsys = os.DirFS(cfg.Dir)
	}
	w := &watcher{
		cfg: cfg, m: cfg.Migrator, fsys: fsys, fsw: fsw,
		deps: map[int64]map[string]string{}, skip: map[int64]bool{},
	}
	// Watch before the first action, so a save during it is not missed.
	if err := w.addTree(cfg.Dir); err != nil {
		return err
	}
	if ctx.Err() != nil {
		return nil
	}
	w.act(ctx, nil)
	fmt.Fprintf(cfg.Out, "watching %s (Ctrl-C to stop)\n", cfg.Dir)
	return w.loop(ctx)
}

// loop gathers events into batches and acts on each when it is due.
func (w *watcher) loop(ctx context.Context) error {
	clock := w.cfg.Clock
	b := newBatch(w.cfg.Quiet, w.cfg.MaxWait)
	for {
		var timer <-chan time.Time
		if !b.empty() {
			timer = clock.After(b.deadline().Sub(clock.Now()))
		}
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.fsw.Events:
			if !ok {
				return errors.New("watch: the file watcher stopped")
			}
			if rel, ok := w.relevant(ev); ok {
				b.add(rel, clock.Now())
				if w.cfg.onEvent != nil {
					w.cfg.onEvent(rel)
				}
			}
		case err, ok := <-w.fsw.Errors:
			if !ok {
				return errors.New("watch: the file watcher stopped")
			}
			// An overflow loses events; comparing states catches up.
			fmt.Fprintf(w.cfg.Out, "watch: %v\n", err)
			b.add(".", clock.Now())
		case <-timer:
			if !b.due(clock.Now()) {
				continue
			}
			if ctx.Err() != nil {
				return nil // never start an action after a cancel
			}
			w.act(ctx, b.take())
		}
	}
}

// relevant reports whether ev may change what watch acts on, and its path
// relative to the directory. A new directory is watched at once: helpers
// may live in subdirectories.
func (w *watcher) relevant(ev fsnotify.Event) (string, bool) {
	rel, err := filepath.Rel(w.cfg.Dir, ev.Name)
	if err != nil {
		return "", false
	}
	rel = filepath.ToSlash(rel)
	if ev.Has(fsnotify.Create) {
		if st, err := os.Stat(ev.Name); err == nil && st.IsDir() {
			if err := w.addTree(ev.Name); err != nil {
				fmt.Fprintf(w.cfg.Out, "watch: %v\n", err)
			}
			return rel + "/", true
		}
	}
	if !strings.HasSuffix(rel, scripts.Ext) || ev.Op == fsnotify.Chmod {
		return "", false
	}
	return rel, true
}

// addTree watches dir and every directory under it.
func (w *watcher) addTree(dir string) error {
	return filepath.WalkDir(dir, func(path string, d fs.DirEntry, err error) error {
		if err != nil {
			if path != dir && errors.Is(err, fs.ErrNotExist) {
				return nil // gone meanwhile
			}
			return fmt.Errorf("watch: %w", err)
		}
		if !d.IsDir() {
			return nil
		}
		if path != dir && strings.HasPrefix(d.Name(), ".") {
			return filepath.SkipDir // .git and editors' hidden directories
		}
		if err := w.fsw.Add(path); err != nil {
			return fmt.Errorf("watch %s: %w", path, err)
		}
		return nil
	})
}
