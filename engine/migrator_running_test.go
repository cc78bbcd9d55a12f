package engine_test

import (
	"context"
	"testing"
	"testing/fstest"
	"time"

	"github.com/larkdb/lark/engine"
)

// TestStatusRunning reads the status of a migration outside a transaction
// (with disable_migration_lock) while another migrator applies it: it is
// "running", never "partial" (which would tell the user it failed), and
// "applied" once done.
func TestStatusRunning(t *testing.T) {
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
