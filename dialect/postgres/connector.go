package postgres

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver

	"github.com/larkdb/lark/dialect"
)

// Connector reaches PostgreSQL by postgres:// (or postgresql://) URL,
// through pgx.
type Connector struct{}

var _ dialect.Connector = Connector{}

// Schemes returns postgres and postgresql.
func (Connector) Schemes() []string { return []string{"postgres", "postgresql"} }

// Dialect returns the PostgreSQL dialect.
func (Connector) Dialect() dialect.Dialect { return New() }

// Parse checks that the URL names a database; pgx opens the URL as it is.
func (Connector) Parse(raw string) (dialect.Target, error) {
	t := dialect.Target{URL: raw, Driver: "pgx", DSN: raw}
	u, err := url.Parse(raw)
	if err != nil {
		return t, fmt.Errorf("database URL: %w", err)
	}
	if strings.Trim(u.Path, "/") == "" {
		return t, fmt.Errorf("database URL %s names no database", dialect.Redact(raw))
	}
	return t, nil
}

// Create creates the database from the "postgres" maintenance database of
// the same server, as Ecto does.
func (Connector) Create(ctx context.Context, t dialect.Target) (bool, error) {
	name, admin, err := maintenance(t.URL)
	if err != nil {
		return false, err
	}
	defer admin.Close()
	_, err = admin.ExecContext(ctx, "CREATE DATABASE "+Runtime{}.QuoteIdent(name))
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42P04" { // duplicate_database
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("create database %s: %w", name, err)
	}
	return true, nil
}

// Drop drops the database from the maintenance database.
func (Connector) Drop(ctx context.Context, t dialect.Target) (bool, error) {
	name, admin, err := maintenance(t.URL)
	if err != nil {
		return false, err
	}
	defer admin.Close()
	var n int
	if err := admin.QueryRowContext(ctx, "SELECT count(*) FROM pg_database WHERE datname = $1", name).Scan(&n); err != nil {
		return false, fmt.Errorf("drop database %s: %w", name, err)
	}
	if n == 0 {
		return false, nil
	}
	if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+Runtime{}.QuoteIdent(name)); err != nil {
		return false, fmt.Errorf("drop database %s: %w", name, err)
	}
	return true, nil
}

// maintenance opens the "postgres" database of the server rawURL points
// at, and returns the name of the database rawURL names.
func maintenance(rawURL string) (string, *sql.DB, error) {
	u, err := url.Parse(rawURL)
	if err != nil {
		return "", nil, fmt.Errorf("database URL: %w", err)
	}
	name := strings.Trim(u.Path, "/")
	u.Path = "/postgres"
	db, err := sql.Open("pgx", u.String())
	if err != nil {
		return "", nil, fmt.Errorf("open maintenance database: %w", err)
	}
	return name, db, nil
}

// StandIn is never needed: opening a PostgreSQL URL creates nothing.
func (Connector) StandIn(dialect.Target) (dialect.Target, bool) { return dialect.Target{}, false }
