package sqlite

import (
	"context"
	"fmt"
	"strings"

	"github.com/larkdb/lark/dialect"
	"github.com/larkdb/lark/op"
)

// NeedsSnapshot reports whether planning ops reads the schema: an alter
// that may rebuild its table, constraint() and drop_constraint().
func (Dialect) NeedsSnapshot(ops []op.Op) bool {
	for _, o := range ops {
		switch o := o.(type) {
		case *op.AlterTable:
			for _, ch := range o.Changes {
				switch ch.Action {
				case op.ActionModify, op.ActionRemove:
					return true
				case op.ActionAdd:
					// Whether an add rebuilds depends on the column
					// alone (see alterNeedsRebuild): a plain ADD COLUMN
					// needs no snapshot.
					if ch.Column.PrimaryKey || addRefNeedsRebuild(ch.Column) {
						return true
					}
				}
			}
		case *op.CreateConstraint, *op.DropConstraint:
			return true
		case *op.Execute:
			if (Dialect{}).NeedsSnapshot(o.Ops) {
				return true
			}
		}
	}
	return false
}

// BeforeBegin prepares a migration's connection. For a migration that
// rebuilds a table (rebuild) it turns foreign key enforcement off, when it
// is on, and returns the guard that checks every foreign key before COMMIT
// and turns enforcement back on afterwards. Any other migration runs with
// the connection as it is: enforcement stays on, row by row, with its ON
// DELETE actions, and no check is added.
//
// Why: a table rebuild drops the old table, and with enforcement on, DROP
// TABLE first deletes every row, which fires ON DELETE CASCADE and SET NULL
// on the rows of child tables; PRAGMA foreign_keys cannot change inside a
// transaction, and PRAGMA defer_foreign_keys defers checks but not those
// actions. So, as in Django's and Rails' SQLite schema editors, a
// migration that rebuilds runs with enforcement off as a whole (nothing is
// checked row by row, and its own DELETEs fire no ON DELETE action) and
// PRAGMA foreign_key_check proves the result before COMMIT instead. Only
// that migration: turning enforcement off for every migration would
// silently change what the user's own statements do. The migrator decides
// before BEGIN by planning the migration's recorded ops, and refuses a
// rebuild it did not foresee (see [Runtime.CanRebuild]).
func (Runtime) BeforeBegin(ctx context.Context, q dialect.Querier, rebuild bool) (dialect.Guard, error) {
	if !rebuild {
		return dialect.Guard{}, nil
	}
	on, err := foreignKeysOn(ctx, q)
	if err != nil || !on {
		return dialect.Guard{}, err
	}
	if _, err := q.ExecContext(ctx, "PRAGMA foreign_keys = OFF"); err != nil {
		return dialect.Guard{}, fmt.Errorf("turn foreign keys off for the migration: %w", err)
	}
	return dialect.Guard{
		BeforeCommit: func(ctx context.Context) error { return ForeignKeyCheck(ctx, q) },
		Restore: func(ctx context.Context) error {
			if _, err := q.ExecContext(ctx, "PRAGMA foreign_keys = ON"); err != nil {
				return fmt.Errorf("turn foreign keys back on: %w", err)
			}
			return nil
		},
	}, nil
}

// CanRebuild reports whether a table rebuild may run on q now: only while
// foreign keys are not enforced, since dropping the old table would fire
// the children's ON DELETE actions. It reads PRAGMA foreign_keys, which
// works inside a transaction.
func (Runtime) CanRebuild(ctx context.Context, q dialect.Querier) (bool, error) {
	on, err := foreignKeysOn(ctx, q)
	return !on, err
}

func foreignKeysOn(ctx context.Context, q dialect.Querier) (bool, error) {
	var on int
	if err := q.QueryRowContext(ctx, "PRAGMA foreign_keys").Scan(&on); err != nil {
		return false, fmt.Errorf("read PRAGMA foreign_keys: %w", err)
	}
	return on != 0, nil
}

// maxShown is how many violating rows an error lists.
const maxShown = 5

// ForeignKeyCheck runs PRAGMA foreign_key_check and fails, listing the
// first violating rows, when any row points at a missing parent. The error
// has no position; the migrator names the migration's file.
func ForeignKeyCheck(ctx context.Context, q dialect.Querier) error {
	rows, err := q.QueryContext(ctx, "PRAGMA foreign_key_check")
	if err != nil {
		return fmt.Errorf("PRAGMA foreign_key_check: %w", err)
	}
	type violation struct {
		table, parent string
		rowid         *int64
		fk            int
	}
	var found []violation
	n := 0
	for rows.Next() {
		var v violation
		if err := rows.Scan(&v.table, &v.rowid, &v.parent, &v.fk); err != nil {
			rows.Close()
			return fmt.Errorf("PRAGMA foreign_key_check: %w", err)
		}
		if n++; len(found) < maxShown {
			found = append(found, v)
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("PRAGMA foreign_key_check: %w", err)
	}
	if n == 0 {
		return nil
	}
	details := make([]string, 0, len(found)+1)
	for _, v := range found {
		cols := fkColumns(ctx, q, v.table, v.fk)
		where := "a row"
		if v.rowid != nil {
			where = fmt.Sprintf("rowid %d", *v.rowid)
		}
		details = append(details, fmt.Sprintf("table %q %s: %s points at no row of %q", v.table, where, cols, v.parent))
	}
	if n > len(found) {
		details = append(details, fmt.Sprintf("and %d more", n-len(found)))
	}
	// No op's position: the check covers the whole migration, run with
	// enforcement off, so any of its ops (a rebuild, an exec()) may have
	// left the rows. The migrator puts the migration's file in front.
	details = append(details, "a migration that rebuilds a table runs with foreign keys off and checks them all once, at its end: these rows may come from any of its operations")
	return &op.Error{Msg: fmt.Sprintf("foreign key check failed at the end of the migration: %d row(s) reference missing parent rows", n), Details: details}
}

// fkColumns names the referencing columns of foreign key id of table.
func fkColumns(ctx context.Context, q dialect.Querier, table string, id int) string {
	rows, err := q.QueryContext(ctx, `SELECT "from" FROM pragma_foreign_key_list(?1) WHERE id = ?2 ORDER BY seq`, table, id)
	if err != nil {
		return "its foreign key"
	}
	defer rows.Close()
	var cols []string
	for rows.Next() {
		var c string
		if rows.Scan(&c) == nil {
			cols = append(cols, QuoteIdent(c))
		}
	}
	if len(cols) == 0 {
		return "its foreign key"
	}
	return "(" + strings.Join(cols, ", ") + ")"
}
