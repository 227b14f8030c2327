package bootstrap

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/corpus/corpustest"
	"github.com/arabench/arabench/dataset"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/metrics/metricstest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestPercentile95TakesSacrebleuOrderStatistics(t *testing.T) {
	for _, tc := range []struct {
		name   string
		n      int
		lo, hi float64
	}{
		// n = 1000: n/40 = 25, so the 25th and the 1000−25−1 = 974th value.
		{"1000 resamples: the 25th and 974th", 1000, 25, 974},
		// n = 40: n/40 = 1, so the 1st and the 38th.
		{"40 resamples: the 1st and 38th", 40, 1, 38},
		// n = 39: n/40 = 0, the extremes.
		{"fewer than 40 resamples: the extremes", 39, 0, 38},
		{"one resample: that value twice", 1, 0, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sample := make([]float64, tc.n)
			for i := range sample {
				sample[i] = float64((i * 7919) % tc.n) // a permutation of 0..n-1
			}
			assert.Equal(t, Interval{tc.lo, tc.hi}, percentile95(sample))
		})
	}
	assert.Equal(t, Interval{}, percentile95(nil))
}

func TestPairedPValueIsTwoSided(t *testing.T) {
	// p = (#{i : |δᵢ − δ| ≥ |δ|} + 1) / (n + 1); values are dyadic so that
	// the arithmetic is exact.
	for _, tc := range []struct {
		name     string
		sample   []float64
		observed float64
		want     float64
	}{
		// δᵢ − δ = 0 ≥ 0 for every i: c = 4, p = 5/5.
		{"a system against itself has p = 1", []float64{0, 0, 0, 0}, 0, 1},
		// δᵢ − δ = 0 < .25: c = 0, p = 1/5.
		{"a difference every resample shows has the smallest p", []float64{.25, .25, .25, .25}, .25, 0.2},
		// δᵢ − δ = −.25 0 .25 0: the resample where the difference is gone
		// and the one where it doubled count, c = 2, p = 3/5.
		{"resamples at 0 and at twice the difference count", []float64{0, .25, .5, .25}, .25, 0.6},
		{"the sign of the difference does not matter", []float64{0, -.25, -.5, -.25}, -.25, 0.6},
		// sacrebleu folds first: |δᵢ| = .5 each, minus their mean .5 is 0,
		// none above .25, p = 1/5, though one resample in four reverses the
		// difference. Here δᵢ − δ = .25 .25 .25 −.75, all four at least as
		// far from 0 as δ: p = 5/5.
		{"a resample with the sign flipped counts (sacrebleu's p is 1/5)", []float64{.5, .5, .5, -.5}, .25, 1},
		{"no resamples give p = 1", nil, .5, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, pairedPValue(tc.sample, tc.observed))
		})
	}
}

func TestHolm(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    []float64
		want []float64
	}{
		// Sorted: 1/128 (4th), 1/64 (1st), 3/64 (3rd), 1/16 (2nd); m = 4.
		// Step down: 4·1/128 = 1/32; 3·1/64 = 3/64; 2·3/64 = 3/32;
		// 1·1/16 = 1/16, below 3/32, so 3/32 (adjusted p never decrease).
		{"a worked example, in the input's order", []float64{1.0 / 64, 1.0 / 16, 3.0 / 64, 1.0 / 128},
			[]float64{3.0 / 64, 3.0 / 32, 3.0 / 32, 1.0 / 32}},
		// Sorted .25, .5, .75: 3·.25 = .75; 2·.5 = 1; 1·.75 = .75 → 1.
		{"capped at 1, and monotone past the cap", []float64{.5, .25, .75}, []float64{1, .75, 1}},
		// 2·1/8 = 1/4; 1·1/8 = 1/8 → 1/4.
		{"equal p-values get equal adjusted ones", []float64{.125, .125}, []float64{.25, .25}},
		{"a family of one is not adjusted", []float64{.03}, []float64{.03}},
		{"no tests", nil, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Holm(tc.p))
		})
	}
}

func TestDrawsArePinned(t *testing.T) {
	// The generator and the index method are part of the signature's
	// promise: boot:1000@12345 draws these units on every platform and
	// release. Changing them changes every published interval.
	// The first resample of 10 units draws 4 9 9 8 9 4 9 2 3 0, the second
	// 4 6 3 2 6 2 6 8 3 1.
	d := newDrawer(12345, 10)
	assert.Equal(t, []int{4, 9, 9, 8, 9, 4, 9, 2, 3, 0}, drawn(d))
	assert.Equal(t, []int{4, 6, 3, 2, 6, 2, 6, 8, 3, 1}, drawn(d))
}

