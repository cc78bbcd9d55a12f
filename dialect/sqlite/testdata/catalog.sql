CREATE TABLE schema_migrations (version INTEGER PRIMARY KEY, inserted_at TEXT);
CREATE TABLE users (
  id TEXT PRIMARY KEY,
  email TEXT NOT NULL COLLATE NOCASE,
  name TEXT DEFAULT 'anon',
  price DECIMAL,
  qty INTEGER DEFAULT 1,
  total DECIMAL GENERATED ALWAYS AS (price   *  qty) STORED,
  half DECIMAL AS (price / 2),
  inserted_at TEXT NOT NULL DEFAULT CURRENT_TIMESTAMP,
  CONSTRAINT qty_positive CHECK (qty >= 0),
  CHECK (length(email) > 3)
);
CREATE UNIQUE INDEX users_lower_email_index ON users (lower(email));
CREATE INDEX "users_partial" ON "users" ("name" DESC, qty) WHERE qty > 0;
CREATE TABLE orders (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  user_id TEXT REFERENCES users (id) ON DELETE SET NULL ON UPDATE CASCADE,
  region TEXT,
  a INTEGER, b INTEGER,
  UNIQUE (region, user_id),
  FOREIGN KEY (a, b) REFERENCES pairs (x, y) ON DELETE CASCADE
);
CREATE TABLE pairs (x INTEGER, y INTEGER, PRIMARY KEY (x, y)) STRICT, WITHOUT ROWID;
