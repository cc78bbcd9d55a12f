package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

func init() { register(50, "SQLite table rebuild", runRebuild) }

// rebuildRows is the size of the rebuilt table.
const rebuildRows = 1_000_000

const rebuildCreate = `
def change():
    create_table("t", add("a", "integer"), add("b", "text"), add("c", "float"))
    index("t", ["a"])
    unique_index("t", ["b"])
    index("t", ["c", "a"])
`

const rebuildModify = `
def change():
    alter("t", modify("b", "text", null = False, from_ = "text"))
`

// handRebuild is the same change written by hand, sqlite.org's procedure.
var handRebuild = []string{
	"PRAGMA foreign_keys = OFF",
	"BEGIN IMMEDIATE",
	`CREATE TABLE "new_t" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "a" INTEGER, "b" TEXT NOT NULL, "c" NUMERIC)`,
	`INSERT INTO "new_t" ("id", "a", "b", "c") SELECT "id", "a", "b", "c" FROM "t"`,
	`DROP TABLE "t"`,
	`ALTER TABLE "new_t" RENAME TO "t"`,
	`CREATE INDEX "t_a_index" ON "t" ("a")`,
	`CREATE UNIQUE INDEX "t_b_index" ON "t" ("b")`,
	`CREATE INDEX "t_c_a_index" ON "t" ("c", "a")`,
	"PRAGMA foreign_key_check",
	"COMMIT",
	"PRAGMA foreign_keys = ON",
}

// runRebuild times lark up of a modify that rebuilds a table of a million
// rows with three indexes, beside the hand-written procedure on a copy of
// the same database file, in the same run.
func runRebuild(ctx context.Context, e *Env) (string, error) {
	reps := min(e.Reps, 3)
	var lark, hand []time.Duration
	for range reps {
		dir, err := e.Dir("rebuild")
		if err != nil {
			return "", err
		}
		mig := filepath.Join(dir, "migrations")
		if err := os.MkdirAll(mig, 0o755); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(mig, "1_create.star"), []byte(rebuildCreate), 0o644); err != nil {
			return "", err
		}
		if _, err := e.RunLark(ctx, dir, "up", "--database", "sqlite:lark.db"); err != nil {
			return "", err
		}
		if err := fillRebuild(ctx, filepath.Join(dir, "lark.db")); err != nil {
			return "", err
		}
		data, err := os.ReadFile(filepath.Join(dir, "lark.db"))
		if err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(dir, "hand.db"), data, 0o644); err != nil {
			return "", err
		}
		if err := os.WriteFile(filepath.Join(mig, "2_modify.star"), []byte(rebuildModify), 0o644); err != nil {
			return "", err
		}
		r, err := e.RunLark(ctx, dir, "up", "--database", "sqlite:lark.db")
		if err != nil {
			return "", err
		}
		lark = append(lark, r.Wall)
		d, err := handRun(ctx, filepath.Join(dir, "hand.db"))
		if err != nil {
			return "", err
		}
		hand = append(hand, d)
		os.RemoveAll(dir)
	}
	ml, mh := median(lark), median(hand)
	table := Table([]string{"what", "median", "min", "max"}, [][]string{
		{"`lark up` (modify → rebuild, whole process)", Secs(ml), Secs(minOf(lark)), Secs(maxOf(lark))},
		{"hand-written procedure (in-process SQL)", Secs(mh), Secs(minOf(hand)), Secs(maxOf(hand))},
	})
	return fmt.Sprintf("A table of %d rows with three indexes (one unique) gets `NOT NULL` on a text column: lark plans a rebuild "+
		"and runs it in the migration's transaction, with foreign keys off and checked before COMMIT. The floor is "+
		"sqlite.org's procedure written by hand on a copy of the same file. %d repetitions.\n\n%s\n"+
		"lark / hand: %.2fx (lark's time includes starting the process, reading the versions table and the snapshot).\n",
		rebuildRows, reps, table, ml.Seconds()/mh.Seconds()), nil
}

// fillRebuild inserts the rows in one statement.
func fillRebuild(ctx context.Context, path string) error {
	db, err := sql.Open("sqlite", "file:"+path)
	if err != nil {
		return err
	}
	defer db.Close()
	_, err = db.ExecContext(ctx, fmt.Sprintf(`INSERT INTO t (a, b, c)
		WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < %d)
		SELECT i %% 1000, 'row-' || i, i * 0.5 FROM n`, rebuildRows))
	if err != nil {
		return fmt.Errorf("fill the rebuilt table: %w", err)
	}
	return nil
}

// handRun runs the hand-written procedure and times it.
func handRun(ctx context.Context, path string) (time.Duration, error) {
	db, err := sql.Open("sqlite", "file:"+path+"?_pragma=foreign_keys(1)")
	if err != nil {
		return 0, err
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return 0, err
	}
	defer conn.Close()
	start := time.Now()
	for _, s := range handRebuild {
		rows, err := conn.QueryContext(ctx, s)
		if err != nil {
			return 0, fmt.Errorf("%s: %w", s, err)
		}
		for rows.Next() {
			rows.Close()
			return 0, fmt.Errorf("foreign_key_check found violations")
		}
		rows.Close()
	}
	return time.Since(start), nil
}
