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
// One table of [Spec]s drives both registration ([Predeclared]) and the
// generated reference docs/language.md ([LanguageDoc]); tests check that every
// builtin is documented and that every documented example runs.
package builtins
