package main

import (
	"os"
	"os/signal"
	"syscall"
	"time"

	"github.com/spf13/cobra"

	"github.com/larkdb/lark/connect"
	"github.com/larkdb/lark/watch"
)

func (a *app) watchCmd() *cobra.Command {
	var (
		allowRemote bool
		dump        string
		quiet       time.Duration
	)
	cmd := &cobra.Command{
		Use:   "watch",
		Short: "Development mode: the database follows the migrations directory",
		Long: `Bring the database up to date, then watch the migrations directory (and the
helpers its files load) and keep the database in step as files are saved:

  - a new migration file is applied; one numbered before applied ones is
    applied in its place (the later ones rolled back and applied again);
  - an applied file that changes, or whose helper changes, is rolled back with
    the operation log stored when it was applied (every later migration
    first), then applied from its new text, the later ones after it;
  - a deleted applied file is rolled back.

A save burst is one action, printed as one line. Before rolling anything back,
watch loads and evaluates every file the action would apply, as lark plan
does; a file that does not load or evaluate is not acted on: its error is
printed and nothing is rolled back. (A failure that comes after a data builtin
ran is left to the real run: without a database query() returns no rows.) A
script or SQL error is printed with its position, as lark up prints it, and
the database stays at the last good state. Watching goes on either way.

watch refuses a database that is not on this machine unless --allow-remote.
It never rolls back a migration without a stored operation log. Ctrl-C stops
after the current action; a second Ctrl-C abandons it (its transaction rolls
back).`,
		Example: `  lark watch
  lark watch --dump schema.txt --log-sql
  lark --database postgres://localhost/app_dev?sslmode=disable watch`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			if _, err := connect.Parse(a.cfg.Database); err != nil {
				return usageError{err}
			}
			// Refuse before connecting: a remote host may not even answer.
			if !allowRemote {
				if err := watch.CheckLocal(a.cfg.Database); err != nil {
					return err
				}
			}
			if quiet < 0 {
				return usagef("--quiet must not be negative")
			}
			ctx, stop := signal.NotifyContext(cmd.Context(), os.Interrupt, syscall.SIGTERM)
			defer stop()
			// After the first signal, restore the default handling so a
			// second one ends the process at once.
			go func() { <-ctx.Done(); stop() }()
			// Watch reads the directory through the migrator's FS (an
			// os.Root, which refuses links out of it).
			m, fsys, done, err := a.openMigrator(ctx, false)
			if err != nil {
				return err
			}
			defer done()
			return watch.Run(ctx, watch.Config{
				Migrator: m, Dir: a.cfg.Dir, FS: fsys, Out: a.stdout,
				// Positions as lark up prints them: migrations/2_b.star:3:1.
				ShowPaths: func(err error) { showPathsFrom(err, a.cfg.Dir) },
				Database:  a.cfg.Database, AllowRemote: allowRemote,
				Dump: dump, Quiet: quiet,
			})
		},
	}
	f := cmd.Flags()
	f.BoolVar(&allowRemote, "allow-remote", false, "watch a database on another host")
	f.StringVar(&dump, "dump", "", "write the resulting schema to this file after each action")
	f.DurationVar(&quiet, "quiet", watch.DefaultQuiet, "debounce window: act once the directory is quiet this long")
	return cmd
}
