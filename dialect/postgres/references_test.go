package postgres

import (
	"testing"

	"github.com/larkdb/lark/op"
)

// TestEveryActionTranslates checks that each foreign-key action an op may
// hold has its SQL: op lists the actions, the dialect only translates them.
func TestEveryActionTranslates(t *testing.T) {
	all := append(append(op.OnDeleteActions(), op.OnDeleteColumnActions()...), op.OnUpdateActions()...)
	for _, a := range all {
		sql, ok := fkActionSQL[a]
		if !ok || (sql == "") != (a == op.FKNothing) {
			t.Errorf("action %q renders %q", a, sql)
		}
	}
}
