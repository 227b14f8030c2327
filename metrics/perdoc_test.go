package metrics

import (
	"math/rand"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// fixtureDoc is the document of fixtureReport without entity ids: one place
// of every category under strict.
//
//	بوتين        PER gold, PER predicted             correct
//	سيرغي لافروف PER gold, "لافروف" PER predicted     wrong boundary
//	واشنطن       LOC gold, "وواشنطن" LOC predicted    wrong boundary (clitic: correct)
//	موسكو        LOC gold, ORG predicted             wrong type
//	البنتاغون    ORG gold, not predicted             missed
//	الأحد        DATE predicted, not gold             spurious
//	100 ألف      NUM gold, "100" DATE predicted       wrong type and boundary
func fixtureDoc(t *testing.T) Doc {
	t.Helper()
	text := "قال بوتين إن سيرغي لافروف زار وواشنطن ثم موسكو يوم الأحد وإن البنتاغون نشر 100 ألف جندي"
	return Doc{ID: "fixture", Text: text,
		Gold: []corpus.Mention{
			at(t, text, "بوتين", 0, "PER"),
			at(t, text, "سيرغي لافروف", 0, "PER"),
			at(t, text, "واشنطن", 0, "LOC"),
			at(t, text, "موسكو", 0, "LOC"),
			at(t, text, "البنتاغون", 0, "ORG"),
			at(t, text, "100 ألف", 0, "NUM"),
		},
		Pred: []corpus.Mention{
			at(t, text, "بوتين", 0, "PER"),
			at(t, text, "لافروف", 0, "PER"),
			at(t, text, "وواشنطن", 0, "LOC"),
			at(t, text, "موسكو", 0, "ORG"),
			at(t, text, "الأحد", 0, "DATE"),
			at(t, text, "100", 0, "DATE"),
		},
	}
}

func TestJudge(t *testing.T) {
	d := fixtureDoc(t)
	// want[s][i] is the category of gold i (0..5), then of the spurious
	// الأحد, under scheme s.
	cases := []struct {
		scheme Scheme
		want   []Category
	}{
		{SchemeStrict, []Category{Correct, WrongBoundary, WrongBoundary, WrongType, Missed, WrongBoth, Spurious}},
		// exact ignores the type: موسكو LOC/ORG has the same span.
		{SchemeExact, []Category{Correct, WrongBoundary, WrongBoundary, Correct, Missed, WrongBoth, Spurious}},
		// type ignores the span: لافروف and وواشنطن overlap with the right type.
		{SchemeType, []Category{Correct, Correct, Correct, WrongType, Missed, WrongBoth, Spurious}},
		// partial: only same spans are COR; the others are PAR, split as under strict.
		{SchemePartial, []Category{Correct, WrongBoundary, WrongBoundary, Correct, Missed, WrongBoth, Spurious}},
		// clitic: وواشنطن is واشنطن with the conjunction و.
		{SchemeClitic, []Category{Correct, WrongBoundary, Correct, WrongType, Missed, WrongBoth, Spurious}},
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
			assert.Equal(t, Pair{Gold: -1, Pred: 4}, js[6].Pair, "the spurious الأحد comes last")
		})
	}
}

func TestJudgeCliticEqualWrongType(t *testing.T) {
	// Under clitic a proclitic difference is no boundary error: وواشنطن ORG
	// for واشنطن LOC is a wrong type only; under strict it is both.
	text := "زار وواشنطن"
	d := Doc{Text: text, Gold: []corpus.Mention{at(t, text, "واشنطن", 0, "LOC")}, Pred: []corpus.Mention{at(t, text, "وواشنطن", 0, "ORG")}}
	assert.Equal(t, WrongType, Judge(SchemeClitic, d, nil)[0].Category)
	assert.Equal(t, WrongBoth, Judge(SchemeStrict, d, nil)[0].Category)
}

