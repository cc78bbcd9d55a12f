package postgres

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/larkdb/lark/internal/testdb"
)

// TestExecMany runs Runtime.ExecMany on real PostgreSQL inside a
// transaction, over more sets than one pipeline carries: the counts add up,
// the statements belong to the open transaction (ROLLBACK undoes them), and
// a failure in the second pipeline names its set.
func TestExecMany(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	db, _ := testdb.OpenPostgres(t)
	if _, err := db.ExecContext(ctx, `CREATE TABLE t (id integer PRIMARY KEY, n integer NOT NULL)`); err != nil {
		t.Fatal(err)
	}
	conn, err := db.Conn(ctx)
	if err != nil {
		t.Fatal(err)
	}
	defer conn.Close()
	n := pipelineSize*2 + 17
	sets := make([][]any, n)
	for i := range sets {
		sets[i] = []any{int64(i), int64(i % 7)}
	}
	count := func() int {
		var c int
		if err := conn.QueryRowContext(ctx, `SELECT count(*) FROM t`).Scan(&c); err != nil {
			t.Fatal(err)
		}
		return c
	}

	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		t.Fatal(err)
	}
	got, err := Runtime{}.ExecMany(ctx, conn, `INSERT INTO t (id, n) VALUES ($1, $2)`, sets)
	if err != nil || got != int64(n) {
		t.Fatalf("ExecMany = %d, %v; want %d rows", got, err, n)
	}
	if c := count(); c != n {
		t.Fatalf("%d rows inside the transaction, want %d", c, n)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if c := count(); c != 0 {
		t.Fatalf("%d rows after ROLLBACK: ExecMany ran outside the transaction", c)
	}

	if _, err := conn.ExecContext(ctx, "BEGIN"); err != nil {
		t.Fatal(err)
	}
	bad := pipelineSize + 203
	sets[bad] = []any{int64(bad), nil}
	_, err = Runtime{}.ExecMany(ctx, conn, `INSERT INTO t (id, n) VALUES ($1, $2)`, sets)
	if err == nil || !strings.HasPrefix(err.Error(), fmt.Sprintf("rows[%d]: ", bad)) || !strings.Contains(err.Error(), "not-null") {
		t.Fatalf("got %v, want the not-null violation of rows[%d]", err, bad)
	}
	if _, err := conn.ExecContext(ctx, "ROLLBACK"); err != nil {
		t.Fatal(err)
	}
	if c := count(); c != 0 {
		t.Fatalf("%d rows after a failed ExecMany and ROLLBACK", c)
	}
}
