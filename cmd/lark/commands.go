package main

import (
	"context"
	"fmt"
	"strconv"
	"time"

	"github.com/spf13/cobra"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/scripts"
)

// targetFlags are --to, --step, --all and --continue, where they apply.
type targetFlags struct {
	cmd  *cobra.Command
	to   string
	step int
	t    engine.Target
}

func (f *targetFlags) add(cmd *cobra.Command, all, cont bool) {
	f.cmd = cmd
	cmd.Flags().StringVar(&f.to, "to", "", "stop at this version (inclusive)")
	cmd.Flags().IntVar(&f.step, "step", 0, "run this many migrations (at least 1)")
	if all {
		cmd.Flags().BoolVar(&f.t.All, "all", false, "roll back every applied migration")
	}
	if cont {
		cmd.Flags().BoolVar(&f.t.Continue, "continue", false, "go on with a migration that failed part-way, also when its file has changed since")
	}
}

func (f *targetFlags) target() (engine.Target, error) {
	t := f.t
	if f.to != "" {
		v, err := strconv.ParseInt(f.to, 10, 64)
		if err != nil || v <= 0 {
			return t, usagef("--to %q is not a migration version", f.to)
		}
		t.To = v
	}
	if err := checkStep(f.cmd, f.step); err != nil {
		return t, err
	}
	t.Step = f.step
	n := 0
	for _, set := range []bool{t.To != 0, t.Step != 0, t.All} {
		if set {
			n++
		}
	}
	if n > 1 {
		return t, usagef("give at most one of --to, --step and --all")
	}
	return t, nil
}

// checkStep refuses a --step below 1. The engine reads a zero Step as "not
// given" (everything for up, one for down), so --step 0 must not reach it.
func checkStep(cmd *cobra.Command, step int) error {
	if cmd.Flags().Changed("step") && step < 1 {
		return usagef("--step must be at least 1, not %d", step)
	}
	return nil
}

func (a *app) newCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "new NAME",
		Short: "Create migrations/<timestamp>_NAME.star from a template",
		Long: `Create migrations/<timestamp>_NAME.star from a template, the timestamp being
now in UTC (YYYYMMDDHHMMSS). When a migration already has that version (two
lark new within a second), the next free second is used. NAME is snake_case;
when another migration already has it, the file is still written, with a
warning on stderr naming the other.`,
		Example: `  lark new create_users
  lark --dir db/migrations new add_email_to_users`,
		Args: exactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if !scripts.ValidName(args[0]) {
				return usagef("migration name %q is not snake_case (lowercase letters, digits and _, starting with a letter)", args[0])
			}
			same, err := scripts.SameName(a.cfg.Dir, args[0])
			if err != nil {
				return err
			}
			path, err := scripts.New(a.cfg.Dir, args[0], time.Now())
			if err != nil {
				return err
			}
			fmt.Fprintln(a.stdout, path)
			// A warning, not an error: the versions keep the files apart,
			// but the name no longer says which one a status line or a
			// stack of `lark new` output means.
			for _, other := range same {
				fmt.Fprintf(a.stderr, "lark: warning: migration name %q is already used by %s\n", args[0], other)
			}
			return nil
		},
	}
}

// move runs one of the migrator's Up, Down or Redo with target t and
// prints what ran, or empty when nothing did.
func (a *app) move(cmd *cobra.Command, t engine.Target, run func(*engine.Migrator, context.Context, engine.Target) ([]engine.Result, error), empty string) error {
	m, done, err := a.migrator(cmd.Context())
	if err != nil {
		return err
	}
	defer done()
	res, err := run(m, cmd.Context(), t)
	a.printResults(res, err, empty)
	return err
}

func (a *app) upCmd() *cobra.Command {
	var tf targetFlags
	cmd := &cobra.Command{
		Use:     "up",
		Aliases: []string{"migrate"},
		Short:   "Apply pending migrations",
		Long: `Apply pending migrations in version order, each in its own transaction with
its version row (unless the file sets disable_ddl_transaction).

A migration that failed part-way outside a transaction is continued first,
where it stopped, while its file is unchanged; once its file has changed, up
refuses until told --continue (go on with the file as it is now) or the
migration is reverted with 'lark down'. up also refuses while an applied file
has changed (see --allow-drift).`,
		Example: `  lark up
  lark up --step 1
  lark up --to 20261122093000
  lark up --continue`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			t, err := tf.target()
			if err != nil {
				return err
			}
			return a.move(cmd, t, (*engine.Migrator).Up, "already up to date")
		},
	}
	tf.add(cmd, false, true)
	return cmd
}

