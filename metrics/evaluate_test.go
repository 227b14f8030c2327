package metrics

import (
	"math"
	"math/rand"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/signature"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedGold builds gold mentions on the embedded seed documents by finding
// names in their text: every occurrence of a few place and person names, and
// the digits of a number. It is not the project's gold, only a realistic set
// of spans over real text.
func seedGold(t *testing.T) []Doc {
	t.Helper()
	names := []struct{ text, typ, entity string }{
		{"موسكو", corpus.LOC, "kb:moscow"},
		{"واشنطن", corpus.LOC, "kb:washington"},
		{"بوتين", corpus.PER, "kb:vladimir-putin"},
		{"البنتاغون", corpus.ORG, "kb:pentagon"},
	}
	var docs []Doc
	for _, d := range corpus.Seed().Documents {
		doc := Doc{ID: d.ID, Text: d.Text}
		for _, n := range names {
			for i := 0; i < strings.Count(d.Text, n.text); i++ {
				m := at(t, d.Text, n.text, i, n.typ)
				m.Entity = n.entity
				doc.Gold = append(doc.Gold, m)
			}
		}
		if strings.Contains(d.Text, "2019") {
			m := at(t, d.Text, "2019", 0, corpus.NUM)
			m.Value = "2019"
			doc.Gold = append(doc.Gold, m)
		}
		docs = append(docs, doc)
	}
	total := 0
	for _, d := range docs {
		total += len(d.Gold)
	}
	require.Greater(t, total, 20, "the seed documents should mention these names")
	return docs
}

// assertScoresFinite checks that no score of the report is NaN or outside
// [0,1].
func assertScoresFinite(t *testing.T, r *Report) {
	t.Helper()
	check := func(what string, s Score) {
		for _, x := range []float64{s.Precision, s.Recall, s.F1} {
			assert.False(t, math.IsNaN(x) || math.IsInf(x, 0) || x < 0 || x > 1, "%s: %v", what, s)
		}
	}
	for _, sc := range Schemes {
		sr := r.Schemes[sc]
		check(string(sc)+" micro", sr.Micro)
		check(string(sc)+" macro", sr.Macro)
		for _, row := range sr.Types {
			check(string(sc)+" "+row.Type, row.Score)
		}
	}
	if r.Linking != nil {
		check("linking", r.Linking.Score)
	}
}

func TestGoldAgainstItselfScoresOneEverywhere(t *testing.T) {
	docs := seedGold(t)
	for i := range docs {
		docs[i].Pred = docs[i].Gold
	}
	r := Evaluate(docs, Options{})
	one := func(what string, s Score) {
		assert.Equal(t, 1.0, s.Precision, what)
		assert.Equal(t, 1.0, s.Recall, what)
		assert.Equal(t, 1.0, s.F1, what)
	}
	for _, sc := range Schemes {
		sr := r.Schemes[sc]
		one(string(sc)+" micro", sr.Micro)
		one(string(sc)+" macro", sr.Macro)
		require.Len(t, sr.Types, 4)
		for _, row := range sr.Types {
			one(string(sc)+" "+row.Type, row.Score)
		}
	}
	require.NotNil(t, r.Linking)
	one("linking", r.Linking.Score)
	require.NotNil(t, r.Values)
	assert.Equal(t, 1.0, r.Values.Accuracy)
	assert.Positive(t, r.Values.Tally.Matched)
}

func TestSumAddsUpAsSummarize(t *testing.T) {
	// The seed documents with every other mention predicted, one retyped:
	// a Sum fed one document at a time reports what Summarize does, without
	// the per-document scores.
	docs := seedGold(t)
	for i := range docs {
		for k, m := range docs[i].Gold {
			if k%2 == 0 {
				if k%4 == 0 {
					m.Type = "MISC"
				}
				docs[i].Pred = append(docs[i].Pred, m)
			}
		}
	}
	scores := make([]DocScore, len(docs))
	sum := NewSum()
	for i, d := range docs {
		scores[i] = ScoreDoc(d)
		sum.Add(scores[i])
	}
	want := Summarize(scores, Options{Signature: signature.Signature{Gold: "g"}})
	want.Docs = nil
	assert.Equal(t, want, sum.Report(Options{Signature: signature.Signature{Gold: "g"}}))
	assert.Contains(t, want.Types, "MISC")
	empty := NewSum().Report(Options{})
	assert.Empty(t, empty.Types, "no units: no types")
	assert.Len(t, empty.Schemes, len(Schemes))
	assert.Equal(t, Summarize(nil, Options{}), empty)
}

func TestEmptyPredictionsGiveZeroRecallAndNoNaN(t *testing.T) {
	docs := seedGold(t)
	r := Evaluate(docs, Options{})
	gold := 0
	for _, d := range docs {
		gold += len(d.Gold)
	}
	for _, sc := range Schemes {
		sr := r.Schemes[sc]
		assert.Equal(t, Tally{MIS: gold}, sr.Total, sc)
		assert.Zero(t, sr.Micro.Recall, sc)
		assert.Zero(t, sr.Micro.Precision, sc)
		assert.Zero(t, sr.Micro.F1, sc)
		assert.Zero(t, sr.Macro.F1, sc)
		assert.Equal(t, gold, sr.Macro.Support, sc)
	}
	assert.Nil(t, r.Linking, "no prediction carries an entity id")
	assert.Nil(t, r.Values, "no prediction carries a value")
	assertScoresFinite(t, r)

	empty := Evaluate(nil, Options{})
	assert.Empty(t, empty.Types)
	assertScoresFinite(t, empty)
}

// TestShiftByOneCharacter moves every gold span one character (code point) to
// the right. No span is equal any more, but every pair still overlaps with
// the right type:
//
//	strict, exact, clitic  COR 0        → P = R = 0
//	type                   COR n        → P = R = n/n = 1
//	partial                PAR n        → P = R = 0.5·n/n = 0.5
func TestShiftByOneCharacter(t *testing.T) {
	docs := seedGold(t)
	n := 0
	for i, d := range docs {
		for _, g := range d.Gold {
			_, first := utf8.DecodeRuneInString(d.Text[g.Start:])
			_, next := utf8.DecodeRuneInString(d.Text[g.End:])
			p := g
			p.Start, p.End = g.Start+first, g.End+next
			docs[i].Pred = append(docs[i].Pred, p)
			n++
		}
	}
	r := Evaluate(docs, Options{})
	for _, sc := range []Scheme{SchemeStrict, SchemeExact, SchemeClitic} {
		assert.Equal(t, Tally{INC: n}, tallyOf(r, sc), sc)
		assert.Zero(t, r.Schemes[sc].Micro.F1, sc)
	}
	assert.Equal(t, Tally{COR: n}, tallyOf(r, SchemeType))
	assert.Equal(t, 1.0, r.Schemes[SchemeType].Micro.F1)
	assert.Equal(t, Tally{PAR: n}, tallyOf(r, SchemePartial))
	assert.Equal(t, 0.5, r.Schemes[SchemePartial].Micro.F1)
	assert.Positive(t, r.Schemes[SchemePartial].Micro.F1)
}

func TestWawOutsideWashingtonIsCorrectOnlyUnderClitic(t *testing.T) {
	var text string
	for _, d := range corpus.Seed().Documents {
		if strings.Contains(d.Text, "وواشنطن") {
			text = d.Text
			break
		}
	}
	require.NotEmpty(t, text, "a seed document writes وواشنطن")
	pred := at(t, text, "وواشنطن", 0, corpus.LOC)
	gold := pred
	gold.Start += len("و")
	gold.Text = text[gold.Start:gold.End]
	require.Equal(t, "واشنطن", gold.Text)

	r := Evaluate([]Doc{{ID: "seed", Text: text, Gold: []corpus.Mention{gold}, Pred: []corpus.Mention{pred}}}, Options{})
	assert.Zero(t, r.Schemes[SchemeStrict].Micro.F1)
	assert.Equal(t, Tally{INC: 1}, tallyOf(r, SchemeStrict))
	assert.Equal(t, 1.0, r.Schemes[SchemeClitic].Micro.F1)
	assert.Equal(t, Tally{COR: 1}, tallyOf(r, SchemeClitic))
}

func TestCliticScheme(t *testing.T) {
	tests := []struct {
		name       string
		text       string
		gold, pred string // substrings of text; the first occurrence
		goldType   string
		predType   string
		want       Outcome
	}{
		{"proclitic wa outside", "قال في وواشنطن امس", "واشنطن", "وواشنطن", "LOC", "LOC", COR},
		{"gold with the proclitic, prediction without", "قال في وواشنطن امس", "وواشنطن", "واشنطن", "LOC", "LOC", COR},
		{"stack wa-bi", "وبموسكو اجتمعوا", "موسكو", "وبموسكو", "LOC", "LOC", COR},
		{"stack fa-bi", "فبموسكو اجتمعوا", "موسكو", "فبموسكو", "LOC", "LOC", COR},
		{"stack wa-ka", "وكموسكو مدينة", "موسكو", "وكموسكو", "LOC", "LOC", COR},
		{"stack wa-li-li keeps the name's own lam", "وللبنان حق", "لبنان", "وللبنان", "LOC", "LOC", COR},
		{"proclitic li before a name starting with ba", "لبوتين قال", "بوتين", "لبوتين", "PER", "PER", COR},
		{"proclitic with a fatha", "وَواشنطن", "واشنطن", "وَواشنطن", "LOC", "LOC", COR},
		{"four letters are not a stack", "وفلبموسكو", "موسكو", "وفلبموسكو", "LOC", "LOC", INC},
		{"the article is not a proclitic", "الموسكو", "موسكو", "الموسكو", "LOC", "LOC", INC},
		{"another type", "وواشنطن", "واشنطن", "وواشنطن", "LOC", "ORG", INC},
		{"different ends", "وواشنطن وموسكو", "واشنطن", "وواشنطن وموسكو", "LOC", "LOC", INC},
		{"same span", "واشنطن", "واشنطن", "واشنطن", "LOC", "LOC", COR},
		{"a space is not a proclitic", "في واشنطن", "واشنطن", " واشنطن", "LOC", "LOC", INC},
		{"latin letters are not proclitics", "xواشنطن", "واشنطن", "xواشنطن", "LOC", "LOC", INC},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			g := at(t, tc.text, tc.gold, 0, tc.goldType)
			p := at(t, tc.text, tc.pred, 0, tc.predType)
			assert.Equal(t, tc.want, Classify(SchemeClitic, tc.text, g, p))
			if g.Start != p.Start || g.End != p.End {
				assert.Equal(t, INC, Classify(SchemeStrict, tc.text, g, p), "strict never forgives a clitic")
			}
		})
	}
}

