package watch

import (
	"context"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"time"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/scripts"
)

// act compares the directory with the database and reworks what differs.
// paths are the files whose events started it; nil for the first action.
//
// The action runs to its end even when ctx is cancelled meanwhile, so
// none is left half-done (some migrations rolled back, the rest not
// applied again); the caller checks ctx before starting one.
func (w *watcher) act(ctx context.Context, paths []string) {
	ctx = context.WithoutCancel(ctx)
	start := time.Now()
	trigger := w.describe(paths)
	w.sums = map[string]string{}
	files, err := scripts.Discover(w.fsys)
	if err != nil {
		w.printf("%s: not acting: %v\n", trigger, w.shown(err))
		return
	}
	applied, err := w.m.Applied(ctx)
	if err != nil {
		w.printf("%s: not acting: %v\n", trigger, w.shown(err))
		return
	}
	w.learnDeps(ctx, files, applied)
	d := w.decide(files, applied)
	if !d.act {
		if paths == nil {
			w.printf("start: up to date (%d applied)\n", len(applied))
			w.dump(ctx)
		}
		return
	}
	loaded, fail := w.precheck(ctx, files, d.from)
	if fail != nil && fail.blocks(d.from, applied) {
		w.printf("%s: not acting: %s %s; nothing was rolled back (waiting for the next save)\n%v\n", trigger, fail.mig.File, fail.what, w.shown(fail.err))
		return
	}
	through := int64(math.MaxInt64)
	if fail != nil {
		through = fail.mig.Version - 1
	}
	results, err := w.m.Rebase(ctx, d.from, through)
	for _, r := range results {
		switch r.Direction {
		case engine.Up:
			w.deps[r.Version] = loaded[r.Version]
		case engine.Down:
			delete(w.deps, r.Version)
		}
	}
	w.printf("%s: %s (%s)\n", trigger, summary(results, err != nil), time.Since(start).Round(time.Millisecond))
	if err != nil {
		w.printf("%v\n  the database stays at the last migration that succeeded; save again to retry\n", w.shown(err))
	}
	if fail != nil {
		w.printf("%s not applied: it %s (waiting for the next save)\n%v\n", fail.mig.File, fail.what, w.shown(fail.err))
	}
	w.dump(ctx)
}

// decide compares files and rows, stopping to act on a version whose
// rework would roll back a migration without a stored log.
func (w *watcher) decide(files []scripts.Migration, applied []engine.AppliedMigration) decision {
	for {
		d := decide(files, applied, w.helperChanged, w.skip)
		if d.noLog == nil {
			return d
		}
		w.skip[d.from] = true
		w.printf("version %d (%s): not acting on it: that would roll back %d_%s, which has no stored operation log (applied by Ecto or an old lark); lark never rolls such a migration back on its own. Use lark down/up by hand, then restart watch\n",
			d.from, d.cause, d.noLog.Version, d.noLog.Name)
	}
}

// learnDeps records the helpers of applied migrations watch has not seen
// yet, as they are now: the baseline later helper changes compare with.
func (w *watcher) learnDeps(ctx context.Context, files []scripts.Migration, applied []engine.AppliedMigration) {
	byVersion := make(map[int64]scripts.Migration, len(files))
	for _, f := range files {
		byVersion[f.Version] = f
	}
	for _, r := range applied {
		f, ok := byVersion[r.Version]
		if _, known := w.deps[r.Version]; known || !ok {
			continue
		}
		s, _ := w.m.LoadScript(ctx, f) // Files is filled even on error
		if s != nil {
			w.deps[r.Version] = w.helperSums(s.Files)
		}
	}
}

// helperSums returns the checksums of the helpers in files (a script's
// Files: the migration itself first).
func (w *watcher) helperSums(files []string) map[string]string {
	out := map[string]string{}
	if len(files) > 1 {
		for _, h := range files[1:] {
			out[h] = w.sum(h)
		}
	}
	return out
}

// helperChanged reports whether a helper of the applied version changed.
func (w *watcher) helperChanged(version int64) bool {
	for h, sum := range w.deps[version] {
		if w.sum(h) != sum {
			return true
		}
	}
	return false
}

// sum is the checksum of a file in the directory, "" when it is missing.
func (w *watcher) sum(path string) string {
	if s, ok := w.sums[path]; ok {
		return s
	}
	s := ""
	if src, err := fs.ReadFile(w.fsys, path); err == nil {
		s = scripts.Checksum(src)
	}
	w.sums[path] = s
	return s
}

// dump writes the schema to cfg.Dump, through a temporary file so a
// reader never sees half of it.
func (w *watcher) dump(ctx context.Context) {
	if w.cfg.Dump == "" {
		return
	}
	s, err := w.m.ReadSchema(ctx)
	if err != nil {
		w.printf("dump: %v\n", err)
		return
	}
	tmp, err := os.CreateTemp(filepath.Dir(w.cfg.Dump), ".lark-dump-*")
	if err == nil {
		_, err = tmp.WriteString(s.String())
		if cerr := tmp.Close(); err == nil {
			err = cerr
		}
		if err == nil {
			err = os.Rename(tmp.Name(), w.cfg.Dump)
		}
		if err != nil {
			os.Remove(tmp.Name())
		}
	}
	if err != nil {
		w.printf("dump %s: %v\n", w.cfg.Dump, err)
	}
}

func (w *watcher) printf(format string, args ...any) {
	fmt.Fprintf(w.cfg.Out, format, args...)
}

// shown returns err with its script positions as [Config.ShowPaths] makes
// them, ready to print.
func (w *watcher) shown(err error) error {
	if w.cfg.ShowPaths != nil {
		w.cfg.ShowPaths(err)
	}
	return err
}
