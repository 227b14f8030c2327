package seqeval

import (
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// chunkList lists a side's chunks as "TYPE first-last" (token positions in
// the sentence, inclusive; "TYPE sentence:first-last" in strict mode and for
// chunks past the first sentence), sorted.
func chunkList(t *testing.T, sents [][]string, opt Options) []string {
	t.Helper()
	var sets chunkSets
	var err error
	if opt.Strict {
		sets, err = strictChunks(sents, &schemes[opt.Scheme], "gold")
	} else {
		sets, err = defaultChunks(sents, "gold")
	}
	require.NoError(t, err)
	var out []string
	for typ, keys := range sets {
		for k := range keys {
			last := k.end
			if opt.Strict {
				last = k.end - 1 // strict spans are [start, end)
				out = append(out, fmt.Sprintf("%s %d:%d-%d", typ, k.sent, k.start, last))
				continue
			}
			if k.sent > 0 {
				out = append(out, fmt.Sprintf("%s %d:%d-%d", typ, k.sent, k.start, last))
				continue
			}
			out = append(out, fmt.Sprintf("%s %d-%d", typ, k.start, last))
		}
	}
	sort.Strings(out)
	return out
}

func sents(s ...string) [][]string {
	out := make([][]string, len(s))
	for i, x := range s {
		out[i] = strings.Fields(x)
	}
	return out
}

var (
	defaultMode = Options{}
	strictIOB2  = Options{Strict: true, Scheme: IOB2}
	strictIOB1  = Options{Strict: true, Scheme: IOB1}
	strictIOBES = Options{Strict: true, Scheme: IOBES}
	strictBILOU = Options{Strict: true, Scheme: BILOU}
)

func TestChunks(t *testing.T) {
	for _, tc := range []struct {
		rule string
		opt  Options
		tags [][]string
		want []string
	}{
		{"default: a stray I- after O opens a chunk", defaultMode, sents("O I-PER I-PER O"), []string{"PER 1-2"}},
		{"default: B- after B- of the same type is a second chunk", defaultMode, sents("B-LOC B-LOC"), []string{"LOC 0-0", "LOC 1-1"}},
		{"default: I- of another type closes the chunk and opens one", defaultMode, sents("B-PER I-LOC"), []string{"LOC 1-1", "PER 0-0"}},
		{"default: S- S- are two one-token chunks", defaultMode, sents("S-PER S-PER"), []string{"PER 0-0", "PER 1-1"}},
		{"default: E- ends the chunk, the I- after it opens another", defaultMode, sents("B-ORG E-ORG I-ORG"), []string{"ORG 0-1", "ORG 2-2"}},
		{"default: a sentence's end closes its chunk (seqeval joins them with an O)", defaultMode, sents("B-LOC", "I-LOC"), []string{"LOC 0-0", "LOC 1:0-0"}},
		{"default: an untyped tag has type _", defaultMode, sents("B I O"), []string{"_ 0-1"}},
		{"default: the type is what follows the first hyphen", defaultMode, sents("B-GPE-LOC I-GPE-LOC"), []string{"GPE-LOC 0-1"}},

		{"IOB2: a chunk opened by I- is dropped", strictIOB2, sents("O I-PER I-PER O"), nil},
		{"IOB2: B- I- of one type is one chunk", strictIOB2, sents("B-PER I-PER O"), []string{"PER 0:0-1"}},
		{"IOB2: I- of another type after B- is dropped, the B- chunk kept", strictIOB2, sents("B-PER I-LOC"), []string{"PER 0:0-0"}},
		{"IOB2: chunks carry their sentence", strictIOB2, sents("B-LOC", "O B-LOC"), []string{"LOC 0:0-0", "LOC 1:1-1"}},

		{"IOB1: I- opens a chunk, B- only splits touching chunks", strictIOB1, sents("I-LOC B-LOC O I-PER"), []string{"LOC 0:0-0", "LOC 0:1-1", "PER 0:3-3"}},

		{"IOBES: B- I- E- is one chunk", strictIOBES, sents("B-PER I-PER E-PER"), []string{"PER 0:0-2"}},
		{"IOBES: a chunk without E- is dropped", strictIOBES, sents("B-PER I-PER O"), nil},
		{"IOBES: S- S- are two chunks", strictIOBES, sents("S-LOC S-LOC"), []string{"LOC 0:0-0", "LOC 0:1-1"}},
		{"IOBES: E- of another type does not end the chunk", strictIOBES, sents("B-PER E-LOC"), nil},

		{"BILOU: U- is a unit, B- L- a chunk", strictBILOU, sents("U-PER B-LOC L-LOC"), []string{"LOC 0:1-2", "PER 0:0-0"}},
		{"BILOU: a chunk without L- is dropped", strictBILOU, sents("B-LOC I-LOC"), nil},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			assert.Equal(t, tc.want, chunkList(t, tc.tags, tc.opt))
		})
	}
}

