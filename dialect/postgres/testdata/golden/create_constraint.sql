-- op 0 at 20260101000000_test.star:2:5
ALTER TABLE "s"."products" ADD CONSTRAINT "price_positive" CHECK (price > 0) NOT VALID;
-- op 0 at 20260101000000_test.star:2:5
COMMENT ON CONSTRAINT "price_positive" ON "s"."products" IS 'later, it''s validated';
-- op 1 at 20260101000000_test.star:3:5
ALTER TABLE "s"."products" ADD CONSTRAINT "price_small" CHECK (price < 1000);
-- op 2 at 20260101000000_test.star:4:5
ALTER TABLE "s"."products" ADD CONSTRAINT "no_overlap" EXCLUDE USING gist (during WITH &&);
-- op 2 at 20260101000000_test.star:4:5
COMMENT ON CONSTRAINT "no_overlap" ON "s"."products" IS 'no overlap';
-- op 3 at 20260101000000_test.star:5:5
CREATE EXTENSION IF NOT EXISTS btree_gist;
-- op 4 at 20260101000000_test.star:6:5
ALTER TABLE "s"."products" ADD CONSTRAINT "no_double_booking" EXCLUDE USING gist (room WITH =, during WITH &&);
