package engine_test

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/internal/testdb"
)

// TestStatusRunning reads the status of a migration outside a transaction
// (with disable_migration_lock) while another migrator applies it: it is
// "running", never "partial" (which would tell the user it failed), and
// "applied" once done.
func TestStatusRunning(t *testing.T) {
	t.Parallel()
	script := `disable_ddl_transaction = True
disable_migration_lock = True

def up():
    exec("CREATE TABLE slow (x integer)")
    for i in range(30):
        exec("INSERT INTO slow VALUES ($1)", i)
        for j in range(100000):
            pass

def down():
    exec("DROP TABLE slow")
`
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			url := dbk.URL(t)
			fsys := fstest.MapFS{"1_first.star": src("def change():\n    create_table(\"first\", add(\"x\", \"integer\"))\n"), "2_slow.star": src(script)}
			db, d := open(t, url)
			runner, err := engine.NewMigrator(db, d, fsys, engine.WithMaxSteps(1_000_000_000))
			if err != nil {
				t.Fatal(err)
			}
			done := make(chan error, 1)
			go func() {
				_, err := runner.Up(context.Background(), engine.Target{})
				done <- err
			}()
			db2, d2 := open(t, url)
			watcher, err := engine.NewMigrator(db2, d2, fsys)
			if err != nil {
				t.Fatal(err)
			}
			seen := map[string]int{}
			for finished := false; !finished; {
				select {
				case err := <-done:
					if err != nil {
						t.Fatalf("up: %v", err)
					}
					finished = true
				case <-time.After(10 * time.Millisecond):
				}
				st, err := watcher.Status(context.Background())
				if err != nil {
					t.Fatal(err)
				}
				state := st[1].State
				if finished && state != engine.StateApplied {
					t.Errorf("after up: state %q, want applied", state)
				}
				if !finished {
					seen[state]++
				}
			}
			if seen[engine.StatePartial] > 0 {
				t.Errorf("status showed the running migration as partial (failed) %d times: %v", seen[engine.StatePartial], seen)
			}
			if seen[engine.StateRunning] == 0 {
				t.Errorf("status never showed the migration as running: %v", seen)
			}
		})
	}
}

// TestProgressTotalEstimate: on PostgreSQL a loop over more rows than
// exactCountUpTo (1,000,000) takes its total from the planner's estimate
// instead of counting the whole table before the first batch; smaller ones
// are counted exactly.
func TestProgressTotalEstimate(t *testing.T) {
	t.Parallel()
	if testing.Short() {
		t.Skip("fills a table of 1.2 million rows")
	}
	url := testdb.Postgres(t)
	db, d := open(t, url)
	for _, q := range []string{
		// Unlogged, and keyed once filled: the same table, made in a
		// third of the time.
		"CREATE UNLOGGED TABLE big (id bigint, n integer) WITH (autovacuum_enabled = false)",
		"INSERT INTO big SELECT g, 0 FROM generate_series(1, 1200000) g",
		"ALTER TABLE big ADD PRIMARY KEY (id)",
		"CREATE TABLE small (id bigint PRIMARY KEY, n integer)",
		"INSERT INTO small SELECT g, 0 FROM generate_series(1, 5000) g",
		"ANALYZE big",
		"ANALYZE small",
		// Half the rows go after ANALYZE: the estimate still says about
		// 1.2 million, an exact count would say 600,000.
		"DELETE FROM big WHERE id > 600000",
	} {
		if _, err := db.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	fsys := fstest.MapFS{"1_peek.star": src(`def up():
    for rows in batches("SELECT id FROM big WHERE n = $1", 0, size = 10):
        break
    for rows in batches("SELECT id FROM small", size = 10):
        break
def down():
    pass
`)}
	var totals []int64
	m, err := engine.NewMigrator(db, d, fsys, engine.WithDataProgress(func(p engine.DataProgress) {
		if p.Rows == 0 && !p.Done {
			totals = append(totals, p.Total)
		}
	}))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Up(context.Background(), engine.Target{}); err != nil {
		t.Fatal(err)
	}
	if len(totals) != 2 {
		t.Fatalf("got %d first reports, want 2: %v", len(totals), totals)
	}
	if totals[0] < 1_080_000 || totals[0] > 1_320_000 {
		t.Errorf("big: total %d, want the planner's estimate of about 1,200,000 (not a count: 600,000)", totals[0])
	}
	if totals[1] != 5000 {
		t.Errorf("small: total %d, want the exact count 5000", totals[1])
	}
}
