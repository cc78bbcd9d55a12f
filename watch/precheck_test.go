package watch

import (
	"context"
	"regexp"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/engine/eval"
)

// rolledBack matches an action's summary that rolled something back.
var rolledBack = regexp.MustCompile(`rolled back \d`)

const (
	tableA = `def change():
    create_table("a", add("name", "string"))
`
	tableB = `def change():
    create_table("b",
        add("x", "string", null = False))
`
	tableC = `def change():
    create_table("c", add("y", "string"))
`
	tableBIndexed = `def change():
    create_table("b",
        add("x", "string", null = False),
        add("z", "integer"))
    index("b", ["z"])
`
)

// TestEvalErrorActsOnNothing edits an applied migration, the second of
// three, so that it parses but fails when evaluated: an unknown option, a
// wrong argument type, fail(). Watch must find that before rolling anything
// back: the error is printed at its file:line:col, the schema and the
// versions stay as they were, and watching goes on. Fixing the file then
// reworks it and the one after it.
func TestEvalErrorActsOnNothing(t *testing.T) {
	t.Parallel()
	kinds(t, func(t *testing.T, kind string) {
		h := newHarness(t, kind, map[string]string{"1_a.star": tableA, "2_b.star": tableB, "3_c.star": tableC})
		h.start(Config{})
		h.waitOutput("start: applied 1_a, 2_b, 3_c (")
		h.converge("start")
		wantSchema, wantVersions := h.state(h.db)

		for _, bad := range []struct{ name, src, pos, msg string }{
			{"unknown option", strings.Replace(tableB, "null = False", "nul = False", 1), `2_b\.star:3:\d+`, `unknown option "nul"`},
			{"wrong argument type", strings.Replace(tableB, `"x"`, `42`, 1), `2_b\.star:3:\d+`, `add: `},
			{"fail()", tableB + "    fail(\"not yet\")\n", `2_b\.star:4:\d+`, `not yet`},
		} {
			m := h.mark()
			h.write("2_b.star", bad.src)
			out := h.waitOutputAfter(m, "fails to evaluate")
			if !regexp.MustCompile(`(?m)^` + bad.pos + `: .*` + regexp.QuoteMeta(bad.msg)).MatchString(out) {
				t.Errorf("%s: the error does not name %s with %q:\n%s", bad.name, bad.pos, bad.msg, out)
			}
			if since := h.out.String()[m:]; rolledBack.MatchString(since) || strings.Contains(since, "FAILED") {
				t.Errorf("%s: watch acted on a file that does not evaluate:\n%s", bad.name, h.out.String()[m:])
			}
			if !strings.Contains(out, "nothing was rolled back") {
				t.Errorf("%s: the message does not say that the database was left alone:\n%s", bad.name, out)
			}
			h.waitState(bad.name, wantSchema, wantVersions)
		}

		m := h.mark()
		h.write("2_b.star", tableBIndexed)
		h.converge("fix the file")
		h.waitOutputAfter(m, "2_b.star: rolled back 3_c, 2_b; applied 2_b, 3_c (")
	})
}

// TestEvalErrorLaterFile saves a good edit of an applied migration together
// with a later applied one that fails to evaluate (a branch switch, a
// search-and-replace): reworking the first would roll back the second
// without being able to apply it again, so nothing is done until both
// evaluate.
func TestEvalErrorLaterFile(t *testing.T) {
	t.Parallel()
	h := newHarness(t, "sqlite", map[string]string{"1_a.star": tableA, "2_b.star": tableB, "3_c.star": tableC})
	h.start(Config{})
	h.converge("start")
	wantSchema, wantVersions := h.state(h.db)

	m := h.mark()
	h.write("3_c.star", strings.Replace(tableC, `"string"`, `"string", nul = True`, 1))
	h.write("2_b.star", tableBIndexed)
	out := h.waitOutputAfter(m, "fails to evaluate")
	if !regexp.MustCompile(`(?m)^3_c\.star:2:\d+: `).MatchString(out) {
		t.Errorf("the error does not name 3_c.star:2:\n%s", out)
	}
	h.waitState("a later file fails", wantSchema, wantVersions)
	if rolledBack.MatchString(h.out.String()[m:]) {
		t.Errorf("watch rolled back migrations it could not apply again:\n%s", h.out.String()[m:])
	}

	h.write("3_c.star", tableC)
	h.converge("fix the later file")

	// Two new files, the second failing: rolling back and applying the
	// first loses nothing, so it is applied and the second waits.
	m = h.mark()
	h.write("5_e.star", "def change():\n    create_table(\"e\", add(\"v\", \"string\", nul = True))\n")
	h.write("4_d.star", strings.Replace(tableC, `"c"`, `"d"`, 1))
	out = h.waitOutputAfter(m, "5_e.star not applied: it fails to evaluate")
	if !strings.Contains(h.out.String()[m:], "applied 4_d (") || !regexp.MustCompile(`(?m)^5_e\.star:2:\d+: `).MatchString(out) {
		t.Errorf("want 4_d applied and 5_e's error at its line:\n%s", h.out.String()[m:])
	}
	if _, versions := h.state(h.db); versions != "1,2,3,4" {
		t.Errorf("versions %s, want 1,2,3,4", versions)
	}
}

