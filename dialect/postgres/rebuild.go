package postgres

import (
	"context"

	"github.com/larkdb/lark/dialect"
)

// PostgreSQL changes tables in place and never rebuilds one, so its
// [dialect.Rebuilder] reads nothing, guards nothing and always allows.

// ReadSnapshot returns the empty snapshot: no plan reads it.
func (Runtime) ReadSnapshot(context.Context, dialect.Querier) (dialect.Snapshot, error) {
	return dialect.Snapshot{}, nil
}

// BeforeBegin leaves the connection as it is.
func (Runtime) BeforeBegin(context.Context, dialect.Querier, bool) (dialect.Guard, error) {
	return dialect.Guard{}, nil
}

// CanRebuild is always true: no plan has a rebuild to refuse.
func (Runtime) CanRebuild(context.Context, dialect.Querier) (bool, error) { return true, nil }

// Explain adds nothing: PostgreSQL's own errors say which row and
// constraint failed.
func (Runtime) Explain(context.Context, dialect.Querier, dialect.Stmt, error) []string { return nil }
