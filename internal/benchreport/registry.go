package main

import (
	"context"
	"sort"
)

// section is one part of the report.
type section struct {
	order int
	title string
	run   func(ctx context.Context, e *Env) (string, error)
}

// sections holds every registered section; register fills it from init
// functions, so it is complete before main runs.
var sections []section

// register adds a section to the report. Sections run and print in
// ascending order; title becomes the section's "##" heading, and run returns
// the section's Markdown body (without the heading). A run that fails is
// reported in place and the other sections still run.
//
// Each section lives in its own file and calls register from init:
//
//	func init() { register(30, "Watch mode", runWatch) }
func register(order int, title string, run func(ctx context.Context, e *Env) (markdown string, err error)) {
	sections = append(sections, section{order: order, title: title, run: run})
}

// sortedSections returns the registered sections in report order.
func sortedSections() []section {
	out := append([]section(nil), sections...)
	sort.SliceStable(out, func(i, j int) bool { return out[i].order < out[j].order })
	return out
}
