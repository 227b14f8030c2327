package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"
)

// parseFlags parses args with fs. -h or --help prints fs's usage on standard
// output and returns exitOK; a bad flag prints what was wrong and where to
// find the usage on standard error and returns exitUsage. ok reports whether
// the command goes on. fs.Usage must write to fs.Output().
func parseFlags(e *env, fs *flag.FlagSet, args []string) (code int, ok bool) {
	usage := fs.Usage
	fs.Usage = func() {}
	fs.SetOutput(io.Discard)
	err := fs.Parse(args)
	fs.Usage = usage
	switch {
	case errors.Is(err, flag.ErrHelp):
		fs.SetOutput(e.stdout)
		fs.Usage()
		return exitOK, false
	case err != nil:
		fmt.Fprintf(e.stderr, "arabench %s: %v\nRun 'arabench help %s' for its flags.\n", fs.Name(), err, fs.Name())
		return exitUsage, false
	}
	fs.SetOutput(e.stderr)
	return exitOK, true
}

// usageError prints what was wrong with a command line, and where to find
// the command's usage, and returns exitUsage.
func usageError(e *env, cmd, msg string) int {
	fmt.Fprintf(e.stderr, "arabench %s: %s\nRun 'arabench help %s' for its usage.\n", cmd, msg, cmd)
	return exitUsage
}

// count writes n with the noun in the number it takes: "1 problem",
// "2 problems".
func count(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// parseInterleavedFlags is parseFlags for commands whose flags may come
// before, between or after their positional arguments, which it returns.
// After "--" everything is positional.
func parseInterleavedFlags(e *env, fs *flag.FlagSet, args []string) (pos []string, code int, ok bool) {
	for {
		if code, ok := parseFlags(e, fs, args); !ok {
			return nil, code, false
		}
		rest := fs.Args()
		if len(rest) == 0 {
			return pos, exitOK, true
		}
		if len(args) > len(rest) && args[len(args)-len(rest)-1] == "--" {
			return append(pos, rest...), exitOK, true
		}
		pos = append(pos, rest[0])
		args = rest[1:]
	}
}

// wantFiles says how many files a command takes when it got another number.
func wantFiles(got []string, want int, what string) string {
	if len(got) == 0 {
		return fmt.Sprintf("want %s, got none", what)
	}
	return fmt.Sprintf("want %s, got %d: %s", what, len(got), strings.Join(got, " "))
}
