package engine_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/larkdb/lark/engine"
)

// TestStepLimitPerBatch checks that the step limit bounds the Starlark work
// of one batch of a batches() loop, not of the whole migration: a per-row
// transform over many rows must not fail part-way through a long data
// migration, while an endless loop inside one batch is still stopped.
func TestStepLimitPerBatch(t *testing.T) {
	t.Parallel()
	const limit = 5_000
	// 25 rows in batches of 5, each row costing about 220 steps:
	// about 5,500 steps in all (over the limit) but about 1,100 a batch.
	perRow := `disable_ddl_transaction = True
def up():
    seen = 0
    for rows in batches("SELECT id, name FROM items", size = 5, key = "id"):
        for r in rows:
            s = 0
            for i in range(20):
                s += i
            exec("UPDATE items SET n = $1 WHERE id = $2", s, r.id)
            seen += 1
    if seen != 25:
        fail("saw %d rows" % seen)
def down():
    pass
`
	endless := `disable_ddl_transaction = True
def up():
    for rows in batches("SELECT id FROM items", size = 5, key = "id"):
        if rows[0].id > 10:
            while True:
                pass
def down():
    pass
`
	outside := `def up():
    s = 0
    for i in range(3000):
        s += i
def down():
    pass
`
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			run := func(t *testing.T, script string) error {
				url := dbk.URL(t)
				db, d := open(t, url)
				fsys := fstest.MapFS{"1_setup.star": src(dataSetup), "2_data.star": src(script)}
				m, err := engine.NewMigrator(db, d, fsys, engine.WithMaxSteps(limit))
				if err != nil {
					t.Fatal(err)
				}
				_, err = m.Up(context.Background(), engine.Target{})
				if err == nil {
					if got := count(t, db, "SELECT count(*) FROM items WHERE n = 190"); script == perRow && got != 25 {
						t.Errorf("%d rows transformed, want 25", got)
					}
				}
				return err
			}
			t.Run("per-row transform over many batches", func(t *testing.T) {
				t.Parallel()
				if err := run(t, perRow); err != nil {
					t.Fatalf("a transform within the limit in each batch failed: %v", err)
				}
			})
			for name, script := range map[string]string{"endless loop in a batch": endless, "outside a batches loop": outside} {
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					err := run(t, script)
					if err == nil || !strings.Contains(err.Error(), "step limit of 5000 exceeded") || !strings.Contains(err.Error(), "2_data.star:") {
						t.Fatalf("got %v, want the step limit error with the file's position", err)
					}
				})
			}
		})
	}
}