// TestAverages is a worked example where micro, macro and weighted differ.
//
//	gold B-PER O B-PER O B-PER B-LOC O
//	pred B-PER O B-PER O O     O     B-ORG
//
// LOC: 0 correct of 0 predicted, 1 gold: P 0, R 0, F1 0.
// ORG: 0 of 1 predicted, 0 gold:         P 0, R 0, F1 0.
// PER: 2 of 2 predicted, 3 gold:         P 1, R 2/3, F1 2·(2/3)/(5/3) = 0.8.
// micro: 2 of 3 predicted, 4 gold: P 2/3, R 1/2, F1 (2/3)/(7/6) = 4/7.
// macro: P (0+0+1)/3 = 1/3, R (2/3)/3 = 2/9, F1 0.8/3.
// weighted by support 1, 0, 3: P 3/4, R 3·(2/3)/4 = 1/2, F1 3·0.8/4 = 0.6.
func TestAverages(t *testing.T) {
	gold := sents("B-PER O B-PER O B-PER B-LOC O")
	pred := sents("B-PER O B-PER O O O B-ORG")
	for _, opt := range []Options{defaultMode, strictIOB2} {
		r, err := ClassificationReport(gold, pred, opt)
		require.NoError(t, err)
		require.Len(t, r.Types, 3)
		for i, want := range []Row{
			{Name: "LOC", Support: 1},
			{Name: "ORG", Predicted: 1},
			{Name: "PER", Precision: 1, Recall: 2.0 / 3, F1: 0.8, Support: 3, Predicted: 2, Correct: 2},
		} {
			assertRow(t, want, r.Types[i])
		}
		assertRow(t, Row{Name: "micro avg", Precision: 2.0 / 3, Recall: 0.5, F1: 4.0 / 7, Support: 4, Predicted: 3, Correct: 2}, r.Micro)
		assertRow(t, Row{Name: "macro avg", Precision: 1.0 / 3, Recall: 2.0 / 9, F1: 0.8 / 3, Support: 4, Predicted: 3, Correct: 2}, r.Macro)
		assertRow(t, Row{Name: "weighted avg", Precision: 0.75, Recall: 0.5, F1: 0.6, Support: 4, Predicted: 3, Correct: 2}, r.Weighted)
	}
}

func assertRow(t *testing.T, want, got Row) {
	t.Helper()
	assert.Equal(t, want.Name, got.Name)
	assert.Equal(t, []int{want.Support, want.Predicted, want.Correct}, []int{got.Support, got.Predicted, got.Correct}, want.Name)
	assert.InDelta(t, want.Precision, got.Precision, 1e-15, want.Name+" precision")
	assert.InDelta(t, want.Recall, got.Recall, 1e-15, want.Name+" recall")
	assert.InDelta(t, want.F1, got.F1, 1e-15, want.Name+" F1")
}

// TestNoType: without any chunk the macro average is NaN (seqeval's mean of
// no value), micro and weighted are 0.
func TestNoType(t *testing.T) {
	r, err := ClassificationReport(sents("O O", "O"), sents("O O", "O"), defaultMode)
	require.NoError(t, err)
	assert.Empty(t, r.Types)
	assert.True(t, math.IsNaN(r.Macro.Precision) && math.IsNaN(r.Macro.Recall) && math.IsNaN(r.Macro.F1))
	assert.Equal(t, []float64{0, 0, 0, 0, 0, 0}, []float64{r.Micro.Precision, r.Micro.Recall, r.Micro.F1, r.Weighted.Precision, r.Weighted.Recall, r.Weighted.F1})
}

// TestWeightedWithoutGold: predicted chunks but no gold one give a weighted
// average of 0, where the weights sum to 0.
func TestWeightedWithoutGold(t *testing.T) {
	r, err := ClassificationReport(sents("O O"), sents("B-PER O"), defaultMode)
	require.NoError(t, err)
	assert.Equal(t, Row{Name: "weighted avg", Predicted: 1}, r.Weighted)
	assert.Equal(t, Row{Name: "macro avg", Predicted: 1}, r.Macro)
}

