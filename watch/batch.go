package watch

import (
	"sort"
	"time"
)

// batch gathers the paths of file events until the directory has been
// quiet for a while, as tilt's fsevent coalescing does: an editor's save
// is a burst (write, create a temp file, rename it over, chmod), and one
// action per burst both saves work and keeps watch from reading the file
// half-way through the burst. It is plain data driven by the caller's
// clock, so its timing can be tested without sleeping.
type batch struct {
	quiet, maxWait time.Duration
	paths          map[string]bool
	first, last    time.Time
}

func newBatch(quiet, maxWait time.Duration) *batch {
	return &batch{quiet: quiet, maxWait: maxWait, paths: map[string]bool{}}
}

// add records an event on path at now.
func (b *batch) add(path string, now time.Time) {
	if len(b.paths) == 0 {
		b.first = now
	}
	b.paths[path] = true
	b.last = now
}

// empty reports whether no event is waiting.
func (b *batch) empty() bool { return len(b.paths) == 0 }

// deadline is when the batch is due: a quiet period after the last event,
// but no later than maxWait after the first.
func (b *batch) deadline() time.Time {
	d := b.last.Add(b.quiet)
	if limit := b.first.Add(b.maxWait); limit.Before(d) {
		d = limit
	}
	return d
}

// due reports whether the batch should be acted on at now.
func (b *batch) due(now time.Time) bool {
	return !b.empty() && !now.Before(b.deadline())
}

// take empties the batch and returns its paths, sorted.
func (b *batch) take() []string {
	out := make([]string, 0, len(b.paths))
	for p := range b.paths {
		out = append(out, p)
	}
	sort.Strings(out)
	b.paths = map[string]bool{}
	return out
}
