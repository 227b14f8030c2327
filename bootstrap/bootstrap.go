package bootstrap

import (
	"cmp"
	"fmt"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/signature"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
)

// The bootstrap's defaults, sacrebleu's: 1,000 resamples, seed 12345.
const (
	DefaultResamples       = 1000
	DefaultSeed      int64 = 12345
)

// MaxResamples bounds Bootstrap.Resamples: every resample keeps one F1 per
// scheme and row, so a hundred thousand resamples already hold tens of
// megabytes, far more than a 95% interval needs (sacrebleu uses 1,000).
const MaxResamples = 100_000

// CheckResamples says what is wrong with n as a number of resamples, or
// returns nil.
func CheckResamples(n int) error {
	if n < 1 || n > MaxResamples {
		return fmt.Errorf("--resamples %d: must be from 1 to %d", n, MaxResamples)
	}
	return nil
}

// Alpha is the significance level of a paired comparison: a difference with
// a p-value below it is reported as real.
const Alpha = 0.05

// Bootstrap resamples scoring units (sentences, see SentenceUnits) with
// replacement to measure how much an F1 owes to the particular sentences of
// the corpus. Every resample draws as many units as there are, uniformly with
// replacement, sums their precomputed tallies and scores the sum; nothing is
// matched again. The draws come from a PCG generator (math/rand/v2) seeded
// with Seed, turned into unit indices by Lemire's multiply-and-reject method
// implemented here, so a given seed draws the same units on every platform
// and Go release.
//
// Intervals are percentile intervals at 95%, taken from the sorted resampled
// values at the order statistics sacrebleu's estimate_ci uses: with n
// resamples, the (n/40)-th and the (n − n/40 − 1)-th from 0 (the 25th and the
// 974th of 1,000). sacrebleu prints the mean ± half their distance; arabench
// prints the two bounds, since an F1 near 0 or 1 has an asymmetric interval.
type Bootstrap struct {
	// Resamples is the number of resamples; below 1 it is DefaultResamples.
	Resamples int
	// Seed seeds the generator; the same seed draws the same units.
	Seed int64
}

func (b Bootstrap) resamples() int {
	if b.Resamples < 1 {
		return DefaultResamples
	}
	return b.Resamples
}

// Spec is the bootstrap's part of a signature, "resamples@seed".
func (b Bootstrap) Spec() string { return signature.BootSpec(b.resamples(), b.Seed) }

// Interval is a closed interval [Lo, Hi].
type Interval struct {
	Lo float64 `json:"lo"`
	Hi float64 `json:"hi"`
}

// Contains reports whether x lies in the interval.
func (iv Interval) Contains(x float64) bool { return iv.Lo <= x && x <= iv.Hi }

// Intervals holds the 95% bootstrap interval of every F1 a report shows:
// under every scheme, per type, micro, macro and weighted.
type Intervals struct {
	Resamples int                                 `json:"resamples"`
	Seed      int64                               `json:"seed"`
	Units     int                                 `json:"units"`
	Schemes   map[metrics.Scheme]*SchemeIntervals `json:"schemes"`
}

// SchemeIntervals holds one scheme's F1 intervals.
type SchemeIntervals struct {
	Types    map[string]Interval `json:"types"`
	Micro    Interval            `json:"micro"`
	Macro    Interval            `json:"macro"`
	Weighted Interval            `json:"weighted"`
}

// Type returns the interval of type t's F1 under scheme s.
func (x *Intervals) Type(s metrics.Scheme, t string) (Interval, bool) {
	si := x.Schemes[s]
	if si == nil {
		return Interval{}, false
	}
	iv, ok := si.Types[t]
	return iv, ok
}

// Overall returns the interval of the micro, macro or weighted F1 under
// scheme s.
func (x *Intervals) Overall(s metrics.Scheme, avg metrics.Avg) (Interval, bool) {
	si := x.Schemes[s]
	if si == nil {
		return Interval{}, false
	}
	switch avg {
	case metrics.Macro:
		return si.Macro, true
	case metrics.Weighted:
		return si.Weighted, true
	}
	return si.Micro, true
}

