package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/larkdb/lark/engine"
)

// printResults prints what up/down/redo ran, one line per migration, or
// empty when nothing ran and nothing failed. With --json it prints a JSON
// array.
func (a *app) printResults(res []engine.Result, err error, empty string) {
	if a.cfg.JSON {
		if res == nil {
			res = []engine.Result{}
		}
		a.printJSON(res)
		return
	}
	if len(res) == 0 {
		if err == nil {
			fmt.Fprintln(a.stdout, empty)
		}
		return
	}
	for _, r := range res {
		fmt.Fprintf(a.stdout, "%-4s %d_%s (%d %s, %s)\n", r.Direction, r.Version, r.Name, r.Ops, plural(r.Ops, "op", "ops"), r.Duration.Round(time.Millisecond))
	}
}

func (a *app) printStatus(st []engine.MigrationStatus) error {
	if a.cfg.JSON {
		if st == nil {
			st = []engine.MigrationStatus{}
		}
		return a.printJSON(st)
	}
	if len(st) == 0 {
		fmt.Fprintf(a.stdout, "no migrations in %s\n", a.cfg.Dir)
		return nil
	}
	// Buffered: tabwriter writes cell by cell, and ten thousand lines of
	// unbuffered writes cost more than reading the migrations.
	out := bufio.NewWriter(a.stdout)
	tw := tabwriter.NewWriter(out, 0, 4, 2, ' ', 0)
	fmt.Fprintln(tw, "STATE\tVERSION\tNAME\tAPPLIED AT\tNOTE")
	for _, s := range st {
		at := "-"
		if s.AppliedAt != nil {
			at = s.AppliedAt.UTC().Format("2006-01-02 15:04:05")
		}
		var notes []string
		if s.Drift {
			notes = append(notes, "drift: file changed since applied")
		}
		if s.MissingFile {
			notes = append(notes, "missing file")
		}
		if s.State == engine.StateRunning {
			notes = append(notes, fmt.Sprintf("a runner is applying it now; %d %s done", s.Ops, plural(s.Ops, "op", "ops")))
			notes = append(notes, s.Data...)
		}
		if s.State == engine.StatePartial {
			notes = append(notes, fmt.Sprintf("%d %s ran; lark up goes on, lark down reverts", s.Ops, plural(s.Ops, "op", "ops")))
			notes = append(notes, s.Data...)
		}
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", s.State, s.Version, s.Name, at, strings.Join(notes, "; "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	return out.Flush()
}

func (a *app) printPlan(plans []engine.PlannedMigration) error {
	if a.cfg.JSON {
		if plans == nil {
			plans = []engine.PlannedMigration{}
		}
		return a.printJSON(plans)
	}
	if len(plans) == 0 {
		fmt.Fprintln(a.stdout, "-- nothing to do")
		return nil
	}
	for _, p := range plans {
		fmt.Fprintf(a.stdout, "-- %s %d_%s\n", p.Direction, p.Version, p.Name)
		for _, s := range p.Statements {
			if onlyComments(s.SQL) {
				// A note of the plan's own (an execute() with nothing
				// to run): no statement to end.
				fmt.Fprintln(a.stdout, s.SQL)
				continue
			}
			fmt.Fprintf(a.stdout, "%s;\n", s.SQL)
		}
	}
	return nil
}

// onlyComments reports whether every line of sql is an SQL comment.
func onlyComments(sql string) bool {
	for _, line := range strings.Split(sql, "\n") {
		if !strings.HasPrefix(strings.TrimSpace(line), "--") {
			return false
		}
	}
	return true
}

func (a *app) printJSON(v any) error {
	enc := json.NewEncoder(a.stdout)
	enc.SetIndent("", "  ")
	return enc.Encode(v)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
