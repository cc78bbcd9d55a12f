package main

import (
	"context"
	"fmt"
	"path/filepath"
	"strings"
	"time"
)

func init() {
	register(60, "Data migrations: streaming memory, backfill against hand-written SQL, per-row transforms", benchData)
}

// The sizes issue 5 names.
const (
	dataRowsSmall  = 100_000
	dataRowsLarge  = 1_000_000
	dataBatch      = 1000
	transformRows  = 100_000 // per-row exec is slow; a tenth keeps the run short
	dataMemTarget  = 100 << 20
	backfillTarget = 1.5
)

// dataResult is what one database measured.
type dataResult struct {
	kind                     string
	memSmall, memLarge       Run
	backfill                 []Run
	floor, hand              []time.Duration
	transform, transformMany []Run
	transformBulk            []Run
}

// benchData measures issue 5's data builtins through the real lark binary
// on SQLite and PostgreSQL, with the floors run from this process on the
// same database in the same run.
func benchData(ctx context.Context, e *Env) (string, error) {
	var results []dataResult
	for _, kind := range []string{"sqlite", "postgres"} {
		r, err := benchDataOn(ctx, e, kind)
		if err != nil {
			return "", fmt.Errorf("%s: %w", kind, err)
		}
		results = append(results, r)
	}
	return renderData(results, e.Reps), nil
}

func benchDataOn(ctx context.Context, e *Env, kind string) (dataResult, error) {
	res := dataResult{kind: kind}
	u, cleanup, err := e.freshDB(kind, "data")
	if err != nil {
		return res, err
	}
	defer cleanup()
	d, err := openDataDB(kind, u)
	if err != nil {
		return res, err
	}
	defer d.db.Close()

	// (a) memory of streaming, at two sizes.
	for _, size := range []struct {
		rows int
		dst  *Run
	}{{dataRowsSmall, &res.memSmall}, {dataRowsLarge, &res.memLarge}} {
		if err := d.seed(ctx, size.rows); err != nil {
			return res, err
		}
		dir, err := e.writeMigration("stream", "1_stream.star", fmt.Sprintf(dataStream, dataBatch, size.rows, size.rows))
		if err != nil {
			return res, err
		}
		if *size.dst, err = e.larkUpDown(ctx, d, dir); err != nil {
			return res, err
		}
	}

	// (b) backfill of the 1,000,000 rows beside the two floors.
	dir, err := e.writeMigration("backfill", "2_backfill.star", fmt.Sprintf(dataBackfill, dataBatch))
	if err != nil {
		return res, err
	}
	for i := 0; i < e.Reps; i++ {
		if err := d.settle(ctx); err != nil {
			return res, err
		}
		r, err := e.larkUpDown(ctx, d, dir)
		if err != nil {
			return res, err
		}
		res.backfill = append(res.backfill, r)
		if i == 0 {
			// Every row is updated exactly once by the backfill.
			if n, err := d.count(ctx, "n <> 1"); err != nil || n != 0 {
				return res, fmt.Errorf("after lark's backfill %d rows have n <> 1 (%v)", n, err)
			}
		}
		if err := d.settle(ctx); err != nil {
			return res, err
		}
		f, err := d.singleUpdate(ctx)
		if err != nil {
			return res, err
		}
		res.floor = append(res.floor, f)
		if err := d.settle(ctx); err != nil {
			return res, err
		}
		h, n, err := d.handLoop(ctx, dataBatch)
		if err != nil {
			return res, err
		}
		if n != dataRowsLarge {
			return res, fmt.Errorf("hand loop updated %d rows, want %d", n, dataRowsLarge)
		}
		res.hand = append(res.hand, h)
	}

	// (c) per-row transforms in Starlark.
	if err := d.seed(ctx, transformRows); err != nil {
		return res, err
	}
	perRow, err := e.writeMigration("transform", "3_transform.star", fmt.Sprintf(dataTransform, dataBatch))
	if err != nil {
		return res, err
	}
	many, err := e.writeMigration("transform-many", "4_transform_many.star", fmt.Sprintf(dataTransformMany, dataBatch))
	if err != nil {
		return res, err
	}
	// The VALUES transform runs last: it lowers the names again, so the
	// check below sees "item N" on both databases.
	bulk, err := e.writeMigration("transform-bulk", "5_transform_bulk.star", fmt.Sprintf(dataTransformBatched, dataBatch))
	if err != nil {
		return res, err
	}
	for i := 0; i < e.Reps; i++ {
		for _, t := range []struct {
			dir string
			dst *[]Run
		}{{perRow, &res.transform}, {many, &res.transformMany}, {bulk, &res.transformBulk}} {
			if err := d.settle(ctx); err != nil {
				return res, err
			}
			r, err := e.larkUpDown(ctx, d, t.dir)
			if err != nil {
				return res, err
			}
			*t.dst = append(*t.dst, r)
		}
	}
	if n, err := d.count(ctx, "name NOT LIKE 'item %'"); err != nil || n != 0 {
		return res, fmt.Errorf("after the transforms %d rows have a wrong name (%v)", n, err)
	}
	return res, nil
}

// larkUpDown measures `lark up` of the migration in dir, then rolls it
// back (unmeasured; its down() does nothing) so the next run applies it
// again.
func (e *Env) larkUpDown(ctx context.Context, d *dataDB, dir string) (Run, error) {
	args := []string{"--database", d.url, "--dir", dir}
	r, err := e.RunLark(ctx, filepath.Dir(dir), append(args, "up")...)
	if err != nil {
		return r, err
	}
	_, err = e.RunLark(ctx, filepath.Dir(dir), append(args, "down")...)
	return r, err
}

