-- op 0 at m.star:2:5
CREATE TABLE raw (x INTEGER); INSERT INTO raw VALUES (1);
-- op 1 at m.star:10:5
CREATE TABLE "nested" ("id" INTEGER PRIMARY KEY AUTOINCREMENT);
-- op 1 at m.star:20:5
CREATE INDEX "nested_id_index" ON "nested" ("id");
-- op 3 at m.star:5:5
INSERT INTO raw VALUES (2);
