package connect

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/larkdb/lark/internal/testdb"
)

func TestParse(t *testing.T) {
	t.Parallel()
	tests := []struct {
		url, kind, dsn, err string
	}{
		{"sqlite:lark.db", "sqlite", "file:lark.db?_pragma=foreign_keys(1)&_pragma=busy_timeout(30000)", ""},
		{"sqlite:///tmp/x.db", "sqlite", "file:/tmp/x.db?_pragma=foreign_keys(1)&_pragma=busy_timeout(30000)", ""},
		{"file:dev.db?_pragma=journal_mode(WAL)", "sqlite", "file:dev.db?_pragma=foreign_keys(1)&_pragma=busy_timeout(30000)&_pragma=journal_mode(WAL)", ""},
		{"postgres://u@h/db?sslmode=disable", "postgres", "postgres://u@h/db?sslmode=disable", ""},
		{"postgresql://u@h:5432/db", "postgres", "postgresql://u@h:5432/db", ""},
		{"postgres://u:secret@h/", "", "", "names no database"},
		{"mysql://h/db", "", "", `unknown scheme "mysql"`},
		{"lark.db", "", "", "no scheme"},
		{"sqlite:", "", "", "names no file"},
	}
	for _, tt := range tests {
		t.Run(tt.url, func(t *testing.T) {
			t.Parallel()
			got, err := Parse(tt.url)
			if tt.err != "" {
				if err == nil || !strings.Contains(err.Error(), tt.err) {
					t.Fatalf("err = %v, want %q", err, tt.err)
				}
				if strings.Contains(err.Error(), "secret") {
					t.Errorf("error shows the password: %v", err)
				}
				return
			}
			if err != nil || got.Dialect().Name() != tt.kind || got.DSN != tt.dsn {
				t.Errorf("Parse = %+v, %v; want kind %s dsn %s", got, err, tt.kind, tt.dsn)
			}
		})
	}
}

func TestLifecycleSQLite(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := "sqlite:" + filepath.Join(t.TempDir(), "x.db")
	for i, want := range []bool{true, false} {
		if created, err := Create(ctx, url); err != nil || created != want {
			t.Fatalf("Create #%d = %v, %v", i, created, err)
		}
	}
	db, d, err := Open(ctx, url)
	if err != nil || d.Name() != "sqlite" {
		t.Fatalf("Open = %v, %v", d, err)
	}
	db.Close()
	for i, want := range []bool{true, false} {
		if dropped, err := Drop(ctx, url); err != nil || dropped != want {
			t.Fatalf("Drop #%d = %v, %v", i, dropped, err)
		}
	}
	if _, err := os.Stat(url[len("sqlite:"):]); !os.IsNotExist(err) {
		t.Errorf("file still there: %v", err)
	}
}

func TestLifecyclePostgres(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := testdb.Postgres(t) // exists; drop it, then create it again
	if dropped, err := Drop(ctx, url); err != nil || !dropped {
		t.Fatalf("Drop = %v, %v", dropped, err)
	}
	if dropped, err := Drop(ctx, url); err != nil || dropped {
		t.Fatalf("second Drop = %v, %v", dropped, err)
	}
	for i, want := range []bool{true, false} {
		if created, err := Create(ctx, url); err != nil || created != want {
			t.Fatalf("Create #%d = %v, %v", i, created, err)
		}
	}
	db, d, err := Open(ctx, url)
	if err != nil || d.Name() != "postgres" {
		t.Fatalf("Open = %v, %v", d, err)
	}
	db.Close()
}