func TestCliticNeedsTheTextInRange(t *testing.T) {
	g := corpus.Mention{Start: 2, End: 14, Type: "LOC"}
	p := corpus.Mention{Start: 0, End: 14, Type: "LOC"}
	assert.Equal(t, INC, Classify(SchemeClitic, "", g, p), "without text clitic scores as strict")
	assert.Equal(t, INC, Classify(SchemeClitic, "وو", g, p), "span past the end of the text")
	bad := corpus.Mention{Start: -2, End: 14, Type: "LOC"}
	assert.Equal(t, INC, Classify(SchemeClitic, "وواشنطن", g, bad))
}

// TestMistypedPredictionIsMissedAndSpuriousPerType: gold PER "بوتين" is
// predicted as LOC with the right span, gold LOC "موسكو" is predicted right.
// Per-type rows match each type's mentions alone, as nervaluate does, so
// under every scheme:
//
//	PER row: MIS 1 (no PER prediction), POS 1, ACT 0        → P 0, R 0
//	LOC row: COR 1 (موسكو), SPU 1 (بوتين as LOC), ACT 2    → P 1/2, R 1/1
//
// Overall the pair is matched once: strict COR 1, INC 1 (P = R = 1/2); exact
// COR 2. Strict macro: P (0 + 0.5)/2 = 0.25, R (0 + 1)/2 = 0.5, F1 (0 +
// 2/3)/2 = 1/3. These per-type numbers are also conlleval's: PER found 1
// guessed 0 correct 0; LOC found 1 guessed 2 correct 1.
func TestMistypedPredictionIsMissedAndSpuriousPerType(t *testing.T) {
	text := "التقى بوتين في موسكو"
	putin, moscow := at(t, text, "بوتين", 0, "PER"), at(t, text, "موسكو", 0, "LOC")
	asLoc := putin
	asLoc.Type = "LOC"
	r := Evaluate([]Doc{{Text: text, Gold: []corpus.Mention{putin, moscow}, Pred: []corpus.Mention{asLoc, moscow}}}, Options{})

	for _, s := range Schemes {
		per, loc := row(t, r, s, "PER"), row(t, r, s, "LOC")
		assert.Equal(t, Tally{MIS: 1}, per.Tally, s)
		assert.Equal(t, Score{Support: 1}, per.Score, s)
		assert.Equal(t, Tally{COR: 1, SPU: 1}, loc.Tally, s)
		assert.Equal(t, 0.5, loc.Score.Precision, s)
		assert.Equal(t, 1.0, loc.Score.Recall, s)
	}

	sr := r.Schemes[SchemeStrict]
	assert.Equal(t, Tally{COR: 1, INC: 1}, sr.Total)
	assert.Equal(t, 0.5, sr.Micro.Precision)
	assert.Equal(t, 0.5, sr.Micro.Recall)
	assert.InDelta(t, 0.25, sr.Macro.Precision, 1e-12)
	assert.InDelta(t, 0.5, sr.Macro.Recall, 1e-12)
	assert.InDelta(t, 1.0/3, sr.Macro.F1, 1e-12)
	assert.Equal(t, Tally{COR: 2}, r.Schemes[SchemeExact].Total)
}

