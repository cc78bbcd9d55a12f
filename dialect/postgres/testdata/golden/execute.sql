-- op 0 at 20260101000000_test.star:2:5
CREATE TABLE raw (id int);
-- op 1 at 20260101000000_test.star:10:5
CREATE TABLE "nested" ("id" bigserial, PRIMARY KEY ("id"));
-- op 1 at 20260101000000_test.star:11:5 (no transaction)
CREATE INDEX CONCURRENTLY "nested_id_index" ON "nested" ("id");
-- op 1 at 20260101000000_test.star:12:5
INSERT INTO raw VALUES (1);
-- op 3 at 20260101000000_test.star:5:5
INSERT INTO raw VALUES (2); INSERT INTO raw VALUES (3);
