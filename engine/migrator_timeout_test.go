package engine_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/larkdb/lark/engine"
)

// slowScript is a migration that creates a table, then runs a statement
// that would take far longer than its statement_timeout: pg_sleep on
// PostgreSQL, an endless-looking recursive count on SQLite.
const slowScript = `%s
statement_timeout = "300ms"

def up():
    create_table("made_before", add("x", "integer"))
    flush()
    if dialect() == "postgres":
        %s("SELECT pg_sleep(20)")
    else:
        %s("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 5000000000) SELECT count(*) FROM c")

def down():
    drop_table("made_before")
`

// TestStatementTimeout checks that a statement_timeout stops a slow
// statement with an error at its script line naming the setting, and that
// what the migration did is rolled back (in a transaction) or recorded
// as partial (outside one).
func TestStatementTimeout(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, header, call string
		partial            bool
	}{
		{"in a transaction", "", "execute", false},
		{"without a transaction", "disable_ddl_transaction = True", "exec", true},
	}
	// The slow statement's line on each database.
	lines := map[string]string{"postgres": "1_slow.star:8:", "sqlite": "1_slow.star:10:"}
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
					defer cancel()
					script := strings.Replace(slowScript, "%s", tc.header, 1)
					script = strings.ReplaceAll(script, "%s", tc.call)
					db, d := open(t, dbk.URL(t))
					m, err := engine.NewMigrator(db, d, fstest.MapFS{"1_slow.star": src(script)})
					if err != nil {
						t.Fatal(err)
					}
					_, err = m.Up(ctx, engine.Target{})
					if ctx.Err() != nil {
						t.Fatal("the statement was not stopped by its statement_timeout")
					}
					if err == nil {
						t.Fatal("Up succeeded; want a statement_timeout error")
					}
					msg := err.Error()
					for _, want := range []string{lines[dbk.Name], `statement_timeout = "300ms" (1_slow.star:`} {
						if !strings.Contains(msg, want) {
							t.Errorf("error does not contain %q:\n%s", want, msg)
						}
					}
					var partial *engine.PartialError
					if got := errorsAs(err, &partial); got != tc.partial {
						t.Errorf("partial error = %v, want %v: %v", got, tc.partial, err)
					}
					tables := count(t, db, tableCountSQL(dbk.Name, "made_before"))
					if want := map[bool]int{false: 0, true: 1}[tc.partial]; tables != want {
						t.Errorf("made_before exists %d times after the failure, want %d", tables, want)
					}
				})
			}
		})
	}
}

// TestLockTimeout holds a lock on a table from another connection and
// checks that a migration with lock_timeout gives up with an error naming
// the setting, instead of waiting for the lock.
func TestLockTimeout(t *testing.T) {
	t.Parallel()
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
			defer cancel()
			url := dbk.URL(t)
			fsys := fstest.MapFS{"1_setup.star": src(dataSetup)}
			db, d := open(t, url)
			m, err := engine.NewMigrator(db, d, fsys)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := m.Up(ctx, engine.Target{}); err != nil {
				t.Fatal(err)
			}

			// Another process holds a lock: PostgreSQL's ACCESS EXCLUSIVE
			// on the table, SQLite's write lock on the database.
			other, _ := open(t, url)
			holder, err := other.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			defer holder.Close()
			lock := map[string][]string{
				"postgres": {"BEGIN", "LOCK TABLE items IN ACCESS EXCLUSIVE MODE"},
				"sqlite":   {"BEGIN IMMEDIATE"},
			}[dbk.Name]
			for _, q := range lock {
				if _, err := holder.ExecContext(ctx, q); err != nil {
					t.Fatal(err)
				}
			}
			defer holder.ExecContext(context.Background(), "ROLLBACK")

			fsys["2_alter.star"] = src(`lock_timeout = "200ms"

def change():
    alter("items", add("extra", "integer"))
`)
			_, err = m.Up(ctx, engine.Target{})
			if ctx.Err() != nil {
				t.Fatal("the migration waited for the lock instead of giving up after lock_timeout")
			}
			if err == nil {
				t.Fatal("Up succeeded while another connection held the lock")
			}
			msg := err.Error()
			wants := map[string][]string{
				// The ALTER waits for the lock: the error is at its line.
				"postgres": {"2_alter.star:4:10: ", "lock timeout", `lock_timeout = "200ms" (2_alter.star:1:1)`},
				// SQLite locks the whole database when the transaction
				// begins: the error is at the setting.
				"sqlite": {"2_alter.star:1:1: lock_timeout of 200ms exceeded", "database is locked"},
			}[dbk.Name]
			for _, want := range wants {
				if !strings.Contains(msg, want) {
					t.Errorf("error does not contain %q:\n%s", want, msg)
				}
			}
			if _, err := holder.ExecContext(ctx, "ROLLBACK"); err != nil {
				t.Fatal(err)
			}
			if _, err := m.Up(ctx, engine.Target{}); err != nil {
				t.Fatalf("once the lock is released the migration applies: %v", err)
			}
		})
	}
}

