-- op 0 at m.star:1:5
CREATE TABLE "t" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "x" INTEGER);
-- op 1 at m.star:2:5
CREATE TABLE "lark_new_t" ("id" INTEGER PRIMARY KEY AUTOINCREMENT, "x" INTEGER, CONSTRAINT "c" CHECK (x > 0));
-- op 1 at m.star:2:5
INSERT INTO "lark_new_t" ("id", "x") SELECT "id", "x" FROM "t";
-- op 1 at m.star:2:5
DELETE FROM sqlite_sequence WHERE name = 'lark_new_t';
-- op 1 at m.star:2:5
INSERT INTO sqlite_sequence (name, seq) SELECT 'lark_new_t', seq FROM sqlite_sequence WHERE name = 't';
-- op 1 at m.star:2:5
DROP TABLE "t";
-- op 1 at m.star:2:5
ALTER TABLE "lark_new_t" RENAME TO "t";
