package conformance_test

import (
	"context"
	"database/sql"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// planOps plans ops as the migrator does: a dialect that rebuilds tables
// (SQLite) plans against the schema read from q, inside the session.
func planOps(ctx context.Context, d dialect.Dialect, q dialect.Querier, ops []op.Op) ([]dialect.Stmt, error) {
	if !d.NeedsSnapshot(ops) {
		return d.Plan(ops)
	}
	snap, err := d.ReadSnapshot(ctx, q)
	if err != nil {
		return nil, err
	}
	stmts, _, err := d.PlanWithSnapshot(ops, snap)
	return stmts, err
}

// guardSession sets up SQLite's guard on the session's connection as the
// migrator does for a migration that rebuilds a table: foreign keys off
// before BEGIN, checked before COMMIT.
func guardSession(ctx context.Context, d dialect.Dialect, conn *sql.Conn) (dialect.Guard, error) {
	return d.BeforeBegin(ctx, conn, true)
}