// Intervals bootstraps the F1s of one system over its units (see
// SentenceUnits).
func (b Bootstrap) Intervals(units *Units) *Intervals {
	types := unitTypes(units)
	tab := newUnitTable(units.rows, metrics.Schemes, types)
	n := b.resamples()
	samples := make([]float64, tab.stats*n)
	sum := make([]int64, tab.width)
	out := make([]float64, tab.stats)
	count := make([]int64, len(units.rows))
	draw := newDrawer(b.Seed, units.Len())
	for i := 0; i < n; i++ {
		clear(sum)
		clear(count)
		for _, u := range draw.next() {
			count[units.of[u]]++
		}
		for r, k := range count {
			if k > 0 {
				tab.add(sum, r, k)
			}
		}
		tab.score(sum, out)
		for k, v := range out {
			samples[k*n+i] = v
		}
	}
	x := &Intervals{Resamples: n, Seed: b.Seed, Units: units.Len(), Schemes: map[metrics.Scheme]*SchemeIntervals{}}
	for si, s := range metrics.Schemes {
		sc := &SchemeIntervals{Types: map[string]Interval{}}
		for k := 0; k < tab.perScheme(); k++ {
			stat := si*tab.perScheme() + k
			iv := percentile95(samples[stat*n : (stat+1)*n])
			switch {
			case k < len(types):
				sc.Types[types[k]] = iv
			case k == len(types):
				sc.Micro = iv
			case k == len(types)+1:
				sc.Macro = iv
			default:
				sc.Weighted = iv
			}
		}
		x.Schemes[s] = sc
	}
	return x
}

// PairedBootstrap is the paired bootstrap test of two systems scored on the
// same units: the F1 difference (new − old) under each scheme tested, per
// type, micro and macro, with its 95% interval and p-value.
type PairedBootstrap struct {
	Resamples int
	Seed      int64
	Units     int
	Schemes   map[metrics.Scheme]*PairedScheme
}

// PairedScheme holds one scheme's F1 differences.
type PairedScheme struct {
	Types map[string]Delta
	Micro Delta
	Macro Delta
}

// Delta is the paired bootstrap of one F1: its value for each system on all
// units, their difference New − Old, the 95% interval of the difference over
// the resamples and the p-value of the difference.
type Delta struct {
	Old   float64  `json:"old"`
	New   float64  `json:"new"`
	Delta float64  `json:"delta"`
	CI    Interval `json:"ci"`
	P     float64  `json:"p"`
}

// Significant reports whether the difference is real at level Alpha.
func (d Delta) Significant() bool { return d.P < Alpha }

