// Package sqlite is lark's SQLite dialect: it turns an operation log into the
// SQL that SQLite (modernc.org/sqlite, SQLite 3.35 or later) runs, the way
// the ecto_sqlite3 adapter renders Ecto migrations.
//
// [New] returns the [dialect.Dialect]. Planning is a pure function of the
// ops: nothing here touches a database, so `lark plan` prints exactly what
// `lark up` runs.
//
// # Types
//
// Ecto's primitive types map as ecto_sqlite3 maps them ([TypeMap] lists them
// as data): integers and keys are INTEGER, strings, dates, times, maps and
// arrays are TEXT (maps and arrays hold JSON), binary is BLOB, float is
// NUMERIC and decimal is DECIMAL or DECIMAL(p,s). A primary key of type id,
// serial, bigserial or identity is "INTEGER PRIMARY KEY AUTOINCREMENT", an
// alias of the rowid that never reuses a key. Any other type name passes
// through as written ("varchar(40)", "REAL"), after a check that it is only a
// type name with an optional size: a type can never smuggle SQL in.
//
// # Defaults
//
// Strings are single-quoted with quotes doubled; integers and floats are
// written as numbers; booleans as 1 and 0 (SQLite stores booleans as
// integers); lists and maps as JSON text; None as DEFAULT NULL, except in
// modify, where default=None drops the default as PostgreSQL's DROP DEFAULT
// does; a fragment is written in parentheses (unless it already is), which
// SQLite requires for any expression.
//
// # Names
//
// Every identifier is double-quoted with embedded double quotes doubled,
// collation names included. An index column with no parenthesis and no
// whitespace is a name and is quoted; anything else ("lower(email)",
// "inserted_at DESC") is an expression written as is, as Ecto treats
// strings in index/3. A foreign key's constraint is named as the op says:
// every op arrives with its defaults filled in (op.Resolve), so the dialect
// names nothing itself.
//
// # Table rebuilds
//
// SQLite's ALTER TABLE only renames tables and columns and adds and drops
// columns. For modify, constraint, drop_constraint, a primary key, a
// composite (with_) foreign key or a foreign key with a default added to
// an existing table, and remove of a column DROP COLUMN refuses (keyed,
// unique, referencing, indexed, named by a constraint), the plan rebuilds
// the table as sqlite.org's ALTER TABLE page (section 7) describes: new
// table under a temporary name, copy, drop, rename, indexes, triggers and
// views created again. All changes of one alter are one rebuild. It needs
// the table's definition, which [Dialect.PlanWithSnapshot] takes from a
// snapshot ([Runtime.ReadSnapshot]): sqlite_master read into lark's typed
// schema model (package dialect/schema), each column and constraint with
// the text it was written as. For a migration foreseen to rebuild
// (its statements are marked [dialect.Stmt.Rebuild]), [Runtime.BeforeBegin]
// turns foreign keys off around the migration's transaction and checks them
// before COMMIT; other migrations run with foreign keys enforced, and
// [Runtime.CanRebuild] lets the migrator refuse a rebuild it did not
// foresee. docs/sqlite-rebuild.md has the details.
//
// # Reading the schema
//
// [Runtime.ReadSchema] reads an attached database into the same model as
// the snapshot, and adds what only the PRAGMAs report (the columns' types
// and NOT NULL as SQLite understands them, the keys, the indexes, the
// foreign keys): what `lark watch --dump` writes and what the tests compare
// after a migration and its revert. One tokenizer (sqltext.go) reads all
// the SQL text SQLite keeps.
//
// # What SQLite cannot do
//
// These are errors at the script line that asked for them, each naming the
// alternative, and Plan returns no statements at all, so nothing runs:
//
//   - add_if_not_exists and remove_if_exists: SQLite has no IF [NOT] EXISTS
//     for columns (ecto_sqlite3 raises "Not supported by SQLite3");
//   - rename_index, prefix= (SQLite has no schemas; ecto_sqlite3 raises),
//     mode="cascade", index options using=, include=, only=, options=,
//     nulls_distinct=False, validate=False references and constraints,
//     references with "nilify"/"default" column lists, MATCH FULL/PARTIAL
//     (SQLite parses but never enforces them), identity
//     start_value/increment, exclusion constraints, and table modifiers
//     other than TEMP/TEMPORARY;
//   - an AUTOINCREMENT key in a WITHOUT ROWID table, and modify into a
//     composite foreign key;
//   - table options other than STRICT and WITHOUT ROWID, and in a STRICT
//     table any column whose type STRICT refuses (float maps to NUMERIC and
//     decimal to DECIMAL, so those need "real" or "text" there).
//
// Some options have no effect on SQLite and are ignored, as ecto_sqlite3
// ignores them: comment= everywhere (SQLite has no comments),
// concurrently= (SQLite locks the whole database for DDL anyway),
// nulls_distinct=True (SQLite's unique indexes already treat NULLs as
// distinct), and size= on types other than decimal.
//
// As in ecto_sqlite3, adding a utc_datetime or naive_datetime column (or
// their _usec variants) to an existing table without a default leaves out
// NOT NULL: SQLite refuses a NOT NULL column without a default on a table
// that has rows, and no constant default makes sense for a timestamp. This
// is what lets alter(table, timestamps()) run on a populated table.
package sqlite
