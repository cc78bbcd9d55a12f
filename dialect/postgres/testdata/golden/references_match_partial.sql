-- op 0 at 20260101000000_test.star:2:5
CREATE TABLE "p" ("a_id" bigint, CONSTRAINT "p_a_id_fkey" FOREIGN KEY ("a_id") REFERENCES "authors"("id") MATCH PARTIAL);
