// Package watch is lark's development loop: the database follows the
// migrations directory as files are saved.
//
// [Run] first brings the database up to date, then watches the directory
// (and its subdirectories, where helpers loaded with load() may live) with
// fsnotify. Every burst of file events, debounced into one action per quiet
// period, makes it compare the directory with the versions table:
//
//   - a new migration file is applied;
//   - a file numbered before applied ones (a teammate's branch merged) is
//     applied in its place: the later ones are rolled back, newest first,
//     it is applied, and they are applied again;
//   - an applied file that changed, or whose helpers changed, is rolled
//     back with the operation log stored when it was applied (every later
//     migration first), then applied from its new text, the later ones
//     after it;
//   - an applied file that was deleted is rolled back; a rename is the
//     delete and the create it consists of.
//
// The comparison is of states, not of events, so a missed or reordered
// event cannot leave the database behind: the next action catches up.
//
// Before an action rolls anything back, every file it would apply is
// loaded and evaluated without a database, as `lark plan` does. A file
// that does not load (a half-written save, a syntax error) or fails to
// evaluate (an unknown builtin or option, an argument of the wrong type,
// fail()) is never acted on: the error is printed at its file:line:col
// and the database keeps its last good state until the next save. (When
// the failing file is new and after every applied migration, the files
// before it are still reworked: all they roll back is applied again.)
// Without a database the data builtins return empty results (query()
// returns no rows), so an evaluation failure that comes after a data
// builtin ran is not held against the file: the real run decides.
//
// A database error stops the action at the migration that failed; each
// migration runs in its own transaction, so the database stays at the
// last migration that succeeded and watching goes on. A migration without
// a stored operation log (applied by Ecto) is never rolled back: watch
// says so and leaves the file that would need it alone.
//
// Cancelling the context stops the loop. An action that has started is
// finished first, so none is left half-done; cancel again (the CLI: a
// second Ctrl-C) to abandon it, its migration's transaction then rolling
// back.
//
// Watch refuses a database that is not on this machine unless
// [Config.AllowRemote] is set: rolling migrations back on every save is for
// development databases only.
package watch
