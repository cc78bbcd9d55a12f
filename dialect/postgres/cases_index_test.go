package postgres

import "github.com/larkdb/lark/op"

// indexCases cover index(), unique_index() and drop_index() with every option.
func indexCases() []planCase {
	setup := []string{`CREATE SCHEMA s`, `CREATE TABLE s.users (id bigint, email text, org_id int, deleted_at timestamp, tags text[], name text)`}
	users := func(ix op.Index) op.Index { ix.Table, ix.Prefix = "users", "s"; return ix }
	idxFact := func(name, want string) fact {
		return fact{`SELECT pg_get_indexdef(('s.' || quote_ident(` + QuoteString(name) + `))::regclass)`, want}
	}
	return []planCase{
		{
			name:  "create_index",
			setup: setup,
			ops: []op.Op{
				&op.CreateIndex{Pos: at(2), Index: users(op.Index{Name: "users_email_index", Columns: []string{"email"}})},
				&op.CreateIndex{Pos: at(3), Index: users(op.Index{Name: "users_org_id_email_index", Columns: []string{"org_id", "lower(email)"}, Unique: true,
					Where: "deleted_at IS NULL", Include: []string{"name"}, NullsDistinct: ptr(false), Options: "fillfactor=80", Comment: ptr("one per org's email")})},
				&op.CreateIndex{Pos: at(4), IfNotExists: true, Index: users(op.Index{Name: "users_email_index", Columns: []string{"email"}})},
				&op.CreateIndex{Pos: at(5), Index: users(op.Index{Name: "users_tags_index", Columns: []string{"tags"}, Using: "gin", Only: true})},
				&op.CreateIndex{Pos: at(6), Index: users(op.Index{Name: "users_id_index", Columns: []string{"id DESC"}, Unique: true, NullsDistinct: ptr(true)})},
				&op.CreateIndex{Pos: at(7), Index: users(op.Index{Name: "users_name_index", Columns: []string{"name"}, Concurrently: true, Comment: ptr("built concurrently")})},
			},
			facts: []fact{
				idxFact("users_email_index", "CREATE INDEX users_email_index ON s.users USING btree (email)"),
				idxFact("users_org_id_email_index", "CREATE UNIQUE INDEX users_org_id_email_index ON s.users USING btree (org_id, lower(email)) INCLUDE (name) NULLS NOT DISTINCT WITH (fillfactor='80') WHERE (deleted_at IS NULL)"),
				idxFact("users_tags_index", "CREATE INDEX users_tags_index ON s.users USING gin (tags)"),
				idxFact("users_id_index", "CREATE UNIQUE INDEX users_id_index ON s.users USING btree (id DESC)"),
				idxFact("users_name_index", "CREATE INDEX users_name_index ON s.users USING btree (name)"),
				{`SELECT obj_description('s.users_org_id_email_index'::regclass, 'pg_class')`, "one per org's email"},
				{`SELECT obj_description('s.users_name_index'::regclass, 'pg_class')`, "built concurrently"},
			},
		},
		{
			// A column with no parenthesis and no whitespace is a name,
			// quoted whatever it holds; one already quoted, or with a
			// parenthesis or whitespace, is written as is.
			name:  "index_column_names",
			setup: []string{`CREATE TABLE odd ("co""l" text, "a-b" int, "Mixed" int, "x y" int)`},
			ops: []op.Op{
				&op.CreateIndex{Pos: at(2), Index: op.Index{Table: "odd", Name: "odd_names_index", Columns: []string{`co"l`, `a-b`}, Include: []string{"Mixed"}}},
				&op.CreateIndex{Pos: at(3), Index: op.Index{Table: "odd", Name: "odd_exprs_index", Columns: []string{`lower("co""l")`, `"x y" DESC`, `"Mixed"`}}},
			},
			facts: []fact{
				{`SELECT pg_get_indexdef('odd_names_index'::regclass)`, `CREATE INDEX odd_names_index ON public.odd USING btree ("co""l", "a-b") INCLUDE ("Mixed")`},
				{`SELECT pg_get_indexdef('odd_exprs_index'::regclass)`, `CREATE INDEX odd_exprs_index ON public.odd USING btree (lower("co""l"), "x y" DESC, "Mixed")`},
			},
		},
		{
			name: "drop_index",
			setup: append(setup, `CREATE INDEX a ON s.users (email)`, `CREATE INDEX b ON s.users (name)`, `CREATE INDEX c ON s.users (id)`,
				`CREATE TABLE plain (id int)`, `CREATE INDEX d ON plain (id)`),
			ops: []op.Op{
				&op.DropIndex{Pos: at(2), Index: users(op.Index{Name: "a", Columns: []string{"email"}})},
				&op.DropIndex{Pos: at(3), Index: users(op.Index{Name: "b", Concurrently: true})},
				&op.DropIndex{Pos: at(4), Index: users(op.Index{Name: "missing"}), IfExists: true},
				&op.DropIndex{Pos: at(5), Index: users(op.Index{Name: "c"}), Mode: "cascade"},
				&op.DropIndex{Pos: at(6), Index: op.Index{Table: "plain", Name: "d"}, IfExists: true, Mode: "restrict"},
			},
			facts: []fact{{`SELECT count(*)::text FROM pg_class WHERE relkind = 'i' AND relname IN ('a', 'b', 'c', 'd')`, "0"}},
		},
	}
}

