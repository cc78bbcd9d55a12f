package postgres

import "github.com/larkdb/lark/op"

func ref(table string) *op.Reference {
	return &op.Reference{Table: table, Column: "id", Type: typ("bigserial"), Validate: true}
}

func refType(r *op.Reference) op.Type { return op.Type{Name: "references", Ref: r} }

// alterCases cover alter() with every change and option, combined into one
// ALTER TABLE as Ecto does.
func alterCases() []planCase {
	posts := op.Table{Name: "posts"}
	return []planCase{
		{
			name:  "alter_add_remove",
			setup: []string{`CREATE TABLE posts (old text, older text, id bigint)`},
			ops: []op.Op{&op.AlterTable{Pos: at(2), Table: posts, Comment: ptr("Posts"), Changes: []op.Change{
				{Pos: at(3), Action: op.ActionAdd, Column: op.Column{Name: "title", Type: typ("string"), Size: ptr(80), Null: ptr(false), Default: ptr(op.String("")), Comment: ptr("the title")}},
				{Pos: at(4), Action: op.ActionAddIfNotExists, Column: op.Column{Name: "id", Type: typ("bigint")}},
				{Pos: at(5), Action: op.ActionAdd, Column: op.Column{Name: "slug", Type: typ("text"), Collation: "C"}},
				{Pos: at(6), Action: op.ActionAdd, Column: op.Column{Name: "seq", Type: typ("identity"), StartValue: ptr[int64](5)}},
				{Pos: at(7), Action: op.ActionRemove, Column: op.Column{Name: "old", Type: typ("text")}},
				{Pos: at(8), Action: op.ActionRemoveIfExists, Column: op.Column{Name: "older"}},
				{Pos: at(9), Action: op.ActionRemoveIfExists, Column: op.Column{Name: "never"}},
			}}},
			facts: []fact{
				colFact("posts", "title", "character varying(80)|true|''::character varying"),
				{`SELECT col_description('posts'::regclass, attnum) FROM pg_attribute WHERE attrelid = 'posts'::regclass AND attname = 'title'`, "the title"},
				{`SELECT obj_description('posts'::regclass, 'pg_class')`, "Posts"},
				{`SELECT string_agg(attname, ',' ORDER BY attnum) FROM pg_attribute WHERE attrelid = 'posts'::regclass AND attnum > 0 AND NOT attisdropped`, "id,title,slug,seq"},
			},
		},
		{
			name:  "alter_add_primary_key",
			setup: []string{`CREATE TABLE items (name text)`},
			ops: []op.Op{&op.AlterTable{Pos: at(2), Table: op.Table{Name: "items"}, Changes: []op.Change{
				{Pos: at(3), Action: op.ActionAdd, Column: op.Column{Name: "id", Type: typ("bigserial"), PrimaryKey: true}},
			}}},
			facts: []fact{
				{`SELECT string_agg(a.attname, ',') FROM pg_index i JOIN pg_attribute a ON a.attrelid = i.indrelid AND a.attnum = ANY(i.indkey) WHERE i.indrelid = 'items'::regclass AND i.indisprimary`, "id"},
			},
		},
		{
			name:  "alter_modify",
			setup: []string{`CREATE TABLE posts (title varchar(10), body text NOT NULL DEFAULT 'x', n integer, price integer DEFAULT 1, name text)`},
			ops: []op.Op{&op.AlterTable{Pos: at(2), Table: posts, Changes: []op.Change{
				{Pos: at(3), Action: op.ActionModify, Column: op.Column{Name: "title", Type: typ("string"), Size: ptr(200), Null: ptr(false), Default: ptr(op.String("untitled")), Comment: ptr("longer")},
					From: &op.Column{Type: typ("string"), Size: ptr(10)}},
				{Pos: at(4), Action: op.ActionModify, Column: op.Column{Name: "body", Type: typ("text"), Null: ptr(true), Default: ptr(op.Null())}},
				{Pos: at(5), Action: op.ActionModify, Column: op.Column{Name: "n", Type: typ("bigint")}},
				{Pos: at(6), Action: op.ActionModify, Column: op.Column{Name: "price", Type: typ("decimal"), Precision: ptr(10), Scale: ptr(2), Default: ptr(op.Float(9.99))}},
				{Pos: at(7), Action: op.ActionModify, Column: op.Column{Name: "name", Type: typ("text"), Collation: "C"}},
			}}},
			facts: []fact{
				colFact("posts", "title", "character varying(200)|true|'untitled'::character varying"),
				colFact("posts", "body", "text|false|"),
				colFact("posts", "n", "bigint|false|"),
				colFact("posts", "price", "numeric(10,2)|false|9.99"),
				{`SELECT collname FROM pg_attribute a JOIN pg_collation c ON c.oid = a.attcollation WHERE attrelid = 'posts'::regclass AND attname = 'name'`, "C"},
				{`SELECT col_description('posts'::regclass, 1)`, "longer"},
			},
		},
		{
			name:  "alter_comment_only",
			setup: []string{`CREATE SCHEMA s`, `CREATE TABLE s.posts (id int)`},
			ops:   []op.Op{&op.AlterTable{Pos: at(2), Table: op.Table{Name: "posts", Prefix: "s"}, Comment: ptr("only a comment")}},
			facts: []fact{{`SELECT obj_description('s.posts'::regclass, 'pg_class')`, "only a comment"}},
		},
	}
}