// drawn returns the units of d's next resample in the order drawn.
func drawn(d *drawer) []int {
	var out []int
	for _, u := range d.next() {
		out = append(out, int(u))
	}
	return out
}

func TestDrawsAreUniform(t *testing.T) {
	// 70,000 draws over 7 units: each count is 10,000 ± 5σ (σ = √(70000·⅐·⁶⁄₇) ≈ 92.6).
	const units, draws = 7, 70000
	d := newDrawer(1, units)
	count := make([]int, units)
	for i := 0; i < draws/units; i++ {
		for _, u := range d.next() {
			count[u]++
		}
	}
	for u, c := range count {
		assert.InDelta(t, draws/units, c, 5*92.6, "unit %d", u)
	}
}

// synthUnits scores n one-sentence units of four gold PER mentions each;
// right(i, k) says whether the system finds mention k of sentence i (the
// others it misses), and spurious(i) whether it adds a wrong LOC.
func synthUnits(n int, right func(i, k int) bool, spurious func(i int) bool) *Units {
	return UnitsOf(synthScores(n, right, spurious))
}

// synthScores are the unit scores of synthUnits.
func synthScores(n int, right func(i, k int) bool, spurious func(i int) bool) []metrics.DocScore {
	text, tok := corpustest.Tokens("قال", "بوتين", "و", "لافروف", "و", "بيسكوف", "و", "شويغو", "في", "موسكو")
	gold := []corpus.Mention{tok(1, 1, "PER"), tok(3, 3, "PER"), tok(5, 5, "PER"), tok(7, 7, "PER")}
	units := make([]metrics.DocScore, n)
	for i := range units {
		var pred []corpus.Mention
		for k, g := range gold {
			if right(i, k) {
				pred = append(pred, g)
			}
		}
		if spurious(i) {
			pred = append(pred, tok(9, 9, "LOC"))
		}
		units[i] = metrics.ScoreDoc(metrics.Doc{ID: fmt.Sprintf("s%d", i), Text: text, Gold: gold, Pred: pred})
	}
	return units
}

func TestPairedBootstrapOnSyntheticRuns(t *testing.T) {
	const n = 1000
	// The old system finds mentions 0 and 1 of every sentence and one more
	// in every third sentence, and adds a spurious LOC to every fifth.
	oldRight := func(i, k int) bool { return k < 2 || (k == 2 && i%3 == 0) }
	spur := func(i int) bool { return i%5 == 0 }
	old := synthUnits(n, oldRight, spur)
	boot := Bootstrap{Resamples: 1000, Seed: DefaultSeed}

	t.Run("one mention of 4,000 changed: p is large", func(t *testing.T) {
		new := synthUnits(n, func(i, k int) bool { return oldRight(i, k) || (i == 567 && k == 3) }, spur)
		pb, err := boot.Paired(old, new)
		require.NoError(t, err)
		// The change is in one sentence, drawn k ~ Binomial(n, 1/n) times
		// in a resample, so |δᵢ| ≈ k·δ and mean|δᵢ| ≈ δ: sᵢ ≥ δ roughly when
		// k ≥ 2. P(k ≥ 3) ≈ 0.08 and P(k = 2) ≈ 0.18, so p lies between
		// about 0.08 and 0.26, far from significance.
		d := pb.Schemes[metrics.SchemeStrict].Micro
		assert.Greater(t, d.Delta, 0.0)
		assert.Greater(t, d.P, Alpha, "one mention is noise")
		assert.False(t, d.Significant())
		assert.True(t, d.CI.Contains(0), "the interval %v holds 0", d.CI)
	})

	t.Run("a consistent large gain: p below 0.01", func(t *testing.T) {
		// The new system also finds mention 3 in every other sentence.
		new := synthUnits(n, func(i, k int) bool { return oldRight(i, k) || (k == 3 && i%2 == 0) }, spur)
		pb, err := boot.Paired(old, new)
		require.NoError(t, err)
		d := pb.Schemes[metrics.SchemeStrict].Micro
		assert.Less(t, d.P, 0.01)
		assert.True(t, d.Significant())
		assert.Greater(t, d.CI.Lo, 0.0, "the interval %v lies above 0", d.CI)
		// The observed difference: old COR = 2n + n/3 (rounded up: 334),
		// ACT = COR + n/5 spurious, POS = 4n; new COR adds n/2.
		// F1 = 2·COR/(ACT+POS).
		oc, nc := 2.0*n+334, 2.0*n+334+500
		want := 2*nc/(nc+200+4*n) - 2*oc/(oc+200+4*n)
		assert.InDelta(t, want, d.Delta, 1e-12)
		assert.True(t, d.CI.Contains(d.Delta))
		per := pb.Schemes[metrics.SchemeStrict].Types["PER"]
		assert.Less(t, per.P, 0.01)
		loc := pb.Schemes[metrics.SchemeStrict].Types["LOC"]
		assert.Equal(t, 0.0, loc.Delta, "LOC is only ever spurious, in both runs")
		assert.Equal(t, 1.0, loc.P)
	})

	t.Run("the same seed gives the same numbers, another seed others", func(t *testing.T) {
		new := synthUnits(n, func(i, k int) bool { return oldRight(i, k) || (k == 3 && i%7 == 0) }, spur)
		boot := Bootstrap{Resamples: 200, Seed: DefaultSeed}
		a, err := boot.Paired(old, new)
		require.NoError(t, err)
		b, err := boot.Paired(old, new)
		require.NoError(t, err)
		assert.Equal(t, a, b)
		c, err := Bootstrap{Resamples: 200, Seed: 7}.Paired(old, new)
		require.NoError(t, err)
		assert.Equal(t, a.Schemes[metrics.SchemeStrict].Micro.Delta, c.Schemes[metrics.SchemeStrict].Micro.Delta)
		assert.NotEqual(t, a.Schemes[metrics.SchemeStrict].Micro.CI, c.Schemes[metrics.SchemeStrict].Micro.CI)
	})

	t.Run("a run against itself: no difference, p = 1 everywhere", func(t *testing.T) {
		pb, err := boot.Paired(old, old)
		require.NoError(t, err)
		for _, s := range metrics.Schemes {
			ps := pb.Schemes[s]
			for _, d := range append([]Delta{ps.Micro, ps.Macro}, ps.Types["PER"], ps.Types["LOC"]) {
				assert.Equal(t, 0.0, d.Delta)
				assert.Equal(t, 1.0, d.P)
				assert.Equal(t, Interval{}, d.CI)
				assert.False(t, d.Significant())
			}
		}
	})
}

