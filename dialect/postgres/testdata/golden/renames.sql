-- op 0 at 20260101000000_test.star:2:5
ALTER TABLE "s"."old" RENAME TO "new";
-- op 1 at 20260101000000_test.star:3:5
ALTER TABLE "s"."new" RENAME "a" TO "b";
-- op 2 at 20260101000000_test.star:4:5
ALTER INDEX "s"."old_a_index" RENAME TO "new_b_index";
-- op 3 at 20260101000000_test.star:5:5
ALTER TABLE "t" RENAME "a" TO "z";
