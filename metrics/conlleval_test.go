package metrics

import (
	"bytes"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The expected numbers below come from running conlleval.pl (version
// 2004-01-26) on the files of testdata/conlleval; its printed output is kept
// beside each input as <name>.out.

func readConllFile(t *testing.T, name string) *ConllFile {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("testdata", "conlleval", name))
	require.NoError(t, err)
	f, err := ReadConll(bytes.NewReader(b), name)
	require.NoError(t, err)
	return f
}

func TestConllevalNumbers(t *testing.T) {
	tests := []struct {
		file string
		want ConllEval
	}{
		{
			// iob2.txt: IOB2 with a stray I- (guess موسكو, guess شويغو, gold كييف),
			// adjacent chunks of one type (guess سيرغي|لافروف B-PER B-PER, gold
			// روسيا|أوكرانيا B-LOC B-LOC), a -X- line, an empty sentence (two
			// blank lines) and two -DOCSTART- lines, which conlleval.pl counts
			// as O-tagged tokens, not boundaries.
			//
			// tokens: 1 -DOCSTART- + 6 + 6 + 5 + 1 -DOCSTART- + 4 = 23
			// gold chunks (9): PER فلاديمير بوتين, LOC موسكو | PER سيرغي لافروف, PER شويغو |
			//   ORG البنتاغون, NUM 100 ألف | LOC روسيا, LOC أوكرانيا, LOC كييف
			// guessed (10): PER فلاديمير بوتين, LOC موسكو | ORG وزير الخارجية, PER سيرغي,
			//   PER لافروف, PER شويغو | ORG البنتاغون, NUM 100 | LOC روسيا أوكرانيا, LOC كييف
			// correct (5): فلاديمير بوتين, موسكو, شويغو, البنتاغون, كييف
			// correct tags: 23 − 8 wrong (موسكو, وزير, الخارجية, لافروف, شويغو, ألف,
			//   أوكرانيا, كييف) = 15 → accuracy 15/23 = 65.22%
			// P = 5/10 = 50.00%, R = 5/9 = 55.56%, FB1 = 2·50·55.56/105.56 = 52.63
			// LOC: 2 correct of 3 guessed, 4 gold → 66.67%, 50.00%
			// NUM: 0 of 1, 1 → 0;  ORG: 1 of 2, 1 → 50.00%, 100.00%
			// PER: 2 of 4, 3 → 50.00%, 66.67%
			"iob2.txt",
			ConllEval{
				Tokens: 23, CorrectTags: 15,
				Overall: ConllCounts{Gold: 9, Guessed: 10, Correct: 5},
				Types: []ConllTypeCounts{
					{"LOC", ConllCounts{Gold: 4, Guessed: 3, Correct: 2}},
					{"NUM", ConllCounts{Gold: 1, Guessed: 1, Correct: 0}},
					{"ORG", ConllCounts{Gold: 1, Guessed: 2, Correct: 1}},
					{"PER", ConllCounts{Gold: 3, Guessed: 4, Correct: 2}},
				},
			},
		},
		{
			// iobes.txt: conlleval.pl's startOfChunk/endOfChunk know E- but
			// not S-, so S-X S-X (and E-X S-X, S-X B-X) of one type run
			// together into one chunk, in the gold and the guess alike.
			//
			// tokens: 9 + 8 = 17
			// gold (6): ORG الكرملين, PER فلاديمير بوتين, PER سيرغي شويغو لافروف (E-PER S-PER
			//   joins) | LOC موسكو كييف (S-LOC S-LOC joins), DATE الأحد, ORG الدفاع الروسية
			// guessed (6): the same chunks, from different tags (كييف B-LOC after S-LOC
			//   does not start a chunk; الدفاع الروسية is S-ORG S-ORG)
			// correct: 6 → P = R = FB1 = 100%
			// correct tags: 17 − 4 (كييف, الأحد, الدفاع, الروسية) = 13 → 13/17 = 76.47%
			"iobes.txt",
			ConllEval{
				Tokens: 17, CorrectTags: 13,
				Overall: ConllCounts{Gold: 6, Guessed: 6, Correct: 6},
				Types: []ConllTypeCounts{
					{"DATE", ConllCounts{Gold: 1, Guessed: 1, Correct: 1}},
					{"LOC", ConllCounts{Gold: 1, Guessed: 1, Correct: 1}},
					{"ORG", ConllCounts{Gold: 2, Guessed: 2, Correct: 2}},
					{"PER", ConllCounts{Gold: 2, Guessed: 2, Correct: 2}},
				},
			},
		},
		{
			// iob1.txt: four columns (word, POS, gold, guess); IOB1, where I-
			// opens a chunk and B- only separates two chunks of one type.
			//
			// tokens: 5 + 6 = 11 (the -X- line is a boundary)
			// gold (5): PER بوتين, PER لافروف شويغو | LOC الصين, LOC روسيا الهند, DATE ماي 2019
			// guessed (4): PER بوتين لافروف شويغو | the three of the second sentence
			// correct: 3 → P = 3/4 = 75.00%, R = 3/5 = 60.00%, FB1 = 2·75·60/135 = 66.67
			// correct tags: 11 − 1 (لافروف) = 10 → 90.91%
			"iob1.txt",
			ConllEval{
				Tokens: 11, CorrectTags: 10,
				Overall: ConllCounts{Gold: 5, Guessed: 4, Correct: 3},
				Types: []ConllTypeCounts{
					{"DATE", ConllCounts{Gold: 1, Guessed: 1, Correct: 1}},
					{"LOC", ConllCounts{Gold: 2, Guessed: 2, Correct: 2}},
					{"PER", ConllCounts{Gold: 2, Guessed: 1, Correct: 0}},
				},
			},
		},
		{
			// untyped.txt: tags without a type (B, I), CoNLL-2000 brackets
			// ([ and ] chunks of one token) and the "." tag that neither
			// starts nor ends a chunk. The type "" prints twice, a quirk of
			// the script's de-duplication of type names (see WriteText).
			//
			// tokens: 6 + 2 = 8
			// gold (4): "" قال بوتين (B I), "" في ([), "" موسكو (]) | LOC كييف لندن
			// guessed (5): "" قال بوتين, "" أمس (B after I), "" في ([) | "" كييف (B),
			//   LOC لندن (I-LOC after an untyped B starts a chunk)
			// correct (2): قال بوتين, في
			// correct tags: 8 − 3 (أمس, موسكو, كييف) = 5 → 62.50%
			// P = 2/5 = 40.00%, R = 2/4 = 50.00%, FB1 = 2·40·50/90 = 44.44
			"untyped.txt",
			ConllEval{
				Tokens: 8, CorrectTags: 5,
				Overall: ConllCounts{Gold: 4, Guessed: 5, Correct: 2},
				Types: []ConllTypeCounts{
					{"", ConllCounts{Gold: 3, Guessed: 4, Correct: 2}},
					{"LOC", ConllCounts{Gold: 1, Guessed: 1, Correct: 0}},
				},
			},
		},
		{
			// twocol.txt: only the two tag columns, leading blank and
			// whitespace-only lines (empty sentences), no final newline.
			//
			// tokens: 3 + 3 = 6
			// gold (3): PER 1–2 | ORG 1–2 (I-ORG I-ORG), ORG 3 (B-ORG)
			// guessed (4): PER 1, LOC 3 | ORG 1–2, ORG 3
			// correct: 2 (the ORGs) → P = 2/4 = 50.00%, R = 2/3 = 66.67%, FB1 = 57.14
			// correct tags: 6 − 2 = 4 → 66.67%
			"twocol.txt",
			ConllEval{
				Tokens: 6, CorrectTags: 4,
				Overall: ConllCounts{Gold: 3, Guessed: 4, Correct: 2},
				Types: []ConllTypeCounts{
					{"LOC", ConllCounts{Gold: 0, Guessed: 1, Correct: 0}},
					{"ORG", ConllCounts{Gold: 2, Guessed: 2, Correct: 2}},
					{"PER", ConllCounts{Gold: 1, Guessed: 1, Correct: 0}},
				},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			f := readConllFile(t, tc.file)
			got := f.Eval()
			assert.Equal(t, tc.want, got)

			// The printed report is conlleval.pl's, byte for byte.
			want, err := os.ReadFile(filepath.Join("testdata", "conlleval", strings.TrimSuffix(tc.file, ".txt")+".out"))
			require.NoError(t, err)
			var buf bytes.Buffer
			require.NoError(t, got.WriteText(&buf))
			assert.Equal(t, string(want), buf.String())

			// Strict scoring of the pseudo-documents counts the same chunks,
			// overall and per type.
			r := Evaluate(f.Documents(), Options{})
			total := r.Schemes[SchemeStrict].Total
			assert.Equal(t, got.Overall, ConllCounts{Gold: total.POS(), Guessed: total.ACT(), Correct: total.COR})
			for _, ct := range got.Types {
				x := row(t, r, SchemeStrict, ct.Type)
				assert.Equal(t, ct.ConllCounts, ConllCounts{Gold: x.Tally.POS(), Guessed: x.Tally.ACT(), Correct: x.Tally.COR}, ct.Type)
				assert.InDelta(t, ct.F1(), x.Score.F1, 1e-12, ct.Type)
			}
			assert.InDelta(t, got.Overall.F1(), r.Schemes[SchemeStrict].Micro.F1, 1e-12)
		})
	}
}

func TestConllevalRatios(t *testing.T) {
	e := readConllFile(t, "iob2.txt").Eval()
	assert.InDelta(t, 15.0/23, e.Accuracy(), 1e-12)
	assert.InDelta(t, 0.5, e.Overall.Precision(), 1e-12)
	assert.InDelta(t, 5.0/9, e.Overall.Recall(), 1e-12)
	// F1 = 2·(1/2)·(5/9) / (1/2 + 5/9) = (5/9) / (19/18) = 10/19
	assert.InDelta(t, 10.0/19, e.Overall.F1(), 1e-12)

	var zero ConllEval
	assert.Zero(t, zero.Accuracy())
	assert.Zero(t, zero.Overall.F1())
	var buf bytes.Buffer
	require.NoError(t, zero.WriteText(&buf))
	assert.Equal(t, "processed 0 tokens with 0 phrases; found: 0 phrases; correct: 0.\n", buf.String(),
		"conlleval.pl prints no accuracy line without tokens")
}

func TestConllDocuments(t *testing.T) {
	f := readConllFile(t, "iob2.txt")
	docs := f.Documents()
	require.Len(t, docs, 4, "the empty sentence and the -DOCSTART- lines make no document")
	d := docs[0]
	assert.Equal(t, "iob2.txt:3", d.ID)
	assert.Equal(t, "قال الرئيس فلاديمير بوتين في موسكو", d.Text)
	require.Len(t, d.Gold, 2)
	assert.Equal(t, "فلاديمير بوتين", d.Gold[0].Text)
	assert.Equal(t, "PER", d.Gold[0].Type)
	assert.Equal(t, "موسكو", d.Text[d.Gold[1].Start:d.Gold[1].End])
	require.Len(t, d.Pred, 2)
	assert.Equal(t, "موسكو", d.Pred[1].Text, "a stray I- opens a chunk")

	last := docs[3]
	assert.Equal(t, []string{"روسيا", "أوكرانيا", "كييف"}, texts(last.Gold), "B-LOC B-LOC are two chunks")
	assert.Equal(t, []string{"روسيا أوكرانيا", "كييف"}, texts(last.Pred))

	two := readConllFile(t, "twocol.txt").Documents()
	require.Len(t, two, 2)
	assert.Equal(t, "_ _ _", two[0].Text, "files without a word column get placeholders")
}

func texts(ms []corpus.Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text)
	}
	return out
}

