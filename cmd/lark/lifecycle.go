package main

import (
	"context"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/larkdb/lark/connect"
	"github.com/larkdb/lark/engine"
)

func (a *app) createCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "create",
		Short: "Create the database",
		Long: `Create the database the URL names. On PostgreSQL lark connects to the
"postgres" maintenance database of the same server to do it; on SQLite it
creates the file. An existing database is left alone.`,
		Example: `  lark --database postgres://localhost/app_dev?sslmode=disable create
  lark --database sqlite:dev.db create`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error { return a.create(cmd.Context()) },
	}
}

func (a *app) dropCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "drop",
		Short: "Drop the database",
		Long: `Drop the database the URL names (on SQLite: delete the file). A database
that does not exist is not an error.`,
		Example: `  lark --database sqlite:dev.db drop`,
		Args:    noArgs,
		RunE:    func(cmd *cobra.Command, _ []string) error { return a.drop(cmd.Context()) },
	}
}

func (a *app) resetCmd() *cobra.Command {
	return &cobra.Command{
		Use:   "reset",
		Short: "Drop and create the database, apply every migration, then run seeds.star",
		Long: `Drop the database, create it, apply every migration and run the seeds
script (seeds.star in the migrations directory) when there is one. The seeds
run like a migration's up but are not recorded as a version.`,
		Example: `  lark reset
  lark --database postgres://localhost/app_dev?sslmode=disable reset`,
		Args: noArgs,
		RunE: func(cmd *cobra.Command, _ []string) error {
			ctx := cmd.Context()
			if err := a.drop(ctx); err != nil {
				return err
			}
			if err := a.create(ctx); err != nil {
				return err
			}
			m, done, err := a.migrator(ctx)
			if err != nil {
				return err
			}
			defer done()
			res, err := m.Up(ctx, engine.Target{})
			a.printResults(res, err, "no migrations")
			if err != nil {
				return err
			}
			ran, err := m.Seed(ctx)
			if ran && err == nil && !a.cfg.JSON {
				fmt.Fprintln(a.stdout, "seeded from seeds.star")
			}
			return err
		},
	}
}

func (a *app) create(ctx context.Context) error {
	if _, err := connect.Parse(a.cfg.Database); err != nil {
		return usageError{err}
	}
	created, err := connect.Create(ctx, a.cfg.Database)
	if err != nil {
		return err
	}
	if created {
		fmt.Fprintf(a.stdout, "created database %s\n", connect.Redact(a.cfg.Database))
	} else {
		fmt.Fprintf(a.stdout, "database %s already exists\n", connect.Redact(a.cfg.Database))
	}
	return nil
}

func (a *app) drop(ctx context.Context) error {
	if _, err := connect.Parse(a.cfg.Database); err != nil {
		return usageError{err}
	}
	dropped, err := connect.Drop(ctx, a.cfg.Database)
	if err != nil {
		return err
	}
	if dropped {
		fmt.Fprintf(a.stdout, "dropped database %s\n", connect.Redact(a.cfg.Database))
	} else {
		fmt.Fprintf(a.stdout, "database %s does not exist\n", connect.Redact(a.cfg.Database))
	}
	return nil
}
