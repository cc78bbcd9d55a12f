package engine_test

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/larkdb/lark/engine"
)

// dataSetup is a table of 25 rows (id, n, name) every data test starts from.
const dataSetup = `def change():
    create_table("items", add("n", "integer", default = 0, null = False), add("name", "text"))
    flush()
    for i in range(1, 26):
        exec("INSERT INTO items (n, name) VALUES ($1, $2)", 0, "item %d" % i)
`

// assertStar is prepended to each data test script: assert_eq fails the
// migration with both values.
const assertStar = `
def assert_eq(got, want, what = ""):
    if got != want:
        fail("%s: got %r, want %r" % (what, got, want))
`

func runData(t *testing.T, url string, files map[string]string) error {
	t.Helper()
	fsys := fstest.MapFS{"1_setup.star": src(dataSetup)}
	for k, v := range files {
		fsys[k] = src(v)
	}
	db, d := open(t, url)
	m, err := engine.NewMigrator(db, d, fsys)
	if err != nil {
		t.Fatal(err)
	}
	_, err = m.Up(context.Background(), engine.Target{})
	return err
}

// TestDataBuiltins runs each data builtin on both databases; the scripts
// assert what they read, and the test checks what they wrote.
func TestDataBuiltins(t *testing.T) {
	t.Parallel()
	cases := []struct {
		name, script string
		check        string // SQL returning a single int
		want         int
	}{
		{"query rows", `def up():
    rows = query("SELECT id, n, name FROM items WHERE id <= $1 ORDER BY id", 3)
    assert_eq(len(rows), 3, "rows")
    assert_eq(rows[0].name, "item 1", "attr")
    assert_eq(rows[1]["name"], "item 2", "index by name")
    assert_eq(rows[2][0], 3, "index by position")
    assert_eq(rows[0].keys(), ["id", "n", "name"], "keys")
def down():
    pass
`, "SELECT count(*) FROM items", 25},
		{"placeholders repeated and out of order", `def up():
    rows = query("SELECT $2 AS b, $1 AS a, $2 || '-' || $1 AS c, '$1' AS lit /* $2 */", "x", "y")
    assert_eq(rows[0].b, "y")
    assert_eq(rows[0].a, "x")
    assert_eq(rows[0].c, "y-x")
    assert_eq(rows[0].lit, "$1")
def down():
    pass
`, "SELECT 1", 1},
		{"exec returns rows affected", `def up():
    assert_eq(exec("UPDATE items SET n = n + $1 WHERE id > $2", 2, 20), 5)
def down():
    pass
`, "SELECT sum(n) FROM items", 10},
		{"exec_many in the migration transaction", `def up():
    rows = query("SELECT id, name FROM items WHERE id <= 10 ORDER BY id")
    n = exec_many("UPDATE items SET n = $1, name = $2 WHERE id = $3", [(r.id * 2, r.name.upper(), r.id) for r in rows])
    assert_eq(n, 10, "rows affected")
    assert_eq(exec_many("UPDATE items SET n = 0 WHERE id = $1", []), 0, "no rows")
    assert_eq(query("SELECT name FROM items WHERE id = 3")[0].name, "ITEM 3")
def down():
    pass
`, "SELECT sum(n) FROM items", 110},
		{"exec_many in batches outside a transaction, with rows as arguments", `disable_ddl_transaction = True
def up():
    exec("CREATE TABLE copies (id integer primary key, name text)")
    total = 0
    for rows in batches("SELECT id, name FROM items", size = 6, key = "id"):
        total += exec_many("INSERT INTO copies (id, name) VALUES ($1, $2)", rows)
        total += exec_many("UPDATE items SET n = n + 1 WHERE id = $1", [[r.id] for r in rows])
    assert_eq(total, 50)
    assert_eq(exec_many("UPDATE items SET n = n + $1 WHERE id = $2", [(10, 1), (20, 2), (30, 99)]), 2, "outside a loop")
    assert_eq(query("SELECT count(*) AS c FROM copies")[0].c, 25)
def down():
    pass
`, "SELECT sum(n) FROM items", 25 + 10 + 20},
		{"backfill by a binary_id (uuid) key", `disable_ddl_transaction = True
def up():
    create_table("tokens", add("id", "binary_id", primary_key = True), add("n", "integer", default = 0), primary_key = False)
    flush()
    exec_many("INSERT INTO tokens (id) VALUES ($1)", [("00000000-0000-4000-8000-" + ("00000000000" + str(i))[-12:],) for i in range(10, 35)])
    assert_eq(backfill("tokens", set = "n = n + 1", batch_size = 4), 25)
    for rows in batches("SELECT id FROM tokens", size = 4, key = "id"):
        exec_many("UPDATE tokens SET n = n + 1 WHERE id = $1", [(r.id,) for r in rows])
    assert_eq(query("SELECT count(*) AS c FROM tokens WHERE n = 2")[0].c, 25)
def down():
    pass
`, "SELECT 1", 1},
		{"batches without key do not see the loop's own writes", `def up():
    index("items", ["n"])
    seen = 0
    for rows in batches("SELECT id, n FROM items ORDER BY n, id", size = 4):
        for r in rows:
            assert_eq(r.n, 0, "each row once, before its update")
            exec("UPDATE items SET n = n + 1000 WHERE id = $1", r.id)
            seen += 1
    assert_eq(seen, 25, "rows seen")
def down():
    pass
`, "SELECT count(*) FROM items WHERE n = 1000", 25},
		{"batches without key in the migration transaction", `def up():
    seen = 0
    sizes = []
    for rows in batches("SELECT id, n FROM items ORDER BY id", size = 10):
        sizes.append(len(rows))
        for r in rows:
            exec("UPDATE items SET n = n + 1 WHERE id = $1", r.id)
            seen += 1
    assert_eq(sizes, [10, 10, 5])
    assert_eq(seen, 25)
def down():
    pass
`, "SELECT count(*) FROM items WHERE n = 1", 25},
		{"batches by key outside a transaction", `disable_ddl_transaction = True
def up():
    n = 0
    for rows in batches("SELECT id, name FROM items WHERE id > $1", 5, size = 7, key = "id"):
        for r in rows:
            n += exec("UPDATE items SET n = n + 1 WHERE id = $1", r.id)
    assert_eq(n, 20)
def down():
    pass
`, "SELECT count(*) FROM items WHERE n = 1", 20},
		{"batches without key outside a transaction", `disable_ddl_transaction = True
def up():
    for rows in batches("SELECT id FROM items", size = 4):
        for r in rows:
            exec("UPDATE items SET n = 7 WHERE id = $1", r.id)
        if rows[0].id > 10:
            break
    exec("UPDATE items SET name = 'after' WHERE id = 1")
def down():
    pass
`, "SELECT count(*) FROM items WHERE n = 7", 16},
		{"backfill", `disable_ddl_transaction = True
def up():
    assert_eq(backfill("items", set = "n = n + $1", where = "id % 2 = 0", args = [3], batch_size = 4), 12)
    assert_eq(backfill("items", set = {"name": "odd", "n": fragment("n + 1")}, where = "id % 2 = 1", batch_size = 100), 13)
def down():
    pass
`, "SELECT sum(n) FROM items", 12*3 + 13},
	}
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					url := dbk.URL(t)
					if err := runData(t, url, map[string]string{"2_data.star": tc.script + assertStar}); err != nil {
						t.Fatal(err)
					}
					db, _ := open(t, url)
					if got := count(t, db, tc.check); got != tc.want {
						t.Errorf("%s = %d, want %d", tc.check, got, tc.want)
					}
				})
			}
		})
	}
}

