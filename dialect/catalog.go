package dialect

import (
	"context"

	"github.com/larkdb/lark/dialect/schema"
)

// CatalogReader reads a schema from the database's catalog into lark's
// typed model: what `lark watch --dump`
// writes and what the tests compare after a migration and its revert.
type CatalogReader interface {
	// ReadSchema reads the schema prefix (PostgreSQL: "public" when empty;
	// SQLite: the attached database, "main" when empty) through q, and
	// returns it sorted ([schema.Schema.Sort]). It leaves out the versions
	// table, [schema.DefaultVersionsTable] unless opts name another.
	ReadSchema(ctx context.Context, q Querier, prefix string, opts ...schema.Option) (*schema.Schema, error)
}