func TestPairedBootstrapRefusesUnpairedUnits(t *testing.T) {
	a := synthScores(3, func(int, int) bool { return true }, func(int) bool { return false })
	_, err := Bootstrap{}.Paired(UnitsOf(a), UnitsOf(a[:2]))
	assert.ErrorContains(t, err, "3 units in the old run, 2 in the new")
	b := append([]metrics.DocScore{}, a...)
	b[1].ID = "other"
	_, err = Bootstrap{}.Paired(UnitsOf(a), UnitsOf(b))
	assert.ErrorContains(t, err, `unit 2 is "s1" in the old run and "other" in the new`)
}

func TestBootstrapWithNoUnits(t *testing.T) {
	pb, err := Bootstrap{Resamples: 10}.Paired(NewUnits(), NewUnits())
	require.NoError(t, err)
	assert.Equal(t, 1.0, pb.Schemes[metrics.SchemeStrict].Micro.P)
	iv := Bootstrap{Resamples: 10}.Intervals(NewUnits())
	assert.Equal(t, Interval{}, iv.Schemes[metrics.SchemeStrict].Micro)
}

func TestIntervalsOnTheSeedCorpus(t *testing.T) {
	docs := metricstest.SeedDocs(t)
	r := metrics.Evaluate(docs, metrics.Options{})
	units := SentenceUnits(docs)
	assert.Greater(t, units.Len(), 100, "the seed corpus has well over a hundred sentences")
	assert.Less(t, units.Distinct(), units.Len(), "equal unit scores are stored once")
	boot := Bootstrap{Seed: DefaultSeed}
	x := boot.Intervals(units)
	assert.Equal(t, DefaultResamples, x.Resamples)
	assert.Equal(t, units.Len(), x.Units)
	assert.Equal(t, x, boot.Intervals(units), "the same seed gives the same intervals")
	for _, s := range metrics.Schemes {
		sr := r.Schemes[s]
		micro, ok := x.Overall(s, metrics.Micro)
		require.True(t, ok)
		assert.True(t, micro.Contains(sr.Micro.F1), "%s micro F1 %.4f in %v", s, sr.Micro.F1, micro)
		assert.Less(t, micro.Hi-micro.Lo, 0.2, "%s: 525 mentions pin the micro F1 well", s)
		macro, _ := x.Overall(s, metrics.Macro)
		assert.True(t, macro.Contains(sr.Macro.F1), "%s macro F1 %.4f in %v", s, sr.Macro.F1, macro)
		for _, row := range sr.Types {
			iv, ok := x.Type(s, row.Type)
			require.True(t, ok, "%s %s", s, row.Type)
			assert.LessOrEqual(t, iv.Lo, iv.Hi)
		}
	}
	_, ok := x.Type(metrics.SchemeStrict, "nope")
	assert.False(t, ok)
}

