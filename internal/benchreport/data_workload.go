package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
)

// The migrations the data section runs, one per directory so that each
// can be applied and rolled back on its own. Their down() does nothing:
// rolling back only forgets the version, leaving the rows as they are.

// dataStream reads every row of items through batches() without writing:
// what its peak memory shows is what streaming costs.
const dataStream = `def up():
    seen = 0
    for rows in batches("SELECT id, n, name FROM items", size = %d):
        seen += len(rows)
    if seen != %d:
        fail("streamed %%d rows, want %%d" %% (seen, %d))

def down():
    pass
`

// dataBackfill is issue 5's backfill: every row, in batches.
const dataBackfill = `disable_ddl_transaction = True

def up():
    backfill("items", set = "n = n + 1", batch_size = %d)

def down():
    pass
`

// dataTransform rewrites each row from Starlark, one exec per row.
const dataTransform = `disable_ddl_transaction = True

def up():
    for rows in batches("SELECT id, name FROM items", size = %d, key = "id"):
        for r in rows:
            exec("UPDATE items SET name = $1 WHERE id = $2", r.name.upper(), r.id)

def down():
    pass
`

// dataTransformMany computes the per-row values in Starlark and writes
// each batch with exec_many(): one statement per row, pipelined on
// PostgreSQL.
const dataTransformMany = `disable_ddl_transaction = True

def up():
    for rows in batches("SELECT id, name FROM items", size = %d, key = "id"):
        exec_many("UPDATE items SET name = $1 WHERE id = $2", [(r.name.title(), r.id) for r in rows])

def down():
    pass
`

// dataTransformBatched computes the same per-row values in Starlark but
// writes each batch with one statement: UPDATE ... FROM a VALUES list,
// built by the script, the idiom with exec() alone.
const dataTransformBatched = `disable_ddl_transaction = True

def up():
    cast = "::bigint" if dialect() == "postgres" else ""
    for rows in batches("SELECT id, name FROM items", size = %d, key = "id"):
        values = []
        args = []
        for r in rows:
            values.append("($%%d%%s, $%%d)" %% (len(args) + 1, cast, len(args) + 2))
            args.extend([r.id, r.name.lower()])
        exec("WITH v(id, name) AS (VALUES " + ", ".join(values) + ") " +
             "UPDATE items SET name = v.name FROM v WHERE items.id = v.id", *args)

def down():
    pass
`

// writeMigration writes one migration file into a new directory under
// e.TempDir and returns the directory.
func (e *Env) writeMigration(prefix, file, body string) (string, error) {
	root, err := e.Dir(prefix)
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, "migrations")
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", fmt.Errorf("create %s: %w", dir, err)
	}
	if err := os.WriteFile(filepath.Join(dir, file), []byte(body), 0o644); err != nil {
		return "", fmt.Errorf("write %s: %w", file, err)
	}
	return dir, nil
}

// dataDB is the database a data benchmark works on, opened from this
// process too, to seed it and to run the floors.
type dataDB struct {
	kind string // "sqlite" or "postgres"
	url  string // lark's --database
	db   *sql.DB
}

// openDataDB opens the lark URL u of kind with database/sql.
func openDataDB(kind, u string) (*dataDB, error) {
	driver, dsn := "pgx", u
	if kind == "sqlite" {
		driver, dsn = "sqlite", sqliteDSN(strings.TrimPrefix(u, "sqlite:"))
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", kind, err)
	}
	db.SetMaxOpenConns(1)
	return &dataDB{kind: kind, url: u, db: db}, nil
}

