package postgres

import (
	"errors"
	"strings"
	"testing"

	"github.com/larkdb/lark/op"
)

// TestPlanErrors checks that what an op cannot mean is a positioned
// *op.Error naming the problem, and that no statements come with it.
func TestPlanErrors(t *testing.T) {
	t.Parallel()
	table := op.Table{Name: "t"}
	addCol := func(c op.Column) op.Op {
		return &op.CreateTable{Pos: at(1), Table: table, Columns: []op.Column{{Name: "ok", Type: typ("text")}, c}}
	}
	alter := func(ch op.Change) op.Op {
		ch.Pos = at(7)
		return &op.AlterTable{Pos: at(6), Table: table, Changes: []op.Change{ch}}
	}
	cases := []struct {
		name string
		op   op.Op
		want string // the full first line of the error
	}{
		{"raw type with semicolon", addCol(op.Column{Name: "c", Type: typ("text; DROP TABLE users")}),
			`20260101000000_test.star:1:5: column type "text; DROP TABLE users" contains ';'`},
		{"raw type with line comment", addCol(op.Column{Name: "c", Type: typ("integer -- hi")}),
			`20260101000000_test.star:1:5: column type "integer -- hi" contains '-'`},
		{"raw type with block comment", addCol(op.Column{Name: "c", Type: typ("int /* x */")}),
			`20260101000000_test.star:1:5: column type "int /* x */" contains '/'`},
		{"raw type with string literal", addCol(op.Column{Name: "c", Type: typ("text DEFAULT 'x'")}),
			`20260101000000_test.star:1:5: column type "text DEFAULT 'x'" contains '\''`},
		{"raw type unbalanced paren", addCol(op.Column{Name: "c", Type: typ("varchar(40")}),
			`20260101000000_test.star:1:5: column type "varchar(40" contains an unbalanced '('`},
		{"raw type closing paren", addCol(op.Column{Name: "c", Type: typ("varchar)40(")}),
			`20260101000000_test.star:1:5: column type "varchar)40(" contains an unbalanced ')'`},
		{"raw type unterminated quote", addCol(op.Column{Name: "c", Type: typ(`"my type`)}),
			`20260101000000_test.star:1:5: column type "\"my type" contains an unterminated quoted name`},
		{"raw array element type", addCol(op.Column{Name: "c", Type: arrayOf(typ("int;"))}),
			`20260101000000_test.star:1:5: column type "int;" contains ';'`},
		{"raw reference type", addCol(op.Column{Name: "c", Type: refType(&op.Reference{Table: "x", Type: typ("int)")})}),
			`20260101000000_test.star:1:5: column type "int)" contains an unbalanced ')'`},
		{"raw type in modify", alter(op.Change{Action: op.ActionModify, Column: op.Column{Name: "c", Type: typ("text;")}}),
			`20260101000000_test.star:7:5: column type "text;" contains ';'`},
		{"start_value on integer", addCol(op.Column{Name: "c", Type: typ("integer"), StartValue: ptr[int64](5)}),
			`20260101000000_test.star:1:5: column "c": start_value and increment apply only to an "identity" column, not "integer"`},
		{"increment zero", addCol(op.Column{Name: "c", Type: typ("identity"), Increment: ptr[int64](0)}),
			`20260101000000_test.star:1:5: column "c": increment must not be 0`},
		{"list default on integer", addCol(op.Column{Name: "c", Type: typ("integer"), Default: ptr(op.Value{Kind: op.KindList})}),
			`20260101000000_test.star:1:5: column "c": a list default needs an array or map column, not "integer"`},
		{"dict default on array", addCol(op.Column{Name: "c", Type: arrayOf(typ("text")), Default: ptr(op.Value{Kind: op.KindMap})}),
			`20260101000000_test.star:1:5: column "c": a dict default cannot fill an array column`},
		{"NUL in string default", addCol(op.Column{Name: "c", Type: typ("text"), Default: ptr(op.String("a\x00b"))}),
			`20260101000000_test.star:1:5: column "c": a string default cannot contain a NUL character`},
		{"fragment inside JSON default", addCol(op.Column{Name: "c", Type: typ("map"), Default: ptr(op.Value{Kind: op.KindMap, Map: []op.Entry{{Key: "k", Value: op.Fragment("now()")}}})}),
			`20260101000000_test.star:1:5: column "c": default: a fragment cannot be part of a JSON default`},
		{"generated with default", addCol(op.Column{Name: "c", Type: typ("integer"), Generated: "ALWAYS AS (1) STORED", Default: ptr(op.Int(1))}),
			`20260101000000_test.star:1:5: column "c": a generated column cannot also have a default`},
		{"empty column name", addCol(op.Column{Type: typ("text")}),
			`20260101000000_test.star:1:5: empty column name`},
		{"unknown alter action", alter(op.Change{Action: "rename", Column: op.Column{Name: "c"}}),
			`20260101000000_test.star:7:5: alter: unknown change "rename"`},
		{"modify to identity", alter(op.Change{Action: op.ActionModify, Column: op.Column{Name: "c", Type: typ("identity")}}),
			`20260101000000_test.star:7:5: modify "c": PostgreSQL cannot change a column into an identity column with ALTER COLUMN TYPE`},
		{"modify nothing", alter(op.Change{Action: op.ActionModify, Column: op.Column{Name: "c"}}),
			`20260101000000_test.star:7:5: modify "c": nothing to change`},
		{"exclude not valid", &op.CreateConstraint{Pos: at(3), Constraint: op.Constraint{Table: "t", Name: "x", Exclude: "gist (r WITH &&)"}},
			`20260101000000_test.star:3:5: constraint "x": PostgreSQL cannot add an exclusion constraint as NOT VALID`},
		{"constraint without body", &op.CreateConstraint{Pos: at(3), Constraint: op.Constraint{Table: "t", Name: "x", Validate: true}},
			`20260101000000_test.star:3:5: constraint "x": needs check= or exclude=`},
		{"constraint with both", &op.CreateConstraint{Pos: at(3), Constraint: op.Constraint{Table: "t", Name: "x", Check: "a", Exclude: "b", Validate: true}},
			`20260101000000_test.star:3:5: constraint "x": give check= or exclude=, not both`},
		{"index without columns", &op.CreateIndex{Pos: at(5), Index: op.Index{Table: "t", Name: "i"}},
			`20260101000000_test.star:5:5: index "i": no columns`},
		{"error inside execute function", &op.Execute{Pos: at(8), Up: op.Code{Func: "f"}, Ops: op.Log{&op.CreateIndex{Pos: at(20), Index: op.Index{Table: "t", Name: "i"}}}},
			`20260101000000_test.star:20:5: index "i": no columns`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			t.Parallel()
			ok := &op.CreateTable{Pos: at(1), Table: op.Table{Name: "fine"}}
			stmts, err := New().Plan([]op.Op{ok, c.op})
			if err == nil {
				t.Fatalf("Plan succeeded, want error %q; planned %v", c.want, stmts)
			}
			if stmts != nil {
				t.Errorf("Plan returned %d statements with its error", len(stmts))
			}
			var oe *op.Error
			if !errors.As(err, &oe) {
				t.Fatalf("error %T is not an *op.Error: %v", err, err)
			}
			first, _, _ := strings.Cut(err.Error(), "\n")
			if first != c.want {
				t.Errorf("error:\n got %s\nwant %s", first, c.want)
			}
		})
	}
}

// TestRawTypeErrorExplains checks that a rejected raw type says what is
// allowed.
func TestRawTypeErrorExplains(t *testing.T) {
	t.Parallel()
	err := CheckRawType(at(2), "text;")
	if err == nil {
		t.Fatal("CheckRawType accepted a semicolon")
	}
	if !strings.Contains(err.Error(), "\n    a type passed through to PostgreSQL may contain letters, digits, spaces, _ ( ) , [ ] . and double-quoted names") {
		t.Errorf("error does not say what is allowed:\n%s", err)
	}
	for _, ok := range []string{"double precision", "varchar(40)", "numeric(10, 2)", "text[]", `"public"."my type"`, `"odd""name"`, "timestamp(3) with time zone", "int4range"} {
		if err := CheckRawType(at(2), ok); err != nil {
			t.Errorf("CheckRawType(%q) = %v, want nil", ok, err)
		}
	}
}
