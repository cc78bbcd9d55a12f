package engine_test

import (
	"context"
	"database/sql"
	"embed"
	"fmt"
	"io/fs"
	"log"
	"os"
	"path/filepath"

	_ "modernc.org/sqlite" // registers the "sqlite" driver, for ExampleNewMigrator

	"github.com/larkdb/lark/connect"
	"github.com/larkdb/lark/dialect/sqlite"
	"github.com/larkdb/lark/engine"
)

// The migrations of these examples, embedded as a program embeds its own:
// testdata/migrations holds 20260101090000_create_reviews.star (a table and
// an index) and 20260101090100_add_author.star (a column and an index).
//
//go:embed testdata/migrations/*.star
var embedded embed.FS

// A program applies its embedded migrations at start-up. connect.Open opens
// the database by URL (sqlite:PATH or postgres://...) and returns the driver
// that matches it; the same code runs on either database.
func ExampleMigrator() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "lark-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	db, driver, err := connect.Open(ctx, "sqlite:"+filepath.Join(dir, "app.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	// The files are under testdata/migrations in the embed.FS; the
	// migrator wants the directory that holds them.
	migrations, err := fs.Sub(embedded, "testdata/migrations")
	if err != nil {
		log.Fatal(err)
	}
	m, err := engine.NewMigrator(db, driver, migrations)
	if err != nil {
		log.Fatal(err)
	}
	applied, err := m.Up(ctx, engine.Target{})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range applied {
		fmt.Printf("%s %d %s (%d ops)\n", r.Direction, r.Version, r.Name, r.Ops)
	}
	// A second start-up finds nothing to do.
	applied, err = m.Up(ctx, engine.Target{})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Println("pending:", len(applied))
	// Output:
	// up 20260101090000 create_reviews (2 ops)
	// up 20260101090100 add_author (2 ops)
	// pending: 0
}

// NewMigrator also takes a *sql.DB the program opened itself, with the
// dialect joined to its runtime, and migrations from a directory on disk.
// Options name the versions table and print each statement as it runs.
func ExampleNewMigrator() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "lark-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	// foreign_keys(1): SQLite enforces foreign keys only when asked, on
	// every connection; connect.Open sets it for you.
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "app.db")+"?_pragma=foreign_keys(1)")
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()

	m, err := engine.NewMigrator(db,
		sqlite.New(),
		os.DirFS("testdata/migrations"),
		engine.WithTable("lark_versions"),
		engine.WithLogSQL(os.Stdout),
	)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := m.Up(ctx, engine.Target{Step: 1}); err != nil {
		log.Fatal(err)
	}
	// Output:
	// CREATE TABLE "reviews" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "rating" INTEGER NOT NULL, "comment" TEXT, "inserted_at" TEXT NOT NULL, "updated_at" TEXT NOT NULL);
	// CREATE INDEX "reviews_rating_index" ON "reviews" ("rating");
}

// Status lists every migration, applied or pending, in version order. It
// changes nothing. (AppliedAt, left out here, is when each was applied.)
func ExampleMigrator_Status() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "lark-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, driver, err := connect.Open(ctx, "sqlite:"+filepath.Join(dir, "app.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	migrations, _ := fs.Sub(embedded, "testdata/migrations")
	m, err := engine.NewMigrator(db, driver, migrations)
	if err != nil {
		log.Fatal(err)
	}

	if _, err := m.Up(ctx, engine.Target{Step: 1}); err != nil {
		log.Fatal(err)
	}
	statuses, err := m.Status(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range statuses {
		fmt.Println(s.State, s.Version, s.Name)
	}
	// Output:
	// applied 20260101090000 create_reviews
	// pending 20260101090100 add_author
}

// Plan returns the SQL an Up or a Down would run, touching nothing; a
// rollback is planned from the operation log stored when the migration was
// applied. This is what `lark plan down` prints.
func ExampleMigrator_Plan() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "lark-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, driver, err := connect.Open(ctx, "sqlite:"+filepath.Join(dir, "app.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	migrations, _ := fs.Sub(embedded, "testdata/migrations")
	m, err := engine.NewMigrator(db, driver, migrations)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := m.Up(ctx, engine.Target{}); err != nil {
		log.Fatal(err)
	}

	plans, err := m.Plan(ctx, engine.Down, engine.Target{Step: 1})
	if err != nil {
		log.Fatal(err)
	}
	for _, p := range plans {
		fmt.Printf("-- %s %d_%s\n", p.Direction, p.Version, p.Name)
		for _, s := range p.Statements {
			fmt.Printf("%s;\n", s.SQL)
		}
	}
	// Output:
	// -- down 20260101090100_add_author
	// DROP INDEX "reviews_author_index";
	// ALTER TABLE "reviews" DROP COLUMN "author";
}

// A Go test applies the migrations to a scratch database, then rolls the
// last one back and applies it again, to prove its rollback works. In a
// test, take the directory from t.TempDir() and fail with t.Fatal.
func ExampleMigrator_Down() {
	ctx := context.Background()
	dir, err := os.MkdirTemp("", "lark-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)
	db, driver, err := connect.Open(ctx, "sqlite:"+filepath.Join(dir, "scratch.db"))
	if err != nil {
		log.Fatal(err)
	}
	defer db.Close()
	migrations, _ := fs.Sub(embedded, "testdata/migrations")
	m, err := engine.NewMigrator(db, driver, migrations)
	if err != nil {
		log.Fatal(err)
	}
	if _, err := m.Up(ctx, engine.Target{}); err != nil {
		log.Fatal(err)
	}

	reverted, err := m.Down(ctx, engine.Target{Step: 1})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range reverted {
		fmt.Println(r.Direction, r.Version, r.Name)
	}
	statuses, err := m.Status(ctx)
	if err != nil {
		log.Fatal(err)
	}
	for _, s := range statuses {
		fmt.Println(s.State, s.Version, s.Name)
	}
	applied, err := m.Up(ctx, engine.Target{})
	if err != nil {
		log.Fatal(err)
	}
	for _, r := range applied {
		fmt.Println(r.Direction, r.Version, r.Name)
	}
	// Output:
	// down 20260101090100 add_author
	// applied 20260101090000 create_reviews
	// pending 20260101090100 add_author
	// up 20260101090100 add_author
}
