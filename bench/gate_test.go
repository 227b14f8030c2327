package bench

import (
	"bytes"
	"encoding/json"
	"flag"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// updateGate rewrites the golden files of the gate's printed reports:
// go test ./bench -run Golden -update-gate
var updateGate = flag.Bool("update-gate", false, "rewrite bench/testdata/gate/*.golden")

func gateFile(name string) string { return filepath.Join("testdata", "gate", name) }

func readGate(t *testing.T, name string) *ResultFile {
	t.Helper()
	f, err := ReadResultsFile(gateFile(name))
	require.NoError(t, err)
	require.Empty(t, f.SyntaxErrors)
	return f
}

func compareFiles(t *testing.T, oldName, newName string, opts GateOptions) *GateReport {
	t.Helper()
	return Compare(readGate(t, oldName), readGate(t, newName), opts)
}

func findRow(t *testing.T, rep *GateReport, name, unit string) Row {
	t.Helper()
	for _, r := range rep.Rows {
		if r.Name == name && r.Unit == unit {
			return r
		}
	}
	t.Fatalf("no row %s %s", name, unit)
	return Row{}
}

// old.txt and new.txt hold 10 runs per benchmark (9 for search in new.txt),
// made so that each benchmark shows one situation the gate must judge.
func TestCompareVerdicts(t *testing.T) {
	rep := compareFiles(t, "old.txt", "new.txt", DefaultGateOptions())
	cases := []struct {
		rule, name, unit string
		want             Verdict
	}{
		// 99.72µs -> 118.94µs: +19.27% > 5%, samples disjoint, p < 0.01.
		{"a slower median with p < alpha is a regression", "Tokenize/input=seed", "sec/op", Regression},
		// 371.0 MB/s -> 311.1 MB/s: -16.16%, and for B/s higher is better.
		{"falling throughput regresses: MB/s is higher-is-better", "Tokenize/input=seed", "B/s", Regression},
		{"a custom unit regresses in the direction its Unit line gives", "Tokenize/input=seed", "tokens/s", Regression},
		// 2.035ms -> 1.595ms: -21.64%, p < 0.01, 10 runs against 9.
		{"a faster median with p < alpha is an improvement", "Normalize/preset=search/input=1MiB", "sec/op", Improvement},
		{"rising throughput is an improvement", "Normalize/preset=search/input=1MiB", "B/s", Improvement},
		// ±6% noise on both sides around the same 1ms: p = 0.393.
		{"overlapping samples are noise: no verdict", "Normalize/preset=light/input=1MiB", "sec/op", Unchanged},
		// ±0.3% noise: 999.7µs -> 1.021ms is significant (p < 0.01) but +2.08% < 5%.
		{"a significant change smaller than the minimum effect is negligible", "Normalize/preset=camel/input=1MiB", "sec/op", Negligible},
		// 120 -> 121 allocs/op: +0.83% > 0% slack.
		{"one more allocation per op regresses", "Gazetteer/input=seed", "allocs/op", Regression},
		// 4096 -> 4112 B/op.
		{"more bytes allocated per op regress", "Gazetteer/input=seed", "B/op", Regression},
		// 490.8µs -> 501.7µs, p = 0.165.
		{"an allocation increase does not make the time a regression", "Gazetteer/input=seed", "sec/op", Unchanged},
		{"zero allocations on both sides are unchanged", "Tokenize/input=seed", "allocs/op", Unchanged},
		{"a benchmark missing from the new file is reported", "Rules/input=seed", "sec/op", OnlyOld},
		{"a benchmark new in the new file is reported", "Score/scheme=strict", "sec/op", OnlyNew},
		{"a unit of a one-sided benchmark is reported too", "Score/scheme=strict", "allocs/op", OnlyNew},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			assert.Equal(t, c.want, findRow(t, rep, c.name, c.unit).Verdict)
		})
	}
	assert.Equal(t, Fail, rep.Status())
	assert.Len(t, rep.Regressions(), 5)
	assert.Equal(t, 21, rep.Compared())
	assert.Len(t, rep.Undecided(), 7)
	for _, w := range rep.Warnings {
		assert.NotContains(t, w, "all samples are equal", "equal zero allocations are no news")
	}
}

func TestCompareRowsKeepFileOrder(t *testing.T) {
	rep := compareFiles(t, "old.txt", "new.txt", DefaultGateOptions())
	var names []string
	for _, r := range rep.Rows {
		if len(names) == 0 || names[len(names)-1] != r.Name {
			names = append(names, r.Name)
		}
	}
	assert.Equal(t, []string{
		"Tokenize/input=seed", "Normalize/preset=search/input=1MiB", "Normalize/preset=light/input=1MiB",
		"Normalize/preset=camel/input=1MiB", "Gazetteer/input=seed", "Rules/input=seed", "Score/scheme=strict",
	}, names)
	units := []string{}
	for _, r := range rep.Rows[:5] {
		units = append(units, r.Unit)
	}
	assert.Equal(t, []string{"sec/op", "B/s", "tokens/s", "B/op", "allocs/op"}, units)
}

