package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"github.com/larkdb/lark/dialect"
)

// CleanLeftover implements [dialect.Runner.CleanLeftover] for CREATE INDEX
// CONCURRENTLY: when the index it builds exists and is INVALID (a build
// that failed, or whose process was killed, as PostgreSQL leaves it), it is
// dropped concurrently, so the build can run again. A valid index of that
// name is left alone: the build then fails on the name, as it should.
func (Runtime) CleanLeftover(ctx context.Context, q dialect.Querier, s dialect.Stmt) ([]string, error) {
	if s.Leftover == "" {
		return nil, nil
	}
	var valid bool
	err := q.QueryRowContext(ctx, "SELECT indisvalid FROM pg_index WHERE indexrelid = to_regclass($1)", s.Leftover).Scan(&valid)
	if errors.Is(err, sql.ErrNoRows) || err == nil && valid {
		return nil, nil
	}
	if err != nil {
		return nil, fmt.Errorf("look for an invalid index %s left by an interrupted build: %w", s.Leftover, err)
	}
	drop := "DROP INDEX CONCURRENTLY " + s.Leftover
	if _, err := q.ExecContext(ctx, drop); err != nil {
		return nil, fmt.Errorf("drop the invalid index %s left by an interrupted build: %w", s.Leftover, err)
	}
	return []string{drop}, nil
}
