-- op 0 at 20260101000000_test.star:2:5
ALTER TABLE "posts" ALTER COLUMN "title" TYPE varchar(200), ALTER COLUMN "title" SET NOT NULL, ALTER COLUMN "title" SET DEFAULT 'untitled', ALTER COLUMN "body" TYPE text, ALTER COLUMN "body" DROP NOT NULL, ALTER COLUMN "body" DROP DEFAULT, ALTER COLUMN "n" TYPE bigint, ALTER COLUMN "price" TYPE decimal(10,2), ALTER COLUMN "price" SET DEFAULT 9.99, ALTER COLUMN "name" TYPE text COLLATE "C";
-- op 0 at 20260101000000_test.star:2:5
COMMENT ON COLUMN "posts"."title" IS 'longer';
