package watch

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/larkdb/lark/connect"
	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/internal/testdb"
)

// deadline bounds every wait for the loop. It is generous: tests never
// assert timings, they only wait for states.
const deadline = 20 * time.Second

// harness runs [Run] on a t.TempDir() against a real database and lets a
// test edit files and wait for the database to follow.
type harness struct {
	t    *testing.T
	kind string // "sqlite" or "postgres"
	dir  string
	url  string
	db   *sql.DB
	m    *engine.Migrator
	out  *syncBuffer
	done chan error
	stop context.CancelFunc
}

// syncBuffer is an io.Writer the loop writes and the test reads.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// openDB returns a fresh database of kind, its URL and its driver.
func openDB(t *testing.T, kind string) (*sql.DB, string) {
	t.Helper()
	if kind == "postgres" {
		db, url := testdb.OpenPostgres(t)
		return db, url
	}
	db, path := testdb.OpenSQLite(t)
	return db, "sqlite:" + path
}

// newHarness writes files into a fresh directory and opens a fresh
// database; start runs the loop.
func newHarness(t *testing.T, kind string, files map[string]string) *harness {
	t.Helper()
	h := &harness{t: t, kind: kind, dir: t.TempDir(), out: &syncBuffer{}}
	for name, src := range files {
		h.write(name, src)
	}
	h.db, h.url = openDB(t, kind)
	target, err := connect.Parse(h.url)
	if err != nil {
		t.Fatal(err)
	}
	h.m, err = engine.NewMigrator(h.db, target.Dialect(), os.DirFS(h.dir))
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// start runs the loop with cfg (Migrator, Dir, Out and Database filled
// in) and stops it when the test ends, failing the test if it does not
// stop cleanly.
func (h *harness) start(cfg Config) {
	h.t.Helper()
	cfg.Migrator, cfg.Dir, cfg.Out, cfg.Database = h.m, h.dir, h.out, h.url
	ctx, cancel := context.WithCancel(context.Background())
	h.stop, h.done = cancel, make(chan error, 1)
	go func() { h.done <- Run(ctx, cfg) }()
	h.t.Cleanup(func() { h.shutdown() })
	h.waitOutput("watching ")
}

// shutdown cancels the loop and waits for Run to return.
func (h *harness) shutdown() {
	if h.stop == nil {
		return
	}
	h.stop()
	h.stop = nil
	select {
	case err := <-h.done:
		if err != nil {
			h.t.Errorf("Run returned %v after cancel, want nil", err)
		}
	case <-time.After(deadline):
		h.t.Errorf("Run did not return after cancel")
	}
}

func (h *harness) path(name string) string { return filepath.Join(h.dir, filepath.FromSlash(name)) }

func (h *harness) write(name, src string) {
	h.t.Helper()
	if err := os.MkdirAll(filepath.Dir(h.path(name)), 0o755); err != nil {
		h.t.Fatal(err)
	}
	if err := os.WriteFile(h.path(name), []byte(src), 0o644); err != nil {
		h.t.Fatal(err)
	}
}

// atomicWrite saves the way many editors do: write a temporary file, then
// rename it over the target.
func (h *harness) atomicWrite(name, src string) {
	h.t.Helper()
	tmp := h.path(name) + ".tmp~"
	if err := os.WriteFile(tmp, []byte(src), 0o644); err != nil {
		h.t.Fatal(err)
	}
	if err := os.Chmod(tmp, 0o644); err != nil {
		h.t.Fatal(err)
	}
	if err := os.Rename(tmp, h.path(name)); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) remove(name string) {
	h.t.Helper()
	if err := os.Remove(h.path(name)); err != nil {
		h.t.Fatal(err)
	}
}

func (h *harness) rename(from, to string) {
	h.t.Helper()
	if err := os.Rename(h.path(from), h.path(to)); err != nil {
		h.t.Fatal(err)
	}
}

// expected applies the directory as it is now to a fresh database and
// returns that database's schema and versions: what the watched database
// must converge to.
func (h *harness) expected() (string, string) {
	h.t.Helper()
	snap := h.t.TempDir()
	if err := os.CopyFS(snap, os.DirFS(h.dir)); err != nil {
		h.t.Fatal(err)
	}
	db, url := openDB(h.t, h.kind)
	target, _ := connect.Parse(url)
	m, err := engine.NewMigrator(db, target.Dialect(), os.DirFS(snap))
	if err != nil {
		h.t.Fatal(err)
	}
	if _, err := m.Up(context.Background(), engine.Target{}); err != nil {
		h.t.Fatalf("reference database: up: %v", err)
	}
	return h.stateOf(m, db)
}

// state returns the watched database's schema and its applied versions;
// db is the watched database, h.db.
func (h *harness) state(db *sql.DB) (string, string) { return h.stateOf(h.m, db) }

// stateOf returns the schema and applied versions of db, which m migrates.
func (h *harness) stateOf(m *engine.Migrator, db *sql.DB) (string, string) {
	h.t.Helper()
	s, v, err := readState(m, db)
	if err != nil {
		h.t.Fatal(err)
	}
	return s, v
}

// readState reads the schema (through the dialect's catalog reader) and
// applied versions of db, which m migrates. It fails when the loop changes
// the schema while it reads, so pollers retry.
func readState(m *engine.Migrator, db *sql.DB) (string, string, error) {
	ctx := context.Background()
	s, err := m.ReadSchema(ctx)
	if err != nil {
		return "", "", err
	}
	rows, err := db.QueryContext(ctx, "SELECT version FROM schema_migrations ORDER BY version")
	if err != nil {
		return s.String(), "error: " + err.Error(), nil
	}
	defer rows.Close()
	var vs []string
	for rows.Next() {
		var v string
		if err := rows.Scan(&v); err != nil {
			return "", "", err
		}
		vs = append(vs, v)
	}
	return s.String(), strings.Join(vs, ","), rows.Err()
}

// converge waits until the watched database holds exactly what the
// directory's files say.
func (h *harness) converge(step string) {
	h.t.Helper()
	want, wantVersions := h.expected()
	h.waitState(step, want, wantVersions)
}

// waitState waits for the watched database's schema and versions.
func (h *harness) waitState(step, want, wantVersions string) {
	h.t.Helper()
	end := time.Now().Add(deadline)
	for {
		got, gotVersions, err := readState(h.m, h.db)
		if err == nil && got == want && gotVersions == wantVersions {
			return
		}
		if time.Now().After(end) {
			h.t.Fatalf("%s: the database did not follow the files (last read error: %v)\nversions %s, want %s\nschema:\n%s\nwant:\n%s\noutput:\n%s",
				step, err, gotVersions, wantVersions, got, want, h.out.String())
		}
		time.Sleep(20 * time.Millisecond)
	}
}

// waitOutput waits until the loop's output contains s, and returns the
// output from s on.
func (h *harness) waitOutput(s string) string {
	h.t.Helper()
	end := time.Now().Add(deadline)
	for {
		out := h.out.String()
		if i := strings.Index(out, s); i >= 0 {
			return out[i:]
		}
		if time.Now().After(end) {
			h.t.Fatalf("no %q in the output:\n%s", s, out)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// mark returns the output's length, so a later wait can look only at what
// came after it.
func (h *harness) mark() int { return len(h.out.String()) }

// waitOutputAfter waits for s in the output written after mark.
func (h *harness) waitOutputAfter(mark int, s string) string {
	h.t.Helper()
	end := time.Now().Add(deadline)
	for {
		out := h.out.String()[mark:]
		if i := strings.Index(out, s); i >= 0 {
			return out[i:]
		}
		if time.Now().After(end) {
			h.t.Fatalf("no %q in the output since the last step:\n%s", s, out)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// kinds runs f on SQLite and on PostgreSQL (skipped when it is down,
// except under CI=true).
func kinds(t *testing.T, f func(t *testing.T, kind string)) {
	for _, kind := range []string{"sqlite", "postgres"} {
		t.Run(kind, func(t *testing.T) {
			t.Parallel()
			if kind == "postgres" {
				testdb.Postgres(t)
			}
			f(t, kind)
		})
	}
}
