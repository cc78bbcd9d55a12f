package main

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"fmt"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
	_ "modernc.org/sqlite"             // registers the "sqlite" driver
)

// defaultPostgresURL is the server used when LARK_TEST_POSTGRES_URL is unset.
const defaultPostgresURL = "postgres://postgres@127.0.0.1:5432/postgres?sslmode=disable"

// Env is what every section gets to work with.
type Env struct {
	// LarkBin is the path of a lark binary built from this tree for this run.
	LarkBin string
	// TempDir is a scratch directory removed when the program ends; sections
	// make their own subdirectories in it (see [Env.Dir]).
	TempDir string
	// Reps is how many times each measurement is repeated; sections report
	// the median.
	Reps int
	// PostgresURL creates a fresh, empty PostgreSQL database and returns its
	// URL and a cleanup that drops it. It fails when the server (at
	// LARK_TEST_POSTGRES_URL or the default local one) cannot be reached.
	PostgresURL func() (url string, cleanup func(), err error)
}

// Dir makes a new empty directory under TempDir named after prefix.
func (e *Env) Dir(prefix string) (string, error) {
	return os.MkdirTemp(e.TempDir, prefix+"-")
}

// adminURL is the PostgreSQL server benchmarks create databases on.
func adminURL() string {
	if u := os.Getenv("LARK_TEST_POSTGRES_URL"); u != "" {
		return u
	}
	return defaultPostgresURL
}

// newPostgresURL is the default [Env.PostgresURL]: CREATE DATABASE with a
// random name on the admin server, DROP ... WITH (FORCE) on cleanup.
func newPostgresURL() (string, func(), error) {
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	admin, err := sql.Open("pgx", adminURL())
	if err != nil {
		return "", nil, fmt.Errorf("open postgres admin: %w", err)
	}
	b := make([]byte, 6)
	if _, err := rand.Read(b); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("random database name: %w", err)
	}
	name := "lark_bench_" + hex.EncodeToString(b)
	if _, err := admin.ExecContext(ctx, `CREATE DATABASE "`+name+`"`); err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("create database %s: %w", name, err)
	}
	u, err := url.Parse(adminURL())
	if err != nil {
		admin.Close()
		return "", nil, fmt.Errorf("parse postgres url: %w", err)
	}
	u.Path = "/" + name
	cleanup := func() {
		defer admin.Close()
		ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
		defer cancel()
		if _, err := admin.ExecContext(ctx, `DROP DATABASE IF EXISTS "`+name+`" WITH (FORCE)`); err != nil {
			fmt.Fprintf(os.Stderr, "benchreport: drop database %s: %v\n", name, err)
		}
	}
	return u.String(), cleanup, nil
}

// buildLark compiles ./cmd/lark into dir and returns the binary's path. It
// runs from the module root, which main finds with `go env GOMOD`.
func buildLark(ctx context.Context, root, dir string) (string, error) {
	if out, err := exec.CommandContext(ctx, timeBin, "--version").CombinedOutput(); err != nil || !strings.Contains(string(out), "GNU") {
		return "", fmt.Errorf("the benchmarks measure each lark process with GNU time, and %s is missing or not GNU time (install the \"time\" package)", timeBin)
	}
	bin := filepath.Join(dir, "lark")
	cmd := exec.CommandContext(ctx, "go", "build", "-o", bin, "./cmd/lark")
	cmd.Dir = root
	if out, err := cmd.CombinedOutput(); err != nil {
		return "", fmt.Errorf("go build ./cmd/lark: %w\n%s", err, out)
	}
	return bin, nil
}