func TestErrors(t *testing.T) {
	for _, tc := range []struct {
		rule       string
		gold, pred [][]string
		opt        Options
		want       string // the error's text
		tag        *TagError
	}{
		{"IOB2 refuses S- with seqeval's message", sents("O S-PER"), sents("O O"), strictIOB2,
			"gold sentence 1 token 2: Invalid token is found: S-PER. Allowed prefixes are: I|O|B.",
			&TagError{Side: "gold", Sentence: 0, Token: 1, Tag: "S-PER", Scheme: "IOB2"}},
		{"the gold is read before the prediction", sents("O", "E-PER"), sents("S-PER", "O"), strictIOB2,
			"gold sentence 2 token 1: Invalid token is found: E-PER. Allowed prefixes are: I|O|B.",
			&TagError{Side: "gold", Sentence: 1, Token: 0, Tag: "E-PER", Scheme: "IOB2"}},
		{"a prediction's invalid tag", sents("B-PER"), sents("S-PER"), strictIOB2,
			"pred sentence 1 token 1: Invalid token is found: S-PER. Allowed prefixes are: I|O|B.",
			&TagError{Side: "pred", Sentence: 0, Token: 0, Tag: "S-PER", Scheme: "IOB2"}},
		{"BILOU lists its prefixes in seqeval's order", sents("E-PER"), sents("O"), strictBILOU,
			"gold sentence 1 token 1: Invalid token is found: E-PER. Allowed prefixes are: I|O|B|U|L.",
			&TagError{Side: "gold", Sentence: 0, Token: 0, Tag: "E-PER", Scheme: "BILOU"}},
		{"strict: a tag whose first letter is no prefix", sents("O"), sents("X-PER"), strictIOBES,
			`pred sentence 1 token 1: tag "X-PER" starts with 'X', which is no tag prefix (allowed in IOBES: I|O|B|E|S)`,
			&TagError{Side: "pred", Sentence: 0, Token: 0, Tag: "X-PER", Scheme: "IOBES"}},
		{"an empty tag", [][]string{{"O", ""}}, sents("O O"), defaultMode,
			"gold sentence 1 token 2: empty tag",
			&TagError{Side: "gold", Sentence: 0, Token: 1}},
		{"no sentence", nil, nil, defaultMode, "no sentence to score", nil},
		{"no sentence, strict", [][]string{}, [][]string{}, strictIOB2, "no sentence to score", nil},
		{"sentence counts differ", sents("O", "O"), sents("O"), defaultMode, "gold has 2 sentences, pred 1", nil},
		{"sentence lengths differ", sents("O", "O O"), sents("O", "O"), strictIOB2, "sentence 2: gold has 2 tags, pred 1", nil},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			r, err := ClassificationReport(tc.gold, tc.pred, tc.opt)
			assert.Nil(t, r)
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
			var te *TagError
			if tc.tag == nil {
				assert.False(t, errors.As(err, &te))
				return
			}
			require.True(t, errors.As(err, &te))
			te.allowed = 0
			assert.Equal(t, tc.tag, te)
		})
	}
	_, err := ClassificationReport(nil, nil, defaultMode)
	assert.ErrorIs(t, err, ErrNoSentences)
}

// TestPairwiseSum checks the summation order against numpy 1.24.2's
// np.add.reduce on v[i] = (i·7919 mod 1000)/997 + i/1000; at 8, 13 and 129
// values a left-to-right sum differs in the last bit.
func TestPairwiseSum(t *testing.T) {
	for _, tc := range []struct {
		n          int
		numpy, seq float64
	}{
		{3, 1.765286860581745, 1.765286860581745},
		{7, 4.332935807422267, 4.332935807422267},
		{8, 4.774238716148446, 4.774238716148445},
		{13, 5.777097291875627, 5.777097291875626},
		{24, 11.955037111334002, 11.955037111334002},
		{129, 72.71337211634905, 72.71337211634906},
		{300, 195.45180541624876, 195.45180541624876},
	} {
		v := make([]float64, tc.n)
		seq := 0.0
		for i := range v {
			v[i] = float64(i*7919%1000)/997.0 + 1e-3*float64(i)
			seq += v[i]
		}
		assert.Equal(t, tc.numpy, pairwiseSum(v), "n=%d", tc.n)
		assert.Equal(t, tc.seq, seq, "n=%d: left to right", tc.n)
	}
}

