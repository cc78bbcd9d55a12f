package main

import (
	"bytes"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/larkdb/lark/internal/testdb"
)

// lockedBuffer is an io.Writer that lark writes while the test reads it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// TestWatchInterrupt runs `lark watch` in-process, saves a migration, and
// stops it with SIGINT, as Ctrl-C does: it must apply the file, then exit
// 0 with the database intact.
func TestWatchInterrupt(t *testing.T) {
	dir := filepath.Join(t.TempDir(), "migrations")
	if err := os.Mkdir(dir, 0o755); err != nil {
		t.Fatal(err)
	}
	db := testdb.SQLite(t)
	var stdout, stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"--database", "sqlite:" + db, "--dir", dir, "--log-sql", "watch", "--dump", db + ".txt"}, &stdout, &stderr)
	}()
	waitFor := func(s string) {
		t.Helper()
		for end := time.Now().Add(20 * time.Second); !strings.Contains(stdout.String(), s); {
			if time.Now().After(end) {
				t.Fatalf("no %q in the output:\n%s\nstderr:\n%s", s, stdout.String(), stderr.String())
			}
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitFor("watching ")
	src := "def change():\n    create_table(\"users\", add(\"name\", \"string\"))\n"
	if err := os.WriteFile(filepath.Join(dir, "1_users.star"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("1_users.star: applied 1_users")
	if !strings.Contains(stderr.String(), `CREATE TABLE "users"`) {
		t.Errorf("--log-sql did not show the SQL:\n%s", stderr.String())
	}
	if err := syscall.Kill(os.Getpid(), syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	select {
	case code := <-done:
		if code != 0 {
			t.Errorf("exit %d after SIGINT, want 0; stderr:\n%s", code, stderr.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("lark watch did not stop on SIGINT")
	}
	conn, err := sql.Open("sqlite", testdb.SQLiteDSN(db))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT count(*) FROM schema_migrations").Scan(&n); err != nil || n != 1 {
		t.Errorf("versions: %d rows (%v), want 1", n, err)
	}
	dump, err := os.ReadFile(db + ".txt")
	if err != nil || !strings.Contains(string(dump), "table users") {
		t.Errorf("--dump file: %q (%v), want the users table", dump, err)
	}
}
