-- op 0 at m.star:2:5
CREATE INDEX "users_org_id_index" ON "users" ("org_id");
-- op 1 at m.star:3:5
CREATE UNIQUE INDEX "users_email_index" ON "users" ("email") WHERE deleted_at IS NULL;
-- op 2 at m.star:4:5
CREATE UNIQUE INDEX IF NOT EXISTS "users_email_index" ON "users" ("email");
-- op 3 at m.star:5:5
CREATE INDEX "users_lower_email_index" ON "users" (lower(email), inserted_at DESC, "org_id");
-- op 4 at m.star:6:5
CREATE INDEX "gone" ON "users" ("org_id", "email");
-- op 5 at m.star:7:5
DROP INDEX "gone";
-- op 6 at m.star:8:5
DROP INDEX IF EXISTS "gone";
