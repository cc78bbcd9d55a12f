package watch

import (
	"testing"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/scripts"
)

// TestDecide checks what the loop reworks for each way the directory and
// the versions table can disagree.
func TestDecide(t *testing.T) {
	t.Parallel()
	file := func(v int64, sum string) scripts.Migration {
		return scripts.Migration{Version: v, Name: "m", File: "x.star", Checksum: sum}
	}
	row := func(v int64, sum string) engine.AppliedMigration {
		return engine.AppliedMigration{Version: v, Name: "m", Checksum: sum, HasLog: true}
	}
	noLog := func(r engine.AppliedMigration) engine.AppliedMigration { r.HasLog = false; return r }
	partial := func(r engine.AppliedMigration) engine.AppliedMigration { r.Partial = true; return r }
	tests := []struct {
		name    string
		files   []scripts.Migration
		applied []engine.AppliedMigration
		helper  int64 // a version whose helper changed
		skip    int64
		from    int64
		cause   cause
		noLog   int64
	}{
		{name: "up to date", files: []scripts.Migration{file(1, "a"), file(2, "b")},
			applied: []engine.AppliedMigration{row(1, "a"), row(2, "b")}},
		{name: "empty"},
		{name: "new file", files: []scripts.Migration{file(1, "a"), file(2, "b")},
			applied: []engine.AppliedMigration{row(1, "a")}, from: 2, cause: causeNew},
		{name: "fresh database", files: []scripts.Migration{file(1, "a"), file(2, "b")},
			from: 1, cause: causeNew},
		{name: "out of order", files: []scripts.Migration{file(1, "a"), file(2, "b"), file(3, "c")},
			applied: []engine.AppliedMigration{row(1, "a"), row(3, "c")}, from: 2, cause: causeOutOfOrder},
		{name: "changed", files: []scripts.Migration{file(1, "a"), file(2, "B"), file(3, "c")},
			applied: []engine.AppliedMigration{row(1, "a"), row(2, "b"), row(3, "c")}, from: 2, cause: causeChanged},
		{name: "lowest wins", files: []scripts.Migration{file(1, "a"), file(2, "B"), file(3, "C"), file(4, "d")},
			applied: []engine.AppliedMigration{row(1, "a"), row(2, "b"), row(3, "c")}, from: 2, cause: causeChanged},
		{name: "deleted", files: []scripts.Migration{file(1, "a"), file(3, "c")},
			applied: []engine.AppliedMigration{row(1, "a"), row(2, "b"), row(3, "c")}, from: 2, cause: causeDeleted},
		{name: "helper changed", files: []scripts.Migration{file(1, "a"), file(2, "b")},
			applied: []engine.AppliedMigration{row(1, "a"), row(2, "b")}, helper: 1, from: 1, cause: causeHelper},
		{name: "partial", files: []scripts.Migration{file(1, "a"), file(2, "b")},
			applied: []engine.AppliedMigration{row(1, "a"), partial(row(2, "b"))}, from: 2, cause: causePartial},
		{name: "ecto row without checksum is not drift", files: []scripts.Migration{file(1, "a")},
			applied: []engine.AppliedMigration{noLog(row(1, ""))}},
		{name: "rework would roll back a row without log", files: []scripts.Migration{file(1, "A"), file(2, "b")},
			applied: []engine.AppliedMigration{row(1, "a"), noLog(row(2, "b"))}, from: 1, cause: causeChanged, noLog: 2},
		{name: "new file above a row without log", files: []scripts.Migration{file(1, "a"), file(2, "b")},
			applied: []engine.AppliedMigration{noLog(row(1, "a"))}, from: 2, cause: causeNew},
		{name: "version 0", files: []scripts.Migration{file(0, "z"), file(1, "a")},
			applied: []engine.AppliedMigration{row(1, "a")}, from: 0, cause: causeOutOfOrder},
		{name: "skipped version", files: []scripts.Migration{file(1, "A"), file(2, "b"), file(3, "c")},
			applied: []engine.AppliedMigration{row(1, "a"), row(2, "b")}, skip: 1, from: 3, cause: causeNew},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			changed := func(v int64) bool { return v == tt.helper }
			skip := map[int64]bool{}
			if tt.skip != 0 {
				skip[tt.skip] = true
			}
			d := decide(tt.files, tt.applied, changed, skip)
			if d.act != (tt.cause != "") || d.from != tt.from || d.cause != tt.cause {
				t.Errorf("from %d (%s), want %d (%s)", d.from, d.cause, tt.from, tt.cause)
			}
			var got int64
			if d.noLog != nil {
				got = d.noLog.Version
			}
			if got != tt.noLog {
				t.Errorf("noLog = %d, want %d", got, tt.noLog)
			}
		})
	}
}