// The medians below were printed by
//
//	go run golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da -format csv OLD NEW
//
// in bench/testdata/gate; the gate must show the very same numbers.
func TestMediansEqualBenchstat(t *testing.T) {
	cases := []struct {
		oldFile, newFile, name, unit string
		old, new                     float64
	}{
		{"old.txt", "new.txt", "Tokenize/input=seed", "sec/op", 9.972400000000001e-05, 0.000118942},
		{"old.txt", "new.txt", "Normalize/preset=search/input=1MiB", "sec/op", 0.002035232, 0.0015948070000000002},
		{"old.txt", "new.txt", "Normalize/preset=light/input=1MiB", "sec/op", 0.0010229335, 0.0009865305},
		{"old.txt", "new.txt", "Normalize/preset=camel/input=1MiB", "sec/op", 0.000999735, 0.0010205115000000002},
		{"old.txt", "new.txt", "Gazetteer/input=seed", "sec/op", 0.0004907575, 0.000501735},
		{"old.txt", "new.txt", "Tokenize/input=seed", "B/s", 3.71025e+08, 3.11075e+08},
		{"old.txt", "new.txt", "Normalize/preset=search/input=1MiB", "B/s", 5.1521e+08, 6.5749e+08},
		{"old.txt", "new.txt", "Tokenize/input=seed", "tokens/s", 6.01663557e+07, 5.0444768849999994e+07},
		{"old.txt", "new.txt", "Gazetteer/input=seed", "B/op", 4096, 4112},
		{"old.txt", "new.txt", "Gazetteer/input=seed", "allocs/op", 120, 121},
		{"probe_aa_a.txt", "probe_aa_b.txt", "GateProbe", "sec/op", 2.48985e-05, 6.161050000000001e-05},
		{"probe_aa_a.txt", "probe_aa_b.txt", "GateProbe", "B/s", 1.64575e+08, 6.784e+07},
		{"probe_aa_a.txt", "probe_aa_b.txt", "GateProbe", "cpu-sec/op", 1.2282500000000001e-05, 1.22225e-05},
		{"probe_slow_a.txt", "probe_slow_b.txt", "GateProbe", "sec/op", 3.09265e-05, 3.118e-05},
		{"probe_slow_a.txt", "probe_slow_b.txt", "GateProbe", "cpu-sec/op", 1.28265e-05, 1.52605e-05},
		{"aa_mixed_a.txt", "aa_mixed_b.txt", "Gazetteer/input=1MiB", "sec/op", 0.040295698000000005, 0.048919528500000004},
		{"aa_mixed_a.txt", "aa_mixed_b.txt", "Gazetteer/input=1MiB", "allocs/op", 21, 25.5},
		{"aa_mixed_a.txt", "aa_mixed_b.txt", "Rules/input=1MiB", "B/op", 1.5360269e+07, 3.3185086e+07},
	}
	for _, c := range cases {
		t.Run(c.oldFile+"/"+c.name+"/"+c.unit, func(t *testing.T) {
			row := findRow(t, compareFiles(t, c.oldFile, c.newFile, DefaultGateOptions()), c.name, c.unit)
			assert.Equal(t, c.old, row.Old)
			assert.Equal(t, c.new, row.New)
		})
	}
	// Benchstat's one-sided rows: Rules only in old (299.944µs), Score only
	// in new (49.724µs).
	rep := compareFiles(t, "old.txt", "new.txt", DefaultGateOptions())
	assert.Equal(t, 0.000299944, findRow(t, rep, "Rules/input=seed", "sec/op").Old)
	assert.Equal(t, 4.9724e-05, findRow(t, rep, "Score/scheme=strict", "sec/op").New)
}

// probe_*.txt are real interleaved runs of BenchmarkGateProbe (10 rounds,
// -benchtime 100ms, -cpu 1) on a shared 2-core machine under heavy load.
func TestGateOnRealProbeRuns(t *testing.T) {
	t.Run("A/A: the same binary on both sides is no regression", func(t *testing.T) {
		rep := compareFiles(t, "probe_aa_a.txt", "probe_aa_b.txt", DefaultGateOptions())
		assert.Equal(t, Pass, rep.Status(), rep.Summary())
		// Wall time swung by +147% between the sides, yet p = 0.529.
		row := findRow(t, rep, "GateProbe", "sec/op")
		assert.InDelta(t, 1.4745, row.Delta, 1e-4)
		assert.Equal(t, Unchanged, row.Verdict)
	})
	t.Run("A/A with allocation counts that vary from run to run is no regression", func(t *testing.T) {
		// The rules and gazetteer extractors at -benchtime 100ms run a few
		// iterations per run, so their B/op and allocs/op swing by run:
		// Rules' allocs/op median is 41 on one side and 91 on the other.
		rep := compareFiles(t, "aa_mixed_a.txt", "aa_mixed_b.txt", DefaultGateOptions())
		assert.Equal(t, Pass, rep.Status(), rep.Summary())
		row := findRow(t, rep, "Rules/input=1MiB", "allocs/op")
		assert.Equal(t, 41.0, row.Old)
		assert.Equal(t, 91.0, row.New)
		assert.Equal(t, Unchanged, row.Verdict)
	})
	t.Run("20% more work is caught in CPU time though wall time drowns it", func(t *testing.T) {
		rep := compareFiles(t, "probe_slow_a.txt", "probe_slow_b.txt", DefaultGateOptions())
		assert.Equal(t, Fail, rep.Status())
		// 12.83µs -> 15.26µs CPU per op: +18.98%, p < 0.01.
		cpu := findRow(t, rep, "GateProbe", "cpu-sec/op")
		assert.Equal(t, Regression, cpu.Verdict)
		assert.Equal(t, -1, cpu.Better)
		assert.InDelta(t, 0.1898, cpu.Delta, 1e-4)
		assert.Equal(t, Unchanged, findRow(t, rep, "GateProbe", "sec/op").Verdict)
	})
}