// TestWeightedAverageWeighsBySupport: seqeval's "weighted avg". Gold: three
// LOC and one PER; predicted: the three LOC right, the PER missed, and a
// spurious DATE.
//
//	LOC  P 1 R 1 F1 1, support 3;  PER P 0 R 0 F1 0, support 1;
//	DATE P 0 R 0 F1 0, support 0 (weighs nothing)
//	weighted P = (1·3 + 0·1 + 0·0)/4 = 0.75, R = 0.75, F1 = 0.75
//	macro    P = (1 + 0 + 0)/3 = 1/3
func TestWeightedAverageWeighsBySupport(t *testing.T) {
	text := "زار بوتين موسكو وكييف ومينسك امس"
	gold := []corpus.Mention{at(t, text, "بوتين", 0, "PER"), at(t, text, "موسكو", 0, "LOC"),
		at(t, text, "كييف", 0, "LOC"), at(t, text, "مينسك", 0, "LOC")}
	pred := []corpus.Mention{gold[1], gold[2], gold[3], at(t, text, "امس", 0, "DATE")}
	r := Evaluate([]Doc{{Text: text, Gold: gold, Pred: pred}}, Options{})
	sr := r.Schemes[SchemeStrict]
	assert.Equal(t, Score{Precision: 0.75, Recall: 0.75, F1: 0.75, Support: 4}, sr.Weighted)
	assert.InDelta(t, 1.0/3, sr.Macro.Precision, 1e-15)
}

