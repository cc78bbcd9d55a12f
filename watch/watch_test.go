package watch

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

const (
	users = `def change():
    create_table("users", add("name", "string", null = False))
`
	posts = `def change():
    create_table("posts",
        add("user_id", references("users")),
        add("body", "text"))
`
	postsTitled = `def change():
    create_table("posts",
        add("user_id", references("users")),
        add("title", "string"),
        add("body", "text"))
    index("posts", ["title"])
`
	postsBroken = `def change():
    create_table("posts",
        add("title" "string")))
`
	tags = `def change():
    create_table("tags", add("label", "string"))
`
	badSQL = `def change():
    execute("INSERT INTO no_such_table VALUES (1)", "SELECT 1")
`
	goodSQL = `def change():
    execute("CREATE TABLE fixed (id integer)", "DROP TABLE fixed")
`
	helper = `def cols(n):
    return [add("c%d" % i, "integer") for i in range(n)]
`
	helperMore = `def cols(n):
    return [add("c%d" % i, "integer") for i in range(n + 2)]
`
	usesHelper = `load("lib/cols.star", "cols")
def change():
    create_table("wide", *cols(2))
`
)

// TestWatch walks through a development session: create, edit (body and
// version), a syntax error then its fix, an out-of-order insert, an
// editor's atomic save, a burst of saves, an SQL error then its fix, a
// helper change, deletes. After each step the database must hold exactly
// what the files say.
func TestWatch(t *testing.T) {
	t.Parallel()
	kinds(t, func(t *testing.T, kind string) {
		h := newHarness(t, kind, map[string]string{"1_users.star": users})
		dump := filepath.Join(t.TempDir(), "schema.txt")
		h.start(Config{Dump: dump})
		h.waitOutput("start: applied 1_users (")
		h.converge("start")

		m := h.mark()
		h.write("2_posts.star", posts)
		h.converge("create")
		h.waitOutputAfter(m, "2_posts.star: applied 2_posts (")

		m = h.mark()
		h.write("2_posts.star", postsTitled)
		h.converge("edit the body")
		h.waitOutputAfter(m, "2_posts.star: rolled back 2_posts; applied 2_posts (")

		m = h.mark()
		h.rename("2_posts.star", "3_posts.star")
		h.converge("edit the version (rename)")
		h.waitOutputAfter(m, "applied 3_posts")

		// A syntax error: nothing is acted on, the error names the line.
		wantSchema, wantVersions := h.state(h.db)
		m = h.mark()
		h.write("3_posts.star", postsBroken)
		out := h.waitOutputAfter(m, "does not load")
		if !regexp.MustCompile(`(?m)^3_posts\.star:3:\d+: `).MatchString(out) {
			t.Errorf("the syntax error has no file:line:col:\n%s", out)
		}
		h.waitState("syntax error", wantSchema, wantVersions)
		h.write("3_posts.star", posts)
		h.converge("fix the syntax error")

		m = h.mark()
		h.write("2_tags.star", tags)
		h.converge("out-of-order insert")
		h.waitOutputAfter(m, "2_tags.star: rolled back 3_posts; applied 2_tags, 3_posts (")

		h.atomicWrite("3_posts.star", postsTitled)
		h.converge("atomic save")

		for i := 0; i < 20; i++ {
			h.write("3_posts.star", strings.Replace(posts, `add("body", "text")`, fmt.Sprintf(`add("body_%d", "text")`, i), 1))
		}
		h.converge("a burst of 20 saves")

		// An SQL error: printed with its position and SQL; the migration
		// stays unapplied and the rest of the database as it was.
		wantSchema, wantVersions = h.state(h.db)
		m = h.mark()
		h.write("4_data.star", badSQL)
		out = h.waitOutputAfter(m, "FAILED")
		if !regexp.MustCompile(`(?m)^4_data\.star:2:\d+: .*no_such_table`).MatchString(out) || !strings.Contains(out, "while running: INSERT INTO no_such_table") {
			t.Errorf("the SQL error lacks its position or SQL:\n%s", out)
		}
		h.waitState("SQL error", wantSchema, wantVersions)
		h.write("4_data.star", goodSQL)
		h.converge("fix the SQL error")

		h.write("lib/cols.star", helper)
		h.write("5_wide.star", usesHelper)
		h.converge("a migration with a helper in a subdirectory")
		m = h.mark()
		h.write("lib/cols.star", helperMore)
		h.converge("edit the helper")
		h.waitOutputAfter(m, "lib/cols.star: rolled back 5_wide; applied 5_wide (")

		m = h.mark()
		h.remove("2_tags.star")
		h.converge("delete an applied file")
		h.waitOutputAfter(m, "2_tags.star (deleted): rolled back 5_wide, 4_data, 3_posts, 2_tags; applied 3_posts, 4_data, 5_wide (")

		h.remove("5_wide.star")
		h.remove("4_data.star")
		h.converge("delete the last files")

		h.shutdown()
		got, err := os.ReadFile(dump)
		if err != nil {
			t.Fatal(err)
		}
		if want, _ := h.state(h.db); string(got) != want {
			t.Errorf("--dump file:\n%s\nwant the schema:\n%s", got, want)
		}
	})
}
