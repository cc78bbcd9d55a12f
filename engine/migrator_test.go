package engine_test

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"testing/fstest"

	"github.com/larkdb/lark/connect"
	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/internal/testdb"
)

// databases opens a fresh database of each kind; open returns a new
// handle on the same database, as another process would have.
var databases = testdb.Kinds

func open(t *testing.T, url string) (*sql.DB, dialect.Dialect) {
	t.Helper()
	db, d, err := connect.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db, d
}

func src(s string) *fstest.MapFile { return &fstest.MapFile{Data: []byte(s)} }

func migrations() fstest.MapFS {
	return fstest.MapFS{
		"1_create_users.star": src(`def change():
    create_table("users", add("email", "string"), timestamps())
    index("users", ["email"], unique = True)
`),
		"2_add_age.star": src(`def change():
    alter("users", add("age", "integer"))
`),
		"3_callbacks.star": src(`def after_begin():
    execute("CREATE TABLE IF NOT EXISTS audit (what text)")
def change():
    create_table("posts", add("body", "text"))
def before_commit():
    execute("INSERT INTO audit (what) VALUES ('commit')")
`),
	}
}

func count(t *testing.T, db *sql.DB, query string) int {
	t.Helper()
	var n int
	if err := db.QueryRow(query).Scan(&n); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return n
}

func TestMigratorLifecycle(t *testing.T) {
	t.Parallel()
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, d := open(t, dbk.URL(t))
			fsys := migrations()
			m, err := engine.NewMigrator(db, d, fsys)
			if err != nil {
				t.Fatal(err)
			}
			res, err := m.Up(ctx, engine.Target{Step: 2})
			if err != nil || len(res) != 2 || res[1].Name != "add_age" || res[0].Ops != 2 {
				t.Fatalf("Up step 2 = %+v, %v", res, err)
			}
			st, err := m.Status(ctx)
			if err != nil {
				t.Fatal(err)
			}
			states := []string{}
			for _, s := range st {
				states = append(states, fmt.Sprintf("%d:%s", s.Version, s.State))
				if s.State == engine.StateApplied && s.AppliedAt == nil {
					t.Errorf("version %d has no applied-at", s.Version)
				}
			}
			if got := strings.Join(states, " "); got != "1:applied 2:applied 3:pending" {
				t.Errorf("status = %s", got)
			}

			plans, err := m.Plan(ctx, engine.Up, engine.Target{})
			if err != nil || len(plans) != 1 || plans[0].Version != 3 || len(plans[0].Statements) < 3 {
				t.Fatalf("Plan up = %+v, %v", plans, err)
			}
			if _, err := m.Up(ctx, engine.Target{}); err != nil {
				t.Fatal(err)
			}
			if n := count(t, db, "SELECT count(*) FROM audit"); n != 1 {
				t.Errorf("before_commit ran %d times going up", n)
			}

			// Edit an applied file: status shows drift, Up refuses, Down
			// still rolls back what was applied.
			fsys["2_add_age.star"] = src(`def change():
    alter("users", add("height", "integer"))
`)
			st, _ = m.Status(ctx)
			if !st[1].Drift {
				t.Errorf("status of edited file: %+v", st[1])
			}
			var de *engine.DriftError
			if _, err := m.Up(ctx, engine.Target{}); !errors.As(err, &de) || de.Files[0] != "2_add_age.star" {
				t.Errorf("Up with drift: %v", err)
			}
			res, err = m.Down(ctx, engine.Target{To: 2})
			if err != nil || len(res) != 2 {
				t.Fatalf("Down to 2 = %+v, %v", res, err)
			}
			// The callbacks run inside the rollback's transaction too.
			if n := count(t, db, "SELECT count(*) FROM audit"); n != 2 {
				t.Errorf("before_commit ran %d times going down", n)
			}
			if _, err := db.Exec("SELECT age FROM users"); err == nil {
				t.Error("age still there after down")
			}
			if n := count(t, db, "SELECT count(*) FROM schema_migrations"); n != 1 {
				t.Errorf("%d versions after down --to 2", n)
			}

			var uv *engine.UnknownVersionError
			if _, err := m.Up(ctx, engine.Target{To: 99}); !errors.As(err, &uv) {
				t.Errorf("Up to 99: %v", err)
			}
			if _, err := m.Down(ctx, engine.Target{All: true}); err != nil {
				t.Fatal(err)
			}
			if n := count(t, db, "SELECT count(*) FROM schema_migrations"); n != 0 {
				t.Errorf("%d versions after down --all", n)
			}
		})
	}
}

