package main

import (
	"runtime/debug"
	"strings"
)

// version describes the running lark from its build information: the
// module version (v1.2.0 when installed with `go install
// github.com/larkdb/lark/cmd/lark@v1.2.0`; "(devel)", or the pseudo-version
// the go command derives from the checkout, when built from one), then the
// commit it was built from and whether the checkout had changes, when the
// go command recorded them (vcs.revision, vcs.modified).
func version() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown: built without module support)"
	}
	return describeBuild(info)
}

// describeBuild renders info as `lark --version` prints it after "lark ":
//
//	v1.2.0
//	(devel) (revision 80e275a1b2c3..., modified)
func describeBuild(info *debug.BuildInfo) string {
	v := info.Main.Version
	if v == "" {
		v = "(devel)" // a test binary, or a build outside a module
	}
	var rev, modified string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			modified = s.Value
		}
	}
	if rev == "" {
		return v
	}
	var extra []string
	extra = append(extra, "revision "+rev)
	if modified == "true" {
		extra = append(extra, "modified")
	}
	return v + " (" + strings.Join(extra, ", ") + ")"
}
