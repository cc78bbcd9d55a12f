package schema

import (
	"reflect"
	"testing"
)

func TestEmptySchemaString(t *testing.T) {
	if got := (&Schema{}).String(); got != "(no tables)\n" {
		t.Errorf("empty schema renders as %q", got)
	}
}

// TestCloneIsDeep changes every list of a clone and requires the original
// unchanged: a planner works on a clone of the snapshot it was given.
func TestCloneIsDeep(t *testing.T) {
	fk := ForeignKey{Columns: []string{"a"}, RefTable: "p", RefColumns: []string{"id"}}
	orig := &Schema{Tables: []*Table{{
		Name:        "t",
		Columns:     []Column{{Name: "a", Constraints: []Constraint{{Kind: KindReferences, ForeignKey: &fk, Columns: []string{"a"}}}}},
		PrimaryKey:  []string{"a"},
		Options:     []string{"strict"},
		Indexes:     []Index{{Name: "i", Columns: []string{"a"}}},
		Checks:      []Check{{Name: "c"}},
		ForeignKeys: []ForeignKey{fk},
		Constraints: []Constraint{{Kind: KindUnique, Columns: []string{"a"}}},
	}}, Views: []View{{Name: "v"}}, Triggers: []Trigger{{Name: "g"}}}
	want := orig.Clone()
	c := orig.Clone()
	ct := c.Tables[0]
	ct.Name = "x"
	ct.Columns[0].Name = "x"
	ct.Columns[0].Constraints[0].Columns[0] = "x"
	ct.Columns[0].Constraints[0].ForeignKey.RefColumns[0] = "x"
	ct.PrimaryKey[0], ct.Options[0] = "x", "x"
	ct.Indexes[0].Columns[0], ct.Checks[0].Name = "x", "x"
	ct.ForeignKeys[0].Columns[0] = "x"
	ct.Constraints[0].Columns[0] = "x"
	c.Views[0].Name, c.Triggers[0].Name = "x", "x"
	if !reflect.DeepEqual(orig, want) {
		t.Errorf("changing a clone changed the original:\n%+v\nwant\n%+v", orig.Tables[0], want.Tables[0])
	}
	if (*Schema)(nil).Clone() != nil {
		t.Errorf("the clone of nil is not nil")
	}
}

func TestOptions(t *testing.T) {
	if o := NewOptions(); o.VersionsTable != DefaultVersionsTable {
		t.Errorf("default versions table %q, want %q", o.VersionsTable, DefaultVersionsTable)
	}
	if o := NewOptions(VersionsTable("")); o.VersionsTable != "" {
		t.Errorf("VersionsTable(\"\") gives %q", o.VersionsTable)
	}
}
