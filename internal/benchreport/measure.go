package main

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"sort"
	"strings"
	"time"
)

// Run is one finished child process: how long it took and how much memory
// it held at its peak.
type Run struct {
	Wall    time.Duration
	PeakRSS int64         // bytes, from the child's rusage (ru_maxrss)
	CPU     time.Duration // user + system time of the child
	Stdout  string
}

// RunLark runs the lark binary with args in dir and measures it. A non-zero
// exit is an error that quotes the command's stderr.
//
// The peak RSS comes from GNU time (/usr/bin/time -f %M), not from the
// rusage Go's os/exec returns: Go starts children with clone(CLONE_VM), and
// Linux folds the memory high-water mark of the mm a process leaves at exec
// into its ru_maxrss. That mm is this process's, so every child would report
// at least this process's own peak (which reaches ~200 MiB after the
// in-process floors). GNU time forks a small C process instead, so the figure
// is the child's own.
func (e *Env) RunLark(ctx context.Context, dir string, args ...string) (Run, error) {
	usage, err := os.CreateTemp("", "lark-bench-rusage-*")
	if err != nil {
		return Run{}, err
	}
	usage.Close()
	defer os.Remove(usage.Name())
	cmd := exec.CommandContext(ctx, timeBin, append([]string{"-f", "%M %U %S", "-o", usage.Name(), e.LarkBin}, args...)...)
	cmd.Dir = dir
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	start := time.Now()
	err = cmd.Run()
	wall := time.Since(start)
	if err != nil {
		return Run{}, fmt.Errorf("lark %s: %w\n%s", strings.Join(args, " "), err, tail(stderr.String(), 2000))
	}
	r := Run{Wall: wall, Stdout: stdout.String()}
	text, err := os.ReadFile(usage.Name())
	if err != nil {
		return Run{}, err
	}
	// The last line is ours; GNU time writes a status line before it when
	// the command fails, which was handled above.
	lines := strings.Split(strings.TrimSpace(string(text)), "\n")
	var kb int64
	var user, sys float64
	if _, err := fmt.Sscanf(lines[len(lines)-1], "%d %f %f", &kb, &user, &sys); err != nil {
		return Run{}, fmt.Errorf("reading %s output %q: %w", timeBin, text, err)
	}
	r.PeakRSS = kb * 1024
	r.CPU = time.Duration((user + sys) * float64(time.Second))
	return r, nil
}

// timeBin is GNU time, which measures each lark child (see [Env.RunLark]).
const timeBin = "/usr/bin/time"

// tail keeps the last n bytes of s, for error messages.
func tail(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return "..." + s[len(s)-n:]
}

// Stats summarises repeated measurements of one thing.
type Stats struct {
	Median  time.Duration
	Min     time.Duration
	Max     time.Duration
	PeakRSS int64         // the largest peak seen over the runs, bytes
	CPU     time.Duration // median CPU time (user + system)
	N       int
}

// Summarise computes [Stats] over runs.
func Summarise(runs []Run) Stats {
	if len(runs) == 0 {
		return Stats{}
	}
	ds := make([]time.Duration, len(runs))
	cpu := make([]time.Duration, len(runs))
	var rss int64
	for i, r := range runs {
		ds[i], cpu[i] = r.Wall, r.CPU
		rss = max(rss, r.PeakRSS)
	}
	return Stats{Median: median(ds), Min: minOf(ds), Max: maxOf(ds), PeakRSS: rss, CPU: median(cpu), N: len(runs)}
}

// median of durations; the mean of the middle two for an even count.
func median(ds []time.Duration) time.Duration {
	s := append([]time.Duration(nil), ds...)
	sort.Slice(s, func(i, j int) bool { return s[i] < s[j] })
	n := len(s)
	if n == 0 {
		return 0
	}
	if n%2 == 1 {
		return s[n/2]
	}
	return (s[n/2-1] + s[n/2]) / 2
}

func minOf(ds []time.Duration) time.Duration {
	m := ds[0]
	for _, d := range ds {
		m = min(m, d)
	}
	return m
}

func maxOf(ds []time.Duration) time.Duration {
	m := ds[0]
	for _, d := range ds {
		m = max(m, d)
	}
	return m
}

// Secs formats a duration as seconds with millisecond precision.
func Secs(d time.Duration) string { return fmt.Sprintf("%.3f s", d.Seconds()) }

// MiB formats a byte count in mebibytes.
func MiB(b int64) string {
	if b <= 0 {
		return "n/a"
	}
	return fmt.Sprintf("%.1f MiB", float64(b)/(1<<20))
}

// Table renders a Markdown table.
func Table(header []string, rows [][]string) string {
	var b strings.Builder
	b.WriteString("| " + strings.Join(header, " | ") + " |\n|")
	for range header {
		b.WriteString(" --- |")
	}
	b.WriteString("\n")
	for _, r := range rows {
		b.WriteString("| " + strings.Join(r, " | ") + " |\n")
	}
	return b.String()
}
