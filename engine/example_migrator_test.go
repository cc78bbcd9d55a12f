package engine_test

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"testing/fstest"

	_ "modernc.org/sqlite"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/dialect/sqlite"
	"github.com/larkdb/lark/engine"
)

// A Go program embeds its migrations (here an fstest.MapFS; in a real
// program an embed.FS) and applies them at start-up; a test rolls them back.
func ExampleMigrator() {
	migrations := fstest.MapFS{
		"20261122093000_create_reviews.star": {Data: []byte(`
def change():
    create_table("reviews",
        add("rating", "integer", null = False),
        add("comment", "text"),
    )
    index("reviews", ["rating"])
`)},
		"20261123080000_add_author.star": {Data: []byte(`
def change():
    alter("reviews", add("author", "string"))
`)},
	}
	dir, _ := os.MkdirTemp("", "lark-example")
	defer os.RemoveAll(dir)
	db, err := sql.Open("sqlite", "file:"+filepath.Join(dir, "app.db"))
	if err != nil {
		panic(err)
	}
	defer db.Close()

	ctx := context.Background()
	m, err := engine.NewMigrator(db, dialect.WithRuntime(sqlite.New(), sqlite.NewRuntime()), migrations)
	if err != nil {
		panic(err)
	}
	applied, err := m.Up(ctx, engine.Target{})
	if err != nil {
		panic(err)
	}
	for _, r := range applied {
		fmt.Println(r.Direction, r.Version, r.Name)
	}
	reverted, err := m.Down(ctx, engine.Target{All: true})
	if err != nil {
		panic(err)
	}
	for _, r := range reverted {
		fmt.Println(r.Direction, r.Version, r.Name)
	}
	// Output:
	// up 20261122093000 create_reviews
	// up 20261123080000 add_author
	// down 20261123080000 add_author
	// down 20261122093000 create_reviews
}