// seed (re)creates items with rows rows: generate_series on PostgreSQL, a
// recursive CTE on SQLite.
func (d *dataDB) seed(ctx context.Context, rows int) error {
	stmts := []string{
		"DROP TABLE IF EXISTS items",
		"CREATE TABLE items (id bigserial PRIMARY KEY, n integer NOT NULL DEFAULT 0, name text)",
		fmt.Sprintf("INSERT INTO items (n, name) SELECT 0, 'item ' || g FROM generate_series(1, %d) g", rows),
		"VACUUM ANALYZE items",
	}
	if d.kind == "sqlite" {
		stmts = []string{
			"DROP TABLE IF EXISTS items",
			"CREATE TABLE items (id INTEGER PRIMARY KEY AUTOINCREMENT, n INTEGER NOT NULL DEFAULT 0, name TEXT)",
			fmt.Sprintf("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < %d) INSERT INTO items (n, name) SELECT 0, 'item ' || x FROM c", rows),
			"VACUUM",
		}
	}
	for _, q := range stmts {
		if _, err := d.db.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("seed %s: %s: %w", d.kind, q, err)
		}
	}
	return nil
}

// settle reclaims what the last run's updates left behind on PostgreSQL
// (dead row versions), so every measured run starts from the same table.
func (d *dataDB) settle(ctx context.Context) error {
	if d.kind != "postgres" {
		return nil
	}
	if _, err := d.db.ExecContext(ctx, "VACUUM ANALYZE items"); err != nil {
		return fmt.Errorf("vacuum: %w", err)
	}
	return nil
}

// singleUpdate is the floor: one UPDATE of every row, one transaction.
func (d *dataDB) singleUpdate(ctx context.Context) (time.Duration, error) {
	start := time.Now()
	if _, err := d.db.ExecContext(ctx, "UPDATE items SET n = n + 1"); err != nil {
		return 0, fmt.Errorf("single update: %w", err)
	}
	return time.Since(start), nil
}

// handLoop is the batched update a careful engineer writes by hand in Go:
// keyset pagination by id, batch rows per transaction, each transaction
// finding the batch's upper key and updating the range up to it.
func (d *dataDB) handLoop(ctx context.Context, batch int) (time.Duration, int64, error) {
	conn, err := d.db.Conn(ctx)
	if err != nil {
		return 0, 0, err
	}
	defer conn.Close()
	begin, p1, p2 := "BEGIN", "$1", "$2"
	if d.kind == "sqlite" {
		begin, p1, p2 = "BEGIN IMMEDIATE", "?1", "?2"
	}
	bounds := fmt.Sprintf("SELECT max(id), count(*) FROM (SELECT id FROM items WHERE id > %s ORDER BY id LIMIT %d) b", p1, batch)
	update := fmt.Sprintf("UPDATE items SET n = n + 1 WHERE id > %s AND id <= %s", p1, p2)
	start := time.Now()
	var last, total int64
	for {
		if _, err := conn.ExecContext(ctx, begin); err != nil {
			return 0, 0, fmt.Errorf("hand loop: begin: %w", err)
		}
		var hi sql.NullInt64
		var n int64
		if err := conn.QueryRowContext(ctx, bounds, last).Scan(&hi, &n); err != nil {
			_, _ = conn.ExecContext(ctx, "ROLLBACK")
			return 0, 0, fmt.Errorf("hand loop: bounds: %w", err)
		}
		if n > 0 {
			res, err := conn.ExecContext(ctx, update, last, hi.Int64)
			if err != nil {
				_, _ = conn.ExecContext(ctx, "ROLLBACK")
				return 0, 0, fmt.Errorf("hand loop: update: %w", err)
			}
			k, _ := res.RowsAffected()
			total += k
			last = hi.Int64
		}
		if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
			return 0, 0, fmt.Errorf("hand loop: commit: %w", err)
		}
		if n < int64(batch) {
			return time.Since(start), total, nil
		}
	}
}

// count returns the rows of items matching where.
func (d *dataDB) count(ctx context.Context, where string) (int64, error) {
	var n int64
	err := d.db.QueryRowContext(ctx, "SELECT count(*) FROM items WHERE "+where).Scan(&n)
	return n, err
}