func TestTooFewRunsIsNeverAPass(t *testing.T) {
	// 3 runs a side: even disjoint samples give p = 2/C(6,3) = 2/20 = 0.1,
	// never < 0.01, although the median is 20% slower.
	rep := compareFiles(t, "few_old.txt", "few_new.txt", DefaultGateOptions())
	row := findRow(t, rep, "Tokenize/input=seed", "sec/op")
	assert.Equal(t, TooFewRuns, row.Verdict)
	assert.InDelta(t, 0.1, row.P, 1e-12)
	require.NotEmpty(t, row.Warnings)
	assert.Contains(t, row.Warnings[0], "need >= 5 samples")
	assert.Empty(t, rep.Regressions())
	assert.Equal(t, Fail, rep.Status(), "no decision is not a pass")
	assert.Len(t, rep.Undecided(), 3, "sec/op, B/s and tokens/s")
	assert.Equal(t, 5, rep.MinRuns)
	assert.Equal(t, "gate: FAIL: 0 regressions, 3 with too few runs (need 5+5) in 5 comparisons (alpha 0.01, min effect 5%, alloc slack 0%)", rep.Summary())
	assert.Equal(t, []string{"too few runs: 3 comparisons (first: Tokenize/input=seed sec/op, 3+3 runs) cannot reach p < 0.01 " +
		"whatever the results; benchmath's Mann-Whitney U test needs at least 5 runs a side for that. No decision is not a pass: " +
		"rerun with 5 or more runs a side (go test -count, ROUNDS), or accept it with --allow-few-runs"}, rep.Reasons())
	assert.Contains(t, strings.Join(rep.Warnings, "\n"), "Tokenize/input=seed sec/op: need >= 5 samples")

	t.Run("AllowFewRuns passes and says so", func(t *testing.T) {
		opts := DefaultGateOptions()
		opts.AllowFewRuns = true
		rep := compareFiles(t, "few_old.txt", "few_new.txt", opts)
		assert.Equal(t, Pass, rep.Status())
		assert.Empty(t, rep.Reasons())
		assert.Equal(t, "gate: ok: 0 regressions, 3 with too few runs (need 5+5), allowed in 5 comparisons (alpha 0.01, min effect 5%, alloc slack 0%)", rep.Summary())
	})
	t.Run("a larger alpha makes 3 runs enough", func(t *testing.T) {
		opts := DefaultGateOptions()
		opts.Alpha = 0.2 // 0.1 < 0.2
		rep := compareFiles(t, "few_old.txt", "few_new.txt", opts)
		assert.Equal(t, Regression, findRow(t, rep, "Tokenize/input=seed", "sec/op").Verdict)
		assert.Equal(t, 3, rep.MinRuns)
	})
	t.Run("a regression with too few runs elsewhere still fails", func(t *testing.T) {
		old := mustRead(t, "old", runs("A", "ns/op", 100, 101, 102, 103, 104)+runs("B", "ns/op", 100, 101, 102))
		new := mustRead(t, "new", runs("A", "ns/op", 130, 131, 132, 133, 134)+runs("B", "ns/op", 100, 101, 102))
		opts := DefaultGateOptions()
		opts.AllowFewRuns = true
		rep := Compare(old, new, opts)
		assert.Equal(t, Fail, rep.Status())
		assert.Equal(t, []Verdict{Regression, TooFewRuns}, []Verdict{rep.Rows[0].Verdict, rep.Rows[1].Verdict})
	})
}

func TestMinRunsComesFromBenchmath(t *testing.T) {
	cases := []struct {
		rule  string
		alpha float64
		want  int
	}{
		// Two-sided exact Mann-Whitney, disjoint samples: p = 2/C(2n, n).
		{"alpha 0.01: 2/C(10,5) = 0.0079 < 0.01 <= 2/C(8,4) = 0.029", 0.01, 5},
		{"alpha 0.05: 2/C(8,4) = 0.029 < 0.05 <= 2/C(6,3) = 0.1", 0.05, 4},
		{"alpha 0.1: p must be below alpha, and 2/C(6,3) is 0.1 exactly", 0.1, 4},
		{"alpha 0.2: 2/C(6,3) = 0.1", 0.2, 3},
		{"alpha 0.001: 2/C(14,7) = 0.00058 < 0.001 <= 2/C(12,6) = 0.0022", 0.001, 7},
		// Past 50 runs a side benchmath switches to the normal approximation.
		{"alpha 1e-30: beyond the exact test's 50 runs", 1e-30, 90},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			n := MinRuns(c.alpha)
			assert.Equal(t, c.want, n)
			assert.Less(t, MinP(n, n), c.alpha)
			assert.GreaterOrEqual(t, MinP(n-1, n-1), c.alpha)
		})
	}
}

func TestMinPIsTheExactUTestFloor(t *testing.T) {
	// Two-sided exact Mann-Whitney: disjoint samples have p = 2 / C(n1+n2, n1).
	cases := []struct {
		rule   string
		n1, n2 int
		want   float64
		enough bool // at alpha 0.01
	}{
		{"3+3: 2/20", 3, 3, 2.0 / 20, false},
		{"4+4: 2/70", 4, 4, 2.0 / 70, false},
		{"4+5: 2/126 is still above 0.01", 4, 5, 2.0 / 126, false},
		{"5+5: 2/252 is the first balanced size below 0.01", 5, 5, 2.0 / 252, true},
		{"2+20: 2/231, a lopsided pair can be enough", 2, 20, 2.0 / 231, true},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			assert.InDelta(t, c.want, MinP(c.n1, c.n2), 1e-12)
			assert.Equal(t, c.enough, MinP(c.n1, c.n2) < 0.01)
		})
	}
}

