package main

import (
	"runtime/debug"
	"testing"
)

// TestDescribeBuild checks what `lark --version` prints after "lark " for
// the build information of each way lark is built.
func TestDescribeBuild(t *testing.T) {
	t.Parallel()
	settings := func(kv ...string) []debug.BuildSetting {
		var out []debug.BuildSetting
		for i := 0; i < len(kv); i += 2 {
			out = append(out, debug.BuildSetting{Key: kv[i], Value: kv[i+1]})
		}
		return out
	}
	for _, c := range []struct {
		name string
		info debug.BuildInfo
		want string
	}{
		{"go install @version", debug.BuildInfo{Main: debug.Module{Path: "github.com/larkdb/lark", Version: "v1.2.0"}},
			"v1.2.0"},
		{"checkout, clean", debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs", "git", "vcs.revision", "80e275ad9f8a", "vcs.time", "2026-12-07T05:21:53Z", "vcs.modified", "false")},
			"(devel) (revision 80e275ad9f8a)"},
		{"checkout, edited", debug.BuildInfo{Main: debug.Module{Version: "(devel)"},
			Settings: settings("vcs.revision", "80e275ad9f8a", "vcs.modified", "true")},
			"(devel) (revision 80e275ad9f8a, modified)"},
		{"checkout, go 1.24+ pseudo-version", debug.BuildInfo{Main: debug.Module{Version: "v0.0.0-20261207052153-80e275ad9f8a+dirty"},
			Settings: settings("vcs.revision", "80e275ad9f8a", "vcs.modified", "true")},
			"v0.0.0-20261207052153-80e275ad9f8a+dirty (revision 80e275ad9f8a, modified)"},
		{"-buildvcs=false", debug.BuildInfo{Main: debug.Module{Version: "(devel)"}},
			"(devel)"},
		{"test binary", debug.BuildInfo{}, "(devel)"},
	} {
		if got := describeBuild(&c.info); got != c.want {
			t.Errorf("%s: describeBuild = %q, want %q", c.name, got, c.want)
		}
	}
}
