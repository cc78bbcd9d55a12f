// Package conformance is the shared suite that proves each dialect on a real
// database. It holds tests only.
//
// Each case is a small migration script, testdata/cases/NAME.star, written in
// lark's Ecto vocabulary. For every dialect the case applies to, the suite
// starts from a fresh database, runs the case's setup SQL, snapshots the
// schema (the runtime's dialect.CatalogReader), applies the script through
// the engine with the dialect planning every op, compares the new snapshot
// with the golden file testdata/golden/NAME.DIALECT.schema, reverts the log
// the run returned, and requires the snapshot it started from, exactly.
//
// A case's leading comment lines are its header:
//
//	# dialects: postgres            only these dialects (default: all)
//	# setup: CREATE TABLE t (x int) SQL run before the first snapshot (repeatable)
//	# setup.sqlite: ...             setup for one dialect only
//	# schemas: public, shop         PostgreSQL schemas to snapshot (default: public)
//	# notx                          apply outside a transaction (CONCURRENTLY)
//	# revert: down                  roll back with down() instead of the log
//	# expect: irreversible          reverting must fail with *engine.IrreversibleError
//	                                and leave the database as the run left it
//	# expect: refused               applying must fail at the line marked with a
//	                                trailing ### "regexp", matching it, before any
//	                                SQL runs, and leave the schema as it was
//
// A case that runs on every dialect may need a different setup on each
// (setup.postgres, setup.sqlite); an option only one database has goes in
// a case of its own (NAME_postgres, sqlite_NAME), and what SQLite cannot do
// at all has a sqlite_refused_NAME case proving that it is refused.
//
// Run with -update to rewrite the golden files:
//
//	go test ./internal/conformance -run TestConformance -update
//
// TestExamples applies every migration under examples/migrations in order
// on both databases and reverts them all in reverse order.
package conformance
