// Command lark runs database migrations written as Starlark scripts.
//
//	lark new create_users     write migrations/<timestamp>_create_users.star
//	lark up                   apply pending migrations
//	lark down                 roll back the last one
//	lark status               list every migration
//
// See `lark --help` and `lark <command> --help`. The commands are thin:
// they read flags and lark.json, build an engine.Migrator and print what it
// returns. Exit codes: 0 ok, 1 failure, 2 usage.
package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"

	"github.com/larkdb/lark/engine"
	"github.com/larkdb/lark/op"
	"github.com/larkdb/lark/scripts"
)

// Exit codes.
const (
	exitOK      = 0
	exitFailure = 1
	exitUsage   = 2
)

func main() { os.Exit(run(os.Args[1:], os.Stdout, os.Stderr)) }

// run is lark's whole life: it returns the exit code.
func run(args []string, stdout, stderr io.Writer) int {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	root, a := newRoot(stdout, stderr)
	root.SetArgs(args)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	showPathsFrom(err, a.cfg.Dir)
	printError(stderr, err)
	if isUsage(err) {
		return exitUsage
	}
	return exitFailure
}

// usageError marks a mistake in how lark was called.
type usageError struct{ err error }

func (e usageError) Error() string { return e.err.Error() }
func (e usageError) Unwrap() error { return e.err }

func usagef(format string, args ...any) error { return usageError{fmt.Errorf(format, args...)} }

func isUsage(err error) bool {
	var ue usageError
	if errors.As(err, &ue) {
		return true
	}
	// cobra's own complaints about commands and arguments.
	msg := err.Error()
	for _, p := range []string{"unknown command", "unknown flag", "unknown shorthand", "accepts ", "requires at least", "invalid argument"} {
		if strings.HasPrefix(msg, p) {
			return true
		}
	}
	return false
}

// showPathsFrom rewrites the script positions in err, which are relative
// to the migrations directory (that is how logs store them), to paths from
// the working directory, so that a terminal or editor can open the line.
func showPathsFrom(err error, dir string) {
	if dir == "" || dir == "." {
		return
	}
	fix := func(p *op.Pos) {
		if p.File != "" && !filepath.IsAbs(p.File) && !strings.HasPrefix(p.File, dir+string(filepath.Separator)) {
			p.File = filepath.Join(dir, p.File)
		}
	}
	var oe *op.Error
	if errors.As(err, &oe) {
		fix(&oe.Pos)
	}
	var ie *engine.IrreversibleError
	if errors.As(err, &ie) {
		fix(&ie.Pos)
	}
	var fe *scripts.FileError
	if errors.As(err, &fe) {
		p := op.Pos{File: fe.File}
		fix(&p)
		fe.File = p.File
	}
	var pe *engine.PartialError
	if errors.As(err, &pe) && strings.HasSuffix(pe.File, ".star") {
		p := op.Pos{File: pe.File}
		fix(&p)
		pe.File = p.File
	}
}

// printError prints err with its script position first when it has one
// (file:line:col: message, details indented), else as "lark: message".
func printError(w io.Writer, err error) {
	var oe *op.Error
	var pe *engine.PartialError
	var ie *engine.IrreversibleError
	if errors.As(err, &oe) || errors.As(err, &pe) || errors.As(err, &ie) {
		fmt.Fprintln(w, err)
		return
	}
	fmt.Fprintln(w, "lark: "+err.Error())
	if isUsage(err) {
		fmt.Fprintln(w, "run 'lark --help' for usage")
	}
}