func TestReadConllReportsBadLinesAndGoesOn(t *testing.T) {
	in := "بوتين B-PER B-PER\r\n" +
		"موسكو\tB-LOC\tB-LOC\n" +
		"وحيد\n" +
		"اثنان O O O\n" +
		"-X- O\n" +
		"كييف B-LOC O\n"
	f, err := ReadConll(strings.NewReader(in), "run.conll")
	require.Error(t, err)
	var se *SyntaxError
	require.True(t, errors.As(err, &se))
	assert.Equal(t, "run.conll:3: want at least two columns (gold tag, guessed tag), got 1; line skipped", se.Error())
	assert.Contains(t, err.Error(), "run.conll:4: 4 columns where the first token line has 3; line skipped")
	require.Len(t, f.Items, 4, "CRLF and tabs are read, bad lines skipped, a narrow -X- line is a boundary")
	assert.Equal(t, ConllItem{Line: 1, Word: "بوتين", Gold: "B-PER", Guess: "B-PER"}, f.Items[0])
	assert.Equal(t, ConllItem{Line: 2, Word: "موسكو", Gold: "B-LOC", Guess: "B-LOC"}, f.Items[1])
	assert.True(t, f.Items[2].Boundary)
	assert.Equal(t, 6, f.Items[3].Line)
	e := f.Eval()
	assert.Equal(t, ConllCounts{Gold: 3, Guessed: 2, Correct: 2}, e.Overall)
}

