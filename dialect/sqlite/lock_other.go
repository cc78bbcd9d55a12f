//go:build !unix

package sqlite

// flockFile is a no-op where flock(2) does not exist: runners are then
// serialised by each migration's BEGIN IMMEDIATE alone.
func flockFile(path string) (unlock func() error, ok bool, err error) {
	return func() error { return nil }, true, nil
}
