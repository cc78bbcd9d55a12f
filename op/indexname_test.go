package op

import "testing"

// TestIndexNameEcto pins Ecto's default_index_name on the names a real
// Ecto history builds: each byte outside [A-Za-z0-9_] becomes "_", each
// part loses its trailing "_", and the parts are joined by "_".
func TestIndexNameEcto(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		table string
		cols  []string
		want  string
	}{
		{"posts", []string{"lower(title)"}, "posts_lower_title_index"},
		{"packages", []string{"name text_pattern_ops"}, "packages_name_text_pattern_ops_index"},
		{"packages", []string{"downloads DESC NULLS LAST"}, "packages_downloads_DESC_NULLS_LAST_index"},
		{"products", []string{"(lower(name))"}, "products__lower_name_index"}, // leading "_" kept
		{"products", []string{"category_id", "sku"}, "products_category_id_sku_index"},
		{"t_", []string{"a__"}, "t_a_index"},
		{"t", []string{"café"}, "t_caf_index"},  // é is two bytes, both "_", trimmed
		{"t", []string{"é", "a"}, "t__a_index"}, // a part of only "_" is empty
		{"my-table", []string{"a"}, "my_table_a_index"},
	} {
		if got := IndexName(c.table, c.cols); got != c.want {
			t.Errorf("IndexName(%q, %q) = %q, want %q", c.table, c.cols, got, c.want)
		}
	}
}

// TestLegacyIndexName pins the rule lark had before it followed Ecto's,
// which a stored log without an index name is read with.
func TestLegacyIndexName(t *testing.T) {
	t.Parallel()
	for _, c := range []struct {
		table string
		cols  []string
		want  string
	}{
		{"posts", []string{"lower(title)"}, "posts_lowertitle_index"},
		{"orders", []string{"customer_id", "inserted_at DESC"}, "orders_customer_id_inserted_atDESC_index"},
		{"users", []string{"email"}, "users_email_index"},
		{"", []string{"a"}, "a_index"},
	} {
		if got := LegacyIndexName(c.table, c.cols); got != c.want {
			t.Errorf("LegacyIndexName(%q, %q) = %q, want %q", c.table, c.cols, got, c.want)
		}
	}
}

// TestStoredIndexNames checks how a stored log's index names decode: a
// name the log holds is kept, whichever rule made it (every lark has
// stored one); an index stored without a name, which only a log written
// before the rule changed could hold, gets the old rule's name, the one
// its lark gave the index it created, so that the rollback finds it. A
// script recorded today gets Ecto's name.
func TestStoredIndexNames(t *testing.T) {
	t.Parallel()
	const stored = `[
{"op":"create_index","index":{"table":"posts","name":"posts_lowertitle_index","columns":["lower(title)"]}},
{"op":"create_index","index":{"table":"posts","name":"","columns":["lower(body)"]}},
{"op":"drop_index","index":{"table":"posts","name":"","columns":["upper(slug)"]}},
{"op":"create_index","index":{"table":"posts","name":"posts_lower_tag_index","columns":["lower(tag)"]}},
{"op":"execute","up":{"func":"f"},"ops":[{"op":"create_index","index":{"table":"posts","name":"","columns":["a b"]}}]}
]`
	l, err := Unmarshal([]byte(stored))
	if err != nil {
		t.Fatal(err)
	}
	want := []string{"posts_lowertitle_index", "posts_lowerbody_index", "posts_upperslug_index", "posts_lower_tag_index"}
	for i, w := range want {
		var got string
		switch o := l[i].(type) {
		case *CreateIndex:
			got = o.Index.Name
		case *DropIndex:
			got = o.Index.Name
		}
		if got != w {
			t.Errorf("op %d: index name %q, want %q", i, got, w)
		}
	}
	if got := l[4].(*Execute).Ops[0].(*CreateIndex).Index.Name; got != "posts_ab_index" {
		t.Errorf("index inside execute: name %q, want %q", got, "posts_ab_index")
	}

	// Recorded today (Resolve, as the builtins call it): Ecto's rule. And a
	// log written today keeps that name through storage.
	ci := &CreateIndex{Index: Index{Table: "posts", Columns: []string{"lower(body)"}}}
	Resolve(ci)
	if ci.Index.Name != "posts_lower_body_index" {
		t.Fatalf("recorded: name %q", ci.Index.Name)
	}
	data, err := Marshal(Log{ci})
	if err != nil {
		t.Fatal(err)
	}
	back, err := Unmarshal(data)
	if err != nil {
		t.Fatal(err)
	}
	if got := back[0].(*CreateIndex).Index.Name; got != "posts_lower_body_index" {
		t.Errorf("after storage: name %q, want posts_lower_body_index", got)
	}
}
