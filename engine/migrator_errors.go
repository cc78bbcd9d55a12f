package engine

import (
	"fmt"
	"strings"
)

// DriftError reports applied migrations whose files changed since they
// were applied. Up refuses to run while there are any, unless the
// migrator was built WithAllowDrift(true).
type DriftError struct {
	// Files are the changed files, in version order.
	Files []string
}

func (e *DriftError) Error() string {
	return fmt.Sprintf("%s changed since %s applied (checksum drift)\n    lark rolls such a migration back with the log stored when it was applied;\n    revert the edit, or run with --allow-drift to migrate anyway",
		strings.Join(e.Files, ", "), plural(len(e.Files), "it was", "they were"))
}

// PartialError reports a migration that failed outside a transaction
// (disable_ddl_transaction) after some of its operations ran. The versions
// table records exactly which ones. The next Up continues it where it
// stopped while its file is unchanged; once the file has changed, Up
// refuses until the migration is continued as the file is now
// (Target.Continue, `lark up --continue`) or the operations that ran are
// reverted (Down, `lark down`).
type PartialError struct {
	Version int64
	File    string
	// Ops is how many operations ran.
	Ops int
	// Err is the failure, when it happened in this run.
	Err error
	// Cause is the stored message of the failure, from an earlier run.
	Cause string
	// Changed is true when the file changed since the migration stopped.
	Changed bool
}

func (e *PartialError) Error() string {
	var b strings.Builder
	if e.Err != nil {
		b.WriteString(e.Err.Error())
		b.WriteString("\n")
	}
	fmt.Fprintf(&b, "%s failed part-way outside a transaction: %d %s ran and %s recorded",
		e.File, e.Ops, plural(e.Ops, "operation", "operations"), plural(e.Ops, "is", "are"))
	if e.Err == nil && e.Cause != "" {
		fmt.Fprintf(&b, "\n    it failed with: %s", firstLine(e.Cause))
	}
	if e.Changed {
		b.WriteString("\n    its file changed since: restore it and run `lark up` to go on where it stopped,")
		b.WriteString("\n    run `lark up --continue` to go on with the file as it is now, or `lark down` to revert what ran")
		return b.String()
	}
	b.WriteString("\n    run `lark up` again to go on where it stopped, or `lark down` to revert what ran")
	return b.String()
}

// Unwrap returns the failure.
func (e *PartialError) Unwrap() error { return e.Err }

// UnknownVersionError reports a --to version that names no migration.
type UnknownVersionError struct {
	Version int64
}

func (e *UnknownVersionError) Error() string {
	return fmt.Sprintf("unknown version %d: no migration file or applied migration has it", e.Version)
}

// MissingFileError reports an operation that needs the file of an applied
// migration that is no longer in the migrations directory.
type MissingFileError struct {
	Version int64
	Reason  string
}

func (e *MissingFileError) Error() string {
	return fmt.Sprintf("migration %d has no file in the migrations directory: %s", e.Version, e.Reason)
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

func firstLine(s string) string {
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		return s[:i]
	}
	return s
}