// Paired runs the paired bootstrap test over two systems' scores of the same
// units, in the same order (old[i] and new[i] must be the same unit), under
// schemes (none: every scheme of Schemes): every
// resample draws one set of unit indices and sums both systems' tallies over
// it, so the two F1s of a resample are measured on the same sentences, as in
// Koehn (2004) and sacrebleu's paired_bs_test.
//
// The p-value is the two-sided bootstrap test of Efron and Tibshirani (1993,
// §16.4) with the +1 of Davison and Hinkley (1997): with δ the difference on
// all units and δᵢ that of resample i of n,
//
//	sᵢ = δᵢ − δ,  c = #{i : |sᵢ| ≥ |δ|},  p = (c + 1) / (n + 1)
//
// The resampled differences, shifted by the observed one, are a sample of the
// difference's spread around its true value; p is the share of that spread
// at least as far from 0 as the observed difference (for δ > 0: the
// resamples with δᵢ ≤ 0 or δᵢ ≥ 2δ, Berg-Kirkpatrick et al. 2012 made
// two-sided). A system compared with itself (every δᵢ = δ = 0) gets p = 1.
//
// This is not sacrebleu's p-value, on purpose. sacrebleu (after Moses'
// bootstrap-hypothesis-difference-significance.pl) takes dᵢ = |δᵢ| and counts
// dᵢ − mean(d) > |δ|: folding before shifting makes that a one-sided test,
// and on 200 pairs of equally good systems (TestAAFalseAlarm) it called the
// micro F1 of 25 significant at 0.05 (12.5%), where this p-value calls 9
// (4.5%). The interval is sacrebleu's (see Bootstrap).
func (b Bootstrap) Paired(old, new *Units, schemes ...metrics.Scheme) (*PairedBootstrap, error) {
	if len(schemes) == 0 {
		schemes = metrics.Schemes
	}
	if old.Len() != new.Len() {
		return nil, fmt.Errorf("paired bootstrap: %d units in the old run, %d in the new", old.Len(), new.Len())
	}
	for i := range old.ids {
		if old.ids[i] != new.ids[i] {
			return nil, fmt.Errorf("paired bootstrap: unit %d is %q in the old run and %q in the new", i+1, old.ids[i], new.ids[i])
		}
	}
	types := unitTypes(old, new)
	to, tn := newUnitTable(old.rows, schemes, types), newUnitTable(new.rows, schemes, types)
	n := b.resamples()

	// The observed values: every unit once.
	so, sn := make([]int64, to.width), make([]int64, tn.width)
	for u := range old.of {
		to.add(so, int(old.of[u]), 1)
		tn.add(sn, int(new.of[u]), 1)
	}
	obsOld, obsNew := make([]float64, to.stats), make([]float64, tn.stats)
	to.score(so, obsOld)
	tn.score(sn, obsNew)

	deltas := make([]float64, to.stats*n)
	fo, fn := make([]float64, to.stats), make([]float64, tn.stats)
	countOld, countNew := make([]int64, len(old.rows)), make([]int64, len(new.rows))
	draw := newDrawer(b.Seed, old.Len())
	for i := 0; i < n; i++ {
		clear(so)
		clear(sn)
		clear(countOld)
		clear(countNew)
		for _, u := range draw.next() {
			countOld[old.of[u]]++
			countNew[new.of[u]]++
		}
		for r, k := range countOld {
			if k > 0 {
				to.add(so, r, k)
			}
		}
		for r, k := range countNew {
			if k > 0 {
				tn.add(sn, r, k)
			}
		}
		to.score(so, fo)
		tn.score(sn, fn)
		for k := range fo {
			deltas[k*n+i] = fn[k] - fo[k]
		}
	}

	pb := &PairedBootstrap{Resamples: n, Seed: b.Seed, Units: old.Len(), Schemes: map[metrics.Scheme]*PairedScheme{}}
	for si, s := range schemes {
		ps := &PairedScheme{Types: map[string]Delta{}}
		for k := 0; k < len(types)+2; k++ {
			stat := si*to.perScheme() + k
			sample := deltas[stat*n : (stat+1)*n]
			d := Delta{Old: obsOld[stat], New: obsNew[stat], Delta: obsNew[stat] - obsOld[stat]}
			d.P = pairedPValue(sample, d.Delta)
			d.CI = percentile95(sample)
			switch {
			case k < len(types):
				ps.Types[types[k]] = d
			case k == len(types):
				ps.Micro = d
			default:
				ps.Macro = d
			}
		}
		pb.Schemes[s] = ps
	}
	return pb, nil
}

// pairedPValue is the two-sided bootstrap p-value of an observed difference
// given the resampled differences (see Bootstrap.Paired).
func pairedPValue(sample []float64, observed float64) float64 {
	if len(sample) == 0 {
		return 1
	}
	bound := math.Abs(observed)
	c := 0
	for _, d := range sample {
		if math.Abs(d-observed) >= bound {
			c++
		}
	}
	return float64(c+1) / float64(len(sample)+1)
}

// Holm returns the Holm–Bonferroni adjusted p-values of a family of tests,
// in the order of p: with the m p-values sorted ascending, p₍₁₎ ≤ … ≤ p₍ₘ₎,
//
//	p̃₍ⱼ₎ = min(1, max over k ≤ j of (m − k + 1)·p₍ₖ₎)
//
// Rejecting every test whose adjusted p is below α keeps the chance of any
// false rejection in the family at most α, whatever the dependence between
// the tests (Holm 1979). Equal p-values get equal adjusted ones. A nil or
// empty family gives nil.
func Holm(p []float64) []float64 {
	if len(p) == 0 {
		return nil
	}
	order := make([]int, len(p))
	for i := range order {
		order[i] = i
	}
	slices.SortStableFunc(order, func(a, b int) int { return cmp.Compare(p[a], p[b]) })
	m := len(p)
	adj := make([]float64, m)
	running := 0.0
	for k, i := range order {
		running = max(running, min(1, float64(m-k)*p[i]))
		adj[i] = running
	}
	return adj
}

// percentile95 sorts sample in place and returns its 95% percentile interval
// at sacrebleu's order statistics (see Bootstrap).
func percentile95(sample []float64) Interval {
	if len(sample) == 0 {
		return Interval{}
	}
	slices.Sort(sample)
	lo := len(sample) / 40
	return Interval{Lo: sample[lo], Hi: sample[len(sample)-lo-1]}
}

// unitTable holds, flattened, the additive counts every F1 of a unit is
// computed from. Per unit, for each scheme and each row (the types in order,
// then the total): 2·COR + PAR, ACT and POS; then, per type, 1 when the type
// occurs among the unit's gold or predicted mentions. Summing rows of units
// and scoring the sum gives the F1 of those units together.
type unitTable struct {
	schemes []metrics.Scheme
	ntypes  int
	width   int
	stats   int // F1s per scoring: per scheme, the types, micro, macro, weighted
	cells   []int64
}

