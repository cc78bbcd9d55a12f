package watch

import (
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/larkdb/lark/engine"
)

// describe names what started an action: its paths, marking the ones
// that are gone.
func (w *watcher) describe(paths []string) string {
	if paths == nil {
		return "start"
	}
	const most = 3
	var parts []string
	for i, p := range paths {
		if i == most {
			parts = append(parts, "and "+strconv.Itoa(len(paths)-most)+" more")
			break
		}
		if p == "." {
			p = "(events lost)"
		} else if _, err := os.Stat(filepath.Join(w.cfg.Dir, filepath.FromSlash(p))); err != nil {
			p += " (deleted)"
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ", ")
}

// summary says what an action ran: "rolled back 3_b, 2_a; applied 2_a, 3_b".
func summary(results []engine.Result, failed bool) string {
	var down, up []string
	for _, r := range results {
		id := strconv.FormatInt(r.Version, 10) + "_" + r.Name
		if r.Direction == engine.Down {
			down = append(down, id)
		} else {
			up = append(up, id)
		}
	}
	var parts []string
	if len(down) > 0 {
		parts = append(parts, "rolled back "+strings.Join(down, ", "))
	}
	if len(up) > 0 {
		parts = append(parts, "applied "+strings.Join(up, ", "))
	}
	if failed {
		parts = append(parts, "FAILED")
	}
	if len(parts) == 0 {
		return "nothing ran"
	}
	return strings.Join(parts, "; ")
}