// TestDataErrors checks the errors a data migration gets, with positions.
func TestDataErrors(t *testing.T) {
	t.Parallel()
	cases := []struct{ name, script, want string }{
		{"backfill in a transaction", `def up():
    backfill("items", set = "n = 1")
def down():
    pass
`, "2_data.star:2:13: backfill: it commits each batch on its own, so it cannot run inside the script's transaction;\n    set disable_ddl_transaction = True"},
		{"unconvertible argument", `def up():
    exec("UPDATE items SET n = $1", time.parse_duration("1s"))
def down():
    pass
`, "2_data.star:2:9: exec: argument $1: cannot send a time.duration to the database"},
		{"exec_many rows not a list", `def up():
    exec_many("UPDATE items SET n = $1", 5)
def down():
    pass
`, "2_data.star:2:14: exec_many: for parameter rows: got int 5, want a list of argument tuples"},
		{"exec_many row not a tuple", `def up():
    exec_many("UPDATE items SET n = $1", [(1,), "2"])
def down():
    pass
`, `2_data.star:2:14: exec_many: rows[1] is string "2"; each row is a tuple or list of the values for $1, $2, ...`},
		{"exec_many value", `def up():
    exec_many("UPDATE items SET n = $1 WHERE id = $2", [(1, 1), (2, time.parse_duration("1s"))])
def down():
    pass
`, "2_data.star:2:14: exec_many: rows[1]: argument $2: cannot send a time.duration to the database"},
		{"exec_many database error names the row", `def up():
    exec_many("UPDATE items SET n = $1 WHERE id = $2", [(1, 1), (2, 2), (None, 3)])
def down():
    pass
`, "2_data.star:2:14: exec_many: rows[2]: "},
		{"batches key not unique", `disable_ddl_transaction = True
def up():
    for rows in batches("SELECT id, n FROM items", size = 3, key = "n"):
        pass
def down():
    pass
`, `2_data.star:3:24: batches: key "n" is not unique: rows share the value 0 across the end of a batch, and paging by it (WHERE n > last) would skip some of them`},
		{"batches key NULL", `def up():
    for rows in batches("SELECT id, CASE WHEN id > 20 THEN NULL ELSE id END AS k FROM items", size = 30, key = "k"):
        pass
def down():
    pass
`, `2_data.star:2:24: batches: key "k" is NULL in a row`},
		{"bad SQL", `def up():
    query("SELEC 1")
def down():
    pass
`, "2_data.star:2:10: query: "},
		{"unknown column", `def up():
    query("SELECT id FROM items")[0].nope
def down():
    pass
`, `row has no column "nope"`},
	}
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			for _, tc := range cases {
				t.Run(tc.name, func(t *testing.T) {
					t.Parallel()
					err := runData(t, dbk.URL(t), map[string]string{"2_data.star": tc.script})
					if err == nil || !strings.Contains(err.Error(), tc.want) {
						t.Errorf("got error %v\nwant it to contain %q", err, tc.want)

					}
				})
			}
		})
	}
}
