package postgres

import (
	"context"

	"github.com/larkdb/lark/dialect"
)

// VersionsDDL is Ecto's schema_migrations table, exactly as Ecto's
// PostgreSQL adapter creates it.
func (Runtime) VersionsDDL(table string) string {
	return "CREATE TABLE IF NOT EXISTS " + table + ` ("version" bigint, "inserted_at" timestamp(0), PRIMARY KEY ("version"))`
}

// VersionsColumns lists the versions table's columns from the catalog,
// in the current schema when prefix is empty.
func (Runtime) VersionsColumns(ctx context.Context, q dialect.Querier, prefix, name string) ([]string, error) {
	return dialect.QueryStrings(ctx, q, "columns of "+name, `SELECT column_name FROM information_schema.columns
WHERE table_schema = COALESCE(NULLIF($1, ''), current_schema()) AND table_name = $2
ORDER BY ordinal_position`, prefix, name)
}

// ColumnType maps lark's versions-table column kinds.
func (Runtime) ColumnType(kind string) string {
	switch kind {
	case "bigint":
		return "bigint"
	default:
		return "text"
	}
}
