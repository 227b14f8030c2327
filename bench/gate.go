// Package bench holds the benchmarks of the hot path and the regression gate
// that decides, from two files of Go benchmark output, whether a change made
// a benchmark slower.
//
// The gate parses with golang.org/x/perf/benchfmt and summarizes and tests
// with golang.org/x/perf/benchmath, so its medians and p-values are the ones
// benchstat prints for the same files; what it adds is a verdict per
// benchmark and unit, and a yes/no answer a build can fail on.
package bench

import (
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/perf/benchfmt"
	"golang.org/x/perf/benchmath"
)

// GateOptions are the thresholds of the gate.
type GateOptions struct {
	// Alpha is the significance level: a difference counts only when
	// benchmath's test gives p < Alpha. benchmath's default assumption
	// (AssumeNothing) runs the Mann-Whitney U test.
	Alpha float64

	// MinEffect is the smallest change of the median, as a fraction of the
	// old median (0.05 is 5%), that a significant difference must reach in
	// the unit's worse direction to be a regression (or in its better
	// direction to be an improvement).
	MinEffect float64

	// AllocSlack is the fraction by which the median of an allocation unit
	// (allocs/op, B/op) may grow before it is a regression; 0 means any
	// increase regresses. When every run of each side allocates the same,
	// the counts are exact and no significance test is asked for; when they
	// vary from run to run, the increase must also be significant
	// (p < Alpha), as for times.
	AllocSlack float64

	// AllowFewRuns accepts comparisons with too few runs for the test to
	// ever reach p < Alpha (verdict TooFewRuns): they are reported, but the
	// gate passes. Without it they fail the gate, since a comparison that
	// cannot find a regression has not shown there is none
	// (--allow-few-runs).
	AllowFewRuns bool

	// GatePeers gates the peers too: benchmarks with a "peer=" key in their
	// name (BenchmarkNormalize/peer=utf8.Valid), which measure code outside
	// this module for reference. Without it their rows are reported but a
	// regression or too few runs among them does not fail the gate
	// (--gate-peers).
	GatePeers bool
}

// DefaultGateOptions returns the defaults: alpha 0.01, a minimum effect of
// 5%, no allocation slack, too few runs failing and peers not gated.
func DefaultGateOptions() GateOptions {
	return GateOptions{Alpha: 0.01, MinEffect: 0.05, AllocSlack: 0}
}

// Validate reports whether the options make sense: Alpha in (0, 1),
// MinEffect and AllocSlack not negative.
func (o GateOptions) Validate() error {
	switch {
	case !(o.Alpha > 0 && o.Alpha < 1):
		return fmt.Errorf("alpha %v is not in (0, 1)", o.Alpha)
	case !(o.MinEffect >= 0) || math.IsInf(o.MinEffect, 0):
		return fmt.Errorf("minimum effect %v is not a fraction >= 0", o.MinEffect)
	case !(o.AllocSlack >= 0) || math.IsInf(o.AllocSlack, 0):
		return fmt.Errorf("allocation slack %v is not a fraction >= 0", o.AllocSlack)
	}
	return nil
}

// A Verdict is what the gate concluded about one benchmark in one unit.
type Verdict int

// The verdicts. Only Regression fails the gate.
const (
	// Unchanged: the test found no significant difference (noise).
	Unchanged Verdict = iota
	// Negligible: significant, but the median moved less than MinEffect.
	Negligible
	// Regression: significant and worse by more than MinEffect, or an
	// allocation unit that grew beyond AllocSlack (significantly, when its
	// counts vary from run to run).
	Regression
	// Improvement: significant and better by more than MinEffect, or an
	// allocation unit that shrank beyond AllocSlack.
	Improvement
	// Changed: significant and larger than MinEffect in a unit whose better
	// direction is unknown.
	Changed
	// TooFewRuns: the samples are too small for the test to ever reach
	// p < Alpha, so no decision is possible; it fails the gate unless
	// GateOptions.AllowFewRuns.
	TooFewRuns
	// OnlyOld: the benchmark (or this unit of it) is only in the old file.
	OnlyOld
	// OnlyNew: the benchmark (or this unit of it) is only in the new file.
	OnlyNew
	// Incompatible: the benchmark is in both files, but in units that
	// cannot be converted into each other (sec/op in one, only sec/token
	// or B/s in the other): an input error, never compared.
	Incompatible
)

