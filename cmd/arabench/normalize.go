package main

import (
	"bufio"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"strings"

	"golang.org/x/text/transform"

	"github.com/arabench/arabench/normalize"
)

func init() {
	commands["normalize"] = command{summary: "normalize Arabic text from stdin to stdout (--preset " + strings.Join(normalize.Presets(), "|") + ")", run: runNormalize}
}

func runNormalize(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("normalize", flag.ContinueOnError)
	preset := fs.String("preset", "search", "rule set: "+strings.Join(normalize.Presets(), ", "))
	list := fs.Bool("list", false, "print the presets and their rules, then exit")
	fs.Usage = func() {
		w := fs.Output()
		fmt.Fprintln(w, "usage: arabench normalize [--preset NAME] < in.txt > out.txt")
		fmt.Fprintln(w, "Streams UTF-8 text from stdin to stdout in constant memory and linear time, normalized under a preset;")
		fmt.Fprintln(w, "invalid bytes become U+FFFD. --list prints the presets.")
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(e, "normalize", fmt.Sprintf("unexpected argument %q: input comes from stdin", fs.Arg(0)))
	}
	if *list {
		for _, name := range normalize.Presets() {
			rules, about, _ := normalize.PresetRules(name)
			fmt.Fprintf(e.stdout, "%s\t%s\n\trules: %s\n", name, about, rules)
		}
		return exitOK
	}
	n, err := normalize.Preset(*preset)
	if err != nil {
		// The package names itself in its errors; the command has already.
		return usageError(e, "normalize", "--preset: "+strings.TrimPrefix(err.Error(), "normalize: "))
	}
	w := bufio.NewWriterSize(e.stdout, 64<<10)
	in := transform.NewReader(&ctxReader{ctx: ctx, r: bufio.NewReaderSize(e.stdin, 64<<10)}, n)
	if _, err := io.Copy(outWriter{w}, in); err != nil {
		var we writeError
		if errors.As(err, &we) {
			fmt.Fprintf(e.stderr, "arabench normalize: writing output: %v\n", we.err)
		} else {
			fmt.Fprintf(e.stderr, "arabench normalize: reading stdin: %v\n", err)
		}
		return exitFailed
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "arabench normalize: writing output: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// ctxReader stops reading once ctx is done, so an interrupt ends a long
// stream.
type ctxReader struct {
	ctx context.Context
	r   io.Reader
}

func (c *ctxReader) Read(p []byte) (int, error) {
	if err := c.ctx.Err(); err != nil {
		return 0, err
	}
	return c.r.Read(p)
}

// outWriter marks its errors as writeError, to tell a failed write apart from
// a failed read in io.Copy.
type outWriter struct{ w io.Writer }

func (o outWriter) Write(p []byte) (int, error) {
	n, err := o.w.Write(p)
	if err != nil {
		err = writeError{err}
	}
	return n, err
}

type writeError struct{ err error }

func (w writeError) Error() string { return w.err.Error() }
