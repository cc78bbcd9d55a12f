package op

import (
	"encoding/json"
	"reflect"
	"strings"
	"testing"
)

// TestResolveFillsDefaults checks every default Resolve fills in, and that
// it leaves what an op gives alone.
func TestResolveFillsDefaults(t *testing.T) {
	bare := func() *Reference { return &Reference{Table: "users", Validate: true} }
	shared := bare() // one reference used by two tables
	log := Log{
		&CreateTable{Table: Table{Name: "posts", Prefix: "blog"}, Columns: []Column{
			DefaultPrimaryKey(),
			{Name: "author_id", Type: Type{Name: "references", Ref: shared}},
			{Name: "editor_id", Type: Type{Name: "references", Ref: &Reference{Table: "users", Column: "uid", Type: Type{Name: "uuid"},
				Name: "fk", Prefix: "auth", OnDelete: &FKAction{Action: FKNothing}, OnUpdate: &FKAction{Action: FKRestrict}}}},
		}},
		&AlterTable{Table: Table{Name: "comments"}, Changes: []Change{
			{Action: ActionAdd, Column: Column{Name: "author_id", Type: Type{Name: "references", Ref: shared}}},
			{Action: ActionModify, Column: Column{Name: "post_id", Type: Type{Name: "bigint"}}, From: &Column{Type: Type{Name: "references", Ref: bare()}}},
		}},
		&CreateIndex{Index: Index{Table: "users", Columns: []string{"lower(email)"}}},
		&DropIndex{Index: Index{Table: "users", Name: "kept"}, Mode: ModeRestrict},
		&DropTable{Table: Table{Name: "t"}, Mode: ModeCascade},
		&Execute{Up: Code{Func: "f"}, Ops: Log{&DropConstraint{Constraint: Constraint{Table: "t", Name: "c"}, Mode: ModeRestrict}}},
	}
	for _, o := range log {
		Resolve(o)
	}
	ref := func(i int) *Reference { return log[0].(*CreateTable).Columns[i].Type.Ref }
	if got, want := *ref(1), (Reference{Table: "users", Column: "id", Type: Type{Name: "bigserial"}, Name: "posts_author_id_fkey", Prefix: "blog", Validate: true}); !reflect.DeepEqual(got, want) {
		t.Errorf("defaults:\n got %+v\nwant %+v", got, want)
	}
	if got, want := *ref(2), (Reference{Table: "users", Column: "uid", Type: Type{Name: "uuid"}, Name: "fk", Prefix: "auth", OnUpdate: &FKAction{Action: FKRestrict}}); !reflect.DeepEqual(got, want) {
		t.Errorf("given values:\n got %+v\nwant %+v", got, want)
	}
	at := log[1].(*AlterTable)
	if got := at.Changes[0].Column.Type.Ref; got.Name != "comments_author_id_fkey" || got.Prefix != "" {
		t.Errorf("shared reference in alter: %+v (the create_table's defaults leaked into it)", got)
	}
	if shared.Name != "" {
		t.Errorf("Resolve changed the reference the ops share: %+v", shared)
	}
	if got := at.Changes[1].From.Type.Ref.Name; got != "comments_post_id_fkey" {
		t.Errorf("from_ reference named %q", got)
	}
	if got := log[2].(*CreateIndex).Index.Name; got != "users_lower_email_index" {
		t.Errorf("index name %q", got)
	}
	if di := log[3].(*DropIndex); di.Index.Name != "kept" || di.Mode != "" {
		t.Errorf("drop_index: %+v", di)
	}
	if got := log[4].(*DropTable).Mode; got != ModeCascade {
		t.Errorf("drop_table mode %q", got)
	}
	if got := log[5].(*Execute).Ops[0].(*DropConstraint).Mode; got != "" {
		t.Errorf("nested drop_constraint mode %q", got)
	}

	// Idempotent: a second pass changes nothing.
	before, _ := json.Marshal(log)
	for _, o := range log {
		Resolve(o)
	}
	if after, _ := json.Marshal(log); string(after) != string(before) {
		t.Errorf("second Resolve changed the log:\n%s\n%s", before, after)
	}
}

func TestIndexName(t *testing.T) {
	for _, c := range []struct {
		table string
		cols  []string
		want  string
	}{
		{"users", []string{"email"}, "users_email_index"},
		{"users", []string{"lower(email)"}, "users_lower_email_index"},
		{"orders", []string{"customer_id", "inserted_at DESC"}, "orders_customer_id_inserted_at_DESC_index"},
		{"", []string{"a"}, "_a_index"},
	} {
		if got := IndexName(c.table, c.cols); got != c.want {
			t.Errorf("IndexName(%q, %q) = %q, want %q", c.table, c.cols, got, c.want)
		}
	}
}