var verdictNames = [...]string{
	Unchanged:    "~",
	Negligible:   "negligible",
	Regression:   "REGRESSION",
	Improvement:  "improvement",
	Changed:      "changed",
	TooFewRuns:   "too few runs",
	OnlyOld:      "only in old",
	OnlyNew:      "only in new",
	Incompatible: "incompatible units",
}

// String returns the verdict as printed in the verdict column.
func (v Verdict) String() string {
	if v >= 0 && int(v) < len(verdictNames) {
		return verdictNames[v]
	}
	return fmt.Sprintf("Verdict(%d)", int(v))
}

// MarshalText makes a Verdict print as its name in JSON.
func (v Verdict) MarshalText() ([]byte, error) { return []byte(v.String()), nil }

// A Row is the comparison of one benchmark in one unit.
type Row struct {
	// Pkg is the "pkg:" configuration of the results ("" when absent).
	Pkg string
	// Name is the full benchmark name as benchfmt gives it, without the
	// "Benchmark" prefix, with sub-benchmarks and the GOMAXPROCS suffix:
	// "Normalize/preset=search/input=1MiB-2".
	Name string
	// Unit is benchfmt's tidied unit: "sec/op" for ns/op, "B/s" for MB/s,
	// "B/op", "allocs/op", or a custom unit as written.
	Unit string
	// Better is +1 when higher values are better, -1 when lower, 0 unknown
	// (from Unit lines, benchfmt's defaults, and any duration per op, such
	// as cpu-sec/op, being lower-is-better).
	Better int
	// N1 and N2 are the numbers of runs on each side.
	N1, N2 int
	// Old and New are the medians in Unit (benchmath's summary; for a
	// unit with assume=exact, the mode).
	Old, New float64
	// Delta is New/Old - 1; +Inf when Old is 0 and New is not.
	Delta float64
	// P is benchmath's p-value for "both sides come from the same
	// distribution"; 1 when the test could not run.
	P float64
	// Verdict is the gate's conclusion.
	Verdict Verdict
	// Peer is true when the name has a "peer=" key: the benchmark measures
	// code outside this module, for reference.
	Peer bool
	// Gated is true when the verdict counts for the gate's status: every
	// row but a peer's, unless GateOptions.GatePeers.
	Gated bool
	// Warnings are benchmath's warnings about the comparison, and the
	// gate's own (too few runs).
	Warnings []string
}

// A GateReport is the result of Compare: one row per benchmark and unit, in
// the order they first appear in the old file, then benchmarks only in the
// new file.
type GateReport struct {
	Options GateOptions
	Rows    []Row
	// Warnings are worth reading but change no verdict: benchmath's
	// warnings, different machines, disagreeing unit metadata.
	Warnings []string
	// Errors are what makes the input unfit to judge (Status Invalid):
	// malformed lines, benchmarks in incompatible units, no benchmark in
	// both files.
	Errors []string
	// MinRuns is the fewest runs a side with which the test can reach
	// p < Options.Alpha (MinRuns(Options.Alpha)).
	MinRuns int
}

// A Status is the gate's answer. Its value is the exit status of
// `arabench bench compare`.
type Status int

// The statuses.
const (
	// Pass: no gated regression, and every gated comparison could have
	// found one (or AllowFewRuns).
	Pass Status = 0
	// Fail: a gated regression, or a gated comparison with too few runs.
	Fail Status = 1
	// Invalid: the input cannot be judged as it is (GateReport.Errors).
	Invalid Status = 2
)

var statusNames = [...]string{Pass: "ok", Fail: "FAIL", Invalid: "ERROR"}

