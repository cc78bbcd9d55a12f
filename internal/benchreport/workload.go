package main

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
)

// writeSmallMigrations writes n small migrations into dir, cycling
// through the three kinds issue 3 names: create a table, index it, add a
// column to it.
func writeSmallMigrations(dir string, n int) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("create %s: %w", dir, err)
	}
	for i := 0; i < n; i++ {
		t := fmt.Sprintf("t%d", i-i%3)
		var body string
		switch i % 3 {
		case 0:
			body = fmt.Sprintf("    create_table(%q, add(\"name\", \"string\"), add(\"qty\", \"integer\", default = 0), timestamps())\n", t)
		case 1:
			body = fmt.Sprintf("    index(%q, [\"name\"])\n", t)
		case 2:
			body = fmt.Sprintf("    alter(%q, add(\"note\", \"text\"))\n", t)
		}
		path := filepath.Join(dir, fmt.Sprintf("%d_step_%d.star", 1_000_000+i, i))
		if err := os.WriteFile(path, []byte("def change():\n"+body), 0o644); err != nil {
			return fmt.Errorf("write %s: %w", path, err)
		}
	}
	return nil
}

// plannedMigration is one entry of `lark plan --json`.
type plannedMigration struct {
	Version    int64 `json:"version"`
	Statements []struct {
		SQL string `json:"SQL"`
	} `json:"statements"`
}

// planSQL asks lark for the exact statements `lark up` would run for the
// migrations in dir, so the raw SQL floor runs the same SQL.
func (e *Env) planSQL(ctx context.Context, dir, dbURL string) ([]plannedMigration, error) {
	r, err := e.RunLark(ctx, filepath.Dir(dir), "--database", dbURL, "--dir", dir, "plan", "--json")
	if err != nil {
		return nil, err
	}
	var plan []plannedMigration
	if err := json.Unmarshal([]byte(r.Stdout), &plan); err != nil {
		return nil, fmt.Errorf("decode lark plan --json: %w", err)
	}
	return plan, nil
}

// rawFloor applies plan with nothing but database/sql: one connection, one
// transaction per migration holding its statements and an Ecto-style
// version row. It is the floor lark is measured against.
func rawFloor(ctx context.Context, driver, dsn string, plan []plannedMigration) error {
	db, err := sql.Open(driver, dsn)
	if err != nil {
		return fmt.Errorf("open %s: %w", driver, err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return fmt.Errorf("connect %s: %w", driver, err)
	}
	defer conn.Close()
	begin, ph := "BEGIN", "$1"
	if driver == "sqlite" {
		begin, ph = "BEGIN IMMEDIATE", "?1"
	}
	if _, err := conn.ExecContext(ctx, "CREATE TABLE IF NOT EXISTS schema_migrations (version bigint PRIMARY KEY, inserted_at timestamp(0))"); err != nil {
		return fmt.Errorf("create versions table: %w", err)
	}
	insert := "INSERT INTO schema_migrations (version, inserted_at) VALUES (" + ph + ", CURRENT_TIMESTAMP)"
	for _, m := range plan {
		if _, err := conn.ExecContext(ctx, begin); err != nil {
			return fmt.Errorf("begin %d: %w", m.Version, err)
		}
		for _, s := range m.Statements {
			if _, err := conn.ExecContext(ctx, s.SQL); err != nil {
				return fmt.Errorf("migration %d: %s: %w", m.Version, strings.TrimSpace(s.SQL), err)
			}
		}
		if _, err := conn.ExecContext(ctx, insert, m.Version); err != nil {
			return fmt.Errorf("record %d: %w", m.Version, err)
		}
		if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
			return fmt.Errorf("commit %d: %w", m.Version, err)
		}
	}
	return nil
}

// sqliteDSN is how lark opens a SQLite file (see package connect); the
// floor opens it the same way.
func sqliteDSN(path string) string {
	return "file:" + path + "?_pragma=foreign_keys(1)&_pragma=busy_timeout(30000)"
}
