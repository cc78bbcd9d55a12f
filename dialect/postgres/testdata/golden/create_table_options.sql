-- op 0 at 20260101000000_test.star:3:5
CREATE UNLOGGED TABLE IF NOT EXISTS "blog"."events" ("tenant" integer, "seq" bigint, "name" text COLLATE "C" NOT NULL, "price" integer, "qty" integer, "total" integer GENERATED ALWAYS AS (price * qty) STORED, PRIMARY KEY ("tenant", "seq")) WITH (fillfactor=70);
-- op 0 at 20260101000000_test.star:3:5
COMMENT ON TABLE "blog"."events" IS 'Events, ''quoted''';
-- op 0 at 20260101000000_test.star:3:5
COMMENT ON COLUMN "blog"."events"."seq" IS 'per tenant';
-- op 1 at 20260101000000_test.star:12:5
CREATE TABLE IF NOT EXISTS "blog"."events" ("id" bigserial, PRIMARY KEY ("id"));
-- op 2 at 20260101000000_test.star:13:5
CREATE TABLE "empty" ();
