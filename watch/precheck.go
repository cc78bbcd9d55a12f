package watch

import (
	"context"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/engine/eval"
	"github.com/larkdb/lark/op"
	"github.com/larkdb/lark/scripts"
)

// failure is the first file of an action's rework that cannot run: it
// does not load, or it fails when evaluated without a database.
type failure struct {
	mig *scripts.Migration
	// what says how it failed, after "it": "does not load" or "fails to
	// evaluate".
	what string
	err  error
}

// precheck loads the files from version from on, in order, and evaluates
// each as `lark plan` does, up to the first that fails: a half-written
// save, or a script that would fail once its rollbacks had run, is never
// acted on. It returns the helpers each file that passed read, with their
// checksums, and the first failure.
func (w *watcher) precheck(ctx context.Context, files []scripts.Migration, from int64) (map[int64]map[string]string, *failure) {
	loaded := map[int64]map[string]string{}
	for i, f := range files {
		if f.Version < from {
			continue
		}
		s, err := w.m.LoadScript(ctx, f)
		if err != nil {
			return loaded, &failure{mig: &files[i], what: "does not load", err: err}
		}
		if err := evaluate(ctx, s); err != nil {
			return loaded, &failure{mig: &files[i], what: "fails to evaluate", err: err}
		}
		loaded[f.Version] = w.helperSums(s.Files)
	}
	return loaded, nil
}

// evaluate runs s up as `lark plan` does (after_begin, up() or change(),
// before_commit), recording without a database, and returns the error
// that stopped it if that error is the script's own.
//
// Without a database the data builtins return empty results: query() no
// rows, exec() 0, a batches() loop no iteration. A script that checks
// what it read (rows[0], fail() when a count is off) then fails here
// though it works on the database. So a failure that comes after a data
// builtin ran is not held against the script: the real run decides, as
// it did before this check existed. A failure before any data builtin ran
// cannot depend on data, and the real run would fail the same way.
func evaluate(ctx context.Context, s *eval.Script) error {
	log, err := s.RecordUp(ctx) // what was recorded, also on error
	if err != nil && op.HasData(log) {
		return nil
	}
	return err
}

// blocks reports whether f keeps the action from running at all: it is
// the first version to rework, or reworking the versions before it would
// roll back an applied migration (f itself or a later one) that could not
// be applied again. Otherwise the versions before f are applied, and f and
// the ones after it wait.
func (f *failure) blocks(from int64, applied []engine.AppliedMigration) bool {
	if f.mig.Version == from {
		return true
	}
	for _, r := range applied {
		if r.Version >= f.mig.Version {
			return true
		}
	}
	return false
}