// referenceCases cover references() with every option, in create_table,
// alter add, modify and remove.
func referenceCases() []planCase {
	fkFact := func(name, want string) fact {
		return fact{`SELECT pg_get_constraintdef(oid) || ' valid=' || convalidated FROM pg_constraint WHERE conname = ` + QuoteString(name), want}
	}
	withName := ref("authors")
	withName.Name = "posts_author_fk"
	withName.OnDelete = &op.FKAction{Action: "delete_all"}
	withName.OnUpdate = &op.FKAction{Action: "update_all"}
	uuidRef := &op.Reference{Table: "accounts", Column: "uuid", Type: typ("uuid"), Validate: true, Name: "posts_account_uuid_fkey",
		OnDelete: &op.FKAction{Action: "nilify_all"}, OnUpdate: &op.FKAction{Action: "nilify_all"}}
	prefixed := &op.Reference{Table: "tags", Column: "id", Type: typ("serial"), Prefix: "lib", Validate: true, Name: "posts_tag_id_fkey",
		OnDelete: &op.FKAction{Action: "restrict"}, OnUpdate: &op.FKAction{Action: "restrict"}}
	composite := &op.Reference{Table: "memberships", Column: "user_id", Type: typ("bigint"), Validate: true, Name: "posts_user_id_fkey",
		With: []op.ColumnPair{{Column: "group_id", Ref: "group_id"}}, Match: "full",
		OnDelete: &op.FKAction{Action: "nilify", Columns: []string{"user_id"}}, OnUpdate: &op.FKAction{Action: "nothing"}}
	defaulted := &op.Reference{Table: "authors", Column: "id", Type: typ("bigserial"), Validate: true, Name: "posts_editor_id_fkey",
		OnDelete: &op.FKAction{Action: "default", Columns: []string{"editor_id"}}, OnUpdate: &op.FKAction{Action: "default_all"}}
	reviewer := &op.Reference{Table: "authors", Column: "id", Type: typ("identity"), Validate: true, Name: "posts_reviewer_id_fkey",
		OnDelete: &op.FKAction{Action: "default_all"}, Match: "simple"}
	setup := []string{
		`CREATE TABLE authors (id bigserial PRIMARY KEY)`,
		`CREATE TABLE accounts (uuid uuid PRIMARY KEY)`,
		`CREATE SCHEMA lib`, `CREATE TABLE lib.tags (id serial PRIMARY KEY)`,
		`CREATE TABLE memberships (user_id bigint, group_id bigint, PRIMARY KEY (user_id, group_id))`,
	}
	notValid := ref("authors")
	notValid.Name = "comments_author_id_fkey"
	notValid.Validate = false
	newRef := ref("authors")
	newRef.Name = "comments_owner_id_fkey"
	oldRef := ref("tags")
	oldRef.Name = "comments_owner_id_fkey"
	oldRef.Type = typ("serial")
	oldRef.Prefix = "lib"
	return []planCase{
		{
			name:  "references_create_table",
			setup: setup,
			ops: []op.Op{&op.CreateTable{Pos: at(2), Table: op.Table{Name: "posts"}, Columns: []op.Column{
				{Name: "id", Type: typ("bigserial"), PrimaryKey: true},
				{Name: "author_id", Type: refType(ref("authors")), Null: ptr(false)},
				{Name: "writer_id", Type: refType(withName)},
				{Name: "account_uuid", Type: refType(uuidRef)},
				{Name: "tag_id", Type: refType(prefixed)},
				{Name: "group_id", Type: typ("bigint")},
				{Name: "user_id", Type: refType(composite)},
				{Name: "editor_id", Type: refType(defaulted), Default: ptr(op.Int(0))},
				{Name: "reviewer_id", Type: refType(reviewer)},
			}}},
			facts: []fact{
				colFact("posts", "author_id", "bigint|true|"),
				colFact("posts", "tag_id", "integer|false|"),
				colFact("posts", "account_uuid", "uuid|false|"),
				colFact("posts", "reviewer_id", "bigint|false|"),
				fkFact("posts_author_id_fkey", "FOREIGN KEY (author_id) REFERENCES authors(id) valid=true"),
				fkFact("posts_author_fk", "FOREIGN KEY (writer_id) REFERENCES authors(id) ON UPDATE CASCADE ON DELETE CASCADE valid=true"),
				fkFact("posts_account_uuid_fkey", "FOREIGN KEY (account_uuid) REFERENCES accounts(uuid) ON UPDATE SET NULL ON DELETE SET NULL valid=true"),
				fkFact("posts_tag_id_fkey", "FOREIGN KEY (tag_id) REFERENCES lib.tags(id) ON UPDATE RESTRICT ON DELETE RESTRICT valid=true"),
				fkFact("posts_user_id_fkey", "FOREIGN KEY (user_id, group_id) REFERENCES memberships(user_id, group_id) MATCH FULL ON DELETE SET NULL (user_id) valid=true"),
				fkFact("posts_editor_id_fkey", "FOREIGN KEY (editor_id) REFERENCES authors(id) ON UPDATE SET DEFAULT ON DELETE SET DEFAULT (editor_id) valid=true"),
				fkFact("posts_reviewer_id_fkey", "FOREIGN KEY (reviewer_id) REFERENCES authors(id) ON DELETE SET DEFAULT valid=true"),
			},
		},
		{
			name:  "references_match_partial",
			setup: setup,
			ops: []op.Op{&op.CreateTable{Pos: at(2), Table: op.Table{Name: "p"}, Columns: []op.Column{
				{Name: "a_id", Type: refType(&op.Reference{Table: "authors", Column: "id", Name: "p_a_id_fkey", Match: "partial", Validate: true})},
			}}},
			noExec: "PostgreSQL parses MATCH PARTIAL but does not implement it",
		},
		{
			name: "references_alter",
			setup: append(setup,
				`CREATE TABLE comments (id bigserial PRIMARY KEY, owner_id integer CONSTRAINT comments_owner_id_fkey REFERENCES lib.tags(id), post_id bigint REFERENCES authors(id), gone_id bigint REFERENCES authors(id), n bigint)`,
				`INSERT INTO authors VALUES (1)`, `INSERT INTO comments (n) VALUES (999)`),
			ops: []op.Op{&op.AlterTable{Pos: at(2), Table: op.Table{Name: "comments"}, Changes: []op.Change{
				{Pos: at(3), Action: op.ActionAdd, Column: op.Column{Name: "author_id", Type: refType(notValid)}},
				{Pos: at(4), Action: op.ActionModify, Column: op.Column{Name: "owner_id", Type: refType(newRef), Null: ptr(true)}, From: &op.Column{Type: refType(oldRef)}},
				{Pos: at(5), Action: op.ActionRemove, Column: op.Column{Name: "post_id", Type: refType(&op.Reference{Table: "authors", Column: "id", Name: "comments_post_id_fkey", Validate: true})}},
				{Pos: at(6), Action: op.ActionRemoveIfExists, Column: op.Column{Name: "gone_id", Type: refType(&op.Reference{Table: "authors", Column: "id", Name: "comments_gone_id_fkey", Validate: true})}},
				{Pos: at(7), Action: op.ActionModify, Column: op.Column{Name: "n", Type: refType(&op.Reference{Table: "authors", Column: "id", Name: "comments_n_fkey", Validate: false})}, From: &op.Column{Type: typ("bigint")}},
			}}},
			facts: []fact{
				colFact("comments", "owner_id", "bigint|false|"),
				fkFact("comments_author_id_fkey", "FOREIGN KEY (author_id) REFERENCES authors(id) NOT VALID valid=false"),
				fkFact("comments_owner_id_fkey", "FOREIGN KEY (owner_id) REFERENCES authors(id) valid=true"),
				fkFact("comments_n_fkey", "FOREIGN KEY (n) REFERENCES authors(id) NOT VALID valid=false"),
				{`SELECT count(*)::text FROM pg_attribute WHERE attrelid = 'comments'::regclass AND attname IN ('post_id', 'gone_id') AND NOT attisdropped`, "0"},
			},
		},
		{
			name:  "references_modify_to_plain",
			setup: []string{`CREATE TABLE authors (id bigserial PRIMARY KEY)`, `CREATE TABLE posts (author_id bigint CONSTRAINT posts_author_id_fkey REFERENCES authors(id))`},
			ops: []op.Op{&op.AlterTable{Pos: at(2), Table: op.Table{Name: "posts"}, Changes: []op.Change{
				{Pos: at(3), Action: op.ActionModify, Column: op.Column{Name: "author_id", Type: typ("text")}, From: &op.Column{Type: refType(ref("authors"))}},
			}}},
			facts: []fact{
				colFact("posts", "author_id", "text|false|"),
				{`SELECT count(*)::text FROM pg_constraint WHERE conrelid = 'posts'::regclass`, "0"},
			},
		},
	}
}