func TestReadConllIOError(t *testing.T) {
	f, err := ReadConll(&failingReader{data: "a B-PER B-PER\n"}, "x.conll")
	assert.ErrorContains(t, err, "x.conll: disk on fire")
	require.NotNil(t, f)
	assert.Len(t, f.Items, 1)
}

type failingReader struct{ data string }

func (r *failingReader) Read(p []byte) (int, error) {
	if r.data == "" {
		return 0, errors.New("disk on fire")
	}
	n := copy(p, r.data)
	r.data = r.data[n:]
	return n, nil
}

func TestSplitTagFollowsThePerl(t *testing.T) {
	tests := []struct{ tag, chunk, typ string }{
		{"B-PER", "B", "PER"},
		{"O", "O", ""},
		{"I-", "I", ""},
		{"B-LOC-GPE", "B", "LOC-GPE"},
		{"B-0", "B", ""}, // Perl tests the type for truth; "0" is false
		{"PER", "PER", ""},
	}
	for _, tc := range tests {
		c, typ := splitTag(tc.tag)
		assert.Equal(t, [2]string{tc.chunk, tc.typ}, [2]string{c, typ}, tc.tag)
	}
}

// conllFromBytes builds a conlleval file from fuzz bytes: each byte is a
// token whose gold and guessed tags are drawn from O and {B,I,E,S}-{PER,LOC},
// or (one value in 26) a sentence boundary.
func conllFromBytes(data []byte) string {
	tags := []string{"O", "B-PER", "I-PER", "E-PER", "S-PER", "B-LOC", "I-LOC", "E-LOC", "S-LOC"}
	var b strings.Builder
	for i, c := range data {
		if c%26 == 25 {
			b.WriteString("\n")
			continue
		}
		g, p := tags[int(c)%len(tags)], tags[int(c)/len(tags)%len(tags)]
		b.WriteString("w")
		b.WriteString(strings.Repeat("x", i%3))
		b.WriteString(" " + g + " " + p + "\n")
	}
	return b.String()
}

