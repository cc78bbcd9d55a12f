-- op 0 at m.star:3:5
ALTER TABLE "posts" ADD COLUMN "title" TEXT DEFAULT '' NOT NULL;
-- op 0 at m.star:4:5
ALTER TABLE "posts" ADD COLUMN "views" INTEGER DEFAULT 0;
-- op 0 at m.star:5:5
ALTER TABLE "posts" ADD COLUMN "author_id" INTEGER CONSTRAINT "posts_author_id_fkey" REFERENCES "authors"("id") ON DELETE SET NULL;
-- op 0 at m.star:6:5
ALTER TABLE "posts" ADD COLUMN "inserted_at" TEXT;
-- op 0 at m.star:7:5
ALTER TABLE "posts" ADD COLUMN "updated_at" TEXT;
-- op 0 at m.star:8:5
ALTER TABLE "posts" ADD COLUMN "slug" TEXT GENERATED ALWAYS AS (lower(title)) VIRTUAL;
-- op 0 at m.star:9:5
ALTER TABLE "posts" DROP COLUMN "old";