// String returns the status as the summary line writes it: "ok", "FAIL" or
// "ERROR".
func (s Status) String() string {
	if s >= 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// MarshalText makes a Status print as its name in JSON.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// Status returns the gate's answer: Invalid when the report has Errors,
// else Fail when a gated row regressed or, unless AllowFewRuns, had too
// few runs, else Pass.
func (r *GateReport) Status() Status {
	switch {
	case len(r.Errors) > 0:
		return Invalid
	case len(r.Regressions()) > 0, len(r.blockingFewRuns()) > 0:
		return Fail
	}
	return Pass
}

// Reasons explains, one sentence each, why the status is not Pass: the
// Errors, each gated regression, and the comparisons with too few runs.
// It is empty when the gate passes.
func (r *GateReport) Reasons() []string {
	out := slices.Clone(r.Errors)
	for _, row := range r.Regressions() {
		out = append(out, fmt.Sprintf("regression: %s %s: %s -> %s (%s, p = %s)", row.Name, row.Unit,
			formatValue(row.Old, row.Unit), formatValue(row.New, row.Unit), formatDelta(row.Delta), formatP(row.P)))
	}
	if few := r.blockingFewRuns(); len(few) > 0 {
		out = append(out, fmt.Sprintf("too few runs: %s (first: %s %s, %d+%d runs) cannot reach p < %v whatever the "+
			"results; benchmath's Mann-Whitney U test needs at least %d runs a side for that. No decision is not a pass: "+
			"rerun with %d or more runs a side (go test -count, ROUNDS), or accept it with --allow-few-runs",
			plural(len(few), "comparison"), few[0].Name, few[0].Unit, few[0].N1, few[0].N2, r.Options.Alpha, r.MinRuns, r.MinRuns))
	}
	return out
}

// Regressions returns the gated rows whose verdict is Regression.
func (r *GateReport) Regressions() []Row {
	return r.gatedWith(true, Regression)
}

// blockingFewRuns returns the gated rows with too few runs, unless they are
// allowed.
func (r *GateReport) blockingFewRuns() []Row {
	if r.Options.AllowFewRuns {
		return nil
	}
	return r.gatedWith(true, TooFewRuns)
}

// gatedWith returns the rows with verdict v whose Gated is gated.
func (r *GateReport) gatedWith(gated bool, v Verdict) []Row {
	var out []Row
	for _, row := range r.Rows {
		if row.Gated == gated && row.Verdict == v {
			out = append(out, row)
		}
	}
	return out
}

// Undecided returns the rows the gate could not judge: too few runs, a
// benchmark on one side only, or in incompatible units.
func (r *GateReport) Undecided() []Row {
	return r.rowsWith(TooFewRuns, OnlyOld, OnlyNew, Incompatible)
}

func (r *GateReport) rowsWith(vs ...Verdict) []Row {
	var out []Row
	for _, row := range r.Rows {
		if slices.Contains(vs, row.Verdict) {
			out = append(out, row)
		}
	}
	return out
}

// Failed reports whether the gate does not pass: Status is Fail or Invalid.
func (r *GateReport) Failed() bool { return r.Status() != Pass }

// Compared reports how many rows had results in the same unit on both
// sides.
func (r *GateReport) Compared() int {
	n := 0
	for _, row := range r.Rows {
		if row.Verdict != OnlyOld && row.Verdict != OnlyNew && row.Verdict != Incompatible {
			n++
		}
	}
	return n
}

// benchKey identifies a benchmark across files: its package and full name.
type benchKey struct{ pkg, name string }

// id is the key as one string, the map key of group: pkg's length comes
// first so that pkg and name cannot run into each other. A string key is
// compared by the runtime; a struct key would be compared by generated code
// whose number of calls depends on the map's random hash seed.
func (k benchKey) id() string { return strconv.Itoa(len(k.pkg)) + ":" + k.pkg + k.name }

// series collects one side's values for one benchmark, per unit, with the
// units in the order they first appear and the "file:line" of the first
// result that has each.
type series struct {
	units  []string
	values map[string][]float64
	where  map[string]string
}

// group collects results by benchmark, keeping first-appearance order; by
// is keyed by benchKey.id.
func group(results []*benchfmt.Result) (order []benchKey, by map[string]*series) {
	by = make(map[string]*series)
	for _, res := range results {
		k := benchKey{res.GetConfig("pkg"), string(res.Name.Full())}
		s, ok := by[k.id()]
		if !ok {
			s = &series{values: make(map[string][]float64), where: make(map[string]string)}
			by[k.id()] = s
			order = append(order, k)
		}
		for _, v := range res.Values {
			if _, ok := s.values[v.Unit]; !ok {
				s.units = append(s.units, v.Unit)
				file, line := res.Pos()
				s.where[v.Unit] = fmt.Sprintf("%s:%d", file, line)
			}
			s.values[v.Unit] = append(s.values[v.Unit], v.Value)
		}
	}
	return order, by
}

// Compare judges every benchmark and unit of new against old. Results are
// matched by their "pkg:" configuration and full name, values by unit in
// base units (ReadResults scales ms/op to sec/op). Which direction is
// better, and which statistical assumption to make, come from the files'
// unit metadata (Unit lines) with benchfmt's built-in defaults for the
// testing package's units; a duration per anything (cpu-ns/op) is
// lower-is-better. A benchmark on one side only is a row with verdict
// OnlyOld or OnlyNew; a benchmark on both sides whose units cannot be
// matched, the files' malformed lines and files with no benchmark in
// common are Errors, and the report's Status is Invalid.
func Compare(old, new *ResultFile, opts GateOptions) *GateReport {
	units, warnings := mergeUnits(old.Units, new.Units)
	rep := &GateReport{Options: opts, Warnings: warnings, MinRuns: MinRuns(opts.Alpha)}
	rep.Warnings = append(rep.Warnings, configMismatches(old, new)...)
	for _, f := range []*ResultFile{old, new} {
		if n := len(f.SyntaxErrors); n > 0 {
			rep.Errors = append(rep.Errors, fmt.Sprintf("%s: %s skipped; fix the input, the verdicts may be incomplete",
				f.Name, plural(n, "malformed line")))
		}
	}

	oldOrder, oldBy := group(old.Results)
	newOrder, newBy := group(new.Results)
	for _, k := range oldOrder {
		o, n := oldBy[k.id()], newBy[k.id()]
		if n == nil {
			for _, u := range o.units {
				rep.Rows = append(rep.Rows, oneSided(k, u, units, o.values[u], false, OnlyOld, opts))
			}
			continue
		}
		badOld, badNew := incompatibleUnits(o, n)
		if len(badOld) > 0 {
			rep.Errors = append(rep.Errors, fmt.Sprintf(
				"%s is measured in %s in %s but in %s in %s: incompatible units, not compared "+
					"(time is compared in sec, bytes in B, whatever their prefix; other units must be the same on both sides)",
				k.name, unitsAt(o, badOld), old.Name, unitsAt(n, badNew), new.Name))
		}
		for _, u := range o.units {
			switch {
			case slices.Contains(badOld, u):
				rep.Rows = append(rep.Rows, oneSided(k, u, units, o.values[u], false, Incompatible, opts))
			case n.values[u] != nil:
				rep.Rows = append(rep.Rows, compareUnit(k, u, units, o.values[u], n.values[u], opts))
			default:
				rep.Rows = append(rep.Rows, oneSided(k, u, units, o.values[u], false, OnlyOld, opts))
			}
		}
		for _, u := range n.units {
			switch {
			case slices.Contains(badNew, u):
				rep.Rows = append(rep.Rows, oneSided(k, u, units, n.values[u], true, Incompatible, opts))
			case o.values[u] == nil:
				rep.Rows = append(rep.Rows, oneSided(k, u, units, n.values[u], true, OnlyNew, opts))
			}
		}
	}
	for _, k := range newOrder {
		if oldBy[k.id()] != nil {
			continue
		}
		n := newBy[k.id()]
		for _, u := range n.units {
			rep.Rows = append(rep.Rows, oneSided(k, u, units, n.values[u], true, OnlyNew, opts))
		}
	}
	if rep.Compared() == 0 && len(rep.rowsWith(Incompatible)) == 0 {
		rep.Errors = append(rep.Errors, fmt.Sprintf(
			"no benchmark appears in both %s and %s in the same unit; nothing was compared (check the package and benchmark names)",
			old.Name, new.Name))
	}
	for _, row := range rep.Rows {
		for _, w := range row.Warnings {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s %s: %s", row.Name, row.Unit, w))
		}
	}
	return rep
}

// incompatibleUnits returns the units of one benchmark that the two sides
// measure in ways that cannot be matched: every unit when the sides have
// no unit in common, and otherwise the durations on each side that measure
// the same time per different things ("sec/op" in old, "sec/token" in
// new). Other units on one side only (B/op of -benchmem, a cpu-sec/op a
// change added) are reported as on one side, not as errors.
func incompatibleUnits(o, n *series) (oldUnits, newUnits []string) {
	oldOnly := slices.DeleteFunc(slices.Clone(o.units), func(u string) bool { return n.values[u] != nil })
	newOnly := slices.DeleteFunc(slices.Clone(n.units), func(u string) bool { return o.values[u] != nil })
	if len(oldOnly) == len(o.units) {
		return oldOnly, newOnly
	}
	for _, u := range oldOnly {
		for _, v := range newOnly {
			if isDuration(u) && isDuration(v) && numerator(u) == numerator(v) {
				oldUnits = appendNew(oldUnits, u)
				newUnits = appendNew(newUnits, v)
			}
		}
	}
	return oldUnits, newUnits
}

func appendNew(list []string, s string) []string {
	if slices.Contains(list, s) {
		return list
	}
	return append(list, s)
}

// unitsAt lists units with where each first appears: "sec/op (old.txt:5)".
func unitsAt(s *series, units []string) string {
	parts := make([]string, len(units))
	for i, u := range units {
		parts[i] = fmt.Sprintf("%s (%s)", u, s.where[u])
	}
	return strings.Join(parts, ", ")
}

// confidence is the level of benchmath's summary; it changes only the
// interval, which the gate does not use, not the median. 0.95 is
// benchstat's default.
const confidence = 0.95

// median summarizes a copy of vals (benchmath sorts a sample in place).
func median(a benchmath.Assumption, vals []float64, th *benchmath.Thresholds) (*benchmath.Sample, float64) {
	s := benchmath.NewSample(slices.Clone(vals), th)
	return s, a.Summary(s, confidence).Center
}

// newRow starts the row of benchmark k in unit, peer and gating included.
func newRow(k benchKey, unit string, units benchfmt.UnitMetadataMap, opts GateOptions) Row {
	peer := isPeer(k.name)
	return Row{Pkg: k.pkg, Name: k.name, Unit: unit, Better: betterOf(units, unit), Peer: peer, Gated: !peer || opts.GatePeers}
}

// oneSided is the row of a unit with values on one side only: the old one,
// or the new one when inNew.
func oneSided(k benchKey, unit string, units benchfmt.UnitMetadataMap, vals []float64, inNew bool, v Verdict, opts GateOptions) Row {
	th := benchmath.DefaultThresholds
	_, m := median(units.GetAssumption(unit), vals, &th)
	row := newRow(k, unit, units, opts)
	row.Delta, row.P, row.Verdict = math.NaN(), math.NaN(), v
	if inNew {
		row.N2, row.Old, row.New = len(vals), math.NaN(), m
	} else {
		row.N1, row.Old, row.New = len(vals), m, math.NaN()
	}
	return row
}

// isPeer reports whether a benchmark's name has a "peer=" key: a
// sub-benchmark part "/peer=...", which measures someone else's code for
// reference (BenchmarkNormalize/peer=utf8.Valid/input=1MiB).
func isPeer(name string) bool {
	_, parts := benchfmt.Name(name).Parts()
	for _, p := range parts {
		if key, _, ok := strings.Cut(string(p), "="); ok && key == "/peer" {
			return true
		}
	}
	return false
}

// betterOf returns +1 when higher values of unit are better, -1 when lower,
// 0 when unknown: the files' unit metadata or benchfmt's defaults first,
// then a duration per anything ("cpu-sec/op", "sec/token", tidied from
// "cpu-ns/op" or "ns/token") is lower-is-better, as benchfmt's own "sec/op".
func betterOf(units benchfmt.UnitMetadataMap, unit string) int {
	if b := units.GetBetter(unit); b != 0 {
		return b
	}
	if isDuration(unit) {
		return -1
	}
	return 0
}

// isAllocUnit reports whether unit counts allocation, which regresses on
// any increase beyond GateOptions.AllocSlack rather than MinEffect.
func isAllocUnit(unit string) bool { return unit == "allocs/op" || unit == "B/op" }

func compareUnit(k benchKey, unit string, units benchfmt.UnitMetadataMap, oldVals, newVals []float64, opts GateOptions) Row {
	th := benchmath.Thresholds{CompareAlpha: opts.Alpha}
	assume := units.GetAssumption(unit)
	s1, m1 := median(assume, oldVals, &th)
	s2, m2 := median(assume, newVals, &th)
	cmp := assume.Compare(s1, s2)
	row := newRow(k, unit, units, opts)
	row.N1, row.N2, row.Old, row.New = len(oldVals), len(newVals), m1, m2
	row.Delta, row.P = relDelta(m1, m2), cmp.P
	// benchmath warns "all samples are equal" when both sides hold one
	// value (typically 0 allocs/op); that is no change, not a concern.
	if !allEqual(s1.Values, s2.Values) {
		for _, w := range cmp.Warnings {
			row.Warnings = append(row.Warnings, w.Error())
		}
	}

	alloc := isAllocUnit(unit)
	if alloc && constant(s1.Values) && constant(s2.Values) {
		// A benchmark that allocates the same on every run counts its
		// allocations exactly: any growth beyond the slack is real, no test
		// needed (and 3 runs are enough to see it).
		row.Verdict = allocVerdict(m1, m2, opts.AllocSlack)
		return row
	}
	// Otherwise allocations vary from run to run (pools emptied by a GC,
	// one-time setup spread over a small b.N) and are judged like times:
	// only a significant change counts.
	if assume == benchmath.AssumeNothing && MinP(row.N1, row.N2) >= opts.Alpha {
		row.Verdict = TooFewRuns
		if len(row.Warnings) == 0 {
			// benchmath explains only when both sides are short.
			row.Warnings = append(row.Warnings, fmt.Sprintf(
				"too few runs (%d+%d): even fully separated samples cannot reach p < %v",
				row.N1, row.N2, opts.Alpha))
		}
		return row
	}
	if alloc {
		row.Verdict = Unchanged
		if cmp.P < opts.Alpha {
			row.Verdict = allocVerdict(m1, m2, opts.AllocSlack)
		}
		return row
	}
	if !(cmp.P < opts.Alpha) {
		row.Verdict = Unchanged
		return row
	}
	worse, better := false, false
	switch row.Better {
	case -1:
		worse, better = row.Delta > opts.MinEffect, row.Delta < -opts.MinEffect
	case +1:
		worse, better = row.Delta < -opts.MinEffect, row.Delta > opts.MinEffect
	}
	switch {
	case worse:
		row.Verdict = Regression
	case better:
		row.Verdict = Improvement
	case row.Better == 0 && math.Abs(row.Delta) > opts.MinEffect:
		row.Verdict = Changed
	default:
		row.Verdict = Negligible
	}
	return row
}

// allocVerdict judges a change of an allocation median against the slack.
func allocVerdict(old, new, slack float64) Verdict {
	switch {
	case new > old*(1+slack):
		return Regression
	case new < old*(1-slack):
		return Improvement
	}
	return Unchanged
}

// constant reports whether a sorted sample holds one value only.
func constant(sorted []float64) bool {
	return len(sorted) > 0 && sorted[0] == sorted[len(sorted)-1]
}

// allEqual reports whether every value of both sorted samples is the same.
func allEqual(a, b []float64) bool {
	return len(a) > 0 && len(b) > 0 && a[0] == a[len(a)-1] && b[0] == b[len(b)-1] && a[0] == b[0]
}

// relDelta is new/old - 1, the change as a fraction of old.
func relDelta(old, new float64) float64 {
	switch {
	case old == new:
		return 0
	case old == 0:
		return math.Copysign(math.Inf(1), new)
	}
	return new/old - 1
}

// MinP is the smallest p-value benchmath's Mann-Whitney test can give for
// samples of n1 and n2 runs: the p of two samples that do not overlap at
// all. When it is not below alpha no outcome can be significant, so the
// gate says "too few runs" rather than passing. It asks benchmath rather
// than reproducing the U distribution. It keeps no cache: for disjoint
// samples U is 0 and only the lower tail of the distribution is summed
// (about 20µs at 200+200 runs), and a process-wide cache would make what
// Compare executes depend on the comparisons made before it.
func MinP(n1, n2 int) float64 {
	a, b := make([]float64, n1), make([]float64, n2)
	for i := range a {
		a[i] = float64(i)
	}
	for i := range b {
		b[i] = float64(n1 + i)
	}
	th := benchmath.DefaultThresholds
	return benchmath.AssumeNothing.Compare(benchmath.NewSample(a, &th), benchmath.NewSample(b, &th)).P
}

// maxMinRuns bounds MinRuns' search. At 1000 runs a side benchmath's normal
// approximation puts the p of fully separated samples below 1e-300.
const maxMinRuns = 1000

// MinRuns returns the fewest runs a side with which benchmath's
// Mann-Whitney U test (the gate's test for every unit not marked
// assume=exact) can give p < alpha at all: the smallest n for which two
// samples of n runs that do not overlap are significant. With fewer runs on
// both sides every such comparison is TooFewRuns. At alpha 0.01 it is 5:
// 5+5 separated runs give p = 2/C(10,5) = 0.0079, 4+4 only 0.029. The
// number comes from benchmath's own test (MinP), not from a table. It
// returns 0 when no n up to 1000 is enough (an alpha below 1e-300).
func MinRuns(alpha float64) int {
	for n := 1; n <= maxMinRuns; n++ {
		if MinP(n, n) < alpha {
			return n
		}
	}
	return 0
}

// mergeUnits combines the unit metadata of both files; when they disagree
// the old file's value is kept and the disagreement is a warning.
func mergeUnits(old, new benchfmt.UnitMetadataMap) (benchfmt.UnitMetadataMap, []string) {
	out := make(benchfmt.UnitMetadataMap, len(old)+len(new))
	for k, v := range old {
		out[k] = v
	}
	var warnings []string
	for k, v := range new {
		if have, ok := out[k]; ok {
			if have.Value != v.Value {
				f, l := v.Pos()
				warnings = append(warnings, fmt.Sprintf("%s:%d: unit %s %s=%s disagrees with the old file's %s; using %s",
					f, l, v.OrigUnit, k.Key, v.Value, have.Value, have.Value))
			}
			continue
		}
		out[k] = v
	}
	return out, warnings
}

// machineKeys are the configuration keys that must agree for the two sides
// to be comparable at all.
var machineKeys = []string{"goos", "goarch", "cpu"}

// configMismatches warns when the two files were measured on different
// kinds of machine.
func configMismatches(old, new *ResultFile) []string {
	var out []string
	for _, key := range machineKeys {
		o, n := configValues(old.Results, key), configValues(new.Results, key)
		if !slices.Equal(o, n) {
			out = append(out, fmt.Sprintf("configuration %s differs: old %s, new %s; the results may not be comparable",
				key, quoteAll(o), quoteAll(n)))
		}
	}
	return out
}

func configValues(results []*benchfmt.Result, key string) []string {
	var vals []string
	for _, r := range results {
		if v := r.GetConfig(key); !slices.Contains(vals, v) {
			vals = append(vals, v)
		}
	}
	slices.Sort(vals)
	return vals
}

func quoteAll(vals []string) string {
	q := make([]string, len(vals))
	for i, v := range vals {
		q[i] = strconv.Quote(v)
	}
	return strings.Join(q, ", ")
}
