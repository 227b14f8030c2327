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
}

// DefaultGateOptions returns the defaults: alpha 0.01, a minimum effect of
// 5% and no allocation slack.
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
	// p < Alpha, so no decision is possible (a warning, not a pass).
	TooFewRuns
	// OnlyOld: the benchmark (or this unit of it) is only in the old file.
	OnlyOld
	// OnlyNew: the benchmark (or this unit of it) is only in the new file.
	OnlyNew
)

var verdictNames = [...]string{
	Unchanged:   "~",
	Negligible:  "negligible",
	Regression:  "REGRESSION",
	Improvement: "improvement",
	Changed:     "changed",
	TooFewRuns:  "too few runs",
	OnlyOld:     "only in old",
	OnlyNew:     "only in new",
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
	// Warnings are benchmath's warnings about the comparison, and the
	// gate's own (too few runs).
	Warnings []string
}

// A GateReport is the result of Compare: one row per benchmark and unit, in
// the order they first appear in the old file, then benchmarks only in the
// new file.
type GateReport struct {
	Options  GateOptions
	Rows     []Row
	Warnings []string
}

// Regressions returns the rows whose verdict is Regression.
func (r *GateReport) Regressions() []Row {
	return r.rowsWith(Regression)
}

// Undecided returns the rows the gate could not judge: too few runs, or a
// benchmark on one side only.
func (r *GateReport) Undecided() []Row {
	return r.rowsWith(TooFewRuns, OnlyOld, OnlyNew)
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

// Failed reports whether the gate fails: at least one regression.
func (r *GateReport) Failed() bool { return len(r.Regressions()) > 0 }

// Compared reports how many rows had results on both sides.
func (r *GateReport) Compared() int {
	n := 0
	for _, row := range r.Rows {
		if row.Verdict != OnlyOld && row.Verdict != OnlyNew {
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
// units in the order they first appear.
type series struct {
	units  []string
	values map[string][]float64
}

// group collects results by benchmark, keeping first-appearance order; by
// is keyed by benchKey.id.
func group(results []*benchfmt.Result) (order []benchKey, by map[string]*series) {
	by = make(map[string]*series)
	for _, res := range results {
		k := benchKey{res.GetConfig("pkg"), string(res.Name.Full())}
		s, ok := by[k.id()]
		if !ok {
			s = &series{values: make(map[string][]float64)}
			by[k.id()] = s
			order = append(order, k)
		}
		for _, v := range res.Values {
			if _, ok := s.values[v.Unit]; !ok {
				s.units = append(s.units, v.Unit)
			}
			s.values[v.Unit] = append(s.values[v.Unit], v.Value)
		}
	}
	return order, by
}

// Compare judges every benchmark and unit of new against old. Results are
// matched by their "pkg:" configuration and full name; units come tidied
// from benchfmt. Which direction is better, and which statistical
// assumption to make, come from the files' unit metadata (Unit lines) with
// benchfmt's built-in defaults for the testing package's units; a duration
// per anything (cpu-ns/op) is lower-is-better. Compare never fails: a
// benchmark on one side only is a row with verdict OnlyOld or OnlyNew.
func Compare(old, new *ResultFile, opts GateOptions) *GateReport {
	units, warnings := mergeUnits(old.Units, new.Units)
	rep := &GateReport{Options: opts, Warnings: warnings}
	rep.Warnings = append(rep.Warnings, configMismatches(old, new)...)

	oldOrder, oldBy := group(old.Results)
	newOrder, newBy := group(new.Results)
	for _, k := range oldOrder {
		o, n := oldBy[k.id()], newBy[k.id()]
		if n == nil {
			for _, u := range o.units {
				rep.Rows = append(rep.Rows, oneSided(k, u, units, o.values[u], OnlyOld))
			}
			continue
		}
		for _, u := range o.units {
			if nv, ok := n.values[u]; ok {
				rep.Rows = append(rep.Rows, compareUnit(k, u, units, o.values[u], nv, opts))
			} else {
				rep.Rows = append(rep.Rows, oneSided(k, u, units, o.values[u], OnlyOld))
			}
		}
		for _, u := range n.units {
			if _, ok := o.values[u]; !ok {
				rep.Rows = append(rep.Rows, oneSided(k, u, units, n.values[u], OnlyNew))
			}
		}
	}
	for _, k := range newOrder {
		if oldBy[k.id()] != nil {
			continue
		}
		n := newBy[k.id()]
		for _, u := range n.units {
			rep.Rows = append(rep.Rows, oneSided(k, u, units, n.values[u], OnlyNew))
		}
	}
	for _, row := range rep.Rows {
		for _, w := range row.Warnings {
			rep.Warnings = append(rep.Warnings, fmt.Sprintf("%s %s: %s", row.Name, row.Unit, w))
		}
	}
	return rep
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

func oneSided(k benchKey, unit string, units benchfmt.UnitMetadataMap, vals []float64, v Verdict) Row {
	th := benchmath.DefaultThresholds
	_, m := median(units.GetAssumption(unit), vals, &th)
	row := Row{Pkg: k.pkg, Name: k.name, Unit: unit, Better: betterOf(units, unit), Delta: math.NaN(), P: math.NaN(), Verdict: v}
	if v == OnlyOld {
		row.N1, row.Old, row.New = len(vals), m, math.NaN()
	} else {
		row.N2, row.Old, row.New = len(vals), math.NaN(), m
	}
	return row
}

// betterOf returns +1 when higher values of unit are better, -1 when lower,
// 0 when unknown: the files' unit metadata or benchfmt's defaults first,
// then a duration per anything ("cpu-sec/op", "sec/token", tidied from
// "cpu-ns/op" or "ns/token") is lower-is-better, as benchfmt's own "sec/op".
func betterOf(units benchfmt.UnitMetadataMap, unit string) int {
	if b := units.GetBetter(unit); b != 0 {
		return b
	}
	num, _, _ := strings.Cut(unit, "/")
	if num == "sec" || strings.HasSuffix(num, "-sec") {
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
	row := Row{
		Pkg: k.pkg, Name: k.name, Unit: unit, Better: betterOf(units, unit),
		N1: len(oldVals), N2: len(newVals), Old: m1, New: m2,
		Delta: relDelta(m1, m2), P: cmp.P,
	}
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
	if assume == benchmath.AssumeNothing && minP(row.N1, row.N2) >= opts.Alpha {
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

// minP is the smallest p-value benchmath's Mann-Whitney test can give for
// samples of n1 and n2 runs: the p of two samples that do not overlap at
// all. When it is not below alpha no outcome can be significant, so the
// gate says "too few runs" rather than passing. It asks benchmath rather
// than reproducing the U distribution. It keeps no cache: for disjoint
// samples U is 0 and only the lower tail of the distribution is summed
// (about 20µs at 200+200 runs), and a process-wide cache would make what
// Compare executes depend on the comparisons made before it.
func minP(n1, n2 int) float64 {
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
