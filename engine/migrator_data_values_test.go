package engine_test

import "testing"

// TestDataValues round-trips every kind of value through a table and
// back into Starlark on both databases: NULLs, unicode, bytes, large
// integers, floats, booleans, times, JSON and decimals.
func TestDataValues(t *testing.T) {
	t.Parallel()
	script := `def up():
    pg = dialect() == "postgres"
    exec("""CREATE TABLE vals (id integer PRIMARY KEY, s text, b %s, i bigint, big numeric(40, 0),
        f double precision, ok boolean, at %s, j %s, d numeric(20, 4))""" % (
        "bytea" if pg else "BLOB", "timestamptz" if pg else "TIMESTAMP", "jsonb" if pg else "TEXT"))
    at = time.time(year = 2026, month = 11, day = 22, hour = 9, minute = 30, second = 1, nanosecond = 5000, location = "UTC")
    exec("INSERT INTO vals VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
        1, "héllo wörld ✓ 日本", b"\x00\xff\x01", 9223372036854775807, 123456789012345678901234567890,
        1.5, True, at, {"a": [1, 2, None], "ü": "x"}, "12345678.1234")
    exec("INSERT INTO vals (id) VALUES ($1)", 2)
    r = query("SELECT * FROM vals WHERE id = $1", 1)[0]
    assert_eq(r.s, "héllo wörld ✓ 日本", "unicode")
    assert_eq(r.b, b"\x00\xff\x01", "bytes")
    assert_eq(r.i, 9223372036854775807, "bigint")
    assert_eq(r.f, 1.5, "float")
    assert_eq(r.ok, True, "bool")
    if pg:
        assert_eq(r.big, "123456789012345678901234567890", "numeric")
        assert_eq(r.d, "12345678.1234", "decimal")
        assert_eq(r.j, {"a": [1, 2, None], "ü": "x"}, "json")
        assert_eq(r.at, at, "time")
    else:
        assert_eq(json.decode(r.j), {"a": [1, 2, None], "ü": "x"}, "json text")
        assert_eq(type(r.at), "time.time", "time")
        assert_eq(r.at.unix, at.unix, "time")
    later = time.time(year = 2026, month = 11, day = 22, hour = 12, location = "UTC")
    assert_eq(len(query("SELECT id FROM vals WHERE at < $1 AND at > $2", later, time.time(year = 2026, month = 11, day = 22, hour = 9, location = "UTC"))), 1, "times compare in SQL")
    if not pg:
        # SQLite stores a time as ISO 8601 text in UTC, which its date
        # functions read and which compares as time does.
        raw = query("SELECT CAST(at AS TEXT) AS raw, datetime(at) AS dt FROM vals WHERE id = 1")[0]
        assert_eq(raw.raw, "2026-11-22T09:30:01.000005Z", "stored time text")
        assert_eq(raw.dt, "2026-11-22 09:30:01", "datetime() of the stored time")
        # Exact decimals on SQLite live in text columns (NUMERIC keeps 15 digits).
        exec("CREATE TABLE money (amount text)")
        exec("INSERT INTO money VALUES ($1)", "12345678901234567890.0123456789")
        assert_eq(query("SELECT amount FROM money")[0].amount, "12345678901234567890.0123456789", "decimal as text")
    n = query("SELECT * FROM vals WHERE id = $1", 2)[0]
    for k in ["s", "b", "i", "big", "f", "ok", "at", "j", "d"]:
        assert_eq(n[k], None, "NULL " + k)
    # the same values as parameters compare equal in SQL
    assert_eq(len(query("SELECT id FROM vals WHERE s = $1 AND b = $2 AND i = $3", "héllo wörld ✓ 日本", b"\x00\xff\x01", 9223372036854775807)), 1, "params")
def down():
    pass
`
	for _, dbk := range databases {
		t.Run(dbk.Name, func(t *testing.T) {
			t.Parallel()
			if err := runData(t, dbk.URL(t), map[string]string{"2_values.star": script + assertStar}); err != nil {
				t.Fatal(err)
			}
		})
	}
}