// constraintCases cover constraint() and drop_constraint() with every option.
func constraintCases() []planCase {
	setup := []string{`CREATE SCHEMA s`, `CREATE TABLE s.products (price int, during tsrange, room int)`, `INSERT INTO s.products VALUES (-1, NULL)`}
	products := func(c op.Constraint) op.Constraint { c.Table, c.Prefix = "products", "s"; return c }
	conFact := func(name, want string) fact {
		return fact{`SELECT pg_get_constraintdef(oid) || ' valid=' || convalidated || ' ' || coalesce(obj_description(oid, 'pg_constraint'), '') FROM pg_constraint WHERE conname = ` + QuoteString(name), want}
	}
	return []planCase{
		{
			name:  "create_constraint",
			setup: setup,
			ops: []op.Op{
				&op.CreateConstraint{Pos: at(2), Constraint: products(op.Constraint{Name: "price_positive", Check: "price > 0", Validate: false, Comment: ptr("later, it's validated")})},
				&op.CreateConstraint{Pos: at(3), Constraint: products(op.Constraint{Name: "price_small", Check: "price < 1000", Validate: true})},
				&op.CreateConstraint{Pos: at(4), Constraint: products(op.Constraint{Name: "no_overlap", Exclude: "gist (during WITH &&)", Validate: true, Comment: ptr("no overlap")})},
				&op.Execute{Pos: at(5), Up: op.Code{SQL: "CREATE EXTENSION IF NOT EXISTS btree_gist"}},
				&op.CreateConstraint{Pos: at(6), Constraint: products(op.Constraint{Name: "no_double_booking", Exclude: "gist (room WITH =, during WITH &&)", Validate: true})},
			},
			facts: []fact{
				conFact("price_positive", "CHECK ((price > 0)) NOT VALID valid=false later, it's validated"),
				conFact("price_small", "CHECK ((price < 1000)) valid=true "),
				conFact("no_overlap", "EXCLUDE USING gist (during WITH &&) valid=true no overlap"),
				conFact("no_double_booking", "EXCLUDE USING gist (room WITH =, during WITH &&) valid=true "),
			},
		},
		{
			name: "drop_constraint",
			setup: append(setup, `ALTER TABLE s.products ADD CONSTRAINT a CHECK (price < 10)`, `ALTER TABLE s.products ADD CONSTRAINT b CHECK (price < 20)`,
				`ALTER TABLE s.products ADD CONSTRAINT c CHECK (price < 30)`),
			ops: []op.Op{
				&op.DropConstraint{Pos: at(2), Constraint: products(op.Constraint{Name: "a", Check: "price < 10", Validate: true})},
				&op.DropConstraint{Pos: at(3), Constraint: products(op.Constraint{Name: "missing"}), IfExists: true},
				&op.DropConstraint{Pos: at(4), Constraint: products(op.Constraint{Name: "b"}), Mode: "cascade"},
				&op.DropConstraint{Pos: at(5), Constraint: products(op.Constraint{Name: "c"}), Mode: "restrict", IfExists: true},
			},
			facts: []fact{{`SELECT count(*)::text FROM pg_constraint WHERE conrelid = 's.products'::regclass`, "0"}},
		},
	}
}

// executeCases cover execute(): SQL as written, and a function's recorded
// ops planned in place.
func executeCases() []planCase {
	return []planCase{
		{
			name: "execute",
			ops: []op.Op{
				&op.Execute{Pos: at(2), Up: op.Code{SQL: "CREATE TABLE raw (id int)"}, Down: &op.Code{SQL: "DROP TABLE raw"}},
				&op.Execute{Pos: at(3), Up: op.Code{Func: "up_data"}, Ops: op.Log{
					&op.CreateTable{Pos: at(10), Table: op.Table{Name: "nested"}, Columns: []op.Column{{Name: "id", Type: typ("bigserial"), PrimaryKey: true}}},
					&op.CreateIndex{Pos: at(11), Index: op.Index{Table: "nested", Name: "nested_id_index", Columns: []string{"id"}, Concurrently: true}},
					&op.Execute{Pos: at(12), Up: op.Code{SQL: "INSERT INTO raw VALUES (1)"}},
				}},
				&op.Execute{Pos: at(4), Up: op.Code{Func: "reversed_not_recorded"}},
				&op.Execute{Pos: at(5), Up: op.Code{SQL: "INSERT INTO raw VALUES (2); INSERT INTO raw VALUES (3)"}},
			},
			facts: []fact{
				{`SELECT string_agg(id::text, ',' ORDER BY id) FROM raw`, "1,2,3"},
				{`SELECT 'nested_id_index'::regclass::text`, "nested_id_index"},
			},
		},
	}
}
