package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"strings"
	"time"

	"github.com/mattn/go-isatty"

	"github.com/larkdb/lark/engine"
)

// progress draws the progress of backfill() and batches() loops on
// stderr: a bar redrawn in place on a terminal, and a plain line every
// few seconds (and at the end) in a pipe or with --json, so logs stay
// readable.
type progress struct {
	w     io.Writer
	tty   bool
	every time.Duration
	last  time.Time
	drawn bool
	// now is the clock the plain lines are spaced by (tests set it).
	now func() time.Time
}

// newProgress returns the progress printer for w.
func newProgress(w io.Writer, json bool) *progress {
	tty := false
	if f, ok := w.(*os.File); ok && !json {
		tty = isatty.IsTerminal(f.Fd()) || isatty.IsCygwinTerminal(f.Fd())
	}
	return &progress{w: w, tty: tty, every: 5 * time.Second, now: time.Now}
}

// report handles one progress report from the engine.
func (p *progress) report(d engine.DataProgress) {
	if p.tty {
		fmt.Fprintf(p.w, "\r\033[K%s", barLine(d, 30))
		p.drawn = true
		if d.Done {
			fmt.Fprintln(p.w)
			p.drawn = false
		}
		return
	}
	now := p.now()
	if !d.Done && d.Rows > 0 && now.Sub(p.last) < p.every {
		return
	}
	p.last = now
	fmt.Fprintln(p.w, plainLine(d))
}

// barLine renders "backfill 2_x.star:4 [#####.....] 50,000/100,000 rows  12,345 rows/s  ETA 4s".
func barLine(d engine.DataProgress, width int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s %s ", d.Kind, d.Pos)
	if d.Total > 0 {
		frac := float64(d.Rows) / float64(d.Total)
		frac = min(max(frac, 0), 1)
		n := int(frac * float64(width))
		fmt.Fprintf(&b, "[%s%s] %3.0f%% ", strings.Repeat("#", n), strings.Repeat(".", width-n), frac*100)
	}
	b.WriteString(stats(d))
	return b.String()
}

// plainLine renders one line for a log: "backfill 2_x.star:4: 50,000 of 100,000 rows, 12,345 rows/s, ETA 4s".
func plainLine(d engine.DataProgress) string {
	state := ""
	if d.Done {
		state = " (done)"
	}
	return fmt.Sprintf("%s %s: %s%s", d.Kind, d.Pos, stats(d), state)
}

func stats(d engine.DataProgress) string {
	s := thousands(d.Rows)
	if d.Total > 0 {
		s += " of " + thousands(d.Total)
	}
	s += " rows"
	if secs := d.Elapsed.Seconds(); secs > 0 && d.Rows > d.Resumed {
		rate := float64(d.Rows-d.Resumed) / secs
		s += fmt.Sprintf(", %s rows/s", thousands(int64(rate)))
		if d.Total > d.Rows && !d.Done && rate > 0 {
			// Whole seconds, rounded up: "ETA 0s" would say it is done.
			eta := time.Duration(math.Ceil(float64(d.Total-d.Rows)/rate)) * time.Second
			s += ", ETA " + eta.String()
		}
	}
	return s
}

// thousands formats n with commas: 1234567 -> "1,234,567".
func thousands(n int64) string {
	s := fmt.Sprint(n)
	neg := strings.HasPrefix(s, "-")
	s = strings.TrimPrefix(s, "-")
	var out []byte
	for i := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, ',')
		}
		out = append(out, s[i])
	}
	if neg {
		return "-" + string(out)
	}
	return string(out)
}
