package connect

import "context"

// Create creates the database the URL names. It reports false, and no
// error, when the database already exists. PostgreSQL databases are created
// from the "postgres" maintenance database, as Ecto does; a SQLite database
// is its file.
func Create(ctx context.Context, rawURL string) (bool, error) {
	t, err := Parse(rawURL)
	if err != nil {
		return false, err
	}
	return t.c.Create(ctx, t.Target)
}

// Drop drops the database the URL names. It reports false, and no error,
// when there was none. A SQLite database is its file (with its -wal, -shm
// and -journal companions).
func Drop(ctx context.Context, rawURL string) (bool, error) {
	t, err := Parse(rawURL)
	if err != nil {
		return false, err
	}
	return t.c.Drop(ctx, t.Target)
}