// TestMigratorConcurrent runs 8 migrators, each with its own connection
// pool as separate processes would, against one database at once: each
// migration is applied exactly once and every runner succeeds.
func TestMigratorConcurrent(t *testing.T) {
	t.Parallel()
	const runners = 8
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			url := dbk.URL(t)
			fsys := fstest.MapFS{}
			for i := 1; i <= 10; i++ {
				fsys[fmt.Sprintf("%d_m%d.star", i, i)] = src(fmt.Sprintf(`def up():
    execute("CREATE TABLE IF NOT EXISTS applied (v integer)")
    execute("INSERT INTO applied VALUES (%d)")
    create_table("t%d", add("x", "integer"))
def down():
    drop_table("t%d")
`, i, i, i))
			}
			var wg sync.WaitGroup
			errs := make(chan error, runners)
			for r := 0; r < runners; r++ {
				db, d := open(t, url)
				m, err := engine.NewMigrator(db, d, fsys)
				if err != nil {
					t.Fatal(err)
				}
				wg.Add(1)
				go func() {
					defer wg.Done()
					_, err := m.Up(context.Background(), engine.Target{})
					errs <- err
				}()
			}
			wg.Wait()
			close(errs)
			for err := range errs {
				if err != nil {
					t.Errorf("runner: %v", err)
				}
			}
			db, _ := open(t, url)
			if n := count(t, db, "SELECT count(*) FROM applied"); n != 10 {
				t.Errorf("migrations ran %d times, want 10", n)
			}
			if n := count(t, db, "SELECT count(DISTINCT v) FROM applied"); n != 10 {
				t.Errorf("%d distinct migrations ran, want 10", n)
			}
			if n := count(t, db, "SELECT count(*) FROM schema_migrations"); n != 10 {
				t.Errorf("%d versions recorded, want 10", n)
			}
		})
	}
}

func TestNewMigratorOptions(t *testing.T) {
	t.Parallel()
	db, d := open(t, "sqlite:"+testdb.SQLite(t))
	tests := []struct {
		name string
		opt  engine.MigratorOption
		err  string
	}{
		{"table", engine.WithTable("versions"), ""},
		{"bad table", engine.WithTable("bad name"), "not a plain identifier"},
		{"bad prefix", engine.WithPrefix("a.b"), "not a plain identifier"},
		{"empty prefix", engine.WithPrefix(""), ""},
		{"prefix on sqlite", engine.WithPrefix("app"), "SQLite has no schemas"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			_, err := engine.NewMigrator(db, d, fstest.MapFS{}, tt.opt)
			if (err == nil) != (tt.err == "") || (err != nil && !strings.Contains(err.Error(), tt.err)) {
				t.Errorf("err = %v, want %q", err, tt.err)
			}
		})
	}
	if _, err := engine.NewMigrator(nil, d, fstest.MapFS{}); err == nil {
		t.Error("nil db accepted")
	}
}