func TestGateOptions(t *testing.T) {
	t.Run("the minimum effect decides", func(t *testing.T) {
		opts := DefaultGateOptions()
		opts.MinEffect = 0.01 // camel's +2.08% now counts
		rep := compareFiles(t, "old.txt", "new.txt", opts)
		assert.Equal(t, Regression, findRow(t, rep, "Normalize/preset=camel/input=1MiB", "sec/op").Verdict)
		opts.MinEffect = 0.25 // Tokenize's +19.27% no longer does
		rep = compareFiles(t, "old.txt", "new.txt", opts)
		assert.Equal(t, Negligible, findRow(t, rep, "Tokenize/input=seed", "sec/op").Verdict)
	})
	t.Run("allocation slack absorbs a small increase", func(t *testing.T) {
		opts := DefaultGateOptions()
		opts.AllocSlack = 0.01 // 120 -> 121 is +0.83%, 4096 -> 4112 is +0.39%
		rep := compareFiles(t, "old.txt", "new.txt", opts)
		assert.Equal(t, Unchanged, findRow(t, rep, "Gazetteer/input=seed", "allocs/op").Verdict)
		assert.Equal(t, Unchanged, findRow(t, rep, "Gazetteer/input=seed", "B/op").Verdict)
	})
	bad := []struct {
		rule string
		opts GateOptions
	}{
		{"alpha must be above 0", GateOptions{Alpha: 0, MinEffect: 0.05}},
		{"alpha must be below 1", GateOptions{Alpha: 1, MinEffect: 0.05}},
		{"alpha must be a number", GateOptions{Alpha: math.NaN(), MinEffect: 0.05}},
		{"minimum effect cannot be negative", GateOptions{Alpha: 0.01, MinEffect: -0.05}},
		{"allocation slack cannot be negative", GateOptions{Alpha: 0.01, AllocSlack: -1}},
		{"allocation slack must be finite", GateOptions{Alpha: 0.01, AllocSlack: math.Inf(1)}},
	}
	for _, c := range bad {
		t.Run(c.rule, func(t *testing.T) { assert.Error(t, c.opts.Validate()) })
	}
	assert.NoError(t, DefaultGateOptions().Validate())
}

func mustRead(t *testing.T, name, text string) *ResultFile {
	t.Helper()
	f, err := ReadResults(strings.NewReader(text), name)
	require.NoError(t, err)
	return f
}

// runs makes one result line of benchmark name per value of unit.
func runs(name, unit string, vals ...float64) string {
	var b strings.Builder
	for _, v := range vals {
		b.WriteString("Benchmark" + name + " 1000 " + strconv.FormatFloat(v, 'g', -1, 64) + " " + unit + "\n")
	}
	return b.String()
}

func TestUnitDirection(t *testing.T) {
	fast := []float64{100, 101, 102, 103, 104, 105, 106}
	slow := []float64{130, 131, 132, 133, 134, 135, 136}
	cases := []struct {
		rule       string
		header     string
		unit       string
		wantBetter int
		want       Verdict
	}{
		{"ns/op is lower-is-better", "", "ns/op", -1, Regression},
		{"MB/s is higher-is-better", "", "MB/s", +1, Improvement},
		{"CPU time per op is a duration: lower-is-better", "", "cpu-ns/op", -1, Regression},
		{"time per token is a duration: lower-is-better", "", "ns/token", -1, Regression},
		{"an unknown unit has no direction: changed", "", "tokens/op", 0, Changed},
		{"a Unit line's better=higher wins", "Unit tokens/op better=higher\n", "tokens/op", +1, Improvement},
		{"a Unit line overrides a duration's default", "Unit cpu-ns/op better=higher\n", "cpu-ns/op", +1, Improvement},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			old := mustRead(t, "old", c.header+runs("X", c.unit, fast...))
			new := mustRead(t, "new", c.header+runs("X", c.unit, slow...))
			rep := Compare(old, new, DefaultGateOptions())
			require.Len(t, rep.Rows, 1)
			assert.Equal(t, c.wantBetter, rep.Rows[0].Better)
			assert.Equal(t, c.want, rep.Rows[0].Verdict)
		})
	}
}

func TestAllocationVerdicts(t *testing.T) {
	cases := []struct {
		rule     string
		old, new []float64
		want     Verdict
	}{
		// Every run allocates 120, then every run 121: exact counts, no test.
		{"exact counts: one more allocation regresses, even with 3 runs", []float64{120, 120, 120}, []float64{121, 121, 121}, Regression},
		{"exact counts: one fewer allocation is an improvement", []float64{121, 121, 121}, []float64{120, 120, 120}, Improvement},
		{"exact counts: the same count is unchanged", []float64{8, 8, 8}, []float64{8, 8, 8}, Unchanged},
		// Medians 21 -> 25, but the samples overlap: p is large.
		{"varying counts that overlap are noise", []float64{21, 21, 25, 30, 21, 41, 21, 25, 30, 21}, []float64{25, 21, 30, 21, 41, 30, 21, 25, 21, 30}, Unchanged},
		// 20..22 against 30..32: disjoint, p < 0.01.
		{"varying counts that rise significantly regress", []float64{20, 21, 20, 22, 21, 20, 21, 22, 20, 21}, []float64{30, 31, 30, 32, 31, 30, 31, 32, 30, 31}, Regression},
		// Disjoint, but 3+3 runs cannot reach p < 0.01.
		{"varying counts with too few runs are undecided", []float64{20, 22, 21}, []float64{30, 31, 32}, TooFewRuns},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			old := mustRead(t, "old", runs("X", "allocs/op", c.old...))
			new := mustRead(t, "new", runs("X", "allocs/op", c.new...))
			rep := Compare(old, new, DefaultGateOptions())
			require.Len(t, rep.Rows, 1)
			assert.Equal(t, c.want, rep.Rows[0].Verdict)
		})
	}
}

