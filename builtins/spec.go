package builtins

import (
	"sort"

	"go.starlark.net/starlark"
)

// builtinFunc is the Go side of a builtin. c carries the builtin's name
// and the caller's position; a holds its arguments, bound to its Params.
type builtinFunc func(thread *starlark.Thread, c *call, a *args) (starlark.Value, error)

// Spec describes one builtin: it drives registration ([Predeclared]), the
// unpacking of its arguments, the checks of [Precheck] and the reference
// documentation ([LanguageDoc]).
type Spec struct {
	// Name is the builtin's name in scripts.
	Name string
	// Group is the section of docs/language.md it is listed in.
	Group string
	// Params are its parameters in order (see [Param]); [Spec.Signature]
	// renders them.
	Params []Param
	// Doc explains the builtin in Markdown.
	Doc string
	// Example is a complete migration file using the builtin; tests
	// evaluate it.
	Example string

	fn builtinFunc
}

// The documentation groups, in order.
const (
	groupTables      = "Tables"
	groupColumns     = "Columns"
	groupIndexes     = "Indexes"
	groupConstraints = "Constraints"
	groupSQL         = "Raw SQL and flushing"
	groupRun         = "About the run"
)

// Specs returns the specs of every builtin, in documentation order.
func Specs() []Spec {
	var all []Spec
	for _, group := range [][]Spec{tableSpecs, columnSpecs, indexSpecs, constraintSpecs, executeSpecs, dataSpecs, miscSpecs} {
		all = append(all, group...)
	}
	return all
}

// Predeclared returns the names a migration script sees: every builtin of
// [Specs] and the modules json, math and time. Each call returns a fresh
// dict, so callers may add to it.
func Predeclared() starlark.StringDict {
	d := modules()
	for _, s := range Specs() {
		d[s.Name] = starlark.NewBuiltin(s.Name, s.call)
	}
	return d
}

// call runs the builtin: it binds the arguments to the spec's Params,
// then runs fn with them.
func (s *Spec) call(thread *starlark.Thread, b *starlark.Builtin, posArgs starlark.Tuple, kwargs []starlark.Tuple) (starlark.Value, error) {
	c := newCall(thread, b)
	c.spec = s
	a, err := c.bind(s.Params, posArgs, kwargs)
	if err != nil {
		return nil, err
	}
	defer a.release()
	v, err := s.fn(thread, c, a)
	if err != nil {
		return nil, err
	}
	return v, a.checkRead(c)
}

// Names returns the sorted names of [Predeclared].
func Names() []string {
	d := Predeclared()
	names := make([]string, 0, len(d))
	for k := range d {
		names = append(names, k)
	}
	sort.Strings(names)
	return names
}
