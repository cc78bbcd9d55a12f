package builtins

import (
	"fmt"

	"go.starlark.net/starlark"

	"github.com/larkdb/lark/op"
)

// The Starlark values that builtins hand each other. They are opaque to
// scripts: a script builds them with add(), references(), array() or
// fragment() and passes them on.

// changeValue is what add(), add_if_not_exists(), modify(), remove(),
// remove_if_exists() and timestamps() return: column changes waiting for
// the create_table() or alter() they are passed to.
type changeValue struct {
	builtin  string
	pos      op.Pos
	changes  []op.Change
	consumed bool
}

var _ starlark.Value = (*changeValue)(nil)

func (v *changeValue) String() string {
	if len(v.changes) == 1 {
		return fmt.Sprintf("<%s %q>", v.builtin, v.changes[0].Column.Name)
	}
	return fmt.Sprintf("<%s>", v.builtin)
}
func (v *changeValue) Type() string          { return "column" }
func (v *changeValue) Freeze()               {}
func (v *changeValue) Truth() starlark.Bool  { return starlark.True }
func (v *changeValue) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: column") }

// newChange builds a change value and registers it with the recorder, so
// that one never passed to create_table() or alter() is reported.
func newChange(thread *starlark.Thread, c *call, changes ...op.Change) *changeValue {
	v := &changeValue{builtin: c.name, pos: c.pos, changes: changes}
	if r := FromThread(thread); r != nil {
		r.loose = append(r.loose, v)
	}
	return v
}

// typeValue is what array() returns: a column type.
type typeValue struct{ t op.Type }

var _ starlark.Value = (*typeValue)(nil)

func (v *typeValue) String() string        { return "array(" + typeString(*v.t.Elem) + ")" }
func (v *typeValue) Type() string          { return "type" }
func (v *typeValue) Freeze()               {}
func (v *typeValue) Truth() starlark.Bool  { return starlark.True }
func (v *typeValue) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: type") }
func typeString(t op.Type) string {
	switch {
	case t.Elem != nil:
		return "array(" + typeString(*t.Elem) + ")"
	case t.Ref != nil:
		return fmt.Sprintf("references(%q)", t.Ref.Table)
	}
	return fmt.Sprintf("%q", t.Name)
}

// refValue is what references() returns: a column type pointing at
// another table. Its constraint name and prefix are filled in when the
// table's op is recorded (op.Resolve).
type refValue struct{ ref op.Reference }

var _ starlark.Value = (*refValue)(nil)

func (v *refValue) String() string        { return fmt.Sprintf("references(%q)", v.ref.Table) }
func (v *refValue) Type() string          { return "references" }
func (v *refValue) Freeze()               {}
func (v *refValue) Truth() starlark.Bool  { return starlark.True }
func (v *refValue) Hash() (uint32, error) { return 0, fmt.Errorf("unhashable type: references") }

// fragmentValue is what fragment() returns: raw SQL for a default.
type fragmentValue struct{ sql string }

var _ starlark.Value = (*fragmentValue)(nil)

func (v *fragmentValue) String() string        { return fmt.Sprintf("fragment(%q)", v.sql) }
func (v *fragmentValue) Type() string          { return "fragment" }
func (v *fragmentValue) Freeze()               {}
func (v *fragmentValue) Truth() starlark.Bool  { return starlark.True }
func (v *fragmentValue) Hash() (uint32, error) { return starlark.String(v.sql).Hash() }

// toType converts a column type argument: a type name, array() or
// references(). A name that misspells an Ecto type is an error (see
// typenames.go); any other name is kept as written. The reference is
// copied, so one references() value may be used for several columns.
func (c *call) toType(param string, v starlark.Value) (op.Type, error) {
	switch v := v.(type) {
	case starlark.String:
		if v == "" {
			return op.Type{}, c.errorf("for parameter %s: the type name is empty", param)
		}
		if e := typeTypoError(c.pos, c.name, string(v)); e != nil {
			return op.Type{}, e
		}
		return op.Type{Name: string(v)}, nil
	case *typeValue:
		return v.t, nil
	case *refValue:
		ref := v.ref
		return op.Type{Name: "references", Ref: &ref}, nil
	}
	return op.Type{}, c.badType(param, "a type name, array() or references()", v)
}
