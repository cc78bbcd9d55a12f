package engine_test

import (
	"context"
	"os"
	"strings"
	"testing"

	"github.com/larkdb/lark/engine"
)

// TestDataExamples applies examples/data on both databases, checks what
// the data migrations wrote, plans one without touching data, and rolls
// everything back through the files' down().
func TestDataExamples(t *testing.T) {
	t.Parallel()
	fsys := os.DirFS("../examples/data")
	ctx := context.Background()
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			db, d := open(t, dbk.URL(t))
			m, err := engine.NewMigrator(db, d, fsys)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := m.Up(ctx, engine.Target{Step: 1}); err != nil {
				t.Fatal(err)
			}
			plans, err := m.Plan(ctx, engine.Up, engine.Target{})
			if err != nil {
				t.Fatal(err)
			}
			var sqls []string
			for _, p := range plans {
				for _, s := range p.Statements {
					sqls = append(sqls, s.SQL)
				}
			}
			all := strings.Join(sqls, "\n")
			for _, want := range []string{"-- batches of 500\nSELECT id, full_name FROM people", "-- backfill in batches of 1000 by id with $1 = 3"} {
				if !strings.Contains(all, want) {
					t.Errorf("plan lacks %q:\n%s", want, all)
				}
			}
			if n := count(t, db, "SELECT count(*) FROM people WHERE full_name = 'Ada Lovelace'"); n != 1 {
				t.Errorf("plan changed data")
			}
			if _, err := m.Up(ctx, engine.Target{}); err != nil {
				t.Fatal(err)
			}
			if n := count(t, db, "SELECT count(*) FROM people WHERE first_name = 'Grace' AND last_name = 'Brewster Hopper'"); n != 1 {
				t.Errorf("names not split")
			}
			if n := count(t, db, "SELECT count(*) FROM people WHERE first_name = 'Élodie' AND last_name = 'Ünal'"); n != 1 {
				t.Errorf("unicode name not split")
			}
			if n := count(t, db, "SELECT count(*) FROM people WHERE bucket = 'regular'"); n != 2 {
				t.Errorf("%d regulars, want 2", n)
			}
			if _, err := m.Down(ctx, engine.Target{Step: 2}); err != nil {
				t.Fatal(err)
			}
			if n := count(t, db, "SELECT count(*) FROM people WHERE full_name = 'Grace Brewster Hopper'"); n != 1 {
				t.Errorf("down() did not restore full_name")
			}
		})
	}
}