func TestCompareWarnings(t *testing.T) {
	vals := []float64{100, 101, 102, 103, 104}
	t.Run("different machines are warned about", func(t *testing.T) {
		old := mustRead(t, "old", "goos: linux\ncpu: AMD EPYC\n"+runs("X", "ns/op", vals...))
		new := mustRead(t, "new", "goos: linux\ncpu: Intel Xeon\n"+runs("X", "ns/op", vals...))
		rep := Compare(old, new, DefaultGateOptions())
		assert.Equal(t, []string{`configuration cpu differs: old "AMD EPYC", new "Intel Xeon"; the results may not be comparable`}, rep.Warnings)
	})
	t.Run("other configuration lines may differ", func(t *testing.T) {
		old := mustRead(t, "old", "commit: abc\n"+runs("X", "ns/op", vals...))
		new := mustRead(t, "new", "commit: def\n"+runs("X", "ns/op", vals...))
		assert.Empty(t, Compare(old, new, DefaultGateOptions()).Warnings)
	})
	t.Run("disagreeing unit metadata keeps the old file's", func(t *testing.T) {
		old := mustRead(t, "old", "Unit tokens/op better=higher\n"+runs("X", "tokens/op", vals...))
		new := mustRead(t, "new", "Unit tokens/op better=lower\n"+runs("X", "tokens/op", vals...))
		rep := Compare(old, new, DefaultGateOptions())
		assert.Equal(t, +1, rep.Rows[0].Better)
		assert.Equal(t, []string{"new:1: unit tokens/op better=lower disagrees with the old file's higher; using higher"}, rep.Warnings)
	})
	t.Run("benchmarks of different packages are not matched", func(t *testing.T) {
		old := mustRead(t, "old", "pkg: a\n"+runs("X", "ns/op", vals...))
		new := mustRead(t, "new", "pkg: b\n"+runs("X", "ns/op", vals...))
		rep := Compare(old, new, DefaultGateOptions())
		assert.Equal(t, 0, rep.Compared())
		assert.Equal(t, []Verdict{OnlyOld, OnlyNew}, []Verdict{rep.Rows[0].Verdict, rep.Rows[1].Verdict})
	})
	t.Run("a package and name that run together alike are still different benchmarks", func(t *testing.T) {
		// "aB" + "X" and "a" + "BX" are both "aBX".
		old := mustRead(t, "old", "pkg: aB\n"+runs("X", "ns/op", vals...))
		new := mustRead(t, "new", "pkg: a\n"+runs("BX", "ns/op", vals...))
		rep := Compare(old, new, DefaultGateOptions())
		assert.Equal(t, 0, rep.Compared())
		require.Len(t, rep.Rows, 2)
		assert.Equal(t, []Verdict{OnlyOld, OnlyNew}, []Verdict{rep.Rows[0].Verdict, rep.Rows[1].Verdict})
	})
	t.Run("a zero old median gives an infinite delta, not a crash", func(t *testing.T) {
		old := mustRead(t, "old", runs("X", "allocs/op", 0, 0, 0, 0, 0))
		new := mustRead(t, "new", runs("X", "allocs/op", 1, 1, 1, 1, 1))
		rep := Compare(old, new, DefaultGateOptions())
		assert.True(t, math.IsInf(rep.Rows[0].Delta, 1))
		assert.Equal(t, Regression, rep.Rows[0].Verdict)
	})
}

func TestReadResultsMalformed(t *testing.T) {
	f, err := ReadResultsFile(gateFile("malformed.txt"))
	require.NoError(t, err, "malformed lines are skipped, not fatal")
	var msgs []string
	for _, se := range f.SyntaxErrors {
		msgs = append(msgs, se.Error())
	}
	p := gateFile("malformed.txt")
	assert.Equal(t, []string{
		p + ":6: parsing iteration count: invalid syntax",
		p + ":7: parsing measurement: invalid syntax",
		p + ":8: missing units",
		p + ":9: missing measurements",
	}, msgs)
	assert.Len(t, f.Results, 2, "the well-formed lines around the bad ones are kept")

	cases := []struct{ rule, text string }{
		{"an empty file has no results", ""},
		{"test output without benchmarks has no results", "PASS\nok  \tgithub.com/arabench/arabench/bench\t0.01s\n"},
		{"only malformed lines is no results", "BenchmarkX 10 abc ns/op\n"},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			_, err := ReadResults(strings.NewReader(c.text), "in.txt")
			assert.ErrorIs(t, err, ErrNoResults)
			assert.True(t, strings.HasPrefix(err.Error(), "in.txt: "), err.Error())
		})
	}
	// NaN has no rank: Mann-Whitney would loop on it, so it is refused
	// (benchfmt itself already refuses +Inf).
	nan, err := ReadResults(strings.NewReader("BenchmarkX 1 NaN ns/op\nBenchmarkX 1 5 ns/op\nBenchmarkY 1 5 ns/op 1 +Inf allocs/op\n"), "nan.txt")
	require.NoError(t, err)
	require.Len(t, nan.SyntaxErrors, 2)
	assert.Equal(t, "nan.txt:1: sec/op: value NaN is not a finite number", nan.SyntaxErrors[0].Error())
	assert.Equal(t, "nan.txt:3: parsing measurement: invalid syntax", nan.SyntaxErrors[1].Error())
	assert.Len(t, nan.Results, 1)
	_, err = ReadResultsFile(gateFile("does-not-exist.txt"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestReportGolden(t *testing.T) {
	rep := compareFiles(t, "old.txt", "new.txt", DefaultGateOptions())
	for _, f := range []Format{FormatTable, FormatMarkdown, FormatJSON} {
		t.Run(string(f), func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, rep.Write(&buf, f))
			golden := gateFile("report." + string(f) + ".golden")
			if *updateGate {
				require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
			}
			want, err := os.ReadFile(golden)
			require.NoError(t, err)
			assert.Equal(t, string(want), buf.String())
		})
	}
}

