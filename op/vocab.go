package op

import (
	"fmt"
	"slices"
	"strings"
	"unicode/utf8"
)

// This file holds the rules of Ecto's vocabulary that ops depend on: the
// closed sets of values some fields take, and the defaults a script may
// leave out. They live here, once, because two ways lead into an op log:
// package builtins records ops from a script, and [Unmarshal] reads a log
// stored by an earlier run. Both fill the defaults with [Resolve], so the
// rule is the same however an op was made (but for an index name a stored
// log lacks: see [Unmarshal]); builtins check a script's values
// against these sets at the script's line, and Unmarshal checks a stored
// log's with [Check]. The dialects only translate what an op holds: they
// neither default nor check it again.

// The foreign-key actions of references(on_delete=, on_update=), as Ecto
// spells them.
const (
	FKNothing    = "nothing" // the database default (NO ACTION); recorded as a nil *FKAction
	FKDeleteAll  = "delete_all"
	FKUpdateAll  = "update_all"
	FKNilifyAll  = "nilify_all"
	FKDefaultAll = "default_all"
	FKRestrict   = "restrict"
	// FKNilify and FKDefault set only the columns the action lists
	// (on_delete=("nilify", [columns])).
	FKNilify  = "nilify"
	FKDefault = "default"
)

// OnDeleteActions returns the actions on_delete takes by name, in the
// order the documentation lists them. on_delete also takes the pairs of
// [OnDeleteColumnActions].
func OnDeleteActions() []string {
	return []string{FKNothing, FKDeleteAll, FKNilifyAll, FKRestrict, FKDefaultAll}
}

// OnDeleteColumnActions returns the actions on_delete takes as a pair
// (action, [columns]).
func OnDeleteColumnActions() []string { return []string{FKNilify, FKDefault} }

// OnUpdateActions returns the actions on_update takes: Ecto's, which has no
// default_all and no column lists for on_update.
func OnUpdateActions() []string {
	return []string{FKNothing, FKUpdateAll, FKNilifyAll, FKRestrict}
}

// The MATCH types of references(match=).
const (
	MatchFull    = "full"
	MatchPartial = "partial"
	MatchSimple  = "simple"
)

// MatchTypes returns the values references(match=) takes.
func MatchTypes() []string { return []string{MatchFull, MatchPartial, MatchSimple} }

// The modes of drop_table, drop_index and drop_constraint. ModeRestrict is
// the database's default and is recorded as "".
const (
	ModeRestrict = "restrict"
	ModeCascade  = "cascade"
)

// Ecto's defaults for keys.
const (
	// DefaultKeyColumn is the name of the primary key create_table adds,
	// and the column references() points at.
	DefaultKeyColumn = "id"
	// DefaultKeyType is the type of that primary key, and of a
	// references() column.
	DefaultKeyType = "bigserial"
)

// DefaultPrimaryKey returns the column create_table(primary_key=True)
// adds first, as Ecto does: "id" of type bigserial.
func DefaultPrimaryKey() Column {
	return Column{Name: DefaultKeyColumn, Type: Type{Name: DefaultKeyType}, PrimaryKey: true}
}

// ForeignKeyName is Ecto's name for the foreign key of column in table:
// "<table>_<column>_fkey".
func ForeignKeyName(table, column string) string {
	return table + "_" + column + "_fkey"
}

// IndexName is Ecto's default index name (Ecto.Migration's
// default_index_name): the table, each column and "index", each part with
// every byte outside [A-Za-z0-9_] replaced by "_" and its trailing "_"
// trimmed, joined by "_". So an index of "posts" on "lower(title)" is
// "posts_lower_title_index", and on "inserted_at DESC" it is
// "posts_inserted_at_DESC_index", as Ecto names them: a drop_index by
// columns finds an index Ecto made. (Ecto's regex works on bytes, so a
// non-ASCII letter becomes one "_" per byte of its UTF-8.)
func IndexName(table string, columns []string) string {
	parts := append(append([]string{table}, columns...), "index")
	for i, p := range parts {
		b := []byte(p)
		for j, c := range b {
			if !isWordByte(c) {
				b[j] = '_'
			}
		}
		parts[i] = strings.TrimRight(string(b), "_")
	}
	return strings.Join(parts, "_")
}

// LegacyIndexName is the default index name of lark before it followed
// Ecto's rule ([IndexName]): the characters outside [A-Za-z0-9_] removed,
// not replaced, so "lower(title)" gave "posts_lowertitle_index". Only a
// stored log can need it: see [Unmarshal].
func LegacyIndexName(table string, columns []string) string {
	parts := append(append([]string{table}, columns...), "index")
	for i, p := range parts {
		parts[i] = strings.Map(func(r rune) rune {
			if r < utf8.RuneSelf && isWordByte(byte(r)) {
				return r
			}
			return -1
		}, p)
	}
	return strings.TrimLeft(strings.Join(parts, "_"), "_")
}

// isWordByte reports whether c is one of [A-Za-z0-9_], what a regex's \w
// matches without Unicode.
func isWordByte(c byte) bool {
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
}

