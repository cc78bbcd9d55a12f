package sqlite

import (
	"testing"

	"github.com/larkdb/lark/op"
)

// oldLog is an operation log as an earlier lark could have stored it in
// schema_migrations: foreign keys without their constraint name, referenced
// column or type, an explicit "nothing" action and explicit "restrict"
// modes. Decoding fills in what the builtins record today (op.Resolve), so
// the log plans to the SQL it always planned to.
const oldLog = `[
{"op":"create_table","pos":{"file":"1_a.star","line":2,"col":17},"table":{"name":"reviews"},"columns":[
  {"name":"id","type":{"name":"bigserial"},"primary_key":true},
  {"name":"order_id","type":{"name":"references","ref":{"table":"orders","column":"","type":{},"name":"","on_delete":{"action":"delete_all"},"on_update":{"action":"nothing"},"validate":true}}},
  {"name":"author_id","type":{"name":"references","ref":{"table":"users","column":"uid","type":{"name":"binary_id"},"name":"","on_delete":{"action":"nilify_all"},"on_update":{"action":"update_all"},"validate":true,"match":"simple"}}},
  {"name":"group_id","type":{"name":"references","ref":{"table":"groups","name":"","on_delete":{"action":"nothing"},"validate":true,"with":[{"column":"org_id","ref":"org_id"}]}}},
  {"name":"org_id","type":{"name":"integer"}}]},
{"op":"alter_table","pos":{"file":"1_a.star","line":3,"col":10},"table":{"name":"reviews"},"changes":[
  {"pos":{"file":"1_a.star","line":4,"col":12},"action":"add","column":{"name":"editor_id","type":{"name":"references","ref":{"table":"users","name":"","on_update":{"action":"restrict"},"validate":true}}}}]},
{"op":"drop_table","pos":{"file":"1_a.star","line":7,"col":15},"table":{"name":"legacy"},"mode":"restrict"},
{"op":"drop_index","pos":{"file":"1_a.star","line":8,"col":15},"index":{"table":"reviews","name":"reviews_order_id_index","columns":["order_id"]},"mode":"restrict"}
]`

// TestOldLogPlansAsBefore decodes oldLog and checks that it plans to the
// SQL this version of lark planned for it before defaults moved out of the
// dialect: a stored log rolls back exactly as it did.
func TestOldLogPlansAsBefore(t *testing.T) {
	t.Parallel()
	l, err := op.Unmarshal([]byte(oldLog))
	if err != nil {
		t.Fatal(err)
	}
	stmts, err := New().Plan(l)
	if err != nil {
		t.Fatal(err)
	}
	if got := render(stmts); got != oldLogSQL {
		t.Errorf("got\n%s\nwant\n%s", got, oldLogSQL)
	}
}

const oldLogSQL = `-- op 0 at 1_a.star:2:17
CREATE TABLE "reviews" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "order_id" INTEGER CONSTRAINT "reviews_order_id_fkey" REFERENCES "orders"("id") ON DELETE CASCADE, "author_id" TEXT CONSTRAINT "reviews_author_id_fkey" REFERENCES "users"("uid") ON DELETE SET NULL ON UPDATE CASCADE MATCH SIMPLE, "group_id" INTEGER, "org_id" INTEGER, CONSTRAINT "reviews_group_id_fkey" FOREIGN KEY ("group_id", "org_id") REFERENCES "groups"("id", "org_id"));
-- op 1 at 1_a.star:4:12
ALTER TABLE "reviews" ADD COLUMN "editor_id" INTEGER CONSTRAINT "reviews_editor_id_fkey" REFERENCES "users"("id") ON UPDATE RESTRICT;
-- op 2 at 1_a.star:7:15
DROP TABLE "legacy";
-- op 3 at 1_a.star:8:15
DROP INDEX "reviews_order_id_index";
`
