package builtins

import (
	"context"
	"encoding/json"
	"regexp"
	"testing"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/larkdb/lark/op"
)

// eval runs src's callback fn (top level first) in direction dir and
// returns the recorded log.
func eval(t *testing.T, src, fn, dir string, exec Executor) (op.Log, error) {
	t.Helper()
	thread := &starlark.Thread{Name: "test"}
	thread.SetMaxExecutionSteps(1_000_000)
	NewRecorder(context.Background(), nil, Config{Dialect: "sqlite", Traits: Traits{TimeAsText: true}}).Attach(thread)
	globals, err := starlark.ExecFileOptions(&syntax.FileOptions{TopLevelControl: true}, thread, "m.star", src, Predeclared())
	if err != nil {
		return nil, err
	}
	rec := NewRecorder(context.Background(), exec, Config{Direction: dir, Dialect: "sqlite", Traits: Traits{TimeAsText: true}})
	rec.Attach(thread)
	if _, err := starlark.Call(thread, globals[fn], nil, nil); err != nil {
		return rec.Log(), err
	}
	if err := rec.CheckLoose(); err != nil {
		return rec.Log(), err
	}
	return rec.Log(), rec.Flush()
}

var posRE = regexp.MustCompile(`"pos":\{[^}]*\},?`)

// canon returns the log's canonical JSON without positions.
func canon(t *testing.T, l op.Log) string {
	t.Helper()
	data, err := json.Marshal(l)
	if err != nil {
		t.Fatal(err)
	}
	return posRE.ReplaceAllString(string(data), "")
}

// errOf unwraps an evaluation error to the *op.Error a builtin returned.
func errOf(err error) string {
	if err == nil {
		return ""
	}
	var ee *starlark.EvalError
	if e, ok := err.(*starlark.EvalError); ok {
		ee = e
		if u := ee.Unwrap(); u != nil {
			if oe, ok := u.(*op.Error); ok {
				return oe.Error()
			}
		}
	}
	return err.Error()
}

// recordingExec records what it is asked to apply.
type recordingExec struct{ batches [][]string }

func (r *recordingExec) Apply(_ context.Context, ops []op.Op) error {
	var kinds []string
	for _, o := range ops {
		kinds = append(kinds, o.Kind())
	}
	r.batches = append(r.batches, kinds)
	return nil
}