func (a *app) downCmd() *cobra.Command {
	var tf targetFlags
	cmd := &cobra.Command{
		Use:     "down",
		Aliases: []string{"rollback"},
		Short:   "Roll back applied migrations (default: the last one)",
		Long: `Roll back applied migrations, latest first, each from the operation log
stored when it was applied: an edited file rolls back exactly what was done.
--to V rolls back every migration down to and including V, as Ecto's does.
A migration that failed part-way is rolled back first, and only what ran.`,
		Example: `  lark down
  lark down --step 3
  lark down --to 20261122093000
  lark down --all`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			t, err := tf.target()
			if err != nil {
				return err
			}
			return a.move(cmd, t, (*engine.Migrator).Down, "nothing to roll back")
		},
	}
	tf.add(cmd, true, false)
	return cmd
}

func (a *app) redoCmd() *cobra.Command {
	var step int
	cmd := &cobra.Command{
		Use:   "redo",
		Short: "Roll back the last migration(s) and apply them again",
		Example: `  lark redo
  lark redo --step 2`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if err := checkStep(cmd, step); err != nil {
				return err
			}
			return a.move(cmd, engine.Target{Step: step}, (*engine.Migrator).Redo, "nothing to redo")
		},
	}
	cmd.Flags().IntVar(&step, "step", 0, "how many migrations to redo, at least 1 (default 1)")
	return cmd
}

func (a *app) statusCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "status",
		Short: "List every migration: state, version, name, applied at, drift",
		Long: `List every migration file and every applied migration, in version order.
States: pending, applied, partial (failed part-way outside a transaction).
"drift" marks an applied file that changed; "missing file" an applied
migration whose file is gone. Changes nothing: on a SQLite file that does not
exist yet, every migration is pending and the file is not created.`,
		Example: `  lark status
  lark status --json`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			m, done, err := a.inspector(cmd.Context())
			if err != nil {
				return err
			}
			defer done()
			st, err := m.Status(cmd.Context())
			if err != nil {
				return err
			}
			return a.printStatus(st)
		},
	}
}

func (a *app) planCmd() *cobra.Command {
	var tf targetFlags
	cmd := &cobra.Command{
		Use:   "plan [up|down]",
		Short: "Print the SQL that up or down would run; touch nothing",
		Long: `Print the SQL that lark up (or lark down) would run with the same --to,
--step or --all, migration by migration, without running it: scripts are
evaluated without running their SQL, and a rollback is planned from the log
stored when the migration was applied.
Changes nothing: on a SQLite file that does not exist yet, plan up plans
against an empty database and the file is not created.`,
		Example: `  lark plan
  lark plan up --step 1
  lark plan --to 20261122093000
  lark plan down --all
  lark plan --json`,
		Args:      cobra.MatchAll(maxArgs(1), oneOf("up", "down")),
		ValidArgs: []string{"up", "down"},
		RunE: func(cmd *cobra.Command, args []string) error {
			dir := engine.Up
			if len(args) == 1 {
				dir = engine.Direction(args[0])
			}
			t, err := tf.target()
			if err != nil {
				return err
			}
			if dir == engine.Up && t.All {
				return usagef("--all applies to plan down")
			}
			m, done, err := a.inspector(cmd.Context())
			if err != nil {
				return err
			}
			defer done()
			plans, err := m.Plan(cmd.Context(), dir, t)
			if err != nil && len(plans) == 0 {
				return err // not "nothing to do"
			}
			// On an error, the migrations planned before it are shown.
			if perr := a.printPlan(plans); perr != nil && err == nil {
				err = perr
			}
			return err
		},
	}
	tf.add(cmd, true, true)
	return cmd
}

func noArgs(cmd *cobra.Command, args []string) error {
	if len(args) > 0 {
		return usagef("%s takes no arguments, got %q", cmd.CommandPath(), args)
	}
	return nil
}

func exactArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) != n {
			return usagef("%s takes %d argument(s), got %d", cmd.CommandPath(), n, len(args))
		}
		return nil
	}
}

func maxArgs(n int) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		if len(args) > n {
			return usagef("%s takes at most %d argument(s), got %d", cmd.CommandPath(), n, len(args))
		}
		return nil
	}
}

func oneOf(valid ...string) cobra.PositionalArgs {
	return func(cmd *cobra.Command, args []string) error {
		for _, arg := range args {
			ok := false
			for _, v := range valid {
				ok = ok || arg == v
			}
			if !ok {
				return usagef("%s: %q is not one of %v", cmd.CommandPath(), arg, valid)
			}
		}
		return nil
	}
}