func renderData(results []dataResult, reps int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "A table `items (id, n integer, name text)` seeded from this process (generate_series on PostgreSQL, a recursive CTE on SQLite); "+
		"every lark figure is a real `lark up` child process (start-up and the versions table included), the floors run on one database/sql connection "+
		"in this process against the same database, in the same run. PostgreSQL tables are vacuumed before each measured run. "+
		"Times are medians of %d runs (min-max in brackets).\n\n", reps)

	b.WriteString("### Memory while streaming `batches()`\n\n")
	fmt.Fprintf(&b, "`for rows in batches(\"SELECT id, n, name FROM items\", size = %d)` over every row, counting them, inside the migration's "+
		"transaction (a server-side cursor on PostgreSQL, one stepped statement on SQLite). Peak RSS of the `lark up` process, one run per size. "+
		"Target: under 100 MiB and not growing with the row count.\n\n", dataBatch)
	var rows [][]string
	for _, r := range results {
		growth := r.memLarge.PeakRSS - r.memSmall.PeakRSS
		verdict := "met"
		if r.memLarge.PeakRSS >= dataMemTarget || float64(growth) > 0.2*float64(r.memSmall.PeakRSS) {
			verdict = "**missed**"
		}
		rows = append(rows, []string{r.kind, MiB(r.memSmall.PeakRSS), MiB(r.memLarge.PeakRSS),
			fmt.Sprintf("%+.1f MiB (%+.0f%%)", float64(growth)/(1<<20), 100*float64(growth)/float64(max(r.memSmall.PeakRSS, 1))),
			verdict, Secs(r.memSmall.Wall), Secs(r.memLarge.Wall)})
	}
	b.WriteString(Table([]string{"Database", "peak RSS, 100,000 rows", "peak RSS, 1,000,000 rows", "growth", "target", "time, 100,000", "time, 1,000,000"}, rows))

	b.WriteString("\n### `backfill` of 1,000,000 rows\n\n")
	fmt.Fprintf(&b, "`backfill(\"items\", set = \"n = n + 1\", batch_size = %d)` (each batch one transaction with its progress record) beside "+
		"the hand-written Go loop (same batch size, keyset pagination by id, one transaction per batch: a bounds SELECT and a ranged UPDATE) and "+
		"the floor, one `UPDATE items SET n = n + 1`. Target: lark <= %.1fx the hand-written loop.\n\n", dataBatch, backfillTarget)
	rows = nil
	for _, r := range results {
		l := Summarise(r.backfill)
		h, f := durStats(r.hand), durStats(r.floor)
		ratio := l.Median.Seconds() / h.Median.Seconds()
		verdict := "met"
		if ratio > backfillTarget {
			verdict = "**missed**"
		}
		rows = append(rows, []string{r.kind, spread(l.Median, l.Min, l.Max), spread(h.Median, h.Min, h.Max), spread(f.Median, f.Min, f.Max),
			fmt.Sprintf("%.2fx", ratio), verdict, fmt.Sprintf("%.1fx", l.Median.Seconds()/f.Median.Seconds()),
			fmt.Sprintf("%s rows/s", thousandsInt(int64(dataRowsLarge/l.Median.Seconds()))), Secs(l.CPU), MiB(l.PeakRSS)})
	}
	b.WriteString(Table([]string{"Database", "lark backfill", "hand-written loop", "single UPDATE", "lark / hand", "target <= 1.5x", "lark / UPDATE", "lark rate", "lark CPU", "lark peak RSS"}, rows))

	b.WriteString("\n### Per-row transforms in Starlark\n\n")
	fmt.Fprintf(&b, "%s rows read with `batches(..., size = %d, key = \"id\")` (each batch committed with its progress record), each row's new "+
		"name computed in Starlark, written with one `exec(\"UPDATE ... WHERE id = $2\")` per row, with the batched-write builtin "+
		"`exec_many()` (the same UPDATE for each row of the batch; pipelined on PostgreSQL, prepared once on SQLite), or with one `exec()` per batch "+
		"whose SQL the script builds (`WITH v(id, name) AS (VALUES ...) UPDATE ... FROM v`).\n\n", thousandsInt(transformRows), dataBatch)
	rows = nil
	rate := func(s Stats) string {
		return fmt.Sprintf("%s rows/s", thousandsInt(int64(transformRows/s.Median.Seconds())))
	}
	for _, r := range results {
		p, m, k := Summarise(r.transform), Summarise(r.transformMany), Summarise(r.transformBulk)
		rows = append(rows, []string{r.kind,
			rate(p), spread(p.Median, p.Min, p.Max),
			rate(m), spread(m.Median, m.Min, m.Max),
			rate(k), spread(k.Median, k.Min, k.Max)})
	}
	b.WriteString(Table([]string{"Database", "exec per row", "time", "exec_many per batch", "time", "one VALUES exec per batch", "time"}, rows))
	return b.String()
}

// durStats summarises bare durations.
func durStats(ds []time.Duration) Stats {
	runs := make([]Run, len(ds))
	for i, d := range ds {
		runs[i] = Run{Wall: d}
	}
	return Summarise(runs)
}

// spread renders "1.234 s (1.2-1.3)".
func spread(med, lo, hi time.Duration) string {
	return fmt.Sprintf("%s (%.2f-%.2f)", Secs(med), lo.Seconds(), hi.Seconds())
}

// thousandsInt formats n with commas.
func thousandsInt(n int64) string {
	s := fmt.Sprint(n)
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 && s[i-1] != '-' {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	return string(out)
}
