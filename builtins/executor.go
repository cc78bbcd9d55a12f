package builtins

import (
	"context"

	"github.com/larkdb/lark/op"
)

// Executor is what the engine lends the builtins so that flush() and the
// data builtins can reach the database. Builtins never hold a connection of
// their own. A nil Executor means "plan only": nothing is applied.
type Executor interface {
	// Apply applies ops, in order, to the database: the dialect plans them
	// and the statements run on the migration's connection or transaction.
	Apply(ctx context.Context, ops []op.Op) error
}
