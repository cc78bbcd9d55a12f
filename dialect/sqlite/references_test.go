package sqlite

import (
	"testing"

	"github.com/larkdb/lark/op"
)

// TestEveryActionTranslates checks that each foreign-key action an op may
// hold without columns has its SQL: op lists the actions, the dialect only
// translates them. (Column lists are an error on SQLite.)
func TestEveryActionTranslates(t *testing.T) {
	for _, a := range append(op.OnDeleteActions(), op.OnUpdateActions()...) {
		sql, ok := fkActionSQL[a]
		if !ok || (sql == "") != (a == op.FKNothing) {
			t.Errorf("action %q renders %q", a, sql)
		}
	}
}
