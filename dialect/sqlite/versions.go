package sqlite

import (
	"context"

	"github.com/larkdb/lark/dialect"
)

// VersionsDDL is schema_migrations as ecto_sqlite3 creates it: bigint is
// INTEGER and timestamp(0) is TEXT there.
func (Runtime) VersionsDDL(table string) string {
	return "CREATE TABLE IF NOT EXISTS " + table + ` ("version" INTEGER PRIMARY KEY, "inserted_at" TEXT)`
}

// VersionsColumns lists the versions table's columns with
// pragma_table_info.
func (r Runtime) VersionsColumns(ctx context.Context, q dialect.Querier, prefix, name string) ([]string, error) {
	query := "SELECT name FROM pragma_table_info(?1) ORDER BY cid"
	args := []any{name}
	if prefix != "" {
		query = "SELECT name FROM pragma_table_info(?1, ?2) ORDER BY cid"
		args = append(args, prefix)
	}
	return dialect.QueryStrings(ctx, q, "columns of "+name, query, args...)
}

// ColumnType maps lark's versions-table column kinds.
func (Runtime) ColumnType(kind string) string {
	switch kind {
	case "bigint":
		return "INTEGER"
	default:
		return "TEXT"
	}
}
