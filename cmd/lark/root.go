package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/spf13/cobra"

	"github.com/larkdb/lark/connect"
	"github.com/larkdb/lark/engine"
)

// configFile is read from the working directory when present. Its keys
// are the long flag names; flags and DATABASE_URL win over it:
//
//	{"database": "postgres://localhost/app_dev", "dir": "db/migrations",
//	 "table": "schema_migrations", "prefix": "", "log_sql": false, "allow_drift": false}
const configFile = "lark.json"

// config is lark's settings after flags, environment and lark.json.
type config struct {
	Database   string `json:"database"`
	Dir        string `json:"dir"`
	Table      string `json:"table"`
	Prefix     string `json:"prefix"`
	LogSQL     bool   `json:"log_sql"`
	AllowDrift bool   `json:"allow_drift"`
	JSON       bool   `json:"-"`
	ConfigPath string `json:"-"`
}

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
directory (keys: database, dir, table, prefix, log_sql, allow_drift), then
the defaults. Exit codes: 0 ok, 1 failure, 2 usage.`,
		Example: `  lark new create_users
  lark up
  DATABASE_URL=postgres://localhost/app_dev?sslmode=disable lark status
  lark --database sqlite:dev.db down --step 2`,
		SilenceUsage:      true,
		SilenceErrors:     true,
		PersistentPreRunE: func(cmd *cobra.Command, _ []string) error { return a.load(cmd) },
	}
	root.CompletionOptions.DisableDefaultCmd = true
	root.SetOut(stdout)
	root.SetErr(stderr)
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return usageError{err} })
	f := root.PersistentFlags()
	f.StringVar(&a.cfg.Database, "database", "", "database URL: postgres://..., sqlite:path or file:path (env DATABASE_URL; default "+connect.DefaultURL+")")
	f.StringVar(&a.cfg.Dir, "dir", "", "migrations directory (default migrations)")
	f.StringVar(&a.cfg.Table, "table", "", "versions table (default "+engine.DefaultTable+")")
	f.StringVar(&a.cfg.Prefix, "prefix", "", "schema (PostgreSQL) of the versions table and default prefix of the migrations")
	f.BoolVar(&a.cfg.LogSQL, "log-sql", false, "print each SQL statement as it runs")
	f.BoolVar(&a.cfg.AllowDrift, "allow-drift", false, "migrate although applied migration files have changed")
	f.BoolVar(&a.cfg.JSON, "json", false, "print data as JSON")
	f.StringVar(&a.cfg.ConfigPath, "config", "", "config file (default ./"+configFile+" when it exists)")
	root.AddCommand(
		a.newCmd(), a.upCmd(), a.downCmd(), a.redoCmd(), a.statusCmd(), a.planCmd(),
		a.createCmd(), a.dropCmd(), a.resetCmd(), a.watchCmd(),
	)
	return root, a
}

// load fills in what the flags left unset from DATABASE_URL, lark.json
// and the defaults.
func (a *app) load(cmd *cobra.Command) error {
	path, explicit := a.cfg.ConfigPath, a.cfg.ConfigPath != ""
	if !explicit {
		path = configFile
	}
	var file config
	data, err := os.ReadFile(path)
	switch {
	case err == nil:
		if err := json.Unmarshal(data, &file); err != nil {
			return fmt.Errorf("%s: %w", path, err)
		}
	case explicit || !errors.Is(err, fs.ErrNotExist):
		return fmt.Errorf("read config: %w", err)
	}
	flags := cmd.Flags()
	pick := func(name string, flag *string, env, fromFile, def string) {
		switch {
		case flags.Changed(name):
		case env != "":
			*flag = env
		case fromFile != "":
			*flag = fromFile
		default:
			*flag = def
		}
	}
	pick("database", &a.cfg.Database, os.Getenv("DATABASE_URL"), file.Database, connect.DefaultURL)
	pick("dir", &a.cfg.Dir, "", file.Dir, "migrations")
	pick("table", &a.cfg.Table, "", file.Table, engine.DefaultTable)
	pick("prefix", &a.cfg.Prefix, "", file.Prefix, "")
	if !flags.Changed("log-sql") {
		a.cfg.LogSQL = file.LogSQL
	}
	if !flags.Changed("allow-drift") {
		a.cfg.AllowDrift = file.AllowDrift
	}
	return nil
}

// migrator opens the database and builds the migrator; close releases both.
func (a *app) migrator(ctx context.Context) (m *engine.Migrator, close func(), err error) {
	// The URL first: a wrong scheme is a usage error whatever the directory.
	if _, err := connect.Parse(a.cfg.Database); err != nil {
		return nil, nil, usageError{err}
	}
	st, err := os.Stat(a.cfg.Dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil, nil, fmt.Errorf("migrations directory %q does not exist: pass --dir, or create it with `lark new NAME`", a.cfg.Dir)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("migrations directory: %w", err)
	}
	if !st.IsDir() {
		return nil, nil, fmt.Errorf("migrations directory %s is not a directory", a.cfg.Dir)
	}
	db, d, err := connect.Open(ctx, a.cfg.Database)
	if err != nil {
		return nil, nil, err
	}
	opts := []engine.MigratorOption{
		engine.WithTable(a.cfg.Table),
		engine.WithPrefix(a.cfg.Prefix),
		engine.WithAllowDrift(a.cfg.AllowDrift),
	}
	if a.cfg.LogSQL {
		opts = append(opts, engine.WithLogSQL(a.stderr))
	}
	opts = append(opts, engine.WithDataProgress(newProgress(a.stderr, a.cfg.JSON).report))
	m, err = engine.NewMigrator(db, d, os.DirFS(a.cfg.Dir), opts...)
	if err != nil {
		db.Close()
		return nil, nil, usageError{err}
	}
	return m, func() { db.Close() }, nil
}
