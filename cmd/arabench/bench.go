package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/arabench/arabench/bench"
)

func init() {
	commands["bench"] = command{summary: "benchmark tools: 'bench compare OLD.txt NEW.txt' is the regression gate", run: runBench}
}

func benchUsage(w io.Writer) {
	fmt.Fprintln(w, "usage: arabench bench compare [flags] OLD.txt NEW.txt")
	fmt.Fprintln(w, "Run 'arabench bench compare -h' for its flags.")
}

func runBench(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		benchUsage(e.stderr)
		return exitUsage
	}
	switch args[0] {
	case "compare":
		return runBenchCompare(ctx, e, args[1:])
	case "-h", "--help", "help":
		benchUsage(e.stderr)
		return exitOK
	}
	fmt.Fprintf(e.stderr, "arabench bench: unknown subcommand %q\n", args[0])
	benchUsage(e.stderr)
	return exitUsage
}

// fraction is a flag value written as a percentage ("5%") or a fraction
// ("0.05").
type fraction struct{ v *float64 }

func (f fraction) String() string {
	if f.v == nil {
		return ""
	}
	return strconv.FormatFloat(*f.v*100, 'f', -1, 64) + "%"
}

func (f fraction) Set(s string) error {
	num, pct := strings.CutSuffix(strings.TrimSpace(s), "%")
	v, err := strconv.ParseFloat(num, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("want a percentage like 5%% or a fraction like 0.05")
	}
	if pct {
		v /= 100
	}
	*f.v = v
	return nil
}

func runBenchCompare(_ context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("bench compare", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	opts := bench.DefaultGateOptions()
	fs.Float64Var(&opts.Alpha, "alpha", opts.Alpha, "significance level: a difference counts only when the Mann-Whitney U test gives p < `alpha`")
	fs.Var(fraction{&opts.MinEffect}, "min-effect", "a significant change regresses only when the median is worse by more than this (`5%` or 0.05)")
	fs.Var(fraction{&opts.AllocSlack}, "alloc-slack", "allocs/op and B/op regress on any median increase beyond this (`0%`: any increase)")
	format := fs.String("format", "table", "output `format`: table, markdown or json")
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: arabench bench compare [flags] OLD.txt NEW.txt")
		fmt.Fprintln(e.stderr, "Compares two files of Go benchmark output (go test -bench, several runs per benchmark,")
		fmt.Fprintln(e.stderr, "e.g. -count 10 or interleaved rounds) and prints per benchmark and unit the old and new")
		fmt.Fprintln(e.stderr, "medians, the change, benchmath's p-value and a verdict. A benchmark regresses when")
		fmt.Fprintln(e.stderr, "p < alpha and its median is worse by more than min-effect in the unit's better direction")
		fmt.Fprintln(e.stderr, "(sec/op lower, B/s higher, or a Unit line's better=); allocs/op and B/op regress on")
		fmt.Fprintln(e.stderr, "any increase beyond alloc-slack. Too few runs for the test is a warning, not a pass.")
		fmt.Fprintln(e.stderr, "Exit status: 0 no regression, 1 a regression, 2 bad usage or bad input.")
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return exitUsage
	}
	if err := opts.Validate(); err != nil {
		fmt.Fprintf(e.stderr, "arabench bench compare: %v\n", err)
		return exitUsage
	}
	f, err := bench.ParseFormat(*format)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench bench compare: --format: %v\n", err)
		return exitUsage
	}

	// Read both files before giving up so every problem is reported at once.
	var files [2]*bench.ResultFile
	badInput := false
	for i, path := range fs.Args() {
		rf, err := bench.ReadResultsFile(path)
		if rf != nil {
			for _, se := range rf.SyntaxErrors {
				fmt.Fprintf(e.stderr, "%v\n", se)
				badInput = true
			}
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "arabench bench compare: %v\n", err)
			badInput = true
			continue
		}
		files[i] = rf
	}
	if files[0] == nil || files[1] == nil {
		return exitUsage
	}

	rep := bench.Compare(files[0], files[1], opts)
	if err := rep.Write(e.stdout, f); err != nil {
		fmt.Fprintf(e.stderr, "arabench bench compare: writing output: %v\n", err)
		return exitFailed
	}
	if f != bench.FormatJSON {
		for _, w := range rep.Warnings {
			fmt.Fprintf(e.stderr, "warning: %s\n", w)
		}
	}
	switch {
	case rep.Compared() == 0:
		fmt.Fprintf(e.stderr, "arabench bench compare: no benchmark appears in both %s and %s; nothing was compared (check the package and benchmark names)\n",
			files[0].Name, files[1].Name)
		return exitUsage
	case badInput:
		fmt.Fprintln(e.stderr, "arabench bench compare: malformed lines above were skipped; fix the input, the verdicts may be incomplete")
		return exitUsage
	case rep.Failed():
		return exitFailed
	}
	return exitOK
}
