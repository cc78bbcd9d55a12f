package eval

import (
	"fmt"
	"time"

	"go.starlark.net/starlark"
	"go.starlark.net/syntax"

	"github.com/larkdb/lark/op"
)

// The timeout settings a migration file may set at its top level:
//
//	lock_timeout = "5s"       # wait at most 5 s for a lock
//	statement_timeout = "1m"  # stop any one statement after a minute
//
// Values are Go durations ("500ms", "5s", "1m30s"); see
// docs/data-migrations.md, section "Timeouts", for what each database does
// with them.
var timeoutSettings = []string{"lock_timeout", "statement_timeout"}

// readTimeouts reads lock_timeout and statement_timeout into s.Settings.
// A value that is not a string, not a duration, or not positive is an
// error at the assignment.
func (s *Script) readTimeouts(f *syntax.File) error {
	for _, name := range timeoutSettings {
		v, ok := s.st.globals[name]
		if !ok {
			continue
		}
		pos := assignPos(f, name, s.File)
		str, ok := v.(starlark.String)
		if !ok {
			return op.Errorf(pos, "%s must be a duration string such as \"5s\" or \"1m\", got %s", name, v.Type())
		}
		d, err := time.ParseDuration(string(str))
		if err != nil {
			return op.Errorf(pos, "%s = %q is not a duration", name, string(str)).
				WithDetail("write a number with a unit: \"500ms\", \"5s\", \"1m\", \"1h30m\"")
		}
		if d < time.Millisecond {
			return op.Errorf(pos, "%s = %q: want at least 1ms (leave the setting out for no timeout)", name, string(str))
		}
		switch name {
		case "lock_timeout":
			s.Settings.LockTimeout = Timeout{Duration: d, Pos: pos}
		case "statement_timeout":
			s.Settings.StatementTimeout = Timeout{Duration: d, Pos: pos}
		}
	}
	return nil
}

// Timeout is a lock_timeout or statement_timeout setting: the duration and
// where the file sets it, so an error that the timeout caused can point
// at the setting as well as at the statement. The zero Timeout means none.
type Timeout struct {
	Duration time.Duration `json:"duration_ns"`
	Pos      op.Pos        `json:"pos"`
}

// IsZero reports whether no timeout is set.
func (t Timeout) IsZero() bool { return t.Duration == 0 }

// String renders the setting as the file wrote it in spirit: "5s".
func (t Timeout) String() string { return fmt.Sprint(t.Duration) }
