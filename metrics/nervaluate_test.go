package metrics

import (
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/assert"
)

// The worked examples of nervaluate's README (github.com/MantisAI/nervaluate,
// README.md at commit 0340f67d1dfef09f73cd857c1fea1c27bea0e253).

// TestNervaluateUsageExample reproduces the README's "Usage example":
//
//	true = [['O','B-PER','I-PER','O','O','O','B-ORG','I-ORG'],   # "The John Smith who works at Google Inc"
//	        ['O','B-LOC','B-PER','I-PER','O','O','B-DATE']]      # "In Paris Marie Curie lived in 1895"
//	pred = [['O','O','B-PER','I-PER','O','O','B-ORG','I-ORG'],
//	        ['O','B-LOC','I-LOC','B-PER','O','O','B-DATE']]
//
// and its published summary:
//
//	          correct incorrect partial missed spurious precision recall
//	ent_type        5         0       0      0        0      1.00   1.00
//	   exact        2         3       0      0        0      0.40   0.40
//	 partial        2         0       3      0        0      0.40   0.40
//	  strict        2         3       0      0        0      0.40   0.40
//
// and per type under strict: DATE COR 1, LOC INC 1, ORG COR 1, PER INC 2.
//
// Every tally is reproduced. The partial precision and recall printed there,
// 0.40, contradict the README's own formula: (COR + 0.5·PAR)/ACT =
// (2 + 0.5·3)/5 = 0.70. nervaluate's PartialEvaluation computes 0.70 per
// document; the 0.40 comes from its Evaluator._merge_results, which
// recomputes the merged metrics without the half credit. We follow the
// formula.
func TestNervaluateUsageExample(t *testing.T) {
	text1, w1 := tokens("The", "John", "Smith", "who", "works", "at", "Google", "Inc")
	text2, w2 := tokens("In", "Paris", "Marie", "Curie", "lived", "in", "1895")
	docs := []Doc{
		{
			ID: "0", Text: text1,
			Gold: []corpus.Mention{w1(1, 2, "PER"), w1(6, 7, "ORG")},
			Pred: []corpus.Mention{w1(2, 3, "PER"), w1(6, 7, "ORG")},
		},
		{
			ID: "1", Text: text2,
			Gold: []corpus.Mention{w2(1, 1, "LOC"), w2(2, 3, "PER"), w2(6, 6, "DATE")},
			Pred: []corpus.Mention{w2(1, 2, "LOC"), w2(3, 3, "PER"), w2(6, 6, "DATE")},
		},
	}
	r := Evaluate(docs, Options{})

	// POS = ACT = 5 under every scheme (five gold, five predicted entities).
	tests := []struct {
		scheme Scheme
		tally  Tally
		p      float64 // = r, since POS = ACT
	}{
		{SchemeType, Tally{COR: 5}, 1.0},            // 5/5
		{SchemeExact, Tally{COR: 2, INC: 3}, 0.4},   // 2/5
		{SchemePartial, Tally{COR: 2, PAR: 3}, 0.7}, // (2 + 0.5·3)/5
		{SchemeStrict, Tally{COR: 2, INC: 3}, 0.4},  // 2/5
		{SchemeClitic, Tally{COR: 2, INC: 3}, 0.4},  // no Arabic proclitics: as strict
	}
	for _, tc := range tests {
		t.Run(string(tc.scheme), func(t *testing.T) {
			assert.Equal(t, tc.tally, tallyOf(r, tc.scheme))
			m := r.Schemes[tc.scheme].Micro
			assert.InDelta(t, tc.p, m.Precision, 1e-12)
			assert.InDelta(t, tc.p, m.Recall, 1e-12)
			assert.InDelta(t, tc.p, m.F1, 1e-12)
		})
	}

	perType := []struct {
		typ   string
		tally Tally
		f1    float64
	}{
		{"PER", Tally{INC: 2}, 0},
		{"ORG", Tally{COR: 1}, 1},
		{"LOC", Tally{INC: 1}, 0},
		{"DATE", Tally{COR: 1}, 1},
	}
	for _, tc := range perType {
		got := row(t, r, SchemeStrict, tc.typ)
		assert.Equal(t, tc.tally, got.Tally, tc.typ)
		assert.InDelta(t, tc.f1, got.Score.F1, 1e-12, tc.typ)
	}
}