func TestReportJSON(t *testing.T) {
	rep := compareFiles(t, "old.txt", "new.txt", DefaultGateOptions())
	var buf bytes.Buffer
	require.NoError(t, rep.Write(&buf, FormatJSON))
	var got struct {
		Failed      bool `json:"failed"`
		Regressions int  `json:"regressions"`
		Rows        []struct {
			Name    string   `json:"name"`
			Unit    string   `json:"unit"`
			Old     *float64 `json:"old_median"`
			New     *float64 `json:"new_median"`
			Verdict string   `json:"verdict"`
		} `json:"rows"`
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &got))
	assert.True(t, got.Failed)
	assert.Equal(t, 5, got.Regressions)
	assert.Equal(t, "REGRESSION", got.Rows[0].Verdict)
	assert.Equal(t, 9.972400000000001e-05, *got.Rows[0].Old)
	last := got.Rows[len(got.Rows)-1]
	assert.Equal(t, "only in new", last.Verdict)
	assert.Nil(t, last.Old, "a missing side is null, not NaN")
}

func TestMarkdownEscapesPipes(t *testing.T) {
	vals := []float64{100, 101, 102, 103, 104}
	old := mustRead(t, "old", runs("a|b", "ns/op", vals...))
	new := mustRead(t, "new", runs("a|b", "ns/op", vals...))
	var buf bytes.Buffer
	require.NoError(t, Compare(old, new, DefaultGateOptions()).Write(&buf, FormatMarkdown))
	assert.Contains(t, buf.String(), `a\|b`)
}

func TestParseFormat(t *testing.T) {
	for _, s := range []string{"table", "markdown", "json"} {
		f, err := ParseFormat(s)
		assert.NoError(t, err)
		assert.Equal(t, Format(s), f)
	}
	_, err := ParseFormat("csv")
	assert.ErrorContains(t, err, `unknown format "csv"`)
}

func TestCPUClockMeasuresWork(t *testing.T) {
	clk := StartCPUClock()
	probeSink += probeWork(probeBuf, 2000) // about 2.5ms of CPU
	ns, ok := clk.PerOp(1)
	if !ok {
		t.Skip("no process CPU time on this platform")
	}
	assert.Greater(t, ns, 0.0)
	_, ok = clk.PerOp(0)
	assert.False(t, ok, "no per-op figure for zero ops")
}

// FuzzReadResults checks that no input makes reading or comparing panic,
// and that every syntax error names the file and a line of it.
func FuzzReadResults(f *testing.F) {
	for _, name := range []string{"old.txt", "new.txt", "malformed.txt", "few_old.txt", "probe_aa_a.txt"} {
		b, err := os.ReadFile(gateFile(name))
		if err != nil {
			f.Fatal(err)
		}
		f.Add(b)
	}
	f.Add([]byte("Unit ns/op better=higher assume=exact\nBenchmarkX 1 0 ns/op\n"))
	f.Add([]byte("BenchmarkX-2 1 NaN ns/op 1e400 MB/s -0 allocs/op\n"))
	f.Add([]byte("BenchmarkX-2 1 NaN ns/op\nBenchmarkX-2 1 5 ns/op\n"))
	f.Add([]byte("BenchmarkX 1 5 ms/op 2 µs/token 3 KiB/op\nBenchmarkX 1 -5 cpu-ns/op\nBenchmarkX 1 5000 ns/op 0.005 ms/op\n"))
	f.Add([]byte("Unit ms/op better=higher\nBenchmarkX/peer=y 1 1e308 GiB/op\n"))
	base, err := ReadResultsFile(gateFile("old.txt"))
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		rf, err := ReadResults(bytes.NewReader(data), "fuzz.txt")
		if rf == nil {
			t.Fatal("ReadResults returned no ResultFile")
		}
		lines := bytes.Count(data, []byte("\n")) + 1
		for _, se := range rf.SyntaxErrors {
			if se.FileName != "fuzz.txt" || se.Line < 1 || se.Line > lines {
				t.Fatalf("syntax error %q has position %s:%d of %d lines", se.Msg, se.FileName, se.Line, lines)
			}
		}
		if err != nil {
			return
		}
		for _, f := range []Format{FormatTable, FormatJSON} {
			rep := Compare(base, rf, DefaultGateOptions())
			if err := rep.Write(&bytes.Buffer{}, f); err != nil {
				t.Fatalf("writing %s: %v", f, err)
			}
			if ok := strings.HasPrefix(rep.Summary(), "gate: ok:"); ok != (rep.Status() == Pass) {
				t.Fatalf("status %v but summary %q", rep.Status(), rep.Summary())
			}
			rep = Compare(rf, rf, DefaultGateOptions())
			if len(rep.Regressions()) > 0 || len(rep.rowsWith(Incompatible)) > 0 {
				t.Fatalf("a file compared with itself regresses: %s", rep.Summary())
			}
		}
	})
}

