package engine_test

import (
	"context"
	"database/sql"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/larkdb/lark/engine"
)

// TestOldLogIndexNamesRollBack: lark once named an index on an expression
// by removing the characters outside [A-Za-z0-9_] (posts_lowertitle_index)
// where Ecto, and lark now, replace them (posts_lower_title_index). A
// migration applied by such a lark must still roll back the index it
// created. Its stored log holds the old name, which decoding keeps; a log
// holding no name (which no lark wrote, but which would mean the same
// thing) gets the old rule's name. The test applies a migration, then
// makes the database and the stored log what the older lark left (indexes
// under the old names; one log entry naming its index, one not) and rolls
// back, on both databases.
func TestOldLogIndexNamesRollBack(t *testing.T) {
	t.Parallel()
	fsys := fstest.MapFS{
		"1_posts.star": src(`def change():
    create_table("posts", add("title", "text"), add("slug", "text"))
`),
		"2_indexes.star": src(`def change():
    index("posts", ["lower(title)"])
    index("posts", ["upper(slug)"])
    index("posts", ["slug"])
`),
	}
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, d := open(t, dbk.URL(t))
			m, err := engine.NewMigrator(db, d, fsys)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := m.Up(ctx, engine.Target{}); err != nil {
				t.Fatal(err)
			}
			want := []string{"posts_lower_title_index", "posts_slug_index", "posts_upper_slug_index"}
			if got := indexNames(t, db, dbk.Name); strings.Join(got, " ") != strings.Join(want, " ") {
				t.Fatalf("after up: indexes %q, want %q", got, want)
			}

			// What the older lark left behind.
			rename := func(from, to, def string) {
				t.Helper()
				q := `ALTER INDEX "` + from + `" RENAME TO "` + to + `"`
				if dbk.Name == "sqlite" { // SQLite cannot rename an index
					q = `DROP INDEX "` + from + `"; CREATE INDEX "` + to + `" ON posts (` + def + `)`
				}
				if _, err := db.ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			rename("posts_lower_title_index", "posts_lowertitle_index", "lower(title)")
			rename("posts_upper_slug_index", "posts_upperslug_index", "upper(slug)")
			var log string
			if err := db.QueryRowContext(ctx, `SELECT op_log FROM schema_migrations WHERE version = 2`).Scan(&log); err != nil {
				t.Fatal(err)
			}
			old := strings.NewReplacer(
				`"name":"posts_lower_title_index"`, `"name":"posts_lowertitle_index"`, // named, old rule
				`"name":"posts_upper_slug_index"`, `"name":""`, // no name
			).Replace(log)
			if old == log || strings.Count(old, `"name":"posts_lowertitle_index"`) != 1 || strings.Count(old, `"name":""`) != 1 {
				t.Fatalf("the stored log is not as expected: %s", log)
			}
			q := `UPDATE schema_migrations SET op_log = $1 WHERE version = 2`
			if dbk.Name == "sqlite" {
				q = `UPDATE schema_migrations SET op_log = ? WHERE version = 2`
			}
			if _, err := db.ExecContext(ctx, q, old); err != nil {
				t.Fatal(err)
			}

			plans, err := m.Plan(ctx, engine.Down, engine.Target{Step: 1})
			if err != nil {
				t.Fatal(err)
			}
			var sqls []string
			for _, s := range plans[0].Statements {
				sqls = append(sqls, s.SQL)
			}
			plan := strings.Join(sqls, "\n")
			for _, name := range []string{"posts_lowertitle_index", "posts_upperslug_index", "posts_slug_index"} {
				if !strings.Contains(plan, `"`+name+`"`) {
					t.Errorf("plan down does not drop %s:\n%s", name, plan)
				}
			}
			if _, err := m.Down(ctx, engine.Target{Step: 1}); err != nil {
				t.Fatalf("down: %v", err)
			}
			if got := indexNames(t, db, dbk.Name); len(got) != 0 {
				t.Errorf("after down: indexes %q left on posts", got)
			}
		})
	}
}

// indexNames lists the indexes of table posts that are not its primary key,
// sorted.
func indexNames(t *testing.T, db *sql.DB, kind string) []string {
	t.Helper()
	q := `SELECT indexname FROM pg_indexes WHERE tablename = 'posts' AND indexname <> 'posts_pkey' ORDER BY indexname`
	if kind == "sqlite" {
		q = `SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'posts' AND sql IS NOT NULL ORDER BY name`
	}
	rows, err := db.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var n string
		if err := rows.Scan(&n); err != nil {
			t.Fatal(err)
		}
		out = append(out, n)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
