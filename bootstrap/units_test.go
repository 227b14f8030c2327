package bootstrap

import (
	"strings"
	"testing"
	"unicode"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/corpus/corpustest"
	"github.com/arabench/arabench/dataset"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/metrics/metricstest"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// spanTexts returns the text of each span.
func spanTexts(text string, spans []Span) []string {
	out := make([]string, len(spans))
	for i, s := range spans {
		out[i] = text[s.Start:s.End]
	}
	return out
}

func TestSentenceSpans(t *testing.T) {
	for _, tc := range []struct {
		name, text string
		want       []string
	}{
		{"a full stop and a space end a sentence",
			"زار بوتين موسكو. وقال لافروف", []string{"زار بوتين موسكو. ", "وقال لافروف"}},
		{"the Arabic question mark ends a sentence",
			"ماذا تريدون؟ كيف ننسق؟", []string{"ماذا تريدون؟ ", "كيف ننسق؟"}},
		{"an exclamation mark ends a sentence", "Stop! Go", []string{"Stop! ", "Go"}},
		{"the Arabic full stop ends a sentence", "جملة۔ أخرى", []string{"جملة۔ ", "أخرى"}},
		{"a run of marks ends one sentence", "اسرائيل.. لكن", []string{"اسرائيل.. ", "لكن"}},
		{"an ellipsis ends a sentence", "ثم… بعد", []string{"ثم… ", "بعد"}},
		{"a decimal point does not end a sentence", "نما 2.5 في المئة", []string{"نما 2.5 في المئة"}},
		{"an abbreviation written solid does not end a sentence",
			"قناة سي.إن.إن الأمريكية", []string{"قناة سي.إن.إن الأمريكية"}},
		{"a closing quote after the full stop stays with the sentence",
			`قال "لم يحسم بعد." وأضاف`, []string{`قال "لم يحسم بعد." `, "وأضاف"}},
		{"a closing curly quote after the full stop stays with the sentence",
			"قال “الوزير تحدث”. وشدد", []string{"قال “الوزير تحدث”. ", "وشدد"}},
		{"a full stop before more text in the quote does not end",
			`"نعم."قال`, []string{`"نعم."قال`}},
		{"a line break ends a unit without a full stop",
			"عنوان الخبر\nنص الخبر", []string{"عنوان الخبر\n", "نص الخبر"}},
		{"blank lines go with the unit before",
			"عنوان\n\n\nنص", []string{"عنوان\n\n\n", "نص"}},
		{"CRLF is one line break", "a\r\nb", []string{"a\r\n", "b"}},
		{"the Arabic semicolon does not end a sentence",
			"ارتفعت الأسعار؛ لأن الطلب زاد", []string{"ارتفعت الأسعار؛ لأن الطلب زاد"}},
		{"the Latin semicolon does not end a sentence", "one; two", []string{"one; two"}},
		{"leading white space goes with the first unit", "\n\nأ. ب", []string{"\n\nأ. ", "ب"}},
		{"a full stop at the end of the text ends nothing more", "انتهى.", []string{"انتهى."}},
		{"an empty text is one empty unit", "", []string{""}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, spanTexts(tc.text, SentenceSpans(tc.text)))
		})
	}
}

func TestSentenceSpansJoinStraddlingMentions(t *testing.T) {
	// "د." (doctor) ends a unit by the full-stop rule; a gold PER over
	// "د. محمد" joins the two units again, and only those two.
	text := "قابل الوزير د. محمد علي. ثم سافر. وعاد"
	per := corpustest.At(t, text, "د. محمد علي", 0, corpus.PER)
	assert.Equal(t, []string{"قابل الوزير د. ", "محمد علي. ", "ثم سافر. ", "وعاد"}, spanTexts(text, SentenceSpans(text)))
	assert.Equal(t, []string{"قابل الوزير د. محمد علي. ", "ثم سافر. ", "وعاد"}, spanTexts(text, SentenceSpans(text, []corpus.Mention{per})))

	// A prediction of either system joins units as well.
	wide := corpustest.At(t, text, "علي. ثم", 0, corpus.LOC)
	assert.Equal(t, []string{"قابل الوزير د. محمد علي. ثم سافر. ", "وعاد"},
		spanTexts(text, SentenceSpans(text, []corpus.Mention{per}, nil, []corpus.Mention{wide})))

	// A mention that ends exactly at a boundary, or starts at one, joins nothing.
	first := corpustest.At(t, text, "قابل الوزير د. ", 0, corpus.ORG)
	assert.Len(t, SentenceSpans(text, []corpus.Mention{first}), 4)

	// Offsets outside the text or reversed are left to the scorer.
	bad := []corpus.Mention{{Start: -3, End: 40, Type: "X"}, {Start: 30, End: 10, Type: "X"}, {Start: 5, End: 9999, Type: "X"}}
	assert.Len(t, SentenceSpans(text, bad), 4)
}