// Resolve fills in, in place, every default o leaves out, so that no op
// holds a "use the default" placeholder:
//
//   - a foreign key's constraint name ([ForeignKeyName]), referenced column
//     ("id"), column type (bigserial) and prefix (its table's);
//   - an index's name ([IndexName]) when it has columns;
//   - the action "nothing", which becomes nil, and the mode "restrict",
//     which becomes "": the database defaults, recorded as absent.
//
// Resolve is idempotent and never fails; it does not check values (see
// [Check]). A reference is copied before it is filled, so ops that share
// one do not see each other's defaults.
func Resolve(o Op) {
	switch o := o.(type) {
	case *CreateTable:
		for i := range o.Columns {
			resolveType(&o.Columns[i].Type, o.Table, o.Columns[i].Name)
		}
	case *AlterTable:
		for i := range o.Changes {
			ch := &o.Changes[i]
			resolveType(&ch.Column.Type, o.Table, ch.Column.Name)
			if ch.From != nil {
				resolveType(&ch.From.Type, o.Table, ch.Column.Name)
			}
		}
	case *DropTable:
		o.Mode = resolveMode(o.Mode)
	case *CreateIndex:
		resolveIndex(&o.Index)
	case *DropIndex:
		resolveIndex(&o.Index)
		o.Mode = resolveMode(o.Mode)
	case *DropConstraint:
		o.Mode = resolveMode(o.Mode)
	case *Execute:
		for _, inner := range o.Ops {
			Resolve(inner)
		}
	}
}

// resolveType fills the defaults of a references() type of column in table.
func resolveType(t *Type, table Table, column string) {
	if t.Ref == nil {
		return
	}
	ref := *t.Ref
	if ref.Name == "" {
		ref.Name = ForeignKeyName(table.Name, column)
	}
	if ref.Column == "" {
		ref.Column = DefaultKeyColumn
	}
	if ref.Type.IsZero() {
		ref.Type = Type{Name: DefaultKeyType}
	}
	if ref.Prefix == "" {
		ref.Prefix = table.Prefix
	}
	ref.OnDelete = resolveAction(ref.OnDelete)
	ref.OnUpdate = resolveAction(ref.OnUpdate)
	t.Ref = &ref
}

func resolveAction(a *FKAction) *FKAction {
	if a != nil && a.Action == FKNothing && len(a.Columns) == 0 {
		return nil
	}
	return a
}

func resolveMode(mode string) string {
	if mode == ModeRestrict {
		return ""
	}
	return mode
}

func resolveIndex(ix *Index) {
	if ix.Name == "" && len(ix.Columns) > 0 {
		ix.Name = IndexName(ix.Table, ix.Columns)
	}
}

// Check reports a value of o outside the closed sets above: a foreign-key
// action that on_delete or on_update does not take, an unknown MATCH type
// or drop mode. A script's values are checked by the builtins, at the
// script's line, before an op exists; Check is for ops read from storage,
// which a lark that wrote them always passes, so that no dialect ever
// meets a value it has no translation for.
func Check(o Op) error {
	switch o := o.(type) {
	case *CreateTable:
		for _, c := range o.Columns {
			if err := checkType(c.Type, c.Name); err != nil {
				return err
			}
		}
	case *AlterTable:
		for _, ch := range o.Changes {
			if err := checkType(ch.Column.Type, ch.Column.Name); err != nil {
				return err
			}
			if ch.From != nil {
				if err := checkType(ch.From.Type, ch.Column.Name); err != nil {
					return err
				}
			}
		}
	case *DropTable:
		return checkMode(o.Mode)
	case *DropIndex:
		return checkMode(o.Mode)
	case *DropConstraint:
		return checkMode(o.Mode)
	case *Execute:
		for _, inner := range o.Ops {
			if err := Check(inner); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkType(t Type, column string) error {
	ref := t.Ref
	if ref == nil {
		return nil
	}
	if a := ref.OnDelete; a != nil {
		if !validAction(a, OnDeleteActions(), OnDeleteColumnActions()) {
			return fmt.Errorf("column %q: on_delete %s is not an action on_delete takes", column, a)
		}
	}
	if a := ref.OnUpdate; a != nil {
		if !validAction(a, OnUpdateActions(), nil) {
			return fmt.Errorf("column %q: on_update %s is not an action on_update takes", column, a)
		}
	}
	if ref.Match != "" && !slices.Contains(MatchTypes(), ref.Match) {
		return fmt.Errorf("column %q: unknown match %q", column, ref.Match)
	}
	return nil
}

// validAction reports whether a is one of named (without columns) or one
// of withColumns (with at least one column).
func validAction(a *FKAction, named, withColumns []string) bool {
	if len(a.Columns) == 0 {
		return slices.Contains(named, a.Action)
	}
	return slices.Contains(withColumns, a.Action)
}

func checkMode(mode string) error {
	switch mode {
	case "", ModeRestrict, ModeCascade:
		return nil
	}
	return fmt.Errorf("unknown mode %q", mode)
}

// String renders the action as a script writes it: "delete_all" or
// ("nilify", ["a", "b"]).
func (a *FKAction) String() string {
	if len(a.Columns) == 0 {
		return fmt.Sprintf("%q", a.Action)
	}
	cols := make([]string, len(a.Columns))
	for i, c := range a.Columns {
		cols[i] = fmt.Sprintf("%q", c)
	}
	return fmt.Sprintf("(%q, [%s])", a.Action, strings.Join(cols, ", "))
}