// Data migrations: without a database query() returns no rows, so a
// script that checks what it read fails when evaluated the way lark plan
// does, though it works on the database. Such a failure, coming after a
// data builtin ran, must not keep watch from applying it.
const (
	seedUsers = `def up():
    create_table("users", add("name", "string"))
    flush()
    exec("INSERT INTO users (name) VALUES ('ann')")

def down():
    drop_table("users")
`
	renameUser = `def up():
    rows = query("SELECT count(*) AS n FROM users")
    if rows[0]["n"] != 1:
        fail("expected one user, found %d" % rows[0]["n"])
    exec("UPDATE users SET name = $1", "NAME")

def down():
    exec("UPDATE users SET name = 'ann'")
`
	// The same script with an unknown option before its first data
	// builtin: that failure cannot come from missing rows.
	renameUserBroken = `def up():
    alter("users", add("note", "text", nul = True))
    rows = query("SELECT count(*) AS n FROM users")
    exec("UPDATE users SET name = 'x'")

def down():
    exec("UPDATE users SET name = 'ann'")
`
)

func TestEvalDataMigration(t *testing.T) {
	t.Parallel()
	kinds(t, func(t *testing.T, kind string) {
		h := newHarness(t, kind, map[string]string{
			"1_users.star":  seedUsers,
			"2_rename.star": strings.Replace(renameUser, "NAME", "bob", 1),
			"3_c.star":      tableC,
		})
		h.start(Config{})
		h.waitOutput("start: applied 1_users, 2_rename, 3_c (")
		h.converge("start")
		h.wantName("bob")

		m := h.mark()
		h.write("2_rename.star", strings.Replace(renameUser, "NAME", "carl", 1))
		h.converge("edit the data migration")
		h.waitOutputAfter(m, "2_rename.star: rolled back 3_c, 2_rename; applied 2_rename, 3_c (")
		h.wantName("carl")

		wantSchema, wantVersions := h.state(h.db)
		m = h.mark()
		h.write("2_rename.star", renameUserBroken)
		out := h.waitOutputAfter(m, "fails to evaluate")
		if !regexp.MustCompile(`(?m)^2_rename\.star:2:\d+: .*"nul"`).MatchString(out) {
			t.Errorf("the error does not name 2_rename.star:2:\n%s", out)
		}
		h.waitState("a script error before any data builtin", wantSchema, wantVersions)
		h.wantName("carl")
	})
}

// wantName checks the one row of the users table.
func (h *harness) wantName(want string) {
	h.t.Helper()
	var got string
	if err := h.db.QueryRow("SELECT name FROM users").Scan(&got); err != nil || got != want {
		h.t.Errorf("users.name = %q (%v), want %q", got, err, want)
	}
}

// TestEvaluate checks, without a database, which evaluation failures hold
// a file back: the script's own, not those that may come from the empty
// results of data builtins evaluated without a database.
func TestEvaluate(t *testing.T) {
	t.Parallel()
	for _, tt := range []struct {
		name, src string
		want      string // "" when evaluate must pass
		// planFails marks a script whose run without a database fails,
		// but only after a data builtin ran: evaluate must pass it.
		planFails bool
	}{
		{"good", tableB, "", false},
		{"unknown option", strings.Replace(tableB, "null", "nul", 1), `2_b.star:3:12: add: unknown option "nul"`, false},
		{"loose column", "def change():\n    add(\"x\", \"string\")\n", "2_b.star:2:8: add: a column change must be passed", false},
		{"error in before_commit", tableB + "def before_commit():\n    fail(\"no\")\n", "2_b.star:5:9: fail: no", false},
		{"data then an empty result", renameUser, "", true},
		{"script error before any data", renameUserBroken, `2_b.star:2:23: add: unknown option "nul"`, false},
		{"data in after_begin", "def after_begin():\n    query(\"SELECT 1\")\n\n" + tableB + "    fail(\"empty\")\n", "", true},
		{"data inside an execute() function", `def fill():
    rows = query("SELECT id FROM users")
    exec("UPDATE users SET id = $1", rows[0].id)

def change():
    execute(fill, "SELECT 1")
`, "", true},
	} {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			s, err := eval.Load(context.Background(), fstest.MapFS{}, "2_b.star", []byte(tt.src), eval.Options{Dialect: "sqlite"})
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			if _, err := s.Run(context.Background(), engine.Up, nil); tt.planFails && err == nil {
				t.Fatal("the script runs without a database; the case tests nothing")
			}
			err = evaluate(context.Background(), s)
			switch {
			case tt.want == "" && err != nil:
				t.Errorf("evaluate = %v, want nil", err)
			case tt.want != "" && (err == nil || !strings.HasPrefix(err.Error(), tt.want)):
				t.Errorf("evaluate = %v, want %q...", err, tt.want)
			}
		})
	}
}
