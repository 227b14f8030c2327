package erroranalysis

import (
	"math/rand"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/corpus/corpustest"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/metrics/metricstest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// at builds a mention over a text; see package corpustest.
var at = corpustest.At

func TestJudge(t *testing.T) {
	d := metricstest.FixtureDoc(t)
	// want[s][i] is the category of gold i (0..5), then of the spurious
	// الأحد, under scheme s.
	cases := []struct {
		scheme metrics.Scheme
		want   []Category
	}{
		{metrics.SchemeStrict, []Category{Correct, WrongBoundary, WrongBoundary, WrongType, Missed, WrongBoth, Spurious}},
		// exact ignores the type: موسكو LOC/ORG has the same span.
		{metrics.SchemeExact, []Category{Correct, WrongBoundary, WrongBoundary, Correct, Missed, WrongBoth, Spurious}},
		// type ignores the span: لافروف and وواشنطن overlap with the right type.
		{metrics.SchemeType, []Category{Correct, Correct, Correct, WrongType, Missed, WrongBoth, Spurious}},
		// partial: only same spans are COR; the others are PAR, split as under strict.
		{metrics.SchemePartial, []Category{Correct, WrongBoundary, WrongBoundary, Correct, Missed, WrongBoth, Spurious}},
		// clitic: وواشنطن is واشنطن with the conjunction و.
		{metrics.SchemeClitic, []Category{Correct, WrongBoundary, Correct, WrongType, Missed, WrongBoth, Spurious}},
	}
	for _, c := range cases {
		t.Run(string(c.scheme), func(t *testing.T) {
			js := Judge(c.scheme, d, nil)
			require.Len(t, js, 7)
			var got []Category
			for _, j := range js {
				got = append(got, j.Category)
			}
			assert.Equal(t, c.want, got)
			assert.Equal(t, metrics.Pair{Gold: -1, Pred: 4}, js[6].Pair, "the spurious الأحد comes last")
		})
	}
}

func TestJudgeCliticEqualWrongType(t *testing.T) {
	// Under clitic a proclitic difference is no boundary error: وواشنطن ORG
	// for واشنطن LOC is a wrong type only; under strict it is both.
	text := "زار وواشنطن"
	d := metrics.Doc{Text: text, Gold: []corpus.Mention{at(t, text, "واشنطن", 0, "LOC")}, Pred: []corpus.Mention{at(t, text, "وواشنطن", 0, "ORG")}}
	assert.Equal(t, WrongType, Judge(metrics.SchemeClitic, d, nil)[0].Category)
	assert.Equal(t, WrongBoth, Judge(metrics.SchemeStrict, d, nil)[0].Category)
}

// noisySeed is the seed corpus with its gold (metricstest.SeedDocs) and, as
// predictions, that gold made noisy with seed (corpustest.Noisy).
func noisySeed(t *testing.T, seed int64) []metrics.Doc {
	docs := metricstest.SeedDocs(t)
	rng := rand.New(rand.NewSource(seed))
	for i := range docs {
		docs[i].Pred = corpustest.Noisy(rng, docs[i].Gold)
	}
	return docs
}

func TestCategoriesAddUpToTallies(t *testing.T) {
	docs := noisySeed(t, 7)
	for _, s := range []metrics.Scheme{metrics.SchemeStrict, metrics.SchemeExact, metrics.SchemeType, metrics.SchemePartial, metrics.SchemeClitic} {
		var n CategoryCounts
		var want metrics.Tally
		for _, d := range docs {
			ds := metrics.ScoreDoc(d)
			n.Add(CountCategories(Judge(s, d, ds.Pairs)))
			want.Add(ds.Totals[s])
		}
		assert.Equal(t, want.COR, n[Correct], "%s: correct = COR", s)
		assert.Equal(t, want.INC+want.PAR, n.Wrong(), "%s: the three wrong categories = INC+PAR", s)
		assert.Equal(t, want.MIS, n[Missed], "%s: missed = MIS", s)
		assert.Equal(t, want.SPU, n[Spurious], "%s: spurious = SPU", s)
		assert.Greater(t, n.Wrong(), 0, "%s: the noise makes wrong pairs", s)
	}
}

func TestPerDoc(t *testing.T) {
	docs := noisySeed(t, 3)
	r := metrics.Evaluate(docs, metrics.Options{})
	rows, err := PerDoc(r, metrics.SchemeStrict)
	require.NoError(t, err)
	require.Len(t, rows, len(docs))
	var sum metrics.Tally
	for i, row := range rows {
		assert.Equal(t, docs[i].ID, row.ID)
		assert.Equal(t, row.Tally.Score(), row.Score)
		sum.Add(row.Tally)
	}
	assert.Equal(t, r.Schemes[metrics.SchemeStrict].Total, sum, "the rows add up to the total")

	_, err = PerDoc(&metrics.Report{Schemes: map[metrics.Scheme]*metrics.SchemeReport{}}, metrics.SchemeExact)
	assert.ErrorContains(t, err, `"exact"`)
}

func TestPerDocFixture(t *testing.T) {
	r := metrics.Evaluate([]metrics.Doc{metricstest.FixtureDoc(t)}, metrics.Options{})
	rows, err := PerDoc(r, metrics.SchemeStrict)
	require.NoError(t, err)
	// COR بوتين; INC لافروف, وواشنطن, موسكو, 100; MIS البنتاغون; SPU الأحد.
	// P = 1/6, R = 1/6.
	assert.Equal(t, metrics.Tally{COR: 1, INC: 4, MIS: 1, SPU: 1}, rows[0].Tally)
	assert.InDelta(t, 1.0/6, rows[0].Score.F1, 1e-12)
}

func TestGroupErrors(t *testing.T) {
	text := "زار موسكو ثم موسكو ثم\nالبنتاغون و  سيرغي   لافروف"
	docs := []metrics.Doc{
		{ID: "a", Text: text,
			Gold: []corpus.Mention{at(t, text, "موسكو", 0, "LOC"), at(t, text, "موسكو", 1, "LOC"), at(t, text, "البنتاغون", 0, "ORG"),
				at(t, text, "سيرغي   لافروف", 0, "PER")},
			Pred: []corpus.Mention{at(t, text, "موسكو", 0, "ORG"), at(t, text, "موسكو", 1, "ORG"), at(t, text, "سيرغي   لافروف", 0, "PER")}},
		{ID: "b", Text: text,
			Gold: []corpus.Mention{at(t, text, "موسكو", 0, "LOC")},
			Pred: []corpus.Mention{at(t, text, "موسكو", 0, "ORG"), at(t, text, "ثم", 0, "DATE")}},
	}
	judged := make([][]Judgment, len(docs))
	for i, d := range docs {
		judged[i] = Judge(metrics.SchemeStrict, d, nil)
	}
	groups := GroupErrors(docs, judged)
	require.Len(t, groups, 3, "موسكو LOC→ORG, البنتاغون missed, ثم spurious; the correct name is no error")
	assert.Equal(t, Group{Category: WrongType, GoldType: "LOC", GoldText: "موسكو", PredType: "ORG", PredText: "موسكو",
		Places: []Place{{0, metrics.Pair{Gold: 0, Pred: 0}}, {0, metrics.Pair{Gold: 1, Pred: 1}}, {1, metrics.Pair{Gold: 0, Pred: 0}}}}, groups[0], "three times, the most frequent first")
	assert.Equal(t, Group{Category: Missed, GoldType: "ORG", GoldText: "البنتاغون", Places: []Place{{0, metrics.Pair{Gold: 2, Pred: -1}}}}, groups[1],
		"one each: missed before spurious")
	assert.Equal(t, Group{Category: Spurious, PredType: "DATE", PredText: "ثم", Places: []Place{{1, metrics.Pair{Gold: -1, Pred: 1}}}}, groups[2])
}

func TestGroupErrorsSpacing(t *testing.T) {
	// A name over a line break groups with the same name on one line.
	text := "سيرغي\nلافروف و سيرغي لافروف"
	d := metrics.Doc{Text: text, Gold: []corpus.Mention{at(t, text, "سيرغي\nلافروف", 0, "PER"), at(t, text, "سيرغي لافروف", 0, "PER")}}
	groups := GroupErrors([]metrics.Doc{d}, [][]Judgment{Judge(metrics.SchemeStrict, d, nil)})
	require.Len(t, groups, 1)
	assert.Equal(t, "سيرغي لافروف", groups[0].GoldText)
	assert.Len(t, groups[0].Places, 2)
}

func TestCategoryNames(t *testing.T) {
	var names, keys []string
	for _, c := range Categories {
		names = append(names, c.String())
		keys = append(keys, c.Key())
	}
	assert.Equal(t, []string{"correct", "wrong type", "wrong boundary", "wrong type and boundary", "missed", "spurious"}, names)
	assert.Equal(t, []string{"correct", "type", "boundary", "both", "missed", "spurious"}, keys)
	assert.Equal(t, "Category(9)", Category(9).String())
}
