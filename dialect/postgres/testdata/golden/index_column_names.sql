-- op 0 at 20260101000000_test.star:2:5
CREATE INDEX "odd_names_index" ON "odd" ("co""l", "a-b") INCLUDE ("Mixed");
-- op 1 at 20260101000000_test.star:3:5
CREATE INDEX "odd_exprs_index" ON "odd" (lower("co""l"), "x y" DESC, "Mixed");
