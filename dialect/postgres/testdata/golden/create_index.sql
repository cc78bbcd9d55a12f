-- op 0 at 20260101000000_test.star:2:5
CREATE INDEX "users_email_index" ON "s"."users" ("email");
-- op 1 at 20260101000000_test.star:3:5
CREATE UNIQUE INDEX "users_org_id_email_index" ON "s"."users" ("org_id", lower(email)) INCLUDE ("name") NULLS NOT DISTINCT WITH (fillfactor=80) WHERE deleted_at IS NULL;
-- op 1 at 20260101000000_test.star:3:5
COMMENT ON INDEX "s"."users_org_id_email_index" IS 'one per org''s email';
-- op 2 at 20260101000000_test.star:4:5
CREATE INDEX IF NOT EXISTS "users_email_index" ON "s"."users" ("email");
-- op 3 at 20260101000000_test.star:5:5
CREATE INDEX "users_tags_index" ON ONLY "s"."users" USING gin ("tags");
-- op 4 at 20260101000000_test.star:6:5
CREATE UNIQUE INDEX "users_id_index" ON "s"."users" (id DESC) NULLS DISTINCT;
-- op 5 at 20260101000000_test.star:7:5 (no transaction)
CREATE INDEX CONCURRENTLY "users_name_index" ON "s"."users" ("name");
-- op 5 at 20260101000000_test.star:7:5
COMMENT ON INDEX "s"."users_name_index" IS 'built concurrently';
