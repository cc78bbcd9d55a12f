-- op 0 at m.star:2:5
CREATE INDEX "odd_names_index" ON "odd" ("co""l", "a-b");
-- op 1 at m.star:3:5
CREATE INDEX "odd_exprs_index" ON "odd" (lower("co""l"), "Mixed" DESC, "a-b");
