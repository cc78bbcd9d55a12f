-- op 0 at 20260101000000_test.star:2:5
COMMENT ON TABLE "s"."posts" IS 'only a comment';
