package postgres

import "github.com/larkdb/lark/op"

// allCases returns every golden case, its ops completed with op.Resolve as
// the builtins and a decoded log complete them: a case leaves out what a
// script leaves out.
func allCases() []planCase {
	var all []planCase
	for _, group := range [][]planCase{typeCases(), tableCases(), alterCases(), referenceCases(), indexCases(), constraintCases(), executeCases()} {
		all = append(all, group...)
	}
	for _, c := range all {
		for _, o := range c.ops {
			op.Resolve(o)
		}
	}
	return all
}

func typ(name string) op.Type { return op.Type{Name: name} }

func arrayOf(t op.Type) op.Type { return op.Type{Name: "array", Elem: &t} }

// typeCases cover the type map: every Ecto primitive, size, precision and
// scale, arrays and raw types, checked in the catalog.
func typeCases() []planCase {
	tbl := op.Table{Name: "types"}
	cols := []struct {
		c    op.Column
		want string
	}{
		{op.Column{Name: "id", Type: typ("bigserial"), PrimaryKey: true}, "bigint|true|nextval('types_id_seq'::regclass)"},
		{op.Column{Name: "c_id", Type: typ("id")}, "integer|false|"},
		{op.Column{Name: "c_serial", Type: typ("serial")}, "integer|true|nextval('types_c_serial_seq'::regclass)"},
		{op.Column{Name: "c_binary_id", Type: typ("binary_id")}, "uuid|false|"},
		{op.Column{Name: "c_uuid", Type: typ("uuid")}, "uuid|false|"},
		{op.Column{Name: "c_string", Type: typ("string")}, "character varying(255)|false|"},
		{op.Column{Name: "c_string40", Type: typ("string"), Size: ptr(40)}, "character varying(40)|false|"},
		{op.Column{Name: "c_text", Type: typ("text")}, "text|false|"},
		{op.Column{Name: "c_integer", Type: typ("integer")}, "integer|false|"},
		{op.Column{Name: "c_bigint", Type: typ("bigint")}, "bigint|false|"},
		{op.Column{Name: "c_float", Type: typ("float")}, "double precision|false|"},
		{op.Column{Name: "c_decimal", Type: typ("decimal")}, "numeric|false|"},
		{op.Column{Name: "c_decimal_ps", Type: typ("decimal"), Precision: ptr(10), Scale: ptr(2)}, "numeric(10,2)|false|"},
		{op.Column{Name: "c_decimal_p", Type: typ("decimal"), Precision: ptr(5)}, "numeric(5,0)|false|"},
		{op.Column{Name: "c_boolean", Type: typ("boolean")}, "boolean|false|"},
		{op.Column{Name: "c_map", Type: typ("map")}, "jsonb|false|"},
		{op.Column{Name: "c_binary", Type: typ("binary")}, "bytea|false|"},
		{op.Column{Name: "c_bitstring", Type: typ("bitstring")}, "bit varying|false|"},
		{op.Column{Name: "c_date", Type: typ("date")}, "date|false|"},
		{op.Column{Name: "c_time", Type: typ("time")}, "time(0) without time zone|false|"},
		{op.Column{Name: "c_time_usec", Type: typ("time_usec")}, "time without time zone|false|"},
		{op.Column{Name: "c_naive", Type: typ("naive_datetime")}, "timestamp(0) without time zone|false|"},
		{op.Column{Name: "c_naive_usec", Type: typ("naive_datetime_usec")}, "timestamp without time zone|false|"},
		{op.Column{Name: "c_naive_usec3", Type: typ("naive_datetime_usec"), Precision: ptr(3)}, "timestamp(3) without time zone|false|"},
		{op.Column{Name: "c_utc", Type: typ("utc_datetime")}, "timestamp(0) without time zone|false|"},
		{op.Column{Name: "c_utc_usec", Type: typ("utc_datetime_usec")}, "timestamp without time zone|false|"},
		{op.Column{Name: "c_duration", Type: typ("duration")}, "interval|false|"},
		{op.Column{Name: "c_strings", Type: arrayOf(typ("string"))}, "character varying(255)[]|false|"},
		{op.Column{Name: "c_ints", Type: arrayOf(typ("integer"))}, "integer[]|false|"},
		{op.Column{Name: "c_raw_jsonb", Type: typ("jsonb")}, "jsonb|false|"},
		{op.Column{Name: "c_raw_varchar", Type: typ("varchar(40)")}, "character varying(40)|false|"},
		{op.Column{Name: "c_raw_double", Type: typ("double precision")}, "double precision|false|"},
		{op.Column{Name: "c_raw_numeric", Type: typ("numeric(12, 4)")}, "numeric(12,4)|false|"},
		{op.Column{Name: "c_raw_array", Type: typ("text[]")}, "text[]|false|"},
		{op.Column{Name: "c_raw_quoted", Type: typ(`"public"."Mood"`)}, `"Mood"|false|`},
		{op.Column{Name: "c_raw_sized", Type: typ("varchar"), Size: ptr(12)}, "character varying(12)|false|"},
	}
	ct := &op.CreateTable{Pos: at(2), Table: tbl}
	var facts []fact
	for _, c := range cols {
		ct.Columns = append(ct.Columns, c.c)
		facts = append(facts, colFact("types", c.c.Name, c.want))
	}
	identity := &op.CreateTable{Pos: at(20), Table: op.Table{Name: "identities"}, Columns: []op.Column{
		{Name: "id", Type: typ("identity"), PrimaryKey: true},
		{Name: "name", Type: typ("text")},
	}}
	identityOpts := &op.CreateTable{Pos: at(24), Table: op.Table{Name: "identities_opts"}, Columns: []op.Column{
		{Name: "id", Type: typ("identity"), PrimaryKey: true, StartValue: ptr[int64](1000), Increment: ptr[int64](10)},
	}}
	return []planCase{
		{
			name:  "types",
			setup: []string{`CREATE TYPE "Mood" AS ENUM ('sad', 'ok')`},
			ops:   []op.Op{ct},
			facts: facts,
		},
		{
			name: "type_identity",
			ops:  []op.Op{identity, identityOpts},
			facts: []fact{
				colFact("identities", "id", "bigint|true|"),
				{`SELECT attidentity::text FROM pg_attribute WHERE attrelid = 'identities'::regclass AND attname = 'id'`, "d"},
				{`SELECT seqstart || ',' || seqincrement FROM pg_sequence WHERE seqrelid = pg_get_serial_sequence('identities_opts', 'id')::regclass`, "1000,10"},
			},
		},
	}
}

