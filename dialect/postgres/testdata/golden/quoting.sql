-- op 0 at 20260101000000_test.star:2:5
CREATE TABLE "sch""ema"."we""ird'name" ("co""l'" text DEFAULT '''); DROP TABLE x; --');
-- op 0 at 20260101000000_test.star:2:5
COMMENT ON TABLE "sch""ema"."we""ird'name" IS 'it''s "odd"';
-- op 0 at 20260101000000_test.star:2:5
COMMENT ON COLUMN "sch""ema"."we""ird'name"."co""l'" IS 'c''o"l';
-- op 1 at 20260101000000_test.star:3:5
CREATE INDEX "i""x'" ON "sch""ema"."we""ird'name" ("co""l'");
-- op 1 at 20260101000000_test.star:3:5
COMMENT ON INDEX "sch""ema"."i""x'" IS 'ix''';
-- op 2 at 20260101000000_test.star:4:5
ALTER TABLE "sch""ema"."we""ird'name" ADD CONSTRAINT "ch""k'" CHECK (length("co""l'") > 0);
-- op 2 at 20260101000000_test.star:4:5
COMMENT ON CONSTRAINT "ch""k'" ON "sch""ema"."we""ird'name" IS 'k''';
