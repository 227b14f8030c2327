package compare

import (
	"encoding/json"
	"testing"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/corpus/corpustest"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/runfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestDiffMentions(t *testing.T) {
	text := "قال بوتين إن لافروف زار وواشنطن ثم موسكو يوم الأحد"
	m := func(sub, typ string) corpus.Mention { return corpustest.At(t, text, sub, 0, typ) }
	putin, lavrov, washington := m("بوتين", "PER"), m("لافروف", "PER"), m("واشنطن", "LOC")
	none := []corpus.Mention(nil)
	for _, tc := range []struct {
		name           string
		scheme         metrics.Scheme
		gold, old, new []corpus.Mention
		want           []ChangeKind
	}{
		{"a missed mention found is newly correct", metrics.SchemeStrict,
			[]corpus.Mention{putin}, none, []corpus.Mention{putin}, []ChangeKind{NewlyCorrect}},
		{"a wrong type fixed is a changed type", metrics.SchemeStrict,
			[]corpus.Mention{putin}, []corpus.Mention{m("بوتين", "LOC")}, []corpus.Mention{putin}, []ChangeKind{ChangedType}},
		{"a right type broken is a changed type, not newly wrong", metrics.SchemeStrict,
			[]corpus.Mention{washington}, []corpus.Mention{washington}, []corpus.Mention{m("واشنطن", "ORG")}, []ChangeKind{ChangedType}},
		{"a wrong span fixed is newly correct", metrics.SchemeStrict,
			[]corpus.Mention{washington}, []corpus.Mention{m("وواشنطن", "ORG")}, []corpus.Mention{washington}, []ChangeKind{NewlyCorrect}},
		{"retyped and resized is newly wrong", metrics.SchemeStrict,
			[]corpus.Mention{washington}, []corpus.Mention{washington}, []corpus.Mention{m("وواشنطن", "ORG")}, []ChangeKind{NewlyWrong}},
		{"a retype the scheme does not see is no change", metrics.SchemePartial,
			[]corpus.Mention{washington}, []corpus.Mention{washington}, []corpus.Mention{m("واشنطن", "ORG")}, nil},
		{"a mention lost is newly wrong", metrics.SchemeStrict,
			[]corpus.Mention{putin}, []corpus.Mention{putin}, none, []ChangeKind{NewlyWrong}},
		{"a boundary broken is newly wrong", metrics.SchemeStrict,
			[]corpus.Mention{putin}, []corpus.Mention{putin}, []corpus.Mention{m("قال بوتين", "PER")}, []ChangeKind{NewlyWrong}},
		{"a wrong mention retyped is a changed type", metrics.SchemeStrict,
			[]corpus.Mention{putin}, []corpus.Mention{m("بوتين", "LOC")}, []corpus.Mention{m("بوتين", "ORG")}, []ChangeKind{ChangedType}},
		{"a wrong mention resized is a changed boundary", metrics.SchemeStrict,
			[]corpus.Mention{washington}, []corpus.Mention{m("وواشنطن", "LOC")}, []corpus.Mention{m("واشنطن ثم", "LOC")}, []ChangeKind{ChangedBoundary}},
		{"a wrong mention where there was none is a new false positive", metrics.SchemeStrict,
			[]corpus.Mention{lavrov}, none, []corpus.Mention{m("لافروف", "LOC")}, []ChangeKind{NewFalsePositive}},
		{"a wrong mention dropped is a false positive removed", metrics.SchemeStrict,
			[]corpus.Mention{lavrov}, []corpus.Mention{m("لافروف", "LOC")}, none, []ChangeKind{RemovedFalsePositive}},
		{"a new spurious mention is a new false positive", metrics.SchemeStrict,
			none, none, []corpus.Mention{m("الأحد", "DATE")}, []ChangeKind{NewFalsePositive}},
		{"a spurious mention gone is a false positive removed", metrics.SchemeStrict,
			none, []corpus.Mention{m("الأحد", "DATE")}, none, []ChangeKind{RemovedFalsePositive}},
		{"a spurious mention retyped is a changed type", metrics.SchemeStrict,
			none, []corpus.Mention{m("الأحد", "DATE")}, []corpus.Mention{m("الأحد", "NUM")}, []ChangeKind{ChangedType}},
		{"a spurious mention widened is a changed boundary", metrics.SchemeStrict,
			none, []corpus.Mention{m("يوم", "DATE")}, []corpus.Mention{m("يوم الأحد", "DATE")}, []ChangeKind{ChangedBoundary}},
		{"the same wrong prediction in both is no change", metrics.SchemeStrict,
			[]corpus.Mention{putin}, []corpus.Mention{m("بوتين", "LOC"), m("الأحد", "DATE")},
			[]corpus.Mention{m("الأحد", "DATE"), m("بوتين", "LOC")}, nil},
		{"both right is no change even when the predictions differ", metrics.SchemeExact,
			[]corpus.Mention{putin}, []corpus.Mention{m("بوتين", "LOC")}, []corpus.Mention{putin}, nil},
		{"under clitic the proclitic wa does not matter", metrics.SchemeClitic,
			[]corpus.Mention{washington}, []corpus.Mention{m("وواشنطن", "LOC")}, []corpus.Mention{washington}, nil},
		{"under strict the proclitic wa is a fixed boundary", metrics.SchemeStrict,
			[]corpus.Mention{washington}, []corpus.Mention{m("وواشنطن", "LOC")}, []corpus.Mention{washington}, []ChangeKind{NewlyCorrect}},
		{"a prediction spurious in one run and paired in the other is judged at its gold mention", metrics.SchemeStrict,
			// Old: بوتين right and "بوتين إن" spurious (it comes after بوتين in
			// text order, so the gold mention is taken). New: only "بوتين إن",
			// now paired with the gold mention and wrong. One change: بوتين is
			// newly wrong.
			[]corpus.Mention{putin}, []corpus.Mention{putin, m("بوتين إن", "PER")}, []corpus.Mention{m("بوتين إن", "PER")},
			[]ChangeKind{NewlyWrong}},
		{"a duplicate prediction dropped is a false positive removed", metrics.SchemeStrict,
			[]corpus.Mention{putin}, []corpus.Mention{putin, putin}, []corpus.Mention{putin}, []ChangeKind{RemovedFalsePositive}},
		{"changes come in text order", metrics.SchemeStrict,
			[]corpus.Mention{putin, lavrov}, []corpus.Mention{m("الأحد", "DATE"), lavrov}, []corpus.Mention{putin},
			[]ChangeKind{NewlyCorrect, NewlyWrong, RemovedFalsePositive}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			cs := DiffMentions(tc.scheme, DocPair{ID: "d", Text: text, Gold: tc.gold, Old: tc.old, New: tc.new})
			var kinds []ChangeKind
			for _, c := range cs {
				kinds = append(kinds, c.Kind)
				assert.Equal(t, "d", c.Doc)
			}
			assert.Equal(t, tc.want, kinds)
		})
	}
}

