-- op 0 at m.star:2:5
CREATE TABLE "a" ("id" INTEGER PRIMARY KEY AUTOINCREMENT);
-- op 1 at m.star:3:5
CREATE TABLE "b" ("id" INTEGER PRIMARY KEY AUTOINCREMENT);
-- op 2 at m.star:4:5
CREATE TABLE "c" ("id" INTEGER PRIMARY KEY AUTOINCREMENT);
-- op 3 at m.star:5:5
CREATE TABLE "d" ("id" TEXT PRIMARY KEY);
-- op 4 at m.star:6:5
CREATE TABLE "e" ("id" INTEGER PRIMARY KEY);
-- op 5 at m.star:7:5
CREATE TABLE "pairs" ("a_id" INTEGER, "b_id" INTEGER, PRIMARY KEY ("a_id", "b_id"));
