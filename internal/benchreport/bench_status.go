package main

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/engine/eval"
	"github.com/larkdb/lark/op"
	"github.com/larkdb/lark/scripts"
)

func init() {
	register(20, "lark status over 10,000 migration files", benchStatus)
}

// statusCount is the number of migration files section (b) lists.
const statusCount = 10_000

// statusTarget is issue 3's target for one `lark status`.
const statusTarget = 500 * time.Millisecond

// benchStatus times `lark status` over statusCount files with every
// migration pending and with every one applied.
//
// Applying 10,000 migrations for real would take minutes and measure `up`,
// not `status`, so the "applied" database gets the rows lark itself would
// write: version, inserted_at, name, checksum and the operation log the
// engine evaluates from each file. status reads only the versions table
// and the files, so it does the same work as after a real `lark up`.
func benchStatus(ctx context.Context, e *Env) (string, error) {
	root, err := e.Dir("status")
	if err != nil {
		return "", err
	}
	dir := filepath.Join(root, "migrations")
	if err := writeSmallMigrations(dir, statusCount); err != nil {
		return "", err
	}
	var rows [][]string
	missed := false
	for _, kind := range []string{"sqlite", "postgres"} {
		for _, applied := range []bool{false, true} {
			for _, asJSON := range []bool{false, true} {
				row, err := benchStatusOn(ctx, e, kind, dir, applied, asJSON)
				if err != nil {
					return "", fmt.Errorf("%s: %w", kind, err)
				}
				if row[3] != "met" && !asJSON {
					missed = true
				}
				rows = append(rows, row)
			}
		}
	}
	var b strings.Builder
	fmt.Fprintf(&b, "`lark status` (text output, to a pipe) over %d migration files, the same generated kinds as above. "+
		"\"applied\" fills the versions table with the rows `lark up` writes (name, checksum, stored operation log) without running the DDL, "+
		"since status reads only the files and the versions table; \"pending\" runs against an empty database. "+
		"Median of %d runs. Target: < %s.\n\n", statusCount, e.Reps, Secs(statusTarget))
	b.WriteString(Table([]string{"Database", "State", "lark status", "target < 0.5 s", "min", "max", "CPU", "peak RSS"}, rows))
	if missed {
		b.WriteString("\n" + statusProfile)
	}
	return b.String(), nil
}

// statusProfile is what profiling `lark status` over 10,000 pending files
// on SQLite found (perf record and strace -c on the binary, pprof on
// Migrator.Status in process). It is printed when the target is missed.
const statusProfile = `**Where the time goes** (profiled when this section was written: perf record and strace -c on the binary, pprof on engine.Migrator.Status in process; 10,000 pending files on SQLite):

- About 55% of the samples are scripts.Discover reading and checksumming every file (10,000 open/fstat/fcntl/read/close through os.DirFS, plus SHA-256); Migrator.Status alone takes about 0.25 s in process. Reading the files concurrently would cut it.
- About 30% of the samples are output: cmd/lark's printStatus writes through a text/tabwriter straight to the unbuffered os.Stdout, and strace counts about 100,000 write(2) calls for 10,000 lines. A bufio.Writer around it would make that a handful of writes. The ` + "`--json`" + ` rows avoid those writes but pay for JSON encoding instead, so they are not a clean measure of the saving.
- With "applied", every stored operation log is decoded (op.Unmarshal) although status needs only each log's length; this part was not profiled separately.
`

func benchStatusOn(ctx context.Context, e *Env, kind, dir string, applied, asJSON bool) ([]string, error) {
	url, cleanup, err := e.freshDB(kind, "status")
	if err != nil {
		return nil, err
	}
	defer cleanup()
	state := "pending"
	if applied {
		state = "applied"
		if err := e.fillApplied(ctx, kind, url, dir); err != nil {
			return nil, err
		}
	}
	args := []string{"--database", url, "--dir", dir, "status"}
	want, label := "\n"+state+" ", state
	if asJSON {
		args = append(args, "--json")
		want, label = `"state": "`+state+`"`, state+" (--json)"
	}
	var runs []Run
	for i := 0; i < e.Reps; i++ {
		r, err := e.RunLark(ctx, filepath.Dir(dir), args...)
		if err != nil {
			return nil, err
		}
		if n := strings.Count(r.Stdout, want); n != statusCount {
			return nil, fmt.Errorf("lark status listed %d %s migrations, want %d", n, state, statusCount)
		}
		runs = append(runs, r)
	}
	s := Summarise(runs)
	verdict := "met"
	if s.Median >= statusTarget {
		verdict = "**missed**"
	}
	return []string{kind, label, Secs(s.Median), verdict, Secs(s.Min), Secs(s.Max), Secs(s.CPU), MiB(s.PeakRSS)}, nil
}

// fillApplied creates lark's versions table (a `lark up` over no
// migrations) and inserts, in one transaction, the row lark would write
// for every migration in dir.
func (e *Env) fillApplied(ctx context.Context, kind, url, dir string) error {
	empty, err := e.Dir("empty")
	if err != nil {
		return err
	}
	if _, err := e.RunLark(ctx, empty, "--database", url, "--dir", empty, "up"); err != nil {
		return err
	}
	files, err := scripts.Discover(os.DirFS(dir))
	if err != nil {
		return err
	}
	driver, dsn, ph := "pgx", url, "$%d"
	if kind == "sqlite" {
		driver, dsn, ph = "sqlite", sqliteDSN(strings.TrimPrefix(url, "sqlite:")), "?%d"
	}
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return fmt.Errorf("open %s: %w", kind, err)
	}
	defer db.Close()
	tx, err := db.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin: %w", err)
	}
	defer tx.Rollback()
	insert := fmt.Sprintf("INSERT INTO schema_migrations (version, inserted_at, name, checksum, op_log, duration_ms) VALUES (%s, CURRENT_TIMESTAMP, %s, %s, %s, 1)",
		fmt.Sprintf(ph, 1), fmt.Sprintf(ph, 2), fmt.Sprintf(ph, 3), fmt.Sprintf(ph, 4))
	stmt, err := tx.PrepareContext(ctx, insert)
	if err != nil {
		return fmt.Errorf("prepare insert: %w", err)
	}
	defer stmt.Close()
	fsys := os.DirFS(dir)
	for _, f := range files {
		s, err := eval.Load(ctx, fsys, f.File, f.Source, eval.Options{Dialect: kind})
		if err != nil {
			return err
		}
		log, err := s.Run(ctx, engine.Up, nil)
		if err != nil {
			return err
		}
		js, err := op.Marshal(log)
		if err != nil {
			return fmt.Errorf("encode log of %s: %w", f.File, err)
		}
		if _, err := stmt.ExecContext(ctx, f.Version, f.Name, f.Checksum, string(js)); err != nil {
			return fmt.Errorf("insert version %d: %w", f.Version, err)
		}
	}
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit: %w", err)
	}
	return nil
}
