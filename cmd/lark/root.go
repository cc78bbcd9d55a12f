package main

import (
	"io"

	"github.com/spf13/cobra"

	"github.com/larkdb/lark/connect"
	"github.com/larkdb/lark/engine"
)

// app is what every command shares.
type app struct {
	cfg    config
	stdout io.Writer
	stderr io.Writer
}

func newRoot(stdout, stderr io.Writer) (*cobra.Command, *app) {
	a := &app{stdout: stdout, stderr: stderr}
	root := &cobra.Command{
		Use:   "lark",
		Short: "Database migrations written as Starlark scripts, with Ecto's vocabulary",
		Long: `lark applies, rolls back and reports database migrations written as Starlark
scripts (migrations/NUMBER_NAME.star) in the vocabulary of Ecto.Migration,
on PostgreSQL and SQLite.

Settings come from flags, then DATABASE_URL, then lark.json in the working
directory or the --config file (keys: database, dir, table, prefix, log_sql,
allow_drift; any other key is an error), then the defaults. Exit codes: 0 ok,
1 failure, 2 usage.`,
		Example: `  lark new create_users
  lark up
  DATABASE_URL=postgres://localhost/app_dev?sslmode=disable lark status
  lark --database sqlite:dev.db down --step 2`,
		Version:           version(),
		SilenceUsage:      true,
		SilenceErrors:     true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error { return a.load(cmd) },
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetVersionTemplate("lark {{.Version}}\n")
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	f := root.PersistentFlags()
	f.StringVar(&a.cfg.Database, "database", "", "database URL: postgres://..., sqlite:path or file:path (env DATABASE_URL; default "+connect.DefaultURL+")")
	f.StringVar(&a.cfg.Dir, "dir", "", "migrations directory (default migrations)")
	f.StringVar(&a.cfg.Table, "table", "", "versions table (default "+engine.DefaultTable+")")
	f.StringVar(&a.cfg.Prefix, "prefix", "", "PostgreSQL schema (which must exist) of the versions table and default prefix of the migrations; PostgreSQL only")
	f.BoolVar(&a.cfg.LogSQL, "log-sql", false, "print each SQL statement as it runs")
	f.BoolVar(&a.cfg.AllowDrift, "allow-drift", false, "migrate although applied migration files have changed")
	f.BoolVar(&a.cfg.JSON, "json", false, "print data as JSON")
	f.StringVar(&a.cfg.ConfigPath, "config", "", "read settings from this JSON file instead of ./"+configFile)
	root.AddCommand(
		a.newCmd(), a.upCmd(), a.downCmd(), a.redoCmd(), a.statusCmd(), a.planCmd(),
		a.createCmd(), a.dropCmd(), a.resetCmd(), a.watchCmd(),
	)
	return root, a
}