// TestMacroAveragesOverTypesInGoldOrPredictions: gold has one PER, found;
// the extractor also predicts a DATE that is not there. Types = {PER, DATE}
// (seqeval's choice: labels of the gold or the predictions); ORG, in neither,
// is not averaged.
//
//	PER  P 1 R 1 F1 1;  DATE P 0 R 0 F1 0  →  macro P = R = F1 = 0.5
//	micro: COR 1, SPU 1 → P 1/2, R 1/1, F1 2/3
func TestMacroAveragesOverTypesInGoldOrPredictions(t *testing.T) {
	text := "التقى بوتين امس"
	putin := at(t, text, "بوتين", 0, "PER")
	spurious := at(t, text, "امس", 0, "DATE")
	r := Evaluate([]Doc{{Text: text, Gold: []corpus.Mention{putin}, Pred: []corpus.Mention{putin, spurious}}}, Options{})
	assert.Equal(t, []string{"PER", "DATE"}, r.Types)
	sr := r.Schemes[SchemeStrict]
	assert.Equal(t, Score{Precision: 0.5, Recall: 0.5, F1: 0.5, Support: 1}, sr.Macro)
	assert.Equal(t, 0.5, sr.Micro.Precision)
	assert.Equal(t, 1.0, sr.Micro.Recall)
	assert.InDelta(t, 2.0/3, sr.Micro.F1, 1e-12)
}

