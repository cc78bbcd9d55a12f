-- op 0 at 20260101000000_test.star:2:5
DROP TABLE "s"."a";
-- op 1 at 20260101000000_test.star:3:5
DROP TABLE "b";
-- op 2 at 20260101000000_test.star:4:5
DROP TABLE IF EXISTS "missing";
-- op 3 at 20260101000000_test.star:5:5
DROP TABLE "c" CASCADE;
