// Package crashtest proves that lark's migrator survives being killed.
//
// Its test builds the real lark binary, generates a long run of migrations
// (create_table, index, alter add column, execute insert; every few with
// disable_ddl_transaction = True, so the per-operation progress records are
// exercised too), and then repeatedly starts `lark up` (or `lark up
// --continue`, or `lark down --all`) against a real SQLite file and a fresh
// PostgreSQL database and kills it with SIGKILL after a random short delay.
// After every kill it checks that the schema and the versions table agree
// exactly: a migration's objects exist if and only if its version row says
// it is applied, and for a row left partial by a non-transactional
// migration, exactly the effects of the operations its stored log records
// exist.
//
// The random delays come from a seeded generator; the seed is logged, and
// LARK_CRASH_SEED replays a run. LARK_CRASH_KILLS sets the number of kills
// per database (default 30).
package crashtest
