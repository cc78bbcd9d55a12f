package postgres

import (
	"testing"

	"github.com/larkdb/lark/op"
)

// oldLog is an operation log as an earlier lark could have stored it in
// schema_migrations: foreign keys without their constraint name, referenced
// column, type or prefix, an explicit "nothing" action and explicit
// "restrict" modes. Decoding fills in what the builtins record today
// (op.Resolve), so the log plans to the SQL it always planned to.
const oldLog = `[
{"op":"create_table","pos":{"file":"1_a.star","line":2,"col":17},"table":{"name":"reviews","prefix":"shop"},"columns":[
  {"name":"id","type":{"name":"bigserial"},"primary_key":true},
  {"name":"order_id","type":{"name":"references","ref":{"table":"orders","column":"","type":{},"name":"","on_delete":{"action":"delete_all"},"on_update":{"action":"nothing"},"validate":true}}},
  {"name":"author_id","type":{"name":"references","ref":{"table":"users","column":"uid","type":{"name":"binary_id"},"name":"","prefix":"auth","on_delete":{"action":"nilify","columns":["author_id"]},"on_update":{"action":"update_all"},"validate":true,"match":"full"}}}]},
{"op":"alter_table","pos":{"file":"1_a.star","line":3,"col":10},"table":{"name":"reviews","prefix":"shop"},"changes":[
  {"pos":{"file":"1_a.star","line":4,"col":12},"action":"add","column":{"name":"editor_id","type":{"name":"references","ref":{"table":"users","name":"","validate":false}}}},
  {"pos":{"file":"1_a.star","line":5,"col":15},"action":"modify","column":{"name":"order_id","type":{"name":"bigint"}},"from":{"name":"","type":{"name":"references","ref":{"table":"orders","name":"","validate":true}}}},
  {"pos":{"file":"1_a.star","line":6,"col":15},"action":"remove","column":{"name":"author_id","type":{"name":"references","ref":{"table":"users","column":"uid","type":{"name":"serial"},"name":"","validate":true}}}}]},
{"op":"drop_table","pos":{"file":"1_a.star","line":7,"col":15},"table":{"name":"legacy"},"mode":"restrict"},
{"op":"drop_index","pos":{"file":"1_a.star","line":8,"col":15},"index":{"table":"reviews","prefix":"shop","name":"reviews_order_id_index","columns":["order_id"]},"mode":"restrict"},
{"op":"drop_constraint","pos":{"file":"1_a.star","line":9,"col":20},"constraint":{"table":"reviews","name":"positive","check":"x > 0","validate":true},"mode":"restrict"}
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
	got := render(stmts)
	if got != oldLogSQL {
		t.Errorf("got\n%s\nwant\n%s", got, oldLogSQL)
	}
}

const oldLogSQL = `-- op 0 at 1_a.star:2:17
CREATE TABLE "shop"."reviews" ("id" bigserial, "order_id" bigint, CONSTRAINT "reviews_order_id_fkey" FOREIGN KEY ("order_id") REFERENCES "shop"."orders"("id") ON DELETE CASCADE, "author_id" uuid, CONSTRAINT "reviews_author_id_fkey" FOREIGN KEY ("author_id") REFERENCES "auth"."users"("uid") MATCH FULL ON DELETE SET NULL ("author_id") ON UPDATE CASCADE, PRIMARY KEY ("id"));
-- op 1 at 1_a.star:3:10
ALTER TABLE "shop"."reviews" ADD COLUMN "editor_id" bigint, ADD CONSTRAINT "reviews_editor_id_fkey" FOREIGN KEY ("editor_id") REFERENCES "shop"."users"("id") NOT VALID, DROP CONSTRAINT "reviews_order_id_fkey", ALTER COLUMN "order_id" TYPE bigint, DROP CONSTRAINT "reviews_author_id_fkey", DROP COLUMN "author_id";
-- op 2 at 1_a.star:7:15
DROP TABLE "legacy";
-- op 3 at 1_a.star:8:15
DROP INDEX "shop"."reviews_order_id_index";
-- op 4 at 1_a.star:9:20
ALTER TABLE "reviews" DROP CONSTRAINT "positive";
`