// TestLinkingCountsIDSetsPerDocument:
//
//	doc a: gold {moscow, putin} (moscow twice), predicted {moscow, kyiv} → TP 1, FP 1, FN 1
//	doc b: gold {moscow}, predicted {} (a prediction without an id)     → TP 0, FP 0, FN 1
//	P = 1/(1+1) = 0.5, R = 1/(1+2) = 1/3, F1 = 2·0.5·(1/3)/(0.5+1/3) = 0.4
func TestLinkingCountsIDSetsPerDocument(t *testing.T) {
	m := func(entity string) corpus.Mention { return corpus.Mention{Type: "LOC", Entity: entity} }
	docs := []Doc{
		{ID: "a", Gold: []corpus.Mention{m("kb:moscow"), m("kb:moscow"), m("kb:vladimir-putin")}, Pred: []corpus.Mention{m("kb:moscow"), m(" kb:kyiv ")}},
		{ID: "b", Gold: []corpus.Mention{m("kb:moscow")}, Pred: []corpus.Mention{m("")}},
	}
	r := Evaluate(docs, Options{})
	require.NotNil(t, r.Linking)
	assert.Equal(t, LinkTally{TP: 1, FP: 1, FN: 2, Linked: 2}, r.Linking.Tally)
	assert.InDelta(t, 0.5, r.Linking.Score.Precision, 1e-12)
	assert.InDelta(t, 1.0/3, r.Linking.Score.Recall, 1e-12)
	assert.InDelta(t, 0.4, r.Linking.Score.F1, 1e-12)
	assert.Equal(t, 3, r.Linking.Score.Support)
}

// TestValueAccuracyOverStrictNUMMatches:
//
//	"100 ألف" gold 100000, predicted "100000.0"   strict match, same number  → correct
//	"مليونان" gold 2000000, predicted "200000"     strict match, other number → wrong
//	"تسعين"   gold 90, predicted without a value  not counted
//	"14 ألف"  gold 14000, predicted span "14" with value 14000: not a strict match → not counted
//	accuracy = 1/2; carried = 3 predictions with a value
func TestValueAccuracyOverStrictNUMMatches(t *testing.T) {
	text := "نشر 100 ألف جندي و مليونان و تسعين طنا و 14 ألف"
	num := func(sub, value string) corpus.Mention {
		m := at(t, text, sub, 0, corpus.NUM)
		m.Value = value
		return m
	}
	gold := []corpus.Mention{num("100 ألف", "100000"), num("مليونان", "2000000"), num("تسعين", "90"), num("14 ألف", "14000")}
	pred := []corpus.Mention{num("100 ألف", "100000.0"), num("مليونان", "200000"), num("تسعين", ""), num("14", "14000")}
	r := Evaluate([]Doc{{Text: text, Gold: gold, Pred: pred}}, Options{})
	require.NotNil(t, r.Values)
	assert.Equal(t, ValueTally{Matched: 2, Correct: 1, Carried: 3}, r.Values.Tally)
	assert.Equal(t, 0.5, r.Values.Accuracy)
}