// tableCases cover create_table, drop_table and the renames with every option.
func tableCases() []planCase {
	posts := op.Table{Name: "posts"}
	return []planCase{
		{
			name: "create_table_defaults",
			ops: []op.Op{&op.CreateTable{Pos: at(3), Table: posts, Columns: []op.Column{
				{Name: "id", Type: typ("bigserial"), PrimaryKey: true},
				{Name: "title", Type: typ("string"), Null: ptr(false), Default: ptr(op.String("it's \"new\""))},
				{Name: "body", Type: typ("text"), Null: ptr(true), Default: ptr(op.Null())},
				{Name: "views", Type: typ("integer"), Default: ptr(op.Int(0))},
				{Name: "offset", Type: typ("bigint"), Default: ptr(op.Int(-42))},
				{Name: "score", Type: typ("float"), Default: ptr(op.Float(1))},
				{Name: "ratio", Type: typ("decimal"), Precision: ptr(4), Scale: ptr(2), Default: ptr(op.Float(0.25))},
				{Name: "public", Type: typ("boolean"), Default: ptr(op.Bool(true))},
				{Name: "tags", Type: arrayOf(typ("string")), Default: ptr(op.Value{Kind: op.KindList, List: []op.Value{op.String("a"), op.String("b'c")}})},
				{Name: "ids", Type: arrayOf(typ("integer")), Default: ptr(op.Value{Kind: op.KindList})},
				{Name: "meta", Type: typ("map"), Default: ptr(op.Value{Kind: op.KindMap, Map: []op.Entry{
					{Key: "z", Value: op.String("it's")}, {Key: "a", Value: op.Value{Kind: op.KindList, List: []op.Value{op.Int(1), op.Bool(false), op.Null(), op.Float(2.5)}}},
				}})},
				{Name: "list_json", Type: typ("jsonb"), Default: ptr(op.Value{Kind: op.KindList, List: []op.Value{op.String("x")}})},
				{Name: "created_at", Type: typ("naive_datetime"), Null: ptr(false), Default: ptr(op.Fragment("now()"))},
			}}},
			facts: []fact{
				colFact("posts", "title", `character varying(255)|true|'it''s "new"'::character varying`),
				colFact("posts", "body", "text|false|"),
				colFact("posts", "views", "integer|false|0"),
				colFact("posts", "offset", "bigint|false|'-42'::integer"),
				colFact("posts", "score", "double precision|false|1.0"),
				colFact("posts", "ratio", "numeric(4,2)|false|0.25"),
				colFact("posts", "public", "boolean|false|true"),
				colFact("posts", "tags", `character varying(255)[]|false|ARRAY['a'::character varying, 'b''c'::character varying]`),
				colFact("posts", "ids", "integer[]|false|ARRAY[]::integer[]"),
				colFact("posts", "meta", `jsonb|false|'{"a": [1, false, null, 2.5], "z": "it''s"}'::jsonb`),
				colFact("posts", "list_json", `jsonb|false|'["x"]'::jsonb`),
				colFact("posts", "created_at", "timestamp(0) without time zone|true|now()"),
				{`SELECT string_agg(a.attname, ',' ORDER BY a.attnum) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'posts'::regclass AND i.indisprimary`, "id"},
			},
		},
		{
			name:  "create_table_options",
			setup: []string{`CREATE SCHEMA blog`},
			ops: []op.Op{
				&op.CreateTable{Pos: at(3), Table: op.Table{Name: "events", Prefix: "blog"}, IfNotExists: true,
					Comment: ptr("Events, 'quoted'"), Options: "WITH (fillfactor=70)", Modifiers: "UNLOGGED",
					Columns: []op.Column{
						{Name: "tenant", Type: typ("integer"), PrimaryKey: true},
						{Name: "seq", Type: typ("bigint"), PrimaryKey: true, Comment: ptr("per tenant")},
						{Name: "name", Type: typ("text"), Collation: "C", Null: ptr(false)},
						{Name: "price", Type: typ("integer")},
						{Name: "qty", Type: typ("integer")},
						{Name: "total", Type: typ("integer"), Generated: "ALWAYS AS (price * qty) STORED"},
					}},
				&op.CreateTable{Pos: at(12), Table: op.Table{Name: "events", Prefix: "blog"}, IfNotExists: true,
					Columns: []op.Column{{Name: "id", Type: typ("bigserial"), PrimaryKey: true}}},
				&op.CreateTable{Pos: at(13), Table: op.Table{Name: "empty"}},
			},
			facts: []fact{
				{`SELECT relpersistence::text || ',' || array_to_string(reloptions, ',') FROM pg_class WHERE oid = 'blog.events'::regclass`, "u,fillfactor=70"},
				{`SELECT obj_description('blog.events'::regclass, 'pg_class')`, "Events, 'quoted'"},
				{`SELECT col_description('blog.events'::regclass, 2)`, "per tenant"},
				{`SELECT collname FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation WHERE attrelid = 'blog.events'::regclass AND attname = 'name'`, "C"},
				{`SELECT attgenerated::text || ':' || pg_get_expr(d.adbin, d.adrelid) FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE attrelid = 'blog.events'::regclass AND attname = 'total'`, "s:(price * qty)"},
				{`SELECT string_agg(a.attname, ',' ORDER BY array_position(i.indkey::int2[], a.attnum)) FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'blog.events'::regclass AND i.indisprimary`, "tenant,seq"},
			},
		},
		{
			name:  "drop_table",
			setup: []string{`CREATE SCHEMA s`, `CREATE TABLE s.a (id int PRIMARY KEY)`, `CREATE TABLE b (id int)`, `CREATE TABLE c (id int PRIMARY KEY)`, `CREATE TABLE d (c_id int REFERENCES c)`},
			ops: []op.Op{
				&op.DropTable{Pos: at(2), Table: op.Table{Name: "a", Prefix: "s"}},
				&op.DropTable{Pos: at(3), Table: op.Table{Name: "b"}, Mode: "restrict"},
				&op.DropTable{Pos: at(4), Table: op.Table{Name: "missing"}, IfExists: true},
				&op.DropTable{Pos: at(5), Table: op.Table{Name: "c"}, Mode: "cascade"},
			},
			facts: []fact{
				{`SELECT count(*)::text FROM pg_class WHERE relname IN ('a', 'b', 'c') AND relkind = 'r'`, "0"},
				{`SELECT count(*)::text FROM pg_constraint WHERE conrelid = 'd'::regclass`, "0"},
			},
		},
		{
			name:  "renames",
			setup: []string{`CREATE SCHEMA s`, `CREATE TABLE s.old (a int)`, `CREATE INDEX old_a_index ON s.old (a)`, `CREATE TABLE t (a int)`},
			ops: []op.Op{
				&op.RenameTable{Pos: at(2), Table: op.Table{Name: "old", Prefix: "s"}, To: "new"},
				&op.RenameColumn{Pos: at(3), Table: op.Table{Name: "new", Prefix: "s"}, Column: "a", To: "b"},
				&op.RenameIndex{Pos: at(4), Table: op.Table{Name: "new", Prefix: "s"}, Name: "old_a_index", To: "new_b_index"},
				&op.RenameColumn{Pos: at(5), Table: op.Table{Name: "t"}, Column: "a", To: "z"},
			},
			facts: []fact{
				{`SELECT attname::text FROM pg_attribute WHERE attrelid = 's.new'::regclass AND attnum = 1`, "b"},
				{`SELECT 's.new_b_index'::regclass::text`, "s.new_b_index"},
				{`SELECT attname::text FROM pg_attribute WHERE attrelid = 't'::regclass AND attnum = 1`, "z"},
			},
		},
		{
			name: "quoting",
			ops: []op.Op{
				&op.CreateTable{Pos: at(2), Table: op.Table{Name: `we"ird'name`, Prefix: `sch"ema`}, Comment: ptr(`it's "odd"`), Columns: []op.Column{
					{Name: `co"l'`, Type: typ("text"), Default: ptr(op.String(`'); DROP TABLE x; --`)), Comment: ptr(`c'o"l`)},
				}},
				&op.CreateIndex{Pos: at(3), Index: op.Index{Table: `we"ird'name`, Prefix: `sch"ema`, Name: `i"x'`, Columns: []string{`"co""l'"`}, Comment: ptr("ix'")}},
				&op.CreateConstraint{Pos: at(4), Constraint: op.Constraint{Table: `we"ird'name`, Prefix: `sch"ema`, Name: `ch"k'`, Check: "length(\"co\"\"l'\") > 0", Validate: true, Comment: ptr("k'")}},
			},
			setup: []string{`CREATE SCHEMA "sch""ema"`},
			facts: []fact{
				{`SELECT c.relname || '|' || n.nspname || '|' || obj_description(c.oid, 'pg_class') FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE c.relname = 'we"ird''name' AND n.nspname = 'sch"ema'`, `we"ird'name|sch"ema|it's "odd"`},
				{`SELECT attname || '|' || pg_get_expr(d.adbin, d.adrelid) || '|' || col_description(a.attrelid, a.attnum) FROM pg_attribute a JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum WHERE a.attname = 'co"l'''`, `co"l'|'''); DROP TABLE x; --'::text|c'o"l`},
				{`SELECT relname || '|' || obj_description(oid, 'pg_class') FROM pg_class WHERE relname = 'i"x'''`, `i"x'|ix'`},
				{`SELECT conname || '|' || obj_description(oid, 'pg_constraint') FROM pg_constraint WHERE conname = 'ch"k'''`, `ch"k'|k'`},
			},
		},
	}
}