func TestDiffMentionsReportsCodePointsAndContext(t *testing.T) {
	text := "قال بوتين إن لافروف زار وواشنطن"
	washington := corpustest.At(t, text, "واشنطن", 0, "LOC")
	whole := corpustest.At(t, text, "وواشنطن", 0, "LOC")
	cs := DiffMentions(metrics.SchemeStrict, DocPair{ID: "d", Text: text, Gold: []corpus.Mention{washington},
		Old: []corpus.Mention{whole}, New: []corpus.Mention{washington}})
	require.Len(t, cs, 1)
	c := cs[0]
	// وواشنطن starts after "قال بوتين إن لافروف زار ": 19 letters and 5
	// spaces, 24 code points (43 bytes).
	assert.Equal(t, NewlyCorrect, c.Kind)
	assert.Equal(t, 25, c.Start, "the place is the gold span, after the proclitic")
	assert.Equal(t, 31, c.End)
	assert.Equal(t, &runfile.Mention{Start: 25, End: 31, Type: "LOC", Text: "واشنطن"}, c.Gold)
	assert.Equal(t, &runfile.Mention{Start: 24, End: 31, Type: "LOC", Text: "وواشنطن"}, c.Old)
	assert.Equal(t, c.Gold, c.New)
	assert.Equal(t, "قال بوتين إن لافروف زار و[واشنطن]", c.Context)
	assert.Equal(t, utf8.RuneCountInString(text[:washington.Start]), c.Start)

	// Without gold, the place spans both predictions.
	cs = DiffMentions(metrics.SchemeStrict, DocPair{ID: "d", Text: text,
		Old: []corpus.Mention{corpustest.At(t, text, "زار", 0, "DATE")}, New: []corpus.Mention{corpustest.At(t, text, "زار وواشنطن", 0, "DATE")}})
	require.Len(t, cs, 1)
	assert.Equal(t, ChangedBoundary, cs[0].Kind)
	assert.Nil(t, cs[0].Gold)
	assert.Equal(t, 20, cs[0].Start)
	assert.Equal(t, 31, cs[0].End)
}

func TestContext(t *testing.T) {
	text := "في إطار مساع لتطويق الخلاف الروسي الاميركي، جرت في موسكو امس اتصالات على مستوى وكلاء وزراتي الخارجية"
	moscow := corpustest.At(t, text, "موسكو", 0, "LOC")
	for _, tc := range []struct {
		name  string
		text  string
		s, e  int
		width int
		want  string
	}{
		{"the whole text when it fits", "قال بوتين إن", 7, 17, 40, "قال [بوتين] إن"},
		// 12 code points before موسكو reach into "جرت"; the cut word is
		// dropped and marked.
		{"cut at word boundaries with ellipses", text, moscow.Start, moscow.End, 12, "…جرت في [موسكو] امس…"},
		{"white space runs show as one space", "عنوان\n\n  نص [x]\tآخر", 0, 10, 40, "[عنوان] نص [x] آخر"},
		{"a span outside the text gives nothing", "abc", 2, 9, 5, ""},
		{"a reversed span gives nothing", "abc", 2, 1, 5, ""},
		{"an empty span is marked where it is", "ab cd", 3, 3, 5, "ab []cd"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Context(tc.text, tc.s, tc.e, tc.width))
		})
	}
}

func TestChangeKindNames(t *testing.T) {
	for _, k := range ChangeKinds {
		b, err := json.Marshal(k)
		require.NoError(t, err)
		assert.NotContains(t, string(b), " ")
		assert.NotContains(t, k.String(), "ChangeKind")
	}
	b, err := json.Marshal(map[ChangeKind]int{NewlyCorrect: 2})
	require.NoError(t, err)
	assert.JSONEq(t, `{"newly_correct":2}`, string(b))
	var k ChangeKind
	require.NoError(t, json.Unmarshal([]byte(`"false_positive_removed"`), &k))
	assert.Equal(t, RemovedFalsePositive, k)
	assert.ErrorContains(t, json.Unmarshal([]byte(`"better"`), &k), `unknown change kind "better"`)
	_, err = ChangeKind(99).MarshalText()
	assert.Error(t, err)
	assert.Equal(t, "ChangeKind(99)", ChangeKind(99).String())
	assert.Equal(t, "new false positives", NewFalsePositive.plural(2))
	assert.Equal(t, "new false positive", NewFalsePositive.plural(1))
}
