package conformance_test

import (
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/engine/eval"
	"github.com/larkdb/lark/op"
	"github.com/larkdb/lark/scripts"
)

// examplesDir is examples/migrations, from this package's directory.
var examplesDir = filepath.Join("..", "..", "examples", "migrations")

// TestExamples applies every example migration in order through the engine
// on each database, compares the schema with a golden file, then reverts
// them all in reverse order from their logs and requires an empty schema.
func TestExamples(t *testing.T) {
	t.Parallel()
	fsys := os.DirFS(examplesDir)
	migrations, err := scripts.Discover(fsys)
	if err != nil {
		t.Fatalf("discover %s: %v", examplesDir, err)
	}
	if len(migrations) < 5 {
		t.Fatalf("found %d example migrations, want the whole set", len(migrations))
	}
	for _, d := range dialects {
		t.Run(d.name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db := freshDB(t, d.name)
			dia := d.new()
			type applied struct {
				file   string
				script *eval.Script
				log    op.Log
			}
			var done []applied
			for _, m := range migrations {
				s, err := eval.Load(ctx, fsys, m.File, m.Source, engine.ScriptOptions(dia))
				if err != nil {
					t.Fatalf("load %s: %v", m.File, err)
				}
				var log op.Log
				ran, err := session(ctx, t, db, dia, s.Settings.DisableDDLTransaction, func(e *executor) error {
					var err error
					log, err = s.Run(ctx, engine.Up, e)
					return err
				})
				if err != nil {
					t.Fatalf("up %s: %v\nSQL run:\n%s", m.File, err, strings.Join(ran, ";\n"))
				}
				done = append(done, applied{m.File, s, log})
			}
			golden(t, filepath.Join("testdata", "golden", "examples."+d.name+".schema"),
				snapshot(ctx, t, db, d.name, nil))

			for i := len(done) - 1; i >= 0; i-- {
				a := done[i]
				ran, err := session(ctx, t, db, dia, a.script.Settings.DisableDDLTransaction, func(e *executor) error {
					_, err := eval.Revert(ctx, a.log, a.script, e)
					return err
				})
				if err != nil {
					t.Fatalf("revert %s: %v\nSQL run:\n%s", a.file, err, strings.Join(ran, ";\n"))
				}
			}
			if got := snapshot(ctx, t, db, d.name, nil); got != "(no tables)\n" {
				t.Errorf("after reverting every example the schema is not empty:\n%s", got)
			}
			if views := countViews(ctx, t, db, d.name); views != 0 {
				t.Errorf("after reverting every example %d view(s) remain", views)
			}
		})
	}
}

// countViews counts the views in the default schema, which snapshots do
// not describe.
func countViews(ctx context.Context, t *testing.T, db *sql.DB, dialectName string) int {
	t.Helper()
	q := `SELECT count(*) FROM sqlite_master WHERE type = 'view'`
	if dialectName == "postgres" {
		q = `SELECT count(*) FROM information_schema.views WHERE table_schema = 'public'`
	}
	var n int
	if err := db.QueryRowContext(ctx, q).Scan(&n); err != nil {
		t.Fatalf("count views: %v", err)
	}
	return n
}
