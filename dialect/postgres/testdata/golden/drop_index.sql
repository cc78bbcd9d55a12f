-- op 0 at 20260101000000_test.star:2:5
DROP INDEX "s"."a";
-- op 1 at 20260101000000_test.star:3:5 (no transaction)
DROP INDEX CONCURRENTLY "s"."b";
-- op 2 at 20260101000000_test.star:4:5
DROP INDEX IF EXISTS "s"."missing";
-- op 3 at 20260101000000_test.star:5:5
DROP INDEX "s"."c" CASCADE;
-- op 4 at 20260101000000_test.star:6:5
DROP INDEX IF EXISTS "d";
