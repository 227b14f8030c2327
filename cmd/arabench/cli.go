package main

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"strconv"
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
