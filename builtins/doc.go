// Package builtins is lark's Starlark vocabulary: the functions a migration
// script calls (create_table, alter, add, index, execute, ...) and the values
// they pass each other (columns, references, fragments).
//
// Builtins record [op.Op]s; they never talk to a database. Every builtin that
// records finds the [Recorder] of the running evaluation through the Starlark
// thread ([Recorder.Attach], [FromThread]), so helper files loaded with load()
// record into the same run, and stamps the script position of its caller on
// what it records. flush() hands the queued ops to the [Executor] the engine
// lent the recorder; with a nil Executor nothing is applied (lark plan).
//
// One table of [Spec]s drives registration ([Predeclared]) and the generated
// reference docs/language.md ([LanguageDoc]). Each spec lists its typed
// [Param]s, and everything about a builtin's arguments is read from them:
// binding a call's arguments and converting each by its [Kind] (unpack.go,
// kinds.go), the signature shown in the docs and in argument errors, and the
// checks [Precheck] makes of literal arguments before a file runs. A builtin
// reads its arguments by name; one that leaves a declared parameter unread
// fails, so a documented option cannot silently do nothing. Tests check that
// every builtin is documented and that every documented example runs.
//
// The rules of the vocabulary that ops carry (foreign-key actions, MATCH
// types, drop modes, Ecto's default names and keys) live in package op
// (op/vocab.go); the builtins check scripts against them and the recorder
// fills the defaults in ([op.Resolve]).
package builtins
