-- op 0 at m.star:2:5
ALTER TABLE "a" RENAME TO "a2";
-- op 1 at m.star:3:5
ALTER TABLE "a2" RENAME COLUMN "x" TO "y";
-- op 2 at m.star:4:5
DROP TABLE "b";
-- op 3 at m.star:5:5
DROP TABLE IF EXISTS "b";
