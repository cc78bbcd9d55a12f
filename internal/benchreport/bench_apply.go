package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

func init() {
	register(10, "Applying 1,000 small migrations: lark up against the raw SQL floor", benchApply)
}

// applyCount is the number of migrations section (a) applies.
const applyCount = 1000

// applyTarget is the ratio issue 3 asks for: lark within 1.5x of the floor.
const applyTarget = 1.5

// benchApply times `lark up` of applyCount generated migrations on each
// database against the raw SQL floor: the statements `lark plan` prints
// for the same files, with an Ecto-style version row, one transaction per
// migration, on one connection. Every repetition uses a fresh database.
func benchApply(ctx context.Context, e *Env) (string, error) {
	root, err := e.Dir("apply")
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, "migrations")
	if err := writeSmallMigrations(dir, applyCount); err != nil {
		return "", err
	}
	var rows [][]string
	var notes []string
	for _, kind := range []string{"sqlite", "postgres"} {
		row, note, err := benchApplyOn(ctx, e, kind, dir)
		if err != nil {
			return "", fmt.Errorf("%s: %w", kind, err)
		}
		rows = append(rows, row)
		notes = append(notes, note)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%d generated migrations, cycling through create_table (4 columns with timestamps), index, and alter add column; "+
		"`lark up` runs as a child process (start-up, discovery, evaluation, the lock, the versions table and its stored operation logs included). "+
		"The floor runs the statements `lark plan --json` prints for the same files, each migration in its own transaction with an Ecto-style "+
		"`INSERT INTO schema_migrations (version, inserted_at)`, on one database/sql connection in this process. "+
		"Each figure is the median of %d runs, each on a fresh database. Target: lark <= %.1fx the floor.\n\n", applyCount, e.Reps, applyTarget)
	b.WriteString(strings.Join(notes, "\n"))
	b.WriteString("\n\n")
	b.WriteString(Table([]string{"Database", "lark up", "raw SQL floor", "ratio", "target <= 1.5x", "per migration (lark)", "lark CPU", "lark peak RSS"}, rows))
	return b.String(), nil
}

func benchApplyOn(ctx context.Context, e *Env, kind, dir string) ([]string, string, error) {
	var larkRuns, floorRuns []Run
	var plan []plannedMigration
	for i := 0; i < e.Reps; i++ {
		larkURL, cleanLark, err := e.freshDB(kind, "lark")
		if err != nil {
			return nil, "", err
		}
		r, err := e.RunLark(ctx, filepath.Dir(dir), "--database", larkURL, "--dir", dir, "up")
		cleanLark()
		if err != nil {
			return nil, "", err
		}
		larkRuns = append(larkRuns, r)

		floorURL, cleanFloor, err := e.freshDB(kind, "floor")
		if err != nil {
			return nil, "", err
		}
		if plan == nil {
			if plan, err = e.planSQL(ctx, dir, floorURL); err != nil {
				cleanFloor()
				return nil, "", err
			}
			if len(plan) != applyCount {
				cleanFloor()
				return nil, "", fmt.Errorf("lark plan listed %d migrations, want %d", len(plan), applyCount)
			}
		}
		driver, dsn := "pgx", floorURL
		if kind == "sqlite" {
			driver, dsn = "sqlite", sqliteDSN(strings.TrimPrefix(floorURL, "sqlite:"))
		}
		start := time.Now()
		err = rawFloor(ctx, driver, dsn, plan)
		floorRuns = append(floorRuns, Run{Wall: time.Since(start)})
		cleanFloor()
		if err != nil {
			return nil, "", fmt.Errorf("raw floor: %w", err)
		}
	}
	l, f := Summarise(larkRuns), Summarise(floorRuns)
	ratio := l.Median.Seconds() / f.Median.Seconds()
	verdict := "met"
	if ratio > applyTarget {
		verdict = "**missed**"
	}
	stmts := 0
	for _, m := range plan {
		stmts += len(m.Statements)
	}
	note := fmt.Sprintf("- %s: %d statements over %d migrations; lark runs %s (min %s, max %s), floor %s (min %s, max %s).",
		kind, stmts, len(plan), Secs(l.Median), Secs(l.Min), Secs(l.Max), Secs(f.Median), Secs(f.Min), Secs(f.Max))
	row := []string{kind, Secs(l.Median), Secs(f.Median), fmt.Sprintf("%.2fx", ratio), verdict,
		fmt.Sprintf("%.2f ms", l.Median.Seconds()*1000/float64(applyCount)), Secs(l.CPU), MiB(l.PeakRSS)}
	return row, note, nil
}

// freshDB returns the lark URL of a new empty database of kind ("sqlite"
// or "postgres") and a cleanup that removes it.
func (e *Env) freshDB(kind, prefix string) (string, func(), error) {
	if kind == "postgres" {
		return e.PostgresURL()
	}
	dir, err := e.Dir(prefix)
	if err != nil {
		return "", nil, err
	}
	return "sqlite:" + filepath.Join(dir, "bench.db"), func() {}, nil
}
