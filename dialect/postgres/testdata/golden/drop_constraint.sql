-- op 0 at 20260101000000_test.star:2:5
ALTER TABLE "s"."products" DROP CONSTRAINT "a";
-- op 1 at 20260101000000_test.star:3:5
ALTER TABLE "s"."products" DROP CONSTRAINT IF EXISTS "missing";
-- op 2 at 20260101000000_test.star:4:5
ALTER TABLE "s"."products" DROP CONSTRAINT "b" CASCADE;
-- op 3 at 20260101000000_test.star:5:5
ALTER TABLE "s"."products" DROP CONSTRAINT IF EXISTS "c";
