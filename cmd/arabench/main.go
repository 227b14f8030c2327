// Command arabench evaluates Arabic text normalization and information
// extraction: it scores extractors against the gold-labelled seed corpus,
// compares runs, normalizes and tokenizes text for pipelines, validates the
// gold and gates benchmark regressions.
//
// Usage:
//
//	arabench <command> [flags] [args]
//
// Exit status: 0 ok, 1 a gate or check failed, 2 bad usage or bad input.
package main

import (
	"context"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"sort"
	"strings"
	"syscall"
)

// Exit codes shared by every subcommand.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// env is what a subcommand may touch: its standard streams.
type env struct {
	stdin  io.Reader
	stdout io.Writer
	stderr io.Writer
}

// command is one subcommand; each file of this package registers its own.
type command struct {
	summary string
	run     func(ctx context.Context, e *env, args []string) int
}

var commands = map[string]command{}

// memoryLimit is the soft limit of the Go heap (runtime/debug.SetMemoryLimit)
// unless GOMEMLIMIT sets another: the collector works harder near it, so that
// a large evaluation keeps about what it holds live rather than twice that.
// It is not a cap: a run that needs more live memory gets it.
const memoryLimit = 1536 << 20

func main() {
	if os.Getenv("GOMEMLIMIT") == "" {
		debug.SetMemoryLimit(memoryLimit)
	}
	// SIGTERM (CI cancelling a job, docker stop) ends a run as Ctrl-C does:
	// extractors are stopped, the partial results reported, nothing saved
	// over a good run. Once the first signal is in, a second one kills
	// arabench at once.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	go func() {
		<-ctx.Done()
		stop()
	}()
	code := run(ctx, &env{stdin: os.Stdin, stdout: os.Stdout, stderr: os.Stderr}, os.Args[1:])
	stop()
	os.Exit(code)
}

func run(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprint(e.stderr, "arabench: missing command\n\n")
		usage(e.stderr)
		return exitUsage
	}
	switch args[0] {
	case "-h", "--help":
		usage(e.stdout)
		return exitOK
	case "help":
		if len(args) == 1 {
			usage(e.stdout)
			return exitOK
		}
		if _, ok := commands[args[1]]; !ok || len(args) > 2 {
			fmt.Fprintf(e.stderr, "arabench help: want one command, one of %s; got %q\n", strings.Join(commandNames(), ", "), strings.Join(args[1:], " "))
			return exitUsage
		}
		return run(ctx, e, []string{args[1], "-h"})
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(e.stderr, "arabench: unknown command %q\n\n", args[0])
		usage(e.stderr)
		return exitUsage
	}
	return c.run(ctx, e, args[1:])
}

// commandNames lists the commands, sorted.
func commandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "usage: arabench <command> [flags] [args]")
	fmt.Fprintln(w, "\ncommands:")
	for _, n := range commandNames() {
		fmt.Fprintf(w, "  %-10s %s\n", n, commands[n].summary)
	}
	fmt.Fprintln(w, "\nRun 'arabench help <command>' (or 'arabench <command> -h') for a command's flags.")
}
