package connect

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"net/url"
	"os"
	"strings"

	"github.com/jackc/pgx/v5/pgconn"
)

// Create creates the database the URL names. It reports false, and no
// error, when the database already exists. PostgreSQL databases are created
// from the "postgres" maintenance database, as Ecto does.
func Create(ctx context.Context, rawURL string) (bool, error) {
	t, err := Parse(rawURL)
	if err != nil {
		return false, err
	}
	if t.Kind == SQLite {
		f, err := os.OpenFile(t.Path, os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if errors.Is(err, fs.ErrExist) {
			return false, nil
		}
		if err != nil {
			return false, fmt.Errorf("create %s: %w", t.Path, err)
		}
		return true, f.Close() // an empty file is an empty SQLite database
	}
	name, admin, err := maintenance(rawURL)
	if err != nil {
		return false, err
	}
	defer admin.Close()
	_, err = admin.ExecContext(ctx, "CREATE DATABASE "+quote(name))
	var pe *pgconn.PgError
	if errors.As(err, &pe) && pe.Code == "42P04" { // duplicate_database
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("create database %s: %w", name, err)
	}
	return true, nil
}

// Drop drops the database the URL names. It reports false, and no error,
// when there was none. A SQLite database is its file (with its -wal, -shm
// and -journal companions).
func Drop(ctx context.Context, rawURL string) (bool, error) {
	t, err := Parse(rawURL)
	if err != nil {
		return false, err
	}
	if t.Kind == SQLite {
		existed := false
		for _, suffix := range []string{"", "-wal", "-shm", "-journal"} {
			err := os.Remove(t.Path + suffix)
			if err == nil && suffix == "" {
				existed = true
			}
			if err != nil && !errors.Is(err, fs.ErrNotExist) {
				return existed, fmt.Errorf("drop %s: %w", t.Path+suffix, err)
			}
		}
		return existed, nil
	}
	name, admin, err := maintenance(rawURL)
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
	if _, err := admin.ExecContext(ctx, "DROP DATABASE IF EXISTS "+quote(name)); err != nil {
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

func quote(name string) string { return `"` + strings.ReplaceAll(name, `"`, `""`) + `"` }