// TestTimeoutsDoNotLeak runs a migration with both timeouts and checks,
// inside it, that they are in force, and in the next migration on the same
// connection, that they are not.
func TestTimeoutsDoNotLeak(t *testing.T) {
	t.Parallel()
	const first = `%s
lock_timeout = "2s"
statement_timeout = "1500ms"

def up():
%s
def down():
    pass
`
	const second = `def up():
%s
def down():
    pass
`
	checks := map[string]struct{ during, after string }{
		"postgres": {
			`    assert_eq(query("SHOW lock_timeout")[0][0], "2s", "lock_timeout during")
    assert_eq(query("SHOW statement_timeout")[0][0], "1500ms", "statement_timeout during")
`,
			`    assert_eq(query("SHOW lock_timeout")[0][0], "0", "lock_timeout after")
    assert_eq(query("SHOW statement_timeout")[0][0], "0", "statement_timeout after")
`},
		"sqlite": {
			`    assert_eq(query("PRAGMA busy_timeout")[0][0], 2000, "busy_timeout during")
`,
			`    assert_eq(query("PRAGMA busy_timeout")[0][0], 30000, "busy_timeout after")
`},
	}
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			for _, mode := range []string{"", "disable_ddl_transaction = True"} {
				name := map[string]string{"": "in a transaction", "disable_ddl_transaction = True": "without a transaction"}[mode]
				t.Run(name, func(t *testing.T) {
					t.Parallel()
					c := checks[dbk.Name]
					fsys := fstest.MapFS{
						"1_with.star":    src(assertStar + strings.Replace(strings.Replace(first, "%s", mode, 1), "%s", c.during, 1)),
						"2_without.star": src(assertStar + strings.Replace(second, "%s", c.after, 1)),
						"3_again.star":   src(assertStar + "disable_ddl_transaction = True\n" + strings.Replace(second, "%s", c.after, 1)),
					}
					// Up runs every migration on one connection, so the later
					// ones run where the first one set its timeouts.
					db, d := open(t, dbk.URL(t))
					m, err := engine.NewMigrator(db, d, fsys)
					if err != nil {
						t.Fatal(err)
					}
					res, err := m.Up(context.Background(), engine.Target{})
					if err != nil {
						t.Fatal(err)
					}
					if len(res) != 3 {
						t.Errorf("applied %d migrations, want 3", len(res))
					}
				})
			}
		})
	}
}

func errorsAs[T error](err error, target *T) bool { return errors.As(err, target) }

// tableCountSQL counts the tables named name.
func tableCountSQL(db, name string) string {
	if db == "postgres" {
		return "SELECT count(*) FROM pg_tables WHERE tablename = '" + name + "'"
	}
	return "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '" + name + "'"
}