func newUnitTable(units []metrics.DocScore, schemes []metrics.Scheme, types []string) *unitTable {
	nt := len(types)
	t := &unitTable{schemes: schemes, ntypes: nt, width: len(schemes)*3*(nt+1) + nt, stats: len(schemes) * (nt + 3)}
	t.cells = make([]int64, len(units)*t.width)
	index := make(map[string]int, nt)
	for i, typ := range types {
		index[typ] = i
	}
	put := func(row []int64, x metrics.Tally) {
		row[0] = int64(2*x.COR + x.PAR)
		row[1] = int64(x.ACT())
		row[2] = int64(x.POS())
	}
	for u, ds := range units {
		cells := t.cells[u*t.width : (u+1)*t.width]
		for si, s := range schemes {
			base := si * 3 * (nt + 1)
			tt := ds.Tallies[s]
			for typ, x := range tt {
				if i, ok := index[typ]; ok {
					put(cells[base+3*i:], x)
				}
			}
			put(cells[base+3*nt:], ds.Totals[s])
		}
		presence := cells[len(schemes)*3*(nt+1):]
		for _, typ := range ds.Types {
			if i, ok := index[typ]; ok {
				presence[i] = 1
			}
		}
	}
	return t
}

// add adds unit u's counts, times k, to sum.
func (t *unitTable) add(sum []int64, u int, k int64) {
	row := t.cells[u*t.width : (u+1)*t.width]
	sum = sum[:len(row)]
	for i, v := range row {
		sum[i] += k * v
	}
}

// perScheme is the number of F1s score computes per scheme.
func (t *unitTable) perScheme() int { return t.ntypes + 3 }

// score computes from summed counts every F1, per scheme: the types in order,
// micro, macro, weighted. With c = COR + ½·PAR, F1 = 2PR/(P+R) = 2c/(ACT+POS),
// so the F1 is the first count over the sum of the other two. Macro is the
// mean of the F1s of the types that occur in the summed units, as in
// metrics.Summarize; weighted is their mean weighted by each type's POS.
func (t *unitTable) score(sum []int64, out []float64) {
	nt := t.ntypes
	presence := sum[len(t.schemes)*3*(nt+1):]
	for si := range t.schemes {
		base := si * 3 * (nt + 1)
		o := out[si*t.perScheme() : (si+1)*t.perScheme()]
		var macro, weighted float64
		present := 0
		var support int64
		for i := 0; i <= nt; i++ {
			c := sum[base+3*i : base+3*i+3]
			f := 0.0
			if d := c[1] + c[2]; d > 0 {
				f = float64(c[0]) / float64(d)
			}
			o[i] = f
			if i < nt && presence[i] > 0 {
				macro += f
				present++
				weighted += f * float64(c[2])
				support += c[2]
			}
		}
		if present > 0 {
			macro /= float64(present)
		}
		if support > 0 {
			weighted /= float64(support)
		}
		o[nt+1] = macro
		o[nt+2] = weighted
	}
}

// drawer draws the units of one resample after another.
type drawer struct {
	src   *rand.PCG
	drawn []int32
}

// pcgStream is the PCG increment; any fixed value keeps draws reproducible.
const pcgStream = 0x61726162656e6368 // "arabench"

func newDrawer(seed int64, units int) *drawer {
	return &drawer{src: rand.NewPCG(uint64(seed), pcgStream), drawn: make([]int32, units)}
}

// next draws the next resample, as many units as there are, uniformly with
// replacement, and returns the units drawn, valid until the next call.
// Summing the drawn units' tallies, each as often as it is drawn, is summing
// the resample.
func (d *drawer) next() []int32 {
	n := uint64(len(d.drawn))
	for i := range d.drawn {
		d.drawn[i] = int32(d.uniform(n))
	}
	return d.drawn
}

// uniform returns a uniform integer in [0, n), n > 0, by Lemire's method:
// the high word of x·n for a random x, rejecting the few x that would bias it.
func (d *drawer) uniform(n uint64) uint64 {
	hi, lo := bits.Mul64(d.src.Uint64(), n)
	if lo < n {
		threshold := -n % n
		for lo < threshold {
			hi, lo = bits.Mul64(d.src.Uint64(), n)
		}
	}
	return hi
}
