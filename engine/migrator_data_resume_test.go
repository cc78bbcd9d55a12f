package engine_test

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/larkdb/lark/engine"
)

// cancelAfter is a --log-sql writer that cancels the run when the n-th
// statement containing marker is about to run: an interruption at a
// chosen point inside a batch.
type cancelAfter struct {
	mu     sync.Mutex
	marker string
	n      int
	cancel context.CancelFunc
}

func (c *cancelAfter) Write(p []byte) (int, error) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if strings.Contains(string(p), c.marker) {
		c.n--
		if c.n == 0 {
			c.cancel()
		}
	}
	return len(p), nil
}

// TestDataResume interrupts backfill() and keyed batches() loops (writing
// with exec and with exec_many) in the middle of a batch, then continues:
// every row is updated exactly once.
func TestDataResume(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, script, marker string
		stop                 int
	}{
		{"backfill", `disable_ddl_transaction = True
def up():
    exec("UPDATE items SET name = 'before'")
    backfill("items", set = "n = n + 1", batch_size = 4)
    exec("UPDATE items SET name = 'after' WHERE id = $1", 1)
def down():
    pass
`, `UPDATE "items" SET n = n + 1`, 3},
		{"batches", `disable_ddl_transaction = True
def up():
    for rows in batches("SELECT id FROM items", size = 4, key = "id"):
        for r in rows:
            exec("UPDATE items SET n = n + 1 WHERE id = $1", r.id)
    exec("UPDATE items SET name = 'after' WHERE id = $1", 1)
def down():
    pass
`, "UPDATE items SET n = n + 1", 11},
		{"batches with exec_many", `disable_ddl_transaction = True
def up():
    for rows in batches("SELECT id FROM items", size = 4, key = "id"):
        exec_many("UPDATE items SET n = n + 1 WHERE id = $1", [(r.id,) for r in rows])
    exec("UPDATE items SET name = 'after' WHERE id = $1", 1)
def down():
    pass
`, "UPDATE items SET n = n + 1", 3},
	}
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					url := dbk.URL(t)
					fsys := fstest.MapFS{"1_setup.star": src(dataSetup), "2_data.star": src(tc.script)}
					db, d := open(t, url)
					ctx, cancel := context.WithCancel(context.Background())
					defer cancel()
					m, err := engine.NewMigrator(db, d, fsys, engine.WithLogSQL(&cancelAfter{marker: tc.marker, n: tc.stop, cancel: cancel}))
					if err != nil {
						t.Fatal(err)
					}
					_, err = m.Up(ctx, engine.Target{})
					var pe *engine.PartialError
					if !errors.As(err, &pe) {
						t.Fatalf("interrupted run: got %v, want a PartialError", err)
					}
					if n := count(t, db, "SELECT count(*) FROM items WHERE n = 1"); n == 0 || n == 25 {
						t.Fatalf("%d rows updated after the interruption; want some, not all", n)
					}
					// The file is unchanged: the next up goes on where it stopped.
					m2, _ := engine.NewMigrator(db, d, fsys)
					if _, err := m2.Up(context.Background(), engine.Target{}); err != nil {
						t.Fatalf("up after the interruption: %v", err)
					}
					if n := count(t, db, "SELECT count(*) FROM items WHERE n = 1"); n != 25 {
						t.Errorf("%d of 25 rows have n = 1 after continuing", n)
					}
					if n := count(t, db, "SELECT count(*) FROM items WHERE n <> 1"); n != 0 {
						t.Errorf("%d rows updated twice or never", n)
					}
					if n := count(t, db, "SELECT count(*) FROM items WHERE name = 'after'"); n != 1 {
						t.Errorf("the statement after the loop ran %d times", n)
					}
				})
			}
		})
	}
}

// TestPartialDataDown interrupts an up()/down() data migration half-way,
// then rolls it back: the stored log holds a backfill, which cannot be
// inverted, so `down` runs the file's down() and the database is back to
// where it was before the migration.
func TestPartialDataDown(t *testing.T) {
	t.Parallel()
	script := `disable_ddl_transaction = True
def up():
    alter("items", add("m", "integer", default = 0))
    backfill("items", set = "m = n + 1", batch_size = 4)
def down():
    alter("items", remove("m"))
`
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			url := dbk.URL(t)
			fsys := fstest.MapFS{"1_setup.star": src(dataSetup), "2_data.star": src(script)}
			db, d := open(t, url)
			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			m, err := engine.NewMigrator(db, d, fsys, engine.WithLogSQL(&cancelAfter{marker: "SET m = n + 1", n: 3, cancel: cancel}))
			if err != nil {
				t.Fatal(err)
			}
			var pe *engine.PartialError
			if _, err := m.Up(ctx, engine.Target{}); !errors.As(err, &pe) {
				t.Fatalf("interrupted run: got %v, want a PartialError", err)
			}
			m2, _ := engine.NewMigrator(db, d, fsys)
			if _, err := m2.Down(context.Background(), engine.Target{}); err != nil {
				t.Fatalf("down of the partial migration: %v", err)
			}
			if n := count(t, db, "SELECT count(*) FROM schema_migrations"); n != 1 {
				t.Errorf("%d versions after down, want 1 (the setup)", n)
			}
			if _, err := db.Exec("SELECT m FROM items"); err == nil {
				t.Errorf("column m is still there: down() did not run")
			}
		})
	}
}