func TestSplitDocKeepsOffsetsAndAssignsByStart(t *testing.T) {
	text := "زار بوتين موسكو. وقال لافروف إن واشنطن"
	gold := []corpus.Mention{corpustest.At(t, text, "بوتين", 0, "PER"), corpustest.At(t, text, "لافروف", 0, "PER"), corpustest.At(t, text, "واشنطن", 0, "LOC")}
	pred := []corpus.Mention{corpustest.At(t, text, "موسكو", 0, "LOC"), corpustest.At(t, text, "واشنطن", 0, "LOC")}
	units := SplitDoc(metrics.Doc{ID: "d", Text: text, Gold: gold, Pred: pred}, SentenceSpans(text, gold, pred))
	require.Len(t, units, 2)
	assert.Equal(t, "d#1", units[0].ID)
	assert.Equal(t, "d#2", units[1].ID)
	assert.Equal(t, text, units[1].Text, "units keep the whole text so that offsets stay valid")
	assert.Equal(t, gold[:1], units[0].Gold)
	assert.Equal(t, gold[1:], units[1].Gold)
	assert.Equal(t, pred[:1], units[0].Pred)
	assert.Equal(t, pred[1:], units[1].Pred)
	assert.Equal(t, []metrics.Doc{{ID: "d", Text: text}}, SplitDoc(metrics.Doc{ID: "d", Text: text}, nil))
}

func TestSentenceUnitsSumToDocumentTallies(t *testing.T) {
	// Every scheme's per-type tallies over the units equal the document's:
	// a clitic match, a partial overlap, a mistyped pair, a miss and a
	// spurious prediction in three sentences.
	text := "قال بوتين إن سيرغي لافروف زار وواشنطن. ثم وصل موسكو يوم الأحد!\nونشر البنتاغون 100 ألف جندي."
	gold := []corpus.Mention{
		corpustest.At(t, text, "بوتين", 0, "PER"), corpustest.At(t, text, "سيرغي لافروف", 0, "PER"), corpustest.At(t, text, "واشنطن", 0, "LOC"),
		corpustest.At(t, text, "موسكو", 0, "LOC"), corpustest.At(t, text, "البنتاغون", 0, "ORG"), corpustest.At(t, text, "100 ألف", 0, "NUM"),
	}
	pred := []corpus.Mention{
		corpustest.At(t, text, "بوتين", 0, "PER"), corpustest.At(t, text, "لافروف", 0, "PER"), corpustest.At(t, text, "وواشنطن", 0, "LOC"),
		corpustest.At(t, text, "موسكو", 0, "ORG"), corpustest.At(t, text, "الأحد", 0, "DATE"), corpustest.At(t, text, "100 ألف", 0, "NUM"),
	}
	d := metrics.Doc{ID: "d", Text: text, Gold: gold, Pred: pred}
	units := SentenceUnits([]metrics.Doc{d})
	require.Equal(t, 3, units.Len())
	whole := metrics.ScoreDoc(d)
	for _, s := range metrics.Schemes {
		sum := metrics.TypeTallies{}
		var total metrics.Tally
		for i := range units.Len() {
			u := units.rows[units.of[i]]
			sum.Add(u.Tallies[s])
			total.Add(u.Totals[s])
		}
		assert.Equal(t, whole.Tallies[s], sum, "scheme %s", s)
		assert.Equal(t, whole.Totals[s], total, "scheme %s", s)
	}
}

func TestAddScoredGivesTheUnitsOfAddSentences(t *testing.T) {
	// Documents of many sentences (the seed) and of one (ANERcorp): units
	// added from the documents' own scores are the units scored afresh.
	set, err := dataset.Load("anercorp")
	require.NoError(t, err)
	for name, docs := range map[string][]metrics.Doc{
		"seed":     metricstest.SeedDocs(t),
		"anercorp": metricstest.Degraded(set.Corpus, set.Gold),
	} {
		fresh, reused := NewUnits(), NewUnits()
		for _, d := range docs {
			fresh.AddSentences(d)
			reused.AddScored(d, metrics.ScoreDoc(d))
		}
		assert.Equal(t, fresh.ids, reused.ids, name)
		assert.Equal(t, fresh.of, reused.of, name)
		assert.Equal(t, fresh.rows, reused.rows, name)
		assert.Greater(t, fresh.Len(), len(docs)-1, name)
	}
}

func FuzzSentenceSpans(f *testing.F) {
	for _, s := range []string{"", "أ. ب", "a.b. c\n\nd", "\"x.\" y", "؟؟؟ ؟", "\xff. \xfe\n", "…\u2029x"} {
		f.Add(s, 0, 3)
	}
	f.Fuzz(func(t *testing.T, text string, start, end int) {
		m := corpus.Mention{Start: start, End: end, Type: "X"}
		spans := SentenceSpans(text, []corpus.Mention{m})
		require.NotEmpty(t, spans)
		assert.Equal(t, 0, spans[0].Start)
		assert.Equal(t, len(text), spans[len(spans)-1].End)
		for i, s := range spans {
			assert.LessOrEqual(t, s.Start, s.End)
			if i > 0 {
				assert.Equal(t, spans[i-1].End, s.Start, "units cover the text without gaps")
				assert.Less(t, spans[i-1].Start, s.Start, "units are not empty but for an empty text")
				r := []rune(text[s.Start:])[0]
				assert.False(t, unicode.IsSpace(r), "a unit after the first starts on a visible character")
			}
			if 0 <= start && start < end && end <= len(text) {
				assert.False(t, s.Start > start && s.Start < end, "no unit starts inside the mention")
			}
		}
		assert.Equal(t, text, strings.Join(spanTexts(text, spans), ""))
	})
}