func TestSameValue(t *testing.T) {
	tests := []struct {
		name       string
		gold, pred string
		want       bool
	}{
		{"same digits", "100000", "100000", true},
		{"surrounding space is trimmed", "100000", " 100000\n", true},
		{"trailing zeros of a fraction", "2.5", "2.50", true},
		{"integer and .0", "90", "90.0", true},
		{"leading zeros", "007", "7", true},
		{"plus sign", "7", "+7", true},
		{"negative", "-3", "-3", true},
		{"different numbers", "2000000", "200000", false},
		{"arabic-indic digits are not ascii", "100", "١٠٠", false},
		{"thousands separators are not allowed", "100000", "100,000", false},
		{"exponent is not allowed", "1000", "1e3", false},
		{"fractions are not allowed", "0.5", "1/2", false},
		{"empty", "", "", false},
		{"two signs", "5", "--5", false},
		{"a lone dot", ".", ".", false},
		{"two dots", "1.2.3", "1.2.3", false},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, SameValue(tc.gold, tc.pred))
		})
	}
}

// randomDoc makes a document of n ASCII bytes with random gold and predicted
// mentions, some identical, some shifted, some mistyped, some stray.
func randomDoc(rng *rand.Rand, id string) Doc {
	n := 40 + rng.Intn(40)
	text := strings.Repeat("x", n)
	types := []string{"PER", "ORG", "LOC"}
	span := func() corpus.Mention {
		s := rng.Intn(n - 1)
		e := s + 1 + rng.Intn(min(8, n-s))
		return corpus.Mention{Start: s, End: e, Type: types[rng.Intn(len(types))]}
	}
	d := Doc{ID: id, Text: text}
	for i := rng.Intn(8); i > 0; i-- {
		g := span()
		d.Gold = append(d.Gold, g)
		switch rng.Intn(4) {
		case 0:
			d.Pred = append(d.Pred, g)
		case 1:
			p := g
			p.Type = types[rng.Intn(len(types))]
			d.Pred = append(d.Pred, p)
		case 2:
			p := g
			p.End = min(n, p.End+1)
			d.Pred = append(d.Pred, p)
		}
	}
	for i := rng.Intn(3); i > 0; i-- {
		d.Pred = append(d.Pred, span())
	}
	return d
}

func TestAlignIsOneToOneMaximalAndOrderFree(t *testing.T) {
	rng := rand.New(rand.NewSource(7))
	for i := 0; i < 300; i++ {
		d := randomDoc(rng, "r")
		pairs := Align(d.Gold, d.Pred)
		goldSeen, predSeen := make([]int, len(d.Gold)), make([]int, len(d.Pred))
		for _, p := range pairs {
			if p.Gold >= 0 {
				goldSeen[p.Gold]++
			}
			if p.Pred >= 0 {
				predSeen[p.Pred]++
			}
			if p.Gold >= 0 && p.Pred >= 0 {
				g, q := d.Gold[p.Gold], d.Pred[p.Pred]
				require.True(t, g.Overlaps(q) || (g.Start == q.Start && g.End == q.End), "paired %v with %v", g, q)
			}
		}
		for _, c := range goldSeen {
			require.Equal(t, 1, c, "every gold mention appears once")
		}
		for _, c := range predSeen {
			require.Equal(t, 1, c, "every prediction appears once")
		}
		for _, a := range pairs {
			if a.Pred >= 0 {
				continue
			}
			for _, b := range pairs {
				if b.Gold < 0 {
					require.False(t, d.Gold[a.Gold].Overlaps(d.Pred[b.Pred]), "a missed and a spurious mention overlap")
				}
			}
		}

		// Shuffling the input changes indices, not tallies.
		want := ScoreDoc(d).Tallies
		shuffled := d
		shuffled.Gold = append([]corpus.Mention(nil), d.Gold...)
		shuffled.Pred = append([]corpus.Mention(nil), d.Pred...)
		rng.Shuffle(len(shuffled.Gold), func(i, j int) { shuffled.Gold[i], shuffled.Gold[j] = shuffled.Gold[j], shuffled.Gold[i] })
		rng.Shuffle(len(shuffled.Pred), func(i, j int) { shuffled.Pred[i], shuffled.Pred[j] = shuffled.Pred[j], shuffled.Pred[i] })
		require.Equal(t, want, ScoreDoc(shuffled).Tallies)
		require.Equal(t, ScoreDoc(d).Totals, ScoreDoc(shuffled).Totals)
	}
}