func TestPeersAreReportedNotGated(t *testing.T) {
	// peers_*.txt: the preset and peer=utf8.Valid did not move; peer=copy is
	// 20% slower in 6 of 6 runs (p = 2/C(12,6) = 0.002).
	rep := compareFiles(t, "peers_old.txt", "peers_new.txt", DefaultGateOptions())
	copyRow := findRow(t, rep, "Normalize/peer=copy/input=1MiB", "sec/op")
	assert.Equal(t, Regression, copyRow.Verdict, "the verdict is still computed and shown")
	assert.True(t, copyRow.Peer)
	assert.False(t, copyRow.Gated)
	assert.False(t, findRow(t, rep, "Normalize/preset=search/offsets=false/input=1MiB", "sec/op").Peer)
	assert.Empty(t, rep.Regressions())
	assert.Equal(t, Pass, rep.Status())
	assert.Equal(t, "gate: ok: 0 regressions, 1 peer regression not gated in 3 comparisons (alpha 0.01, min effect 5%, alloc slack 0%)", rep.Summary())
	var buf bytes.Buffer
	require.NoError(t, rep.Write(&buf, FormatTable))
	assert.Contains(t, buf.String(), "│ REGRESSION (peer, not gated) │")

	t.Run("GatePeers gates them", func(t *testing.T) {
		opts := DefaultGateOptions()
		opts.GatePeers = true
		rep := compareFiles(t, "peers_old.txt", "peers_new.txt", opts)
		assert.Equal(t, Fail, rep.Status())
		require.Len(t, rep.Regressions(), 1)
		assert.Equal(t, "Normalize/peer=copy/input=1MiB", rep.Regressions()[0].Name)
	})
	t.Run("a peer with too few runs does not fail the gate", func(t *testing.T) {
		old := mustRead(t, "old", runs("N/peer=copy", "ns/op", 100, 101, 102))
		new := mustRead(t, "new", runs("N/peer=copy", "ns/op", 130, 131, 132))
		rep := Compare(old, new, DefaultGateOptions())
		assert.Equal(t, TooFewRuns, rep.Rows[0].Verdict)
		assert.Equal(t, Pass, rep.Status())
		assert.Contains(t, rep.Summary(), "1 peer row with too few runs not gated")
	})

	names := []struct {
		name string
		peer bool
	}{
		{"Normalize/peer=copy/input=1MiB", true},
		{"Normalize/peer=utf8.Valid/input=1MiB-2", true},
		{"Tokenize/input=seed/peer=strings.Fields", true},
		{"Normalize/preset=search/input=1MiB", false},
		{"Normalize/preset=peer", false},
		{"Normalize/peers=x", false},
		{"Normalize/xpeer=x", false},
		{"peer=x", false}, // the base name, not a sub-benchmark key
	}
	for _, c := range names {
		assert.Equal(t, c.peer, isPeer(c.name), c.name)
	}
}

func TestNormalizeUnit(t *testing.T) {
	cases := []struct {
		unit, want string
		factor     float64
	}{
		{"ns/op", "sec/op", 1e-9}, // benchunit's own
		{"MB/s", "B/s", 1e6},      // benchunit's own
		{"ms/op", "sec/op", 1e-3},
		{"µs/op", "sec/op", 1e-6},
		{"us/op", "sec/op", 1e-6},
		{"s/op", "sec/op", 1},
		{"sec/op", "sec/op", 1},
		{"cpu-ms/op", "cpu-sec/op", 1e-3},
		{"ms/token", "sec/token", 1e-3},
		{"KiB/op", "B/op", 1024},
		{"GB/s", "B/s", 1e9},
		{"B/ms", "B/s", 1e3},  // a duration in the denominator
		{"MB/ms", "B/s", 1e9}, // both
		{"tokens/s", "tokens/s", 1},
		{"allocs/op", "allocs/op", 1},
		{"msgs/op", "msgs/op", 1}, // whole tokens only
	}
	for _, c := range cases {
		got, factor := normalizeUnit(c.unit)
		assert.Equal(t, c.want, got, c.unit)
		assert.InDelta(t, c.factor, factor, c.factor*1e-12, c.unit)
	}
}

func TestUnitsCompareInBaseUnits(t *testing.T) {
	nsVals := []float64{100000, 100300, 99800, 100500, 99600, 100100} // about 100µs
	t.Run("ns/op against ms/op is time against time", func(t *testing.T) {
		cases := []struct {
			rule  string
			msVal []float64
			want  Verdict
			delta float64
		}{
			// The case: 100 ms/op against 100000 ns/op is 1000x slower.
			{"a 1000x slowdown in ms/op regresses", []float64{100, 100.3, 99.8, 100.5, 99.6, 100.1}, Regression, 999},
			{"the same time in ms/op is no change", []float64{0.1, 0.1003, 0.0998, 0.1005, 0.0996, 0.1001}, Unchanged, 0},
		}
		for _, c := range cases {
			t.Run(c.rule, func(t *testing.T) {
				rep := Compare(mustRead(t, "old", runs("X", "ns/op", nsVals...)), mustRead(t, "new", runs("X", "ms/op", c.msVal...)), DefaultGateOptions())
				require.Len(t, rep.Rows, 1, "one row, not one only in old and one only in new")
				assert.Equal(t, "sec/op", rep.Rows[0].Unit)
				assert.Equal(t, c.want, rep.Rows[0].Verdict)
				assert.InDelta(t, c.delta, rep.Rows[0].Delta, 1e-9)
			})
		}
	})
	t.Run("the files' unit lines follow the unit", func(t *testing.T) {
		// A Unit line for ms/op applies to the sec/op it becomes.
		f := mustRead(t, "old", "Unit ms/op better=higher\n"+runs("X", "ms/op", 1, 2, 3))
		assert.Equal(t, +1, f.Units.GetBetter("sec/op"))
	})
	t.Run("the original value is kept for messages", func(t *testing.T) {
		f := mustRead(t, "old", runs("X", "ms/op", 2))
		v := f.Results[0].Values[0]
		assert.Equal(t, benchValue{2e-3, "sec/op", 2, "ms/op"}, benchValue{v.Value, v.Unit, v.OrigValue, v.OrigUnit})
	})
}

type benchValue struct {
	value     float64
	unit      string
	origValue float64
	origUnit  string
}