// TestRedoReappliesOnlyWhatItRolledBack: a teammate's migration numbered
// before the last applied one is pending; redo must re-apply the last one
// only, not sweep the other pending file in with it.
func TestRedoReappliesOnlyWhatItRolledBack(t *testing.T) {
	t.Parallel()
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, d := open(t, dbk.URL(t))
			fsys := migrations()
			late := fsys["2_add_age.star"]
			delete(fsys, "2_add_age.star")
			m, err := engine.NewMigrator(db, d, fsys)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := m.Up(ctx, engine.Target{}); err != nil {
				t.Fatal(err)
			}
			fsys["2_add_age.star"] = late // merged from another branch
			res, err := m.Redo(ctx, engine.Target{})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, r := range res {
				got = append(got, fmt.Sprintf("%s %d", r.Direction, r.Version))
			}
			if want := "down 3, up 3"; strings.Join(got, ", ") != want {
				t.Errorf("redo ran %q, want %q", strings.Join(got, ", "), want)
			}
			if n := count(t, db, `SELECT count(*) FROM schema_migrations WHERE version = 2`); n != 0 {
				t.Errorf("redo applied the pending migration 2")
			}
		})
	}
}

// TestCallbacksSeeDirection: after_begin and before_commit run inside the
// transaction in both directions, and direction() tells them which.
func TestCallbacksSeeDirection(t *testing.T) {
	t.Parallel()
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, d := open(t, dbk.URL(t))
			if _, err := db.Exec(`CREATE TABLE audit (what text)`); err != nil {
				t.Fatal(err)
			}
			fsys := fstest.MapFS{"1_t.star": src(`def after_begin():
    execute("INSERT INTO audit VALUES ('begin " + direction() + "')")
def change():
    create_table("t", add("x", "integer"))
def before_commit():
    execute("INSERT INTO audit VALUES ('commit " + direction() + "')")
`)}
			m, err := engine.NewMigrator(db, d, fsys)
			if err != nil {
				t.Fatal(err)
			}
			if _, err := m.Up(ctx, engine.Target{}); err != nil {
				t.Fatal(err)
			}
			if _, err := m.Down(ctx, engine.Target{}); err != nil {
				t.Fatal(err)
			}
			rows, err := db.Query(`SELECT what FROM audit`)
			if err != nil {
				t.Fatal(err)
			}
			defer rows.Close()
			var got []string
			for rows.Next() {
				var s string
				if err := rows.Scan(&s); err != nil {
					t.Fatal(err)
				}
				got = append(got, s)
			}
			if want := "begin up, commit up, begin down, commit down"; strings.Join(got, ", ") != want {
				t.Errorf("audit = %q, want %q", strings.Join(got, ", "), want)
			}
		})
	}
}

// TestUpDownRollsBackWithRecordedDown: an up()/down() migration rolls back
// with the down() recorded when it was applied, so an execute() without a
// down side in up() does not block the rollback, and editing down() after
// the migration was applied does not change what the rollback does.
func TestUpDownRollsBackWithRecordedDown(t *testing.T) {
	t.Parallel()
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			ctx := context.Background()
			db, d := open(t, dbk.URL(t))
			if _, err := db.Exec(`CREATE TABLE audit (what text)`); err != nil {
				t.Fatal(err)
			}
			file := func(downNote string) *fstest.MapFile {
				return src(`def up():
    execute("CREATE TABLE widgets (id integer)")
def down():
    execute("DROP TABLE widgets")
    execute("INSERT INTO audit VALUES ('` + downNote + `')")
`)
			}
			fsys := fstest.MapFS{"1_widgets.star": file("down as applied")}
			m, err := engine.NewMigrator(db, d, fsys, engine.WithAllowDrift(true))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := m.Up(ctx, engine.Target{}); err != nil {
				t.Fatal(err)
			}
			fsys["1_widgets.star"] = file("down as edited later")
			if _, err := m.Down(ctx, engine.Target{}); err != nil {
				t.Fatalf("down: %v", err)
			}
			var what string
			if err := db.QueryRow(`SELECT what FROM audit`).Scan(&what); err != nil {
				t.Fatal(err)
			}
			if what != "down as applied" {
				t.Errorf("rollback ran %q, want the down() recorded at apply time", what)
			}
			if n := count(t, db, `SELECT count(*) FROM schema_migrations`); n != 0 {
				t.Errorf("%d versions left after rollback", n)
			}
		})
	}
}
