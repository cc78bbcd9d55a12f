package dialect

import "context"

// LeftoverCleaner is implemented by a Runtime that can remove what an
// interrupted statement left behind (see [Stmt.Leftover]) before the
// statement runs again. It returns the statements it ran, for --log-sql;
// none when there was nothing to remove.
type LeftoverCleaner interface {
	CleanLeftover(ctx context.Context, q Querier, s Stmt) ([]string, error)
}
