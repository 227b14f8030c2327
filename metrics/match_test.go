package metrics

import (
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/assert"
)

func TestAlignTakesTheFirstFreeOverlappingGold(t *testing.T) {
	m := func(s, e int, typ string) corpus.Mention { return corpus.Mention{Start: s, End: e, Type: typ} }
	tests := []struct {
		name       string
		gold, pred []corpus.Mention
		want       []Pair
	}{
		{
			"the first prediction in text order takes the gold, whatever its overlap",
			[]corpus.Mention{m(0, 10, "PER")}, []corpus.Mention{m(0, 12, "PER"), m(0, 10, "LOC")},
			[]Pair{{0, 1}, {-1, 0}}, // (0,10) comes before (0,12) in text order
		},
		{
			"an earlier overlap beats a later exact span",
			[]corpus.Mention{m(0, 10, "PER")}, []corpus.Mention{m(2, 10, "PER"), m(0, 4, "LOC")},
			[]Pair{{0, 1}, {-1, 0}},
		},
		{
			"the first overlapping gold wins even when a later one has the predicted type",
			[]corpus.Mention{m(0, 5, "LOC"), m(6, 11, "PER")}, []corpus.Mention{m(3, 9, "PER")},
			[]Pair{{0, 0}, {1, -1}},
		},
		{
			"a chain of overlaps pairs each prediction with the gold before it",
			[]corpus.Mention{m(0, 4, "PER"), m(6, 12, "PER")}, []corpus.Mention{m(2, 8, "PER"), m(10, 14, "PER")},
			[]Pair{{0, 0}, {1, 1}},
		},
		{
			"one prediction over two gold mentions pairs with the first",
			[]corpus.Mention{m(0, 5, "LOC"), m(6, 11, "LOC")}, []corpus.Mention{m(0, 11, "LOC")},
			[]Pair{{0, 0}, {1, -1}},
		},
		{
			"predictions inside one gold mention: the first pairs, the others are spurious",
			[]corpus.Mention{m(0, 11, "ORG")}, []corpus.Mention{m(6, 11, "ORG"), m(0, 5, "ORG")},
			[]Pair{{0, 1}, {-1, 0}},
		},
		{
			"adjacent spans do not overlap",
			[]corpus.Mention{m(0, 5, "PER")}, []corpus.Mention{m(5, 10, "PER")},
			[]Pair{{0, -1}, {-1, 0}},
		},
		{
			"equal empty spans pair",
			[]corpus.Mention{m(3, 3, "NUM")}, []corpus.Mention{m(3, 3, "NUM")},
			[]Pair{{0, 0}},
		},
		{
			"a nested long gold mention is still found after short ones",
			[]corpus.Mention{m(0, 50, "LOC"), m(10, 12, "LOC")}, []corpus.Mention{m(40, 45, "LOC")},
			[]Pair{{0, 0}, {1, -1}},
		},
		{
			"reversed spans pair with nothing and do not panic",
			[]corpus.Mention{m(9, 2, "LOC")}, []corpus.Mention{m(3, 5, "LOC")},
			[]Pair{{0, -1}, {-1, 0}},
		},
		{"nothing at all", nil, nil, []Pair{}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Align(tc.gold, tc.pred))
		})
	}
}

func TestClassifyPerScheme(t *testing.T) {
	g := corpus.Mention{Start: 0, End: 10, Type: "PER"}
	tests := []struct {
		name string
		pred corpus.Mention
		want map[Scheme]Outcome
	}{
		{"same span same type", corpus.Mention{Start: 0, End: 10, Type: "PER"},
			map[Scheme]Outcome{SchemeStrict: COR, SchemeExact: COR, SchemeType: COR, SchemePartial: COR, SchemeClitic: COR}},
		{"same span other type", corpus.Mention{Start: 0, End: 10, Type: "LOC"},
			map[Scheme]Outcome{SchemeStrict: INC, SchemeExact: COR, SchemeType: INC, SchemePartial: COR, SchemeClitic: INC}},
		{"overlap same type", corpus.Mention{Start: 2, End: 10, Type: "PER"},
			map[Scheme]Outcome{SchemeStrict: INC, SchemeExact: INC, SchemeType: COR, SchemePartial: PAR, SchemeClitic: INC}},
		{"overlap other type", corpus.Mention{Start: 2, End: 12, Type: "ORG"},
			map[Scheme]Outcome{SchemeStrict: INC, SchemeExact: INC, SchemeType: INC, SchemePartial: PAR, SchemeClitic: INC}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := map[Scheme]Outcome{}
			for _, s := range Schemes {
				if s != SchemeBag { // judges no pairs; as strict where it must
					got[s] = Classify(s, "", g, tc.pred)
				}
			}
			assert.Equal(t, tc.want, got)
			assert.Equal(t, tc.want[SchemeStrict], Classify(SchemeBag, "", g, tc.pred))
		})
	}
}