// FuzzConllStrictEqualsConlleval checks, on random IOB/IOBES tag sequences,
// that strict scoring of the pseudo-documents counts exactly conlleval's
// gold, guessed and correct chunks.
func FuzzConllStrictEqualsConlleval(f *testing.F) {
	f.Add([]byte{1, 2, 3, 25, 9, 10, 11})
	f.Add([]byte{4, 4, 40, 36, 0, 13, 22, 31})
	f.Add([]byte("IOBES tags galore"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cf, err := ReadConll(strings.NewReader(conllFromBytes(data)), "fuzz")
		require.NoError(t, err)
		e := cf.Eval()
		total := Evaluate(cf.Documents(), Options{}).Schemes[SchemeStrict].Total
		require.Equal(t, e.Overall, ConllCounts{Gold: total.POS(), Guessed: total.ACT(), Correct: total.COR})
	})
}

// FuzzReadConll feeds arbitrary text: reading never panics, the counts are
// consistent and every pseudo-document mention lies inside its text.
func FuzzReadConll(f *testing.F) {
	for _, name := range []string{"iob2.txt", "iobes.txt", "iob1.txt", "untyped.txt", "twocol.txt"} {
		b, err := os.ReadFile(filepath.Join("testdata", "conlleval", name))
		require.NoError(f, err)
		f.Add(string(b))
	}
	f.Add("a [ ]\nb ] [\nc . .\n-DOCSTART- B-X I-X\n\xff B- I-\n")
	f.Fuzz(func(t *testing.T, in string) {
		cf, _ := ReadConll(strings.NewReader(in), "fuzz")
		e := cf.Eval()
		require.LessOrEqual(t, e.CorrectTags, e.Tokens)
		var sum ConllCounts
		for _, ct := range e.Types {
			sum.Gold += ct.Gold
			sum.Guessed += ct.Guessed
			sum.Correct += ct.Correct
		}
		require.Equal(t, e.Overall, sum)
		require.NoError(t, e.WriteText(&bytes.Buffer{}))
		for _, d := range cf.Documents() {
			for _, m := range append(append([]corpus.Mention(nil), d.Gold...), d.Pred...) {
				require.True(t, 0 <= m.Start && m.Start < m.End && m.End <= len(d.Text), "%v in %q", m, d.Text)
				require.Equal(t, d.Text[m.Start:m.End], m.Text)
			}
		}
	})
}
