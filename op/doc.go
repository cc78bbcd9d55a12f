// Package op defines lark's operation log: the typed, serialisable list of
// schema and data operations that evaluating a migration script records.
//
// It is the one bottom package of lark. Package builtins turns Starlark calls
// into ops, each dialect turns ops into SQL, and package engine reverses,
// applies and stores them; none of those packages import each other, they
// only share these types. The package depends on the standard library only.
//
// Every op carries the script position that recorded it ([Pos]), so an error
// found much later (a dialect that cannot render an op, a database that
// rejects its SQL, a rollback that cannot invert it) is reported at the line
// the user wrote. Ops are kept in slices in call order, never in maps, and a
// [Log] serialises to canonical JSON and back without loss: the log stored at
// apply time is what a later rollback inverts, however the file has changed.
//
// Defaults are resolved when an op is recorded: an index or foreign key
// without an explicit name already carries the default name Ecto would give
// it, a foreign key its referenced column, type and prefix, and a
// create_table with primary_key=True already lists its "id" column. Ops never
// hold "use the default" placeholders that a dialect would have to guess.
// The rules are in vocab.go: [Resolve] fills the defaults, for the builtins
// and for [Unmarshal] alike, and the closed sets of values (foreign-key
// actions, MATCH types, drop modes) are listed there once.
package op
