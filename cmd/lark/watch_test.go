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
	// Not parallel: the SIGINT goes to the whole test process, and would
	// also stop any lark run another test has in progress in it.
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
	waitFor := func(s string) { t.Helper(); waitOutput(t, &stdout, &stderr, s) }
	waitFor("watching ")
	src := "def change():\n    create_table(\"users\", add(\"name\", \"string\"))\n"
	if err := os.WriteFile(filepath.Join(dir, "1_users.star"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	waitFor("1_users.star: applied 1_users")
	if !strings.Contains(stderr.String(), `CREATE TABLE "users"`) {
		t.Errorf("--log-sql did not show the SQL:\n%s", stderr.String())
	}
	interrupt(t, done, &stderr)
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

// waitOutput waits until lark's stdout contains s and returns stdout from
// s on.
func waitOutput(t *testing.T, stdout, stderr *lockedBuffer, s string) string {
	t.Helper()
	for end := time.Now().Add(20 * time.Second); ; {
		if out := stdout.String(); strings.Contains(out, s) {
			return out[strings.Index(out, s):]
		}
		if time.Now().After(end) {
			t.Fatalf("no %q in the output:\n%s\nstderr:\n%s", s, stdout.String(), stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// interrupt stops an in-process `lark watch` with SIGINT, as Ctrl-C does,
// and checks that it exits 0.
func interrupt(t *testing.T, done <-chan int, stderr *lockedBuffer) {
	t.Helper()
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
}

// TestWatchErrorPaths checks that watch prints a script error the way
// lark up does, at a path from the working directory
// (migrations/2_b.star:3:12), and that a file that fails to evaluate is
// not acted on: the migrations after it stay applied.
func TestWatchErrorPaths(t *testing.T) {
	// Not parallel: it changes the working directory, and sends SIGINT to
	// the test process (see TestWatchInterrupt).
	t.Chdir(t.TempDir())
	if err := os.Mkdir("migrations", 0o755); err != nil {
		t.Fatal(err)
	}
	write := func(name, src string) {
		t.Helper()
		if err := os.WriteFile(filepath.Join("migrations", name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	table := func(name string) string {
		return "def change():\n    create_table(\"" + name + "\",\n        add(\"x\", \"string\", null = False))\n"
	}
	write("1_a.star", table("a"))
	write("2_b.star", table("b"))
	write("3_c.star", table("c"))
	db := testdb.SQLite(t)
	var stdout, stderr lockedBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"--database", "sqlite:" + db, "--dir", "migrations", "watch"}, &stdout, &stderr)
	}()
	waitOutput(t, &stdout, &stderr, "watching migrations")
	waitOutput(t, &stdout, &stderr, "start: applied 1_a, 2_b, 3_c")

	broken := strings.Replace(table("b"), "null = False", "nul = False", 1)
	write("2_b.star", broken)
	out := waitOutput(t, &stdout, &stderr, "2_b.star: not acting: 2_b.star fails to evaluate; nothing was rolled back")
	lines := strings.Split(out, "\n")
	if len(lines) < 2 || !strings.HasPrefix(lines[1], "migrations/2_b.star:3:12: add: unknown option \"nul\"") {
		t.Fatalf("watch did not print the error at migrations/2_b.star:3:12:\n%s", out)
	}
	watchErr := lines[1]
	interrupt(t, done, &stderr)
	if got := stdout.String(); strings.Contains(got, "rolled back 3_c") || strings.Contains(got, "FAILED") {
		t.Errorf("watch acted on a file that does not evaluate:\n%s", got)
	}
	conn, err := sql.Open("sqlite", testdb.SQLiteDSN(db))
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	var n int
	if err := conn.QueryRow("SELECT count(*) FROM schema_migrations").Scan(&n); err != nil || n != 3 {
		t.Errorf("versions: %d rows (%v), want all 3 still applied", n, err)
	}

	// lark up on a fresh database stops at the same file: same line.
	var upOut, upErr bytes.Buffer
	if code := run([]string{"--database", "sqlite:" + testdb.SQLite(t), "--dir", "migrations", "up"}, &upOut, &upErr); code != 1 {
		t.Fatalf("lark up: exit %d, want 1; stderr:\n%s", code, upErr.String())
	}
	if first, _, _ := strings.Cut(upErr.String(), "\n"); first != watchErr {
		t.Errorf("lark up and lark watch print the error differently:\nup:    %s\nwatch: %s", first, watchErr)
	}
}