func TestPairedPointEstimatesEqualTheReports(t *testing.T) {
	// The observed F1s of the paired test, from summed unit tallies, are the
	// report's F1s, per type, micro and macro, under every scheme.
	docs := metricstest.SeedDocs(t)
	worse := make([]metrics.Doc, len(docs))
	for i, d := range docs {
		worse[i] = d
		worse[i].Pred = d.Pred[:len(d.Pred)/2]
	}
	oldU, newU := NewUnits(), NewUnits()
	for i, d := range docs {
		spans := SentenceSpans(d.Text, d.Gold, d.Pred, worse[i].Pred)
		for _, u := range SplitDoc(d, spans) {
			oldU.Add(metrics.ScoreDoc(u))
		}
		for _, u := range SplitDoc(worse[i], spans) {
			newU.Add(metrics.ScoreDoc(u))
		}
	}
	pb, err := Bootstrap{Resamples: 50}.Paired(oldU, newU)
	require.NoError(t, err)
	ro, rn := metrics.Evaluate(docs, metrics.Options{}), metrics.Evaluate(worse, metrics.Options{})
	for _, s := range metrics.Schemes {
		ps := pb.Schemes[s]
		assert.InDelta(t, ro.Schemes[s].Micro.F1, ps.Micro.Old, 1e-12)
		assert.InDelta(t, rn.Schemes[s].Micro.F1, ps.Micro.New, 1e-12)
		assert.InDelta(t, ro.Schemes[s].Macro.F1, ps.Macro.Old, 1e-12)
		assert.InDelta(t, rn.Schemes[s].Macro.F1, ps.Macro.New, 1e-12)
		for _, row := range ro.Schemes[s].Types {
			assert.InDelta(t, row.Score.F1, ps.Types[row.Type].Old, 1e-12, "%s %s", s, row.Type)
		}
		assert.True(t, ps.Micro.Significant(), "%s: halving the predictions is a real loss", s)
		assert.Less(t, ps.Micro.Delta, 0.0)
	}
}

func BenchmarkPairedBootstrap(b *testing.B) {
	units := SentenceUnits(metricstest.SeedDocs(b))
	b.Run(fmt.Sprintf("input=seed/units=%d/resamples=%d", units.Len(), DefaultResamples), func(b *testing.B) {
		b.ReportAllocs()
		for b.Loop() {
			if _, err := (Bootstrap{Seed: DefaultSeed}).Paired(units, units); err != nil {
				b.Fatal(err)
			}
		}
	})
}

func BenchmarkIntervals(b *testing.B) {
	for _, in := range benchInputs(b) {
		units := SentenceUnits(in.docs)
		b.Run(fmt.Sprintf("input=%s/units=%d/resamples=%d", in.name, units.Len(), DefaultResamples), func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				Bootstrap{Seed: DefaultSeed}.Intervals(units)
			}
		})
	}
}

// BenchmarkSentenceUnits measures the other half of what --ci adds to an
// eval: splitting documents into sentence units and scoring each.
func BenchmarkSentenceUnits(b *testing.B) {
	for _, in := range benchInputs(b) {
		b.Run("input="+in.name, func(b *testing.B) {
			b.ReportAllocs()
			for b.Loop() {
				SentenceUnits(in.docs)
			}
		})
	}
}

type benchInput struct {
	name string
	docs []metrics.Doc
}

// benchInputs are the seed set and the ANERcorp test split copied 60 times
// (55,500 sentences, 17 MB as a token file, the corpus of the --ci figure
// in docs/scale.md), each with degraded predictions.
func benchInputs(b *testing.B) []benchInput {
	set, err := dataset.Load("anercorp")
	require.NoError(b, err)
	one := metricstest.Degraded(set.Corpus, set.Gold)
	var many []metrics.Doc
	for range 60 {
		many = append(many, one...)
	}
	return []benchInput{{"seed", metricstest.SeedDocs(b)}, {"anercorp×60", many}}
}

// Guard against a NaN creeping into F1s of empty resamples.
func TestUnitTableScoresEmptySumsAsZero(t *testing.T) {
	tab := newUnitTable(nil, metrics.Schemes, []string{"PER"})
	out := make([]float64, tab.stats)
	tab.score(make([]int64, tab.width), out)
	for _, v := range out {
		assert.False(t, math.IsNaN(v))
		assert.Equal(t, 0.0, v)
	}
	assert.Equal(t, "1000@12345", Bootstrap{Seed: DefaultSeed}.Spec())
	assert.Equal(t, "20@0", Bootstrap{Resamples: 20}.Spec())
	assert.True(t, strings.HasPrefix(Bootstrap{Resamples: -1}.Spec(), "1000@"))
}