// TestCheck checks the values a stored log may not hold.
func TestCheck(t *testing.T) {
	refOp := func(r Reference) Op {
		r.Table, r.Validate = "users", true
		return &CreateTable{Table: Table{Name: "t"}, Columns: []Column{{Name: "u", Type: Type{Name: "references", Ref: &r}}}}
	}
	ok := []Op{
		refOp(Reference{OnDelete: &FKAction{Action: FKDefaultAll}, OnUpdate: &FKAction{Action: FKUpdateAll}, Match: MatchSimple}),
		refOp(Reference{OnDelete: &FKAction{Action: FKNilify, Columns: []string{"u"}}}),
		&DropTable{Mode: ModeCascade}, &DropIndex{Mode: ModeRestrict}, &DropConstraint{},
	}
	for _, o := range ok {
		if err := Check(o); err != nil {
			t.Errorf("Check(%s) = %v", o.Kind(), err)
		}
	}
	for _, c := range []struct {
		op   Op
		want string
	}{
		{refOp(Reference{OnUpdate: &FKAction{Action: FKDefaultAll}}), `column "u": on_update "default_all" is not an action on_update takes`},
		{refOp(Reference{OnUpdate: &FKAction{Action: FKDeleteAll}}), `column "u": on_update "delete_all" is not an action on_update takes`},
		{refOp(Reference{OnUpdate: &FKAction{Action: FKNilify, Columns: []string{"u"}}}), `column "u": on_update ("nilify", ["u"]) is not an action on_update takes`},
		{refOp(Reference{OnDelete: &FKAction{Action: FKUpdateAll}}), `column "u": on_delete "update_all" is not an action on_delete takes`},
		{refOp(Reference{OnDelete: &FKAction{Action: FKNilify}}), `column "u": on_delete "nilify" is not an action on_delete takes`},
		{refOp(Reference{OnDelete: &FKAction{Action: FKDeleteAll, Columns: []string{"u"}}}), `on_delete ("delete_all", ["u"]) is not`},
		{refOp(Reference{Match: "most"}), `column "u": unknown match "most"`},
		{&DropTable{Mode: "nuke"}, `unknown mode "nuke"`},
		{&AlterTable{Changes: []Change{{Action: ActionModify, Column: Column{Name: "u"}, From: &Column{Type: Type{Name: "references", Ref: &Reference{Match: "x"}}}}}}, `column "u": unknown match "x"`},
		{&Execute{Ops: Log{&DropIndex{Mode: "x"}}}, `unknown mode "x"`},
	} {
		err := Check(c.op)
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("Check(%s) = %v, want %q", c.op.Kind(), err, c.want)
		}
	}
}

// TestDecodeResolvesAndChecks checks that Unmarshal completes a log stored
// without its defaults and refuses one holding a value no dialect
// translates.
func TestDecodeResolvesAndChecks(t *testing.T) {
	l, err := Unmarshal([]byte(`[{"op":"alter_table","table":{"name":"t","prefix":"p"},"changes":[{"action":"add","column":{"name":"u","type":{"name":"references","ref":{"table":"users","column":"","type":{},"name":"","on_update":{"action":"nothing"},"validate":true}}}}]},{"op":"drop_table","table":{"name":"x"},"mode":"restrict"}]`))
	if err != nil {
		t.Fatal(err)
	}
	data, _ := json.Marshal(l)
	want := `[{"op":"alter_table","pos":{},"table":{"name":"t","prefix":"p"},"changes":[{"pos":{},"action":"add","column":{"name":"u","type":{"name":"references","ref":{"table":"users","column":"id","type":{"name":"bigserial"},"name":"t_u_fkey","prefix":"p","validate":true}}}}]},{"op":"drop_table","pos":{},"table":{"name":"x"}}]`
	if string(data) != want {
		t.Errorf("decoded\n%s\nwant\n%s", data, want)
	}
	_, err = Unmarshal([]byte(`[{"op":"drop_table","table":{"name":"x"}},{"op":"create_table","table":{"name":"t"},"columns":[{"name":"u","type":{"name":"references","ref":{"table":"users","column":"id","type":{"name":"bigint"},"name":"f","on_update":{"action":"default_all"},"validate":true}}}]}]`))
	if err == nil || err.Error() != `decode operation 1 (create_table): column "u": on_update "default_all" is not an action on_update takes` {
		t.Errorf("err = %v", err)
	}
}