func TestParseScheme(t *testing.T) {
	for in, want := range map[string]Scheme{"iob2": IOB2, "IOB1": IOB1, "iobes": IOBES, "Bilou": BILOU} {
		got, err := ParseScheme(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
		assert.True(t, strings.EqualFold(in, got.String()))
	}
	_, err := ParseScheme("ioe2")
	assert.EqualError(t, err, `unknown tagging scheme "ioe2" (want iob2, iob1, iobes or bilou)`)
}

// TestWriteText: the layout of seqeval's classification_report(digits=4).
func TestWriteText(t *testing.T) {
	r, err := ClassificationReport(sents("B-PER O B-PER O B-PER B-LOC O"), sents("B-PER O B-PER O O O B-ORG"), defaultMode)
	require.NoError(t, err)
	var b strings.Builder
	require.NoError(t, r.WriteText(&b, 4))
	want := "" +
		"              precision    recall  f1-score   support\n" +
		"\n" +
		"         LOC     0.0000    0.0000    0.0000         1\n" +
		"         ORG     0.0000    0.0000    0.0000         0\n" +
		"         PER     1.0000    0.6667    0.8000         3\n" +
		"\n" +
		"   micro avg     0.6667    0.5000    0.5714         4\n" +
		"   macro avg     0.3333    0.2222    0.2667         4\n" +
		"weighted avg     0.7500    0.5000    0.6000         4\n" +
		"\n"
	assert.Equal(t, want, b.String())

	r, err = ClassificationReport(sents("O"), sents("O"), defaultMode)
	require.NoError(t, err)
	b.Reset()
	require.NoError(t, r.WriteText(&b, 2))
	assert.Contains(t, b.String(), "   macro avg        nan       nan       nan         0\n")
}

// TestMarshalJSON: seqeval's output_dict layout, rows in order, NaN as null.
func TestMarshalJSON(t *testing.T) {
	r, err := ClassificationReport(sents("B-PER O"), sents("B-PER B-LOC"), defaultMode)
	require.NoError(t, err)
	out, err := json.Marshal(r)
	require.NoError(t, err)
	assert.Equal(t, `{"LOC":{"precision":0,"recall":0,"f1-score":0,"support":0,"predicted":1,"correct":0},`+
		`"PER":{"precision":1,"recall":1,"f1-score":1,"support":1,"predicted":1,"correct":1},`+
		`"micro avg":{"precision":0.5,"recall":1,"f1-score":0.6666666666666666,"support":1,"predicted":2,"correct":1},`+
		`"macro avg":{"precision":0.5,"recall":0.5,"f1-score":0.5,"support":1,"predicted":2,"correct":1},`+
		`"weighted avg":{"precision":1,"recall":1,"f1-score":1,"support":1,"predicted":2,"correct":1}}`, string(out))

	r, err = ClassificationReport(sents("O"), sents("O"), defaultMode)
	require.NoError(t, err)
	out, err = json.Marshal(r)
	require.NoError(t, err)
	assert.Contains(t, string(out), `"macro avg":{"precision":null,"recall":null,"f1-score":null,"support":0`)
}

// FuzzClassificationReport: any tags give a report or an error, never a
// panic, and a report's numbers stay within their bounds.
func FuzzClassificationReport(f *testing.F) {
	f.Add("B-PER I-PER O\nS-LOC", "B-PER O O\nU-LOC", uint8(0))
	f.Add("I-X B-X E-X", "L-X I-X B", uint8(3))
	f.Add("O\n\nO", "O\n\nO", uint8(2))
	f.Fuzz(func(t *testing.T, gold, pred string, mode uint8) {
		split := func(s string) [][]string {
			var out [][]string
			for _, line := range strings.Split(s, "\n") {
				out = append(out, strings.Fields(line))
			}
			return out
		}
		opt := Options{Strict: mode%5 != 4, Scheme: Scheme(mode % 5 % 4)}
		r, err := ClassificationReport(split(gold), split(pred), opt)
		if err != nil {
			return
		}
		for _, row := range r.Rows() {
			if row.Correct > row.Predicted || row.Correct > row.Support {
				t.Fatalf("%s: %d correct of %d predicted, %d gold", row.Name, row.Correct, row.Predicted, row.Support)
			}
			for _, v := range []float64{row.Precision, row.Recall, row.F1} {
				if v < 0 || v > 1 || (math.IsNaN(v) && (row.Name != "macro avg" || len(r.Types) > 0)) {
					t.Fatalf("%s: value %v", row.Name, v)
				}
			}
		}
	})
}