func TestTalliesAddUpOverUnits(t *testing.T) {
	rng := rand.New(rand.NewSource(11))
	var docs []Doc
	for i := 0; i < 50; i++ {
		docs = append(docs, randomDoc(rng, "d"))
	}
	r := Evaluate(docs, Options{})
	assertScoresFinite(t, r)
	for _, sc := range Schemes {
		sum := TypeTallies{}
		var total Tally
		for _, ds := range r.Docs {
			sum.Add(ds.Tallies[sc])
			total.Add(ds.Totals[sc])
		}
		assert.Equal(t, total, r.Schemes[sc].Total, sc)
		for _, row := range r.Schemes[sc].Types {
			assert.Equal(t, sum[row.Type], row.Tally, "%s %s", sc, row.Type)
		}
		// POS and ACT do not depend on the scheme: every gold mention and
		// every prediction is counted once.
		assert.Equal(t, r.Schemes[SchemeStrict].Total.POS(), r.Schemes[sc].Total.POS(), sc)
		assert.Equal(t, r.Schemes[SchemeStrict].Total.ACT(), r.Schemes[sc].Total.ACT(), sc)
	}
	// Summarizing the units again, in two halves, gives the same report.
	again := Summarize(append(append([]DocScore(nil), r.Docs[:25]...), r.Docs[25:]...), Options{})
	assert.Equal(t, r.Schemes, again.Schemes)
}

func TestParseScheme(t *testing.T) {
	for _, s := range Schemes {
		got, err := ParseScheme(strings.ToUpper(string(s)))
		require.NoError(t, err)
		assert.Equal(t, s, got)
	}
	got, err := ParseScheme("ent_type")
	require.NoError(t, err)
	assert.Equal(t, SchemeType, got)
	_, err = ParseScheme("lenient")
	assert.ErrorContains(t, err, "unknown scheme")
}

func TestOutcomeNames(t *testing.T) {
	assert.Equal(t, []string{"COR", "INC", "PAR", "MIS", "SPU", "Outcome(0)"},
		[]string{COR.String(), INC.String(), PAR.String(), MIS.String(), SPU.String(), Outcome(0).String()})
}

// TestChainOfOverlapsPairsAsNervaluate: four ANERcorp tokens, gold
// [أبو فارس]PER [وأبو السكر]PER, predicted [أبو]PER [فارس وأبو]PER. The first
// prediction takes the first gold mention; the second overlaps it too, but it
// is taken, so it takes the second. nervaluate 1.1.0: ent_type COR 2, strict
// INC 2, partial PAR 2.
func TestChainOfOverlapsPairsAsNervaluate(t *testing.T) {
	text := "أبو فارس وأبو السكر"
	gold := []corpus.Mention{at(t, text, "أبو فارس", 0, "PER"), at(t, text, "وأبو السكر", 0, "PER")}
	pred := []corpus.Mention{at(t, text, "أبو", 0, "PER"), at(t, text, "فارس وأبو", 0, "PER")}
	r := Evaluate([]Doc{{Text: text, Gold: gold, Pred: pred}}, Options{})
	assert.Equal(t, Tally{COR: 2}, r.Schemes[SchemeType].Total)
	assert.Equal(t, Tally{INC: 2}, r.Schemes[SchemeStrict].Total)
	assert.Equal(t, Tally{PAR: 2}, r.Schemes[SchemePartial].Total)
}

