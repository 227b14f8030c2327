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
	fmt.Fprintln(w, "       arabench bench min-runs [--runs N] [compare flags]")
	fmt.Fprintln(w, "Run 'arabench bench compare -h' for its flags.")
}

func runBench(ctx context.Context, e *env, args []string) int {
	if len(args) == 0 {
		fmt.Fprintln(e.stderr, "arabench bench: missing subcommand: compare or min-runs")
		benchUsage(e.stderr)
		return exitUsage
	}
	switch args[0] {
	case "compare":
		return runBenchCompare(ctx, e, args[1:])
	case "min-runs":
		return runBenchMinRuns(ctx, e, args[1:])
	case "-h", "--help", "help":
		benchUsage(e.stdout)
		return exitOK
	}
	fmt.Fprintf(e.stderr, "arabench bench: unknown subcommand %q: compare or min-runs\n", args[0])
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

const benchCompareUsage = `usage: arabench bench compare [flags] OLD.txt NEW.txt (flags may also follow the files)
Compares two files of Go benchmark output (go test -bench, several runs per benchmark,
e.g. -count 10 or interleaved rounds) and prints per benchmark and unit the old and new
medians, the change, benchmath's p-value and a verdict. A benchmark regresses when
p < alpha and its median is worse by more than min-effect in the unit's better direction
(sec/op lower, B/s higher, or a Unit line's better=); allocs/op and B/op regress on
any increase beyond alloc-slack. Units are compared in base units (ns/op and ms/op
are both sec/op). Too few runs for the test fails the gate unless --allow-few-runs;
peers (names with peer=) are reported but not gated unless --gate-peers.
Exit status: 0 no regression, 1 a regression or too few runs, 2 bad usage or bad input
(malformed lines, negative timings, incompatible units, no benchmark in common).
`

const benchMinRunsUsage = `usage: arabench bench min-runs [--runs N] [compare flags]
Prints the fewest runs a side with which 'bench compare' at this --alpha can ever find a
difference (benchmath's Mann-Whitney U test on fully separated samples). Takes the flags of
'bench compare' (only --alpha matters), so scripts can pass the same ones.
Exit status: 0, 1 when --runs is below the minimum, 2 bad usage.
`

// gateFlags defines the gate's flags on fs, for compare and for min-runs
// (which takes the same flags, so that a script can pass both the same
// GATE_FLAGS), and returns where they land.
func gateFlags(fs *flag.FlagSet) (*bench.GateOptions, *string) {
	opts := bench.DefaultGateOptions()
	fs.Float64Var(&opts.Alpha, "alpha", opts.Alpha, "significance level: a difference counts only when the Mann-Whitney U test gives p < `alpha`")
	fs.Var(fraction{&opts.MinEffect}, "min-effect", "a significant change regresses only when the median is worse by more than this (`5%` or 0.05)")
	fs.Var(fraction{&opts.AllocSlack}, "alloc-slack", "allocs/op and B/op regress on any median increase beyond this (`0%`: any increase)")
	fs.BoolVar(&opts.AllowFewRuns, "allow-few-runs", false, "pass when comparisons have too few runs to ever reach p < alpha (default: they fail the gate)")
	fs.BoolVar(&opts.GatePeers, "gate-peers", false, "gate the peers (benchmarks named peer=...) too; by default they are reported, not gated")
	format := fs.String("format", "table", "output `format`: table, markdown or json")
	return &opts, format
}

func runBenchCompare(_ context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("bench compare", flag.ContinueOnError)
	opts, format := gateFlags(fs)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), benchCompareUsage)
		fs.PrintDefaults()
	}
	paths, code, ok := parseInterleavedFlags(e, fs, args)
	if !ok {
		return code
	}
	if len(paths) != 2 {
		return usageError(e, "bench compare", wantFiles(paths, 2, "two files of benchmark output, OLD.txt NEW.txt"))
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
	for i, path := range paths {
		rf, err := bench.ReadResultsFile(path)
		if rf != nil {
			for _, se := range rf.SyntaxErrors {
				fmt.Fprintf(e.stderr, "%v\n", se)
			}
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "arabench bench compare: %v\n", err)
			continue
		}
		files[i] = rf
	}
	if files[0] == nil || files[1] == nil {
		return exitUsage
	}

	rep := bench.Compare(files[0], files[1], *opts)
	if err := rep.Write(e.stdout, f); err != nil {
		fmt.Fprintf(e.stderr, "arabench bench compare: writing output: %v\n", err)
		return exitFailed
	}
	if f != bench.FormatJSON {
		for _, w := range rep.Warnings {
			fmt.Fprintf(e.stderr, "warning: %s\n", w)
		}
	}
	for _, r := range rep.Reasons() {
		fmt.Fprintf(e.stderr, "arabench bench compare: %s\n", r)
	}
	// The report's status is the exit status, so the summary line it
	// printed ("gate: ok", "gate: FAIL", "gate: ERROR") agrees with it.
	return int(rep.Status())
}

func runBenchMinRuns(_ context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("bench min-runs", flag.ContinueOnError)
	opts, _ := gateFlags(fs)
	runs := fs.Int("runs", 0, "exit 1, saying why, when `n` runs a side are fewer than the minimum")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), benchMinRunsUsage)
		fs.PrintDefaults()
	}
	paths, code, ok := parseInterleavedFlags(e, fs, args)
	if !ok {
		return code
	}
	if len(paths) != 0 {
		return usageError(e, "bench min-runs", fmt.Sprintf("unexpected argument %q: min-runs takes flags only", paths[0]))
	}
	if err := opts.Validate(); err != nil {
		fmt.Fprintf(e.stderr, "arabench bench min-runs: %v\n", err)
		return exitUsage
	}
	n := bench.MinRuns(opts.Alpha)
	if n == 0 {
		fmt.Fprintf(e.stderr, "arabench bench min-runs: no number of runs a side the gate can take reaches p < %v; use a larger --alpha\n", opts.Alpha)
		return exitUsage
	}
	fmt.Fprintln(e.stdout, n)
	if flagSet(fs, "runs") && *runs < n {
		fmt.Fprintf(e.stderr, "arabench bench min-runs: %d runs a side are too few: at alpha %v benchmath's Mann-Whitney U test "+
			"needs at least %d runs a side to ever reach significance (%d+%d fully separated runs give p = %.3g), "+
			"so the gate could only say \"too few runs\"\n", *runs, opts.Alpha, n, n-1, n-1, bench.MinP(n-1, n-1))
		return exitFailed
	}
	return exitOK
}

// flagSet reports whether the flag name was given on the command line.
func flagSet(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) { set = set || f.Name == name })
	return set
}