// TestNervaluateScenarios reproduces the README's table of scenarios I–VI
// (one outcome per scheme for each row) and its "Putting all together" table:
//
//	Measure    Type Partial Exact Strict
//	Correct       3       3     3      2
//	Incorrect     2       0     2      3
//	Partial       0       2     0      0
//	Missed        1       1     1      1
//	Spurious      1       1     1      1
//	Precision   0.5    0.66   0.5   0.33
//	Recall      0.5    0.66   0.5   0.33
//
// Those totals count one fully correct pair more than the six rows list (the
// rows give Type COR 2, Strict COR 1); the totals are those of the rows plus a
// second scenario I, which is how this test builds them. Then POS = ACT = 6:
//
//	type    P = R = 3/6             = 0.5
//	partial P = R = (3 + 0.5·2)/6   = 0.667
//	exact   P = R = 3/6             = 0.5
//	strict  P = R = 2/6             = 0.333
func TestNervaluateScenarios(t *testing.T) {
	text := "tikosyn ; healthy ; of warfarin ; propranolol ; phenytoin ; oral contraceptives ; phenytoin"
	type outcomes struct{ typ, partial, exact, strict Outcome }
	rows := []struct {
		name       string
		gold, pred *corpus.Mention
		want       outcomes
	}{
		{"III system misses an entity", ptr(at(t, text, "tikosyn", 0, "BRAND")), nil,
			outcomes{MIS, MIS, MIS, MIS}},
		{"II system hypothesizes an entity", nil, ptr(at(t, text, "healthy", 0, "BRAND")),
			outcomes{SPU, SPU, SPU, SPU}},
		{"V boundaries wrong", ptr(at(t, text, "warfarin", 0, "DRUG")), ptr(at(t, text, "of warfarin", 0, "DRUG")),
			outcomes{COR, PAR, INC, INC}},
		{"IV type wrong", ptr(at(t, text, "propranolol", 0, "DRUG")), ptr(at(t, text, "propranolol", 0, "BRAND")),
			outcomes{INC, COR, COR, INC}},
		{"I surface string and type match", ptr(at(t, text, "phenytoin", 0, "DRUG")), ptr(at(t, text, "phenytoin", 0, "DRUG")),
			outcomes{COR, COR, COR, COR}},
		{"VI boundaries and type wrong", ptr(at(t, text, "contraceptives", 0, "GROUP")), ptr(at(t, text, "oral contraceptives", 0, "DRUG")),
			outcomes{INC, PAR, INC, INC}},
	}
	var all Doc
	all.Text = text
	for _, tc := range rows {
		t.Run(tc.name, func(t *testing.T) {
			var d Doc
			d.Text = text
			if tc.gold != nil {
				d.Gold = append(d.Gold, *tc.gold)
			}
			if tc.pred != nil {
				d.Pred = append(d.Pred, *tc.pred)
			}
			ds := ScoreDoc(d)
			got := outcomes{
				single(ds.Totals[SchemeType]),
				single(ds.Totals[SchemePartial]),
				single(ds.Totals[SchemeExact]),
				single(ds.Totals[SchemeStrict]),
			}
			assert.Equal(t, tc.want, got)
		})
		if tc.gold != nil {
			all.Gold = append(all.Gold, *tc.gold)
		}
		if tc.pred != nil {
			all.Pred = append(all.Pred, *tc.pred)
		}
	}
	// The second scenario I behind the published totals.
	all.Gold = append(all.Gold, at(t, text, "phenytoin", 1, "DRUG"))
	all.Pred = append(all.Pred, at(t, text, "phenytoin", 1, "DRUG"))

	r := Evaluate([]Doc{all}, Options{})
	totals := []struct {
		scheme Scheme
		tally  Tally
		p      float64
	}{
		{SchemeType, Tally{COR: 3, INC: 2, MIS: 1, SPU: 1}, 0.5},
		{SchemePartial, Tally{COR: 3, PAR: 2, MIS: 1, SPU: 1}, 4.0 / 6},
		{SchemeExact, Tally{COR: 3, INC: 2, MIS: 1, SPU: 1}, 0.5},
		{SchemeStrict, Tally{COR: 2, INC: 3, MIS: 1, SPU: 1}, 2.0 / 6},
	}
	for _, tc := range totals {
		assert.Equal(t, tc.tally, tallyOf(r, tc.scheme), tc.scheme)
		m := r.Schemes[tc.scheme].Micro
		assert.InDelta(t, tc.p, m.Precision, 1e-12, tc.scheme)
		assert.InDelta(t, tc.p, m.Recall, 1e-12, tc.scheme)
		assert.InDelta(t, tc.p, m.F1, 1e-12, tc.scheme)
		// The README rounds down to two decimals: 0.66 and 0.33.
		assert.Equal(t, int(tc.p*100), map[Scheme]int{SchemeType: 50, SchemePartial: 66, SchemeExact: 50, SchemeStrict: 33}[tc.scheme])
	}
}

func ptr(m corpus.Mention) *corpus.Mention { return &m }

// single returns the one outcome a one-mention or one-pair tally holds.
func single(t Tally) Outcome {
	switch {
	case t.COR == 1:
		return COR
	case t.INC == 1:
		return INC
	case t.PAR == 1:
		return PAR
	case t.MIS == 1:
		return MIS
	case t.SPU == 1:
		return SPU
	}
	return 0
}
