package watch

import (
	"math"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/scripts"
)

// cause is why a version has to be (re-)applied.
type cause string

const (
	causeNew        cause = "new"
	causeOutOfOrder cause = "numbered before applied migrations"
	causeChanged    cause = "changed"
	causeHelper     cause = "a helper it loads changed"
	causeDeleted    cause = "deleted"
	causePartial    cause = "failed part-way earlier"
)

// decision is what the directory and the versions table disagree on.
type decision struct {
	// act is false when the database already matches the files.
	act bool
	// from is the lowest version to rework: Rebase rolls back every
	// applied migration from it on and applies the files from it on.
	from  int64
	cause cause
	// noLog, when set, is an applied migration that the rework would roll
	// back but that has no stored log: the rework must not happen.
	noLog *engine.AppliedMigration
}

// decide compares the migration files with the applied rows. helperChanged
// reports whether a helper loaded by an applied version changed since it
// was applied; skip lists versions watch stopped acting on.
func decide(files []scripts.Migration, applied []engine.AppliedMigration, helperChanged func(int64) bool, skip map[int64]bool) decision {
	var d decision
	consider := func(v int64, c cause) {
		if skip[v] || (d.act && v >= d.from) {
			return
		}
		d.act, d.from, d.cause = true, v, c
	}
	byVersion := make(map[int64]scripts.Migration, len(files))
	for _, f := range files {
		byVersion[f.Version] = f
	}
	isApplied := make(map[int64]bool, len(applied))
	maxApplied := int64(math.MinInt64)
	for _, r := range applied {
		isApplied[r.Version] = true
		maxApplied = max(maxApplied, r.Version)
		f, ok := byVersion[r.Version]
		switch {
		case !ok:
			consider(r.Version, causeDeleted)
		case r.Partial:
			consider(r.Version, causePartial)
		case r.Checksum != "" && r.Checksum != f.Checksum:
			consider(r.Version, causeChanged)
		case helperChanged(r.Version):
			consider(r.Version, causeHelper)
		}
	}
	for _, f := range files {
		if isApplied[f.Version] {
			continue
		}
		if f.Version < maxApplied {
			consider(f.Version, causeOutOfOrder)
		} else {
			consider(f.Version, causeNew)
		}
	}
	if !d.act {
		return d
	}
	for i := len(applied) - 1; i >= 0; i-- {
		r := applied[i]
		if (r.Version >= d.from || r.Partial) && !r.HasLog {
			d.noLog = &applied[i]
			break
		}
	}
	return d
}
