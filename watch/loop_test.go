package watch

import (
	"context"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/larkdb/lark/engine"
)

// fakeClock is a [Clock] that moves only when the test says so.
type fakeClock struct {
	mu      sync.Mutex
	now     time.Time
	waiters []waiter
}

type waiter struct {
	at time.Time
	ch chan time.Time
}

func (c *fakeClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *fakeClock) After(d time.Duration) <-chan time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	ch := make(chan time.Time, 1) // buffered: a timer nobody reads any more never blocks
	if d <= 0 {
		ch <- c.now
		return ch
	}
	c.waiters = append(c.waiters, waiter{c.now.Add(d), ch})
	return ch
}

// Advance moves the clock and fires the timers that are due.
func (c *fakeClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
	kept := c.waiters[:0]
	for _, w := range c.waiters {
		if w.at.After(c.now) {
			kept = append(kept, w)
			continue
		}
		w.ch <- c.now
	}
	c.waiters = kept
}

// TestDebounce checks, on a clock the test drives, that a burst of 20
// saves is one action, and that nothing happens before the quiet period
// has passed.
func TestDebounce(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", map[string]string{"1_users.star": users})
	clock := &fakeClock{now: time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)}
	seen := make(chan string, 1000)
	h.start(Config{Clock: clock, Quiet: 50 * time.Millisecond, onEvent: func(rel string) { seen <- rel }})
	h.converge("start")
	before, beforeVersions := h.state(h.db)

	for i := 0; i < 20; i++ {
		h.write("2_posts.star", posts+strings.Repeat("\n", i))
	}
	// An event on another file marks the end of the burst: inotify reports
	// a directory's events in order.
	h.write("zz_marker.star", "# not a migration\n")
	end := time.Now().Add(deadline)
	for marker := false; !marker; {
		select {
		case rel := <-seen:
			marker = rel == "zz_marker.star"
		case <-time.After(time.Until(end)):
			t.Fatal("the loop never saw the marker event")
		}
	}
	// The clock has not moved: the burst must still be waiting.
	if got, versions := h.state(h.db); got != before || versions != beforeVersions {
		t.Fatalf("acted before the quiet period passed: versions %s\n%s", versions, h.out.String())
	}
	clock.Advance(49 * time.Millisecond)
	clock.Advance(time.Millisecond)
	h.converge("after the quiet period")
	out := h.waitOutput("2_posts.star")
	if n := strings.Count(out, "applied 2_posts"); n != 1 {
		t.Errorf("%d actions for one burst, want 1:\n%s", n, out)
	}
}

// TestNoLog checks that watch never rolls back a migration without a
// stored log (as Ecto leaves them): it says so and leaves the file alone,
// and still applies what does not need that rollback.
func TestNoLog(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", map[string]string{"1_users.star": users, "2_tags.star": tags})
	ctx := context.Background()
	if _, err := h.m.Up(ctx, engine.Target{}); err != nil {
		t.Fatal(err)
	}
	if _, err := h.db.ExecContext(ctx, "UPDATE schema_migrations SET op_log = NULL, checksum = NULL WHERE version = 2"); err != nil {
		t.Fatal(err)
	}
	h.start(Config{})
	h.waitOutput("start: up to date (2 applied)")
	before, beforeVersions := h.state(h.db)

	m := h.mark()
	h.write("1_users.star", strings.Replace(users, `"name"`, `"email"`, 1))
	h.waitOutputAfter(m, "no stored operation log")
	if out := h.out.String()[m:]; !strings.Contains(out, "would roll back 2_tags") {
		t.Errorf("the refusal does not name the migration:\n%s", out)
	}
	h.waitState("refused", before, beforeVersions)

	// A new migration after the Ecto one needs no rollback.
	h.write("3_posts.star", posts)
	h.waitOutputAfter(m, "3_posts.star: applied 3_posts")
	if _, versions := h.state(h.db); versions != "1,2,3" {
		t.Errorf("versions %s, want 1,2,3", versions)
	}
	if strings.Count(h.out.String(), "no stored operation log") != 1 {
		t.Errorf("the refusal is repeated; watch should stop acting on the file:\n%s", h.out.String())
	}
}

// TestRunConfig checks the errors of a Config that cannot work.
func TestRunConfig(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", nil)
	ctx := context.Background()
	for _, tt := range []struct {
		name string
		cfg  Config
		want string
	}{
		{"no migrator", Config{Dir: h.dir}, "Migrator is nil"},
		{"no dir", Config{Migrator: h.m}, "Dir is empty"},
		{"missing dir", Config{Migrator: h.m, Dir: h.dir + "/nope"}, "no such file"},
		{"remote", Config{Migrator: h.m, Dir: h.dir, Database: "postgres://db.example.com/app"}, `"db.example.com" is not local`},
	} {
		if err := Run(ctx, tt.cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("%s: Run = %v, want an error with %q", tt.name, err, tt.want)
		}
	}
}
