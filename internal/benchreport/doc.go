// Command benchreport runs lark's benchmarks and writes the results as
// Markdown (docs/benchmarks.md through `make bench`).
//
// The report is made of sections. Each section lives in its own file and
// registers itself from an init function with [register]; the program runs
// them in order against a freshly built lark binary and real databases, and
// writes one Markdown document: a header naming the command, the date and
// the machine, then every section's text, each ending in a table of figures.
//
// Timing never decides a test's fate: this program reports numbers, and a
// missed target is written down as missed, not hidden.
//
// Usage:
//
//	go run ./internal/benchreport [-out docs/benchmarks.md] [-only substring] [-reps 3]
package main
