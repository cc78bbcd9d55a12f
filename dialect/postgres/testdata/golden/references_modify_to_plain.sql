-- op 0 at 20260101000000_test.star:2:5
ALTER TABLE "posts" DROP CONSTRAINT "posts_author_id_fkey", ALTER COLUMN "author_id" TYPE text;
