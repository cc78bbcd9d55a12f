package builtins

import (
	"strings"
	"testing"
)

// TestTypeTypo checks which type names are taken for misspelt Ecto types.
func TestTypeTypo(t *testing.T) {
	t.Parallel()
	for name, want := range map[string]string{
		"strng": "string", "strig": "string", "stirng": "string", "intger": "integer",
		"boolen": "boolean", "bolean": "boolean", "utc_datetim": "utc_datetime",
		"naive_datetime_use": "naive_datetime_usec", "bigitn": "bigint", "data": "date",
		"decimel": "decimal", "binaryid": "binary_id", "timestmp": "timestamp",
		// Ecto types, short names, names written for the database, and
		// names too far from any Ecto type pass.
		"string": "", "utc_datetime_usec": "", "txt": "", "int": "", "STRNG": "",
		"public.strng": "", "varchar(40)": "", "text[]": "", "double precision": "",
		"state": "", "type": "", "tier": "", "status": "", "geometry": "", "money": "",
	} {
		if got := typeTypo(name); got != want {
			t.Errorf("typeTypo(%q) = %q, want %q", name, got, want)
		}
	}
}

// TestTypeTypoDatabaseTypes checks that no type name of PostgreSQL (its
// catalog, the SQL spellings, common extensions) or SQLite is taken for a
// typo: they pass through to the database as written.
func TestTypeTypoDatabaseTypes(t *testing.T) {
	t.Parallel()
	names := strings.Fields(`
		aclitem any anyarray anycompatible anyelement anyenum anyrange bit bool box bpchar bytea
		char cid cidr circle cstring date datemultirange daterange float4 float8 gtsvector inet
		int2 int2vector int4 int4multirange int4range int8 int8multirange int8range internal
		interval json jsonb jsonpath line lseg macaddr macaddr8 money name numeric nummultirange
		numrange oid oidvector path pg_lsn pg_snapshot point polygon record refcursor regclass
		regcollation regconfig regdictionary regnamespace regoper regoperator regproc
		regprocedure regrole regtype text tid time timestamp timestamptz timetz trigger
		tsmultirange tsquery tsrange tstzmultirange tstzrange tsvector txid_snapshot unknown
		uuid varbit varchar void xid xid8 xml
		int integer smallint bigint real double decimal character float serial bigserial
		smallserial serial2 serial4 serial8
		citext hstore ltree lquery ltxtquery cube seg isbn issn isbn13 issn13 ean13 upc ismn
		ismn13 lo geometry geography raster box2d box3d vector halfvec sparsevec
		tinyint mediumint nchar nvarchar clob blob datetime`)
	for _, n := range names {
		if got := typeTypo(n); got != "" {
			t.Errorf("database type %q is taken for a typo of %q", n, got)
		}
	}
}

// TestTypeTypoEveryBuiltin checks that each builtin taking a type reports
// a misspelt one, at run time, with the Ecto name.
func TestTypeTypoEveryBuiltin(t *testing.T) {
	t.Parallel()
	for _, body := range []string{
		`create_table("t", add("a", "strng"))`,
		`alter("t", add_if_not_exists("a", "strng"))`,
		`alter("t", remove("a", "strng"))`,
		`alter("t", remove_if_exists("a", "strng"))`,
		`alter("t", modify("a", "strng"))`,
		`alter("t", modify("a", "text", from_ = "strng"))`,
		`alter("t", modify("a", "text", from_ = ("strng", {})))`,
		`create_table("t", add("a", array("strng")))`,
		`create_table("t", add("a", references("u", type = "strng")))`,
		`create_table("t", timestamps(type = "strng"))`,
		`create_table("t", primary_key = {"type": "strng"})`,
	} {
		name := body[:strings.Index(body, "(")]
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			k := "T"
			src := "def change():\n    " + strings.ReplaceAll(body, `"strng"`, k) + "\n"
			_, err := eval(t, "T = \"strng\"\n"+src, "change", "up", nil)
			if msg := errOf(err); !strings.Contains(msg, `: unknown column type "strng" (did you mean "string"?)`) {
				t.Errorf("%s: %s", body, msg)
			}
		})
	}
}
