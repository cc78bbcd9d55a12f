-- op 0 at 20260101000000_test.star:2:5
ALTER TABLE "items" ADD COLUMN "id" bigserial, ADD PRIMARY KEY ("id");