// TestBagSchemeComparesMultisetsOfTexts: gold LOC موسكو twice and PER بوتين;
// a model names LOC موسكو three times (two placed, one surplus), ORG بوتين
// and PER لافروف (absent from the text). Keys are (type, folded text):
//
//	gold {LOC موسكو ×2, PER بوتين}; predicted {LOC موسكو ×3, ORG بوتين, PER لافروف}
//	COR = min(2, 3) = 2, SPU = 5 − 2 = 3, MIS = 3 − 2 = 1 → P 2/5, R 2/3
//
// Under strict the surplus and the absent strings are SPU too: the placed
// موسكو ×2 are COR, the ORG بوتين is INC, SPU 2 → P 2/5, R 2/3.
func TestBagSchemeComparesMultisetsOfTexts(t *testing.T) {
	text := "زار بوتين موسكو ثم عاد إلى موسكو"
	gold := []corpus.Mention{at(t, text, "بوتين", 0, "PER"), at(t, text, "موسكو", 0, "LOC"), at(t, text, "موسكو", 1, "LOC")}
	putinOrg := gold[0]
	putinOrg.Type = "ORG"
	d := Doc{
		Text: text, Gold: gold,
		Pred: []corpus.Mention{gold[1], gold[2], putinOrg},
		Unplaced: []corpus.Mention{{Start: -1, End: -1, Type: "LOC", Text: "موسكو"},
			{Start: -1, End: -1, Type: "PER", Text: "لافروف"}},
	}
	r := Evaluate([]Doc{d}, Options{})
	assert.Equal(t, Tally{COR: 2, MIS: 1, SPU: 3}, r.Schemes[SchemeBag].Total)
	assert.InDelta(t, 0.4, r.Schemes[SchemeBag].Micro.Precision, 1e-15)
	assert.InDelta(t, 2.0/3, r.Schemes[SchemeBag].Micro.Recall, 1e-15)
	assert.Equal(t, Tally{COR: 2, INC: 1, SPU: 2}, r.Schemes[SchemeStrict].Total)
	loc := row(t, r, SchemeBag, "LOC")
	assert.Equal(t, Tally{COR: 2, SPU: 1}, loc.Tally)
	per := row(t, r, SchemeStrict, "PER")
	assert.Equal(t, Tally{MIS: 1, SPU: 1}, per.Tally, "the absent PER string is spurious in its type's row")

	// Folding makes spelling variants one key.
	d.Pred, d.Unplaced = nil, []corpus.Mention{{Start: -1, End: -1, Type: "PER", Text: " بُوتين"}}
	assert.Equal(t, Tally{MIS: 3, SPU: 1}, Evaluate([]Doc{d}, Options{}).Schemes[SchemeBag].Total)
	d.Fold = func(s string) string { return strings.ReplaceAll(s, "\u064f", "") }
	assert.Equal(t, Tally{COR: 1, MIS: 2}, Evaluate([]Doc{d}, Options{}).Schemes[SchemeBag].Total)
}

// TestEdgeInvisiblesAreNotPartOfASpan: NewsFANE-style gold glues U+200E to
// every token; a tagger that leaves it out is right under every scheme, and so
// is one that keeps it while the gold does not.
func TestEdgeInvisiblesAreNotPartOfASpan(t *testing.T) {
	text := "زار \u200eموسكو\u200f و\u2066كييف\u2069"
	gold := []corpus.Mention{at(t, text, "\u200eموسكو\u200f", 0, "LOC"), at(t, text, "كييف", 0, "LOC")}
	pred := []corpus.Mention{at(t, text, "موسكو", 0, "LOC"), at(t, text, "\u2066كييف\u2069", 0, "LOC")}
	r := Evaluate([]Doc{{Text: text, Gold: gold, Pred: pred}}, Options{})
	for _, s := range Schemes {
		assert.Equal(t, Tally{COR: 2}, r.Schemes[s].Total, s)
	}
	assert.Equal(t, "\u200eموسكو\u200f", gold[0].Text, "the caller's mentions are left alone")

	only := []corpus.Mention{at(t, text, "\u200e", 0, "LOC")}
	assert.Equal(t, only, TrimInvisible(text, only), "a span of invisibles only is kept as it is")
}
