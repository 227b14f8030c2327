package metrics

import (
	"sort"

	"github.com/arabench/arabench/corpus"
)

// Tally holds the MUC counts of one unit (a document, a sentence, a type or a
// whole corpus) under one scheme. Tallies add up: the tally of a corpus is the
// sum of its documents' tallies, which is what lets a bootstrap resample
// documents or sentences and re-sum.
//
// COR, INC, PAR and MIS count gold mentions, so POS = COR+INC+PAR+MIS is the
// number of gold mentions (the support); COR, INC, PAR and SPU count
// predictions, so ACT = COR+INC+PAR+SPU is the number of predictions.
type Tally struct {
	COR int `json:"COR"`
	INC int `json:"INC"`
	PAR int `json:"PAR"`
	MIS int `json:"MIS"`
	SPU int `json:"SPU"`
}

// Add adds o's counts to t.
func (t *Tally) Add(o Tally) {
	t.COR += o.COR
	t.INC += o.INC
	t.PAR += o.PAR
	t.MIS += o.MIS
	t.SPU += o.SPU
}

// POS is the number of gold mentions: COR+INC+PAR+MIS.
func (t Tally) POS() int { return t.COR + t.INC + t.PAR + t.MIS }

// ACT is the number of predictions: COR+INC+PAR+SPU.
func (t Tally) ACT() int { return t.COR + t.INC + t.PAR + t.SPU }

// Score computes precision, recall and F1 from the tally:
//
//	P  = (COR + ½·PAR) / ACT
//	R  = (COR + ½·PAR) / POS
//	F1 = 2·P·R / (P + R)
//
// PAR is only ever non-zero under the partial scheme, so for strict, exact,
// type and clitic this is P = COR/ACT, R = COR/POS, nervaluate's formulas.
// A zero denominator gives 0, never NaN.
func (t Tally) Score() Score {
	credit := float64(t.COR) + 0.5*float64(t.PAR)
	return newScore(ratio(credit, t.ACT()), ratio(credit, t.POS()), t.POS())
}

// Score is precision, recall and F1 (fractions in [0,1]) with the support: the
// number of gold mentions they were measured on.
type Score struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"`
}

func newScore(p, r float64, support int) Score {
	return Score{Precision: p, Recall: r, F1: harmonic(p, r), Support: support}
}

// ratio is num/den, or 0 when den is 0.
func ratio(num float64, den int) float64 {
	if den == 0 {
		return 0
	}
	return num / float64(den)
}

// harmonic is the F1 of p and r, or 0 when both are 0.
func harmonic(p, r float64) float64 {
	if p+r == 0 {
		return 0
	}
	return 2 * p * r / (p + r)
}

// TypeTallies maps a mention type to its tally.
type TypeTallies map[string]Tally

// Add adds every row of o to t.
func (t TypeTallies) Add(o TypeTallies) {
	for typ, x := range o {
		y := t[typ]
		y.Add(x)
		t[typ] = y
	}
}

// SortTypes sorts types in the order tables print them: when every type is
// one of the guidelines' five, in corpus.Types order (PER ORG LOC DATE NUM),
// arabench's own gold's order; otherwise every type in byte order, as
// seqeval sorts the rows of its classification report (ANERcorp: LOC MISC
// ORG PERS).
func SortTypes(types []string) {
	for _, t := range types {
		if !corpus.KnownType(t) {
			sort.Strings(types)
			return
		}
	}
	rank := func(t string) int {
		for i, k := range corpus.Types {
			if k == t {
				return i
			}
		}
		return len(corpus.Types)
	}
	sort.Slice(types, func(i, j int) bool { return rank(types[i]) < rank(types[j]) })
}
