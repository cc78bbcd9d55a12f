package main

import (
	"bytes"
	"context"
	"database/sql"
	"math/rand/v2"
	"os/exec"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/larkdb/lark/connect"
)

const killRows = 4000

var killMigrations = map[string]string{
	"1_items.star": itemsMigration(4000),
	"2_backfill.star": `disable_ddl_transaction = True

def up():
    exec("UPDATE items SET n = 0 WHERE n = 0 AND id = 1")
    backfill("items", set = "n = n + 1", batch_size = 20)
    for rows in batches("SELECT id FROM items", size = 25, key = "id"):
        for r in rows:
            exec("UPDATE items SET n = n + 10 WHERE id = $1", r.id)

def down():
    pass
`,
}

// TestKillBackfill SIGKILLs a real `lark up` running a backfill and a
// keyed batches loop at random points, and re-runs plain `lark up` (which
// goes on where a migration stopped while its file is unchanged) until it
// finishes: every row ends up updated exactly once by each loop (n == 11),
// none twice, none skipped.
func TestKillBackfill(t *testing.T) {
	t.Parallel()
	bin := larkBinary(t)
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			url := dbk.URL(t)
			dir := t.TempDir()
			writeFiles(t, dir, killMigrations)
			rng := rand.New(rand.NewPCG(uint64(time.Now().UnixNano()), 1))
			kills, partials := 0, 0
			for attempt := 0; ; attempt++ {
				if attempt > 40 {
					t.Fatalf("lark up did not finish after %d runs", attempt)
				}
				args := []string{"--database", url, "--dir", dir, "up"}
				if partial(t, url) {
					partials++
				}
				cmd := exec.Command(bin, args...)
				var out bytes.Buffer
				cmd.Stdout, cmd.Stderr = &out, &out
				if err := cmd.Start(); err != nil {
					t.Fatal(err)
				}
				done := make(chan error, 1)
				go func() { done <- cmd.Wait() }()
				var err error
				if attempt < 20 {
					select {
					case err = <-done:
					case <-time.After(time.Duration(rng.IntN(100+attempt*40)+20) * time.Millisecond):
						_ = cmd.Process.Signal(syscall.SIGKILL)
						<-done
						kills++
						continue
					}
				} else {
					err = <-done
				}
				if err != nil {
					t.Fatalf("lark up: %v\n%s", err, out.String())
				}
				break
			}
			t.Logf("%d kills, %d continued runs", kills, partials)
			if partials == 0 {
				t.Errorf("no kill landed inside the data migration; the test proved nothing")
			}
			db, _, err := connect.Open(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			defer db.Close()
			var total, good int
			if err := db.QueryRow("SELECT count(*), count(CASE WHEN n = 11 THEN 1 END) FROM items").Scan(&total, &good); err != nil {
				t.Fatal(err)
			}
			if total != killRows || good != killRows {
				var bad string
				_ = db.QueryRow("SELECT coalesce(min(id), 0) || ':' || coalesce(min(n), 0) || '..' || coalesce(max(n), 0) FROM items WHERE n <> 11").Scan(&bad)
				t.Errorf("%d of %d rows have n = 11 (want all %d); first bad id:min..max n %s", good, total, killRows, bad)
			}
		})
	}
}

// partial reports whether the versions table holds a partial migration.
func partial(t *testing.T, url string) bool {
	db, _, err := connect.Open(context.Background(), url)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	var n int
	err = db.QueryRow("SELECT count(*) FROM schema_migrations WHERE state = 'partial'").Scan(&n)
	if err != nil && !strings.Contains(err.Error(), "schema_migrations") && err != sql.ErrNoRows {
		t.Fatal(err)
	}
	return n > 0
}