// noisy returns copies of docs whose predictions are the gold with a
// deterministic share of the mentions retyped, shortened, dropped or
// duplicated as a spurious neighbour.
func noisy(docs []Doc, seed int64) []Doc {
	rng := rand.New(rand.NewSource(seed))
	out := make([]Doc, len(docs))
	for i, d := range docs {
		d.Pred = nil
		for _, g := range d.Gold {
			m := g
			switch rng.Intn(6) {
			case 0:
				continue
			case 1:
				m.Type = corpus.ORG
			case 2:
				if m.End-m.Start > 2 {
					m.Start += 2 // one Arabic letter
				}
			case 3:
				d.Pred = append(d.Pred, corpus.Mention{Start: 0, End: 2, Type: corpus.DATE})
			}
			d.Pred = append(d.Pred, m)
		}
		out[i] = d
	}
	return out
}

func TestCategoriesAddUpToTallies(t *testing.T) {
	docs := noisy(seedGold(t), 7)
	for _, s := range []Scheme{SchemeStrict, SchemeExact, SchemeType, SchemePartial, SchemeClitic} {
		var n CategoryCounts
		var want Tally
		for _, d := range docs {
			ds := ScoreDoc(d)
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
	docs := noisy(seedGold(t), 3)
	r := Evaluate(docs, Options{})
	rows, err := PerDoc(r, SchemeStrict)
	require.NoError(t, err)
	require.Len(t, rows, len(docs))
	var sum Tally
	for i, row := range rows {
		assert.Equal(t, docs[i].ID, row.ID)
		assert.Equal(t, row.Tally.Score(), row.Score)
		sum.Add(row.Tally)
	}
	assert.Equal(t, r.Schemes[SchemeStrict].Total, sum, "the rows add up to the total")

	_, err = PerDoc(&Report{Schemes: map[Scheme]*SchemeReport{}}, SchemeExact)
	assert.ErrorContains(t, err, `"exact"`)
}

func TestPerDocFixture(t *testing.T) {
	r := Evaluate([]Doc{fixtureDoc(t)}, Options{})
	rows, err := PerDoc(r, SchemeStrict)
	require.NoError(t, err)
	// COR بوتين; INC لافروف, وواشنطن, موسكو, 100; MIS البنتاغون; SPU الأحد.
	// P = 1/6, R = 1/6.
	assert.Equal(t, Tally{COR: 1, INC: 4, MIS: 1, SPU: 1}, rows[0].Tally)
	assert.InDelta(t, 1.0/6, rows[0].Score.F1, 1e-12)
}

func TestGroupErrors(t *testing.T) {
	text := "زار موسكو ثم موسكو ثم\nالبنتاغون و  سيرغي   لافروف"
	docs := []Doc{
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
		judged[i] = Judge(SchemeStrict, d, nil)
	}
	groups := GroupErrors(docs, judged)
	require.Len(t, groups, 3, "موسكو LOC→ORG, البنتاغون missed, ثم spurious; the correct name is no error")
	assert.Equal(t, ErrorGroup{Category: WrongType, GoldType: "LOC", GoldText: "موسكو", PredType: "ORG", PredText: "موسكو",
		Places: []Place{{0, Pair{0, 0}}, {0, Pair{1, 1}}, {1, Pair{0, 0}}}}, groups[0], "three times, the most frequent first")
	assert.Equal(t, ErrorGroup{Category: Missed, GoldType: "ORG", GoldText: "البنتاغون", Places: []Place{{0, Pair{2, -1}}}}, groups[1],
		"one each: missed before spurious")
	assert.Equal(t, ErrorGroup{Category: Spurious, PredType: "DATE", PredText: "ثم", Places: []Place{{1, Pair{-1, 1}}}}, groups[2])
}

func TestGroupErrorsSpacing(t *testing.T) {
	// A name over a line break groups with the same name on one line.
	text := "سيرغي\nلافروف و سيرغي لافروف"
	d := Doc{Text: text, Gold: []corpus.Mention{at(t, text, "سيرغي\nلافروف", 0, "PER"), at(t, text, "سيرغي لافروف", 0, "PER")}}
	groups := GroupErrors([]Doc{d}, [][]Judgment{Judge(SchemeStrict, d, nil)})
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