func TestIncompatibleUnitsAreAnError(t *testing.T) {
	ns := func(name string) string { return runs(name, "ns/op", 100, 101, 102, 103, 104) }
	cases := []struct {
		rule     string
		old, new string
		want     []Verdict
		errs     []string
	}{
		{"time per op against throughput only: no unit in common", ns("X"), runs("X", "MB/s", 300, 301, 302, 303, 304),
			[]Verdict{Incompatible, Incompatible},
			[]string{"X is measured in sec/op (old:1) in old but in B/s (new:1) in new: incompatible units, not compared " +
				"(time is compared in sec, bytes in B, whatever their prefix; other units must be the same on both sides)"}},
		{"time per op against time per token, beside a common unit",
			runs("X", "ns/op", 100, 101, 102, 103, 104) + runs("X", "allocs/op", 1, 1, 1, 1, 1),
			runs("X", "ns/token", 100, 101, 102, 103, 104) + runs("X", "allocs/op", 1, 1, 1, 1, 1),
			[]Verdict{Incompatible, Unchanged, Incompatible},
			[]string{"X is measured in sec/op (old:1) in old but in sec/token (new:1) in new: incompatible units, not compared " +
				"(time is compared in sec, bytes in B, whatever their prefix; other units must be the same on both sides)"}},
		{"a unit added on one side is one-sided, not an error", ns("X"), ns("X") + runs("X", "cpu-ns/op", 90, 91, 92, 93, 94),
			[]Verdict{Unchanged, OnlyNew}, nil},
		{"-benchmem on one side only is one-sided, not an error",
			ns("X") + runs("X", "B/op", 8, 8, 8, 8, 8), ns("X") + runs("X", "cpu-ns/op", 90, 91, 92, 93, 94),
			[]Verdict{Unchanged, OnlyOld, OnlyNew}, nil},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			rep := Compare(mustRead(t, "old", c.old), mustRead(t, "new", c.new), DefaultGateOptions())
			var got []Verdict
			for _, r := range rep.Rows {
				got = append(got, r.Verdict)
			}
			assert.Equal(t, c.want, got)
			assert.Equal(t, c.errs, rep.Errors)
			if c.errs != nil {
				assert.Equal(t, Invalid, rep.Status())
				assert.True(t, strings.HasPrefix(rep.Summary(), "gate: ERROR: 1 input error, 0 regressions"), rep.Summary())
			} else {
				assert.Equal(t, Pass, rep.Status())
			}
		})
	}
}

func TestReadResultsRefusesImpossibleValues(t *testing.T) {
	cases := []struct {
		rule, text, want string
	}{
		{"a negative time per op", "BenchmarkX 1 -5 ns/op\n", "in.txt:1: negative timing -5 ns/op: a duration cannot be below zero"},
		{"a negative CPU time", "BenchmarkX 1 5 ns/op -3 cpu-ns/op\n", "in.txt:1: negative timing -3 cpu-ns/op: a duration cannot be below zero"},
		{"a negative time in ms", "BenchmarkX 1 -0.5 ms/op\n", "in.txt:1: negative timing -0.5 ms/op: a duration cannot be below zero"},
		{"one line, one unit twice after scaling", "BenchmarkX 1 5000 ns/op 0.005 ms/op\n",
			"in.txt:1: 5000 ns/op and 0.005 ms/op are both sec/op: one line holds one value per unit"},
		{"scaling that overflows", "BenchmarkX 1 1e308 GiB/op\n", "in.txt:1: B/op: value +Inf is not a finite number"},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			f, err := ReadResults(strings.NewReader("BenchmarkY 1 5 ns/op\n"+c.text), "in.txt")
			require.NoError(t, err)
			require.Len(t, f.SyntaxErrors, 1)
			assert.Equal(t, strings.Replace(c.want, "in.txt:1:", "in.txt:2:", 1), f.SyntaxErrors[0].Error())
			assert.Len(t, f.Results, 1, "the good line is kept")
		})
	}
	t.Run("a negative value of a unit that is no duration is kept", func(t *testing.T) {
		f, err := ReadResults(strings.NewReader("BenchmarkX 1 5 ns/op -3 delta/op\n"), "in.txt")
		require.NoError(t, err)
		assert.Empty(t, f.SyntaxErrors)
	})
	t.Run("a malformed file makes the report Invalid", func(t *testing.T) {
		f, err := ReadResultsFile(gateFile("negative.txt"))
		require.NoError(t, err)
		rep := Compare(readGate(t, "units_ns.txt"), f, DefaultGateOptions())
		assert.Equal(t, Invalid, rep.Status())
		assert.Equal(t, []string{gateFile("negative.txt") + ": 1 malformed line skipped; fix the input, the verdicts may be incomplete"}, rep.Errors)
	})
}

func TestSummarySaysOkOnlyWhenTheGatePasses(t *testing.T) {
	files, err := filepath.Glob(gateFile("*.txt"))
	require.NoError(t, err)
	optsList := []GateOptions{DefaultGateOptions(), {Alpha: 0.2, MinEffect: 0.05, AllowFewRuns: true, GatePeers: true}}
	seen := map[Status]int{}
	for _, a := range files {
		for _, b := range files {
			fa, errA := ReadResultsFile(a)
			fb, errB := ReadResultsFile(b)
			if errA != nil || errB != nil {
				continue
			}
			for _, opts := range optsList {
				rep := Compare(fa, fb, opts)
				seen[rep.Status()]++
				require.Equal(t, rep.Status() == Pass, strings.HasPrefix(rep.Summary(), "gate: ok: "), "%s %s: %v %q", a, b, rep.Status(), rep.Summary())
				require.Equal(t, rep.Status() == Pass, len(rep.Reasons()) == 0, "%s %s: a status other than ok gives its reasons", a, b)
			}
		}
	}
	assert.Positive(t, seen[Pass])
	assert.Positive(t, seen[Fail])
	assert.Positive(t, seen[Invalid])
}
