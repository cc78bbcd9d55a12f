package eval

import (
	"context"
	"encoding/json"
	"errors"
	"reflect"
	"regexp"
	"testing"
	"testing/fstest"

	"github.com/larkdb/lark/op"
)

var posRE = regexp.MustCompile(`"pos":\{[^}]*\},?`)

func canonJSON(t *testing.T, l op.Log) string {
	t.Helper()
	data, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	return posRE.ReplaceAllString(string(data), "")
}

// TestReverse runs each change() body down (recorded, then reversed) and
// checks the inverse, one case per rule of Ecto's runner.
func TestReverse(t *testing.T) {
	t.Parallel()
	tests := []struct{ name, body, want string }{
		{"create_table", `create_table("t", add("a", "text"), if_not_exists=True)`,
			`[{"op":"drop_table","table":{"name":"t"},"if_exists":true}]`},
		{"alter in reverse order", `alter("t", add("a", "text"), add_if_not_exists("b", "integer"), remove("c", "string", size=5), remove_if_exists("d", "boolean"))`,
			`[{"op":"alter_table","table":{"name":"t"},"changes":[{"action":"add_if_not_exists","column":{"name":"d","type":{"name":"boolean"}}},{"action":"add","column":{"name":"c","type":{"name":"string"},"size":5}},{"action":"remove_if_exists","column":{"name":"b","type":{"name":"integer"}}},{"action":"remove","column":{"name":"a","type":{"name":"text"}}}]}]`},
		{"modify swaps", `alter("t", modify("a", "text", null=False, from_=("string", {"null": True})))`,
			`[{"op":"alter_table","table":{"name":"t"},"changes":[{"action":"modify","column":{"name":"a","type":{"name":"string"},"null":true},"from":{"name":"","type":{"name":"text"},"null":false}}]}]`},
		{"renames", `rename_table("a", to="b"); rename_column("b", "c", to="d"); rename_index("b", "i", to="j")`,
			`[{"op":"rename_index","table":{"name":"b"},"name":"j","to":"i"},{"op":"rename_column","table":{"name":"b"},"column":"d","to":"c"},{"op":"rename_table","table":{"name":"b"},"to":"a"}]`},
		{"index", `index("t", ["a"], if_not_exists=True); drop_index("t", ["b"])`,
			`[{"op":"create_index","index":{"table":"t","name":"t_b_index","columns":["b"]}},{"op":"drop_index","index":{"table":"t","name":"t_a_index","columns":["a"]},"if_exists":true}]`},
		{"constraint", `constraint("t", "c", check="a > 0"); drop_constraint("t", "d", exclude="gist (a WITH =)")`,
			`[{"op":"create_constraint","constraint":{"table":"t","name":"d","exclude":"gist (a WITH =)","validate":true}},{"op":"drop_constraint","constraint":{"table":"t","name":"c","check":"a \u003e 0","validate":true}}]`},
		{"execute sql", `execute("A", "B")`,
			`[{"op":"execute","up":{"sql":"B"},"down":{"sql":"A"}}]`},
		{"execute function calls down", `execute(seed, unseed)`,
			`[{"op":"execute","up":{"func":"unseed"},"down":{"func":"seed"},"ops":[{"op":"execute","up":{"sql":"DELETE 1"}}]}]`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			src := "def seed():\n    execute(\"INSERT 1\")\n\ndef unseed():\n    execute(\"DELETE 1\")\n\ndef change():\n    " + tt.body + "\n"
			s, err := Load(context.Background(), fstest.MapFS{}, "1_x.star", []byte(src), Options{})
			if err != nil {
				t.Fatal(err)
			}
			got, err := s.Run(context.Background(), Down, nil)
			if err != nil {
				t.Fatal(err)
			}
			if c := canonJSON(t, got); c != tt.want {
				t.Errorf("got\n%s\nwant\n%s", c, tt.want)
			}
			// The inverse survives storage, and reversing twice is the
			// identity for every rule but the function execute.
			data, _ := json.Marshal(got)
			back, err := op.Unmarshal(data)
			if err != nil || !reflect.DeepEqual(back, got) {
				t.Errorf("round trip: %v", err)
			}
			up, _ := s.Run(context.Background(), Up, nil)
			twice, err := Reverse(got)
			if err == nil && tt.name != "execute function calls down" && canonJSON(t, twice) != canonJSON(t, up) {
				t.Errorf("reverse(reverse(up)) = %s, want %s", canonJSON(t, twice), canonJSON(t, up))
			}
		})
	}
}

// TestRevertStoredLog reverts a stored log through an executor, calling
// the down function by name, and refuses irreversible logs before applying.
func TestRevertStoredLog(t *testing.T) {
	t.Parallel()
	src := "def seed():\n    execute(\"INSERT 1\")\n\ndef unseed():\n    execute(\"DELETE 1\")\n\ndef change():\n    create_table(\"t\")\n    execute(seed, unseed)\n"
	s, err := Load(context.Background(), fstest.MapFS{}, "1_x.star", []byte(src), Options{})
	if err != nil {
		t.Fatal(err)
	}
	up, err := s.Run(context.Background(), Up, nil)
	if err != nil {
		t.Fatal(err)
	}
	exec := &applied{}
	if _, err := Revert(context.Background(), up, s, exec); err != nil {
		t.Fatal(err)
	}
	if want := []string{"execute", "drop_table"}; !reflect.DeepEqual(exec.kinds, want) {
		t.Errorf("applied %v, want %v", exec.kinds, want)
	}
	if _, err := Revert(context.Background(), up, nil, &applied{}); err == nil {
		t.Error("Revert without the script should fail on a function execute")
	}
	bad := append(op.Log{}, up[0], &op.Execute{Pos: op.Pos{File: "1_x.star", Line: 9, Col: 12}, Up: op.Code{SQL: "X"}})
	exec = &applied{}
	_, err = Revert(context.Background(), bad, s, exec)
	var ie *IrreversibleError
	if !errors.As(err, &ie) || ie.Op != "execute" || len(exec.kinds) != 0 {
		t.Errorf("err = %v, applied %v", err, exec.kinds)
	}
}

type applied struct{ kinds []string }

func (a *applied) Apply(_ context.Context, ops []op.Op) error {
	for _, o := range ops {
		a.kinds = append(a.kinds, o.Kind())
	}
	return nil
}
