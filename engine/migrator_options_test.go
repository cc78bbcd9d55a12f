package engine_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/internal/testdb"
)

// TestPrefixOnPostgres: --prefix puts the versions table and every op
// without a prefix of its own in that schema, and rolls back there too.
func TestPrefixOnPostgres(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, d := open(t, testdb.Postgres(t))
	if _, err := db.Exec(`CREATE SCHEMA app`); err != nil {
		t.Fatal(err)
	}
	fsys := fstest.MapFS{"1_users.star": src(`def change():
    create_table("users", add("email", "string"))
    index("users", ["email"])
`)}
	m, err := engine.NewMigrator(db, d, fsys, engine.WithPrefix("app"))
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Up(ctx, engine.Target{}); err != nil {
		t.Fatal(err)
	}
	tables := func() string {
		var got string
		if err := db.QueryRow(`SELECT coalesce(string_agg(table_schema || '.' || table_name, ',' ORDER BY table_schema, table_name), '')
			FROM information_schema.tables WHERE table_schema IN ('app', 'public')`).Scan(&got); err != nil {
			t.Fatal(err)
		}
		return got
	}
	if got, want := tables(), "app.schema_migrations,app.users"; got != want {
		t.Errorf("after up: tables %q, want %q", got, want)
	}
	if n := count(t, db, `SELECT count(*) FROM pg_indexes WHERE schemaname = 'app' AND indexname = 'users_email_index'`); n != 1 {
		t.Errorf("index not in schema app")
	}
	st, err := m.Status(ctx)
	if err != nil || len(st) != 1 || st[0].State != engine.StateApplied {
		t.Fatalf("status = %+v, %v", st, err)
	}
	if _, err := m.Down(ctx, engine.Target{}); err != nil {
		t.Fatal(err)
	}
	if got, want := tables(), "app.schema_migrations"; got != want {
		t.Errorf("after down: tables %q, want %q", got, want)
	}
}

// TestDisableMigrationLock: a migration that sets disable_migration_lock
// runs without the run's advisory lock (so it cannot block on, or hold up,
// another runner for its duration) but with a lock of its own, by which
// another runner can tell that it is running; the others run with the
// run's lock.
func TestDisableMigrationLock(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, d := open(t, testdb.Postgres(t))
	if _, err := db.Exec(`CREATE TABLE audit (what text, locks text)`); err != nil {
		t.Fatal(err)
	}
	body := func(what string) string {
		return `def up():
    n = query("SELECT coalesce(string_agg(classid::text || ':' || objid::text, ','), '') AS n FROM pg_locks WHERE locktype = 'advisory' AND granted AND database = (SELECT oid FROM pg_database WHERE datname = current_database())")[0].n
    exec("INSERT INTO audit VALUES ($1, $2)", "` + what + `", n)
def down():
    pass
`
	}
	fsys := fstest.MapFS{
		"1_locked.star":   src(body("locked")),
		"2_unlocked.star": src("disable_migration_lock = True\n" + body("unlocked")),
		"3_locked.star":   src(body("locked again")),
	}
	m, err := engine.NewMigrator(db, d, fsys)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := m.Up(ctx, engine.Target{}); err != nil {
		t.Fatal(err)
	}
	rows, err := db.Query(`SELECT what, locks FROM audit ORDER BY what`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	got := map[string]string{}
	for rows.Next() {
		var what, keys string
		if err := rows.Scan(&what, &keys); err != nil {
			t.Fatal(err)
		}
		got[what] = keys
	}
	run, own := got["locked"], got["unlocked"]
	if run == "" || strings.Contains(run, ",") || got["locked again"] != run {
		t.Errorf("the locked migrations should hold the run's lock, one and the same: %v", got)
	}
	if own == "" || strings.Contains(own, ",") || own == run {
		t.Errorf("the unlocked migration should hold one lock, its own, not the run's (%q): %v", run, got)
	}
}
