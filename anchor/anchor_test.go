package anchor

import (
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/normalize"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func search(t *testing.T) *normalize.Normalizer {
	t.Helper()
	n, err := normalize.Preset("search")
	require.NoError(t, err)
	return n
}

// span returns the byte span of the k-th occurrence (from 0) of sub in text.
func span(t *testing.T, text, sub string, k int) (int, int) {
	t.Helper()
	from := 0
	for {
		i := indexFrom(text, sub, from)
		require.GreaterOrEqual(t, i, 0, "%q not in text", sub)
		if k == 0 {
			return i, i + len(sub)
		}
		k--
		from = i + 1
	}
}

func indexFrom(s, sub string, from int) int {
	for i := from; i+len(sub) <= len(s); i++ {
		if s[i:i+len(sub)] == sub {
			return i
		}
	}
	return -1
}

func TestPlace(t *testing.T) {
	text := "زار بوتين موسكو ثم عاد إلى موسكو، وقال بوتين إنّ الأمم المتحدة بموسكو"
	type want struct {
		sub  string // the occurrence expected, "" when not placed
		k    int    // which occurrence of sub
		typ  string
		what Outcome
	}
	tests := []struct {
		name string
		strs []String
		want []want
	}{
		{"each repeat claims the next occurrence, leftmost first",
			[]String{{"LOC", "موسكو"}, {"LOC", "موسكو"}},
			[]want{{"موسكو", 0, "LOC", Placed}, {"موسكو", 1, "LOC", Placed}}},
		{"a whole word after a proclitic comes before an occurrence inside a word",
			[]String{{"LOC", "موسكو"}, {"LOC", "موسكو"}, {"LOC", "موسكو"}},
			[]want{{"موسكو", 0, "LOC", Placed}, {"موسكو", 1, "LOC", Placed}, {"موسكو", 2, "LOC", Placed}}},
		{"more copies than occurrences: the last is surplus",
			[]String{{"PER", "بوتين"}, {"PER", "بوتين"}, {"PER", "بوتين"}},
			[]want{{"بوتين", 0, "PER", Placed}, {"بوتين", 1, "PER", Placed}, {"", 0, "PER", Surplus}}},
		{"a string absent from the text is a hallucination",
			[]String{{"PER", "لافروف"}},
			[]want{{"", 0, "PER", Absent}}},
		{"normalization: a diacritic and an alef variant still match, the span is the text's",
			[]String{{"ORG", "الامم المتحده"}, {"PER", "بُوتين"}},
			[]want{{"الأمم المتحدة", 0, "ORG", Placed}, {"بوتين", 0, "PER", Placed}}},
		{"spaces around the string are ignored; an empty string is absent",
			[]String{{"PER", "  بوتين "}, {"PER", " "}},
			[]want{{"بوتين", 0, "PER", Placed}, {"", 0, "PER", Absent}}},
		{"an occurrence overlapping a placed mention is claimed",
			[]String{{"ORG", "الأمم المتحدة"}, {"LOC", "المتحدة"}},
			[]want{{"الأمم المتحدة", 0, "ORG", Placed}, {"", 0, "LOC", Surplus}}},
	}
	p := NewPlacer(search(t))
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			res := p.Place(text, tc.strs)
			var wantMentions []corpus.Mention
			var wantOutcomes []Outcome
			for _, w := range tc.want {
				wantOutcomes = append(wantOutcomes, w.what)
				if w.sub != "" {
					s, e := span(t, text, w.sub, w.k)
					wantMentions = append(wantMentions, corpus.Mention{Start: s, End: e, Type: w.typ, Text: text[s:e]})
				}
			}
			assert.Equal(t, wantOutcomes, res.Outcomes)
			assert.Equal(t, wantMentions, res.Mentions)
		})
	}
}

func TestPlaceWithoutNormalizerComparesBytes(t *testing.T) {
	text := "قال بوتين"
	res := NewPlacer(nil).Place(text, []String{{"PER", "بُوتين"}, {"PER", "بوتين"}})
	assert.Equal(t, []Outcome{Absent, Placed}, res.Outcomes)
	assert.Equal(t, 1, res.Count(Absent))
	require.Len(t, res.Mentions, 1)
	assert.Equal(t, "بوتين", res.Mentions[0].Text)
}

func TestWordInsideAnotherIsTakenLast(t *testing.T) {
	// "علي" occurs inside "عليه" first and as a word later: the word wins.
	text := "قال عليه السلام إن علي وصل"
	res := NewPlacer(nil).Place(text, []String{{"PER", "علي"}, {"PER", "علي"}})
	require.Len(t, res.Mentions, 2)
	s, _ := span(t, text, "علي ", 0)
	assert.Equal(t, s, res.Mentions[0].Start, "the whole word first")
	assert.Equal(t, indexFrom(text, "عليه", 0), res.Mentions[1].Start, "then the occurrence inside a word")
}

// FuzzPlace: placed mentions are spans of the text, one per placed string,
// and no two placed mentions overlap.
func FuzzPlace(f *testing.F) {
	f.Add("زار بوتين موسكو ثم موسكو", "موسكو", "بُوتين")
	f.Add("a\xffb ab", "b", "\xff")
	p := NewPlacer(nil)
	f.Fuzz(func(t *testing.T, text, a, b string) {
		n, err := normalize.Preset("search")
		require.NoError(t, err)
		for _, pl := range []*Placer{p, NewPlacer(n)} {
			res := pl.Place(text, []String{{"X", a}, {"Y", b}, {"X", a}})
			require.Len(t, res.Outcomes, 3)
			assert.Equal(t, res.Count(Placed), len(res.Mentions))
			for i, m := range res.Mentions {
				require.True(t, 0 <= m.Start && m.Start <= m.End && m.End <= len(text), "%v", m)
				assert.Equal(t, text[m.Start:m.End], m.Text)
				for _, o := range res.Mentions[i+1:] {
					assert.False(t, m.Start < o.End && o.Start < m.End, "%v and %v overlap", m, o)
				}
			}
		}
	})
}
