package conlleval

import (
	"bytes"
	"encoding/json"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/metrics"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The expected reports of this file come from conlleval.pl itself (version
// 2004-01-26): ../testdata/oracles holds the shared reference outputs, and
// testdata/perl and testdata/own hold arabench's own inputs with the
// script's output beside them (see the PROVENANCE files).

func readFile(t *testing.T, path string, opts Options) *File {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	f, err := Read(bytes.NewReader(b), filepath.Base(path), opts)
	require.NoError(t, err)
	return f
}

func report(t *testing.T, f *File) string {
	t.Helper()
	var buf bytes.Buffer
	require.NoError(t, f.Evaluate().WriteText(&buf))
	return buf.String()
}

func caseDirs(t *testing.T, glob string) []string {
	t.Helper()
	dirs, err := filepath.Glob(glob)
	require.NoError(t, err)
	require.NotEmpty(t, dirs, glob)
	return dirs
}

// TestOraclesByteEqual: on every shared reference case, the report is
// conlleval.pl's stdout to the byte.
func TestOraclesByteEqual(t *testing.T) {
	dirs := caseDirs(t, filepath.Join("..", "testdata", "oracles", "cases", "*"))
	require.Len(t, dirs, 37)
	equal := 0
	for _, dir := range dirs {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join(dir, "conlleval.txt"))
			require.NoError(t, err)
			if assert.Equal(t, string(want), report(t, readFile(t, filepath.Join(dir, "input.conll"), Options{}))) {
				equal++
			}
		})
	}
	assert.Equal(t, len(dirs), equal, "oracle cases byte-equal")
}

// TestCRLFLeniency: the same oracle files with CR LF line ends give the same
// bytes, and the file counts the lines whose CR it dropped. (conlleval.pl
// refuses 35 of these files at their first blank line, "\r" being one
// column, and on the others keeps "\r" in the guessed type.)
func TestCRLFLeniency(t *testing.T) {
	for _, dir := range caseDirs(t, filepath.Join("..", "testdata", "oracles", "cases", "*")) {
		t.Run(filepath.Base(dir), func(t *testing.T) {
			in, err := os.ReadFile(filepath.Join(dir, "input.conll"))
			require.NoError(t, err)
			want, err := os.ReadFile(filepath.Join(dir, "conlleval.txt"))
			require.NoError(t, err)
			crlf := bytes.ReplaceAll(in, []byte("\n"), []byte("\r\n"))
			f, err := Read(bytes.NewReader(crlf), "crlf", Options{})
			require.NoError(t, err)
			assert.Equal(t, string(want), report(t, f))
			assert.Equal(t, bytes.Count(in, []byte("\n")), f.CRLines)
		})
	}
	f, err := Read(strings.NewReader("a B-PER B-PER\nb O O\r"), "x", Options{})
	require.NoError(t, err)
	assert.Equal(t, 1, f.CRLines, "a CR at the end of a last line without LF is dropped too")
	assert.Equal(t, "O", f.Items[1].Guess)
}

// TestOracleRejects: where conlleval.pl stops with "unexpected number of
// features: N (M)", Read stops at the same line with the script's numbers.
func TestOracleRejects(t *testing.T) {
	tests := []struct {
		name string
		line int
		msg  string
	}{
		{"docstart_4_fields_first_line", 3, "3 columns where line 1 has 4"},
		{"docstart_4_fields_in_3_column_file", 4, "4 columns where line 1 has 3"},
		{"x_line_without_tags", 3, "1 column where line 1 has 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := filepath.Join("..", "testdata", "oracles", "conlleval_rejects", tc.name)
			in, err := os.ReadFile(filepath.Join(dir, "input.conll"))
			require.NoError(t, err)
			perlErr, err := os.ReadFile(filepath.Join(dir, "conlleval.stderr.txt"))
			require.NoError(t, err)
			f, err := Read(bytes.NewReader(in), "in.conll", Options{})
			assert.Nil(t, f)
			var se *SyntaxError
			require.True(t, errors.As(err, &se), "%v", err)
			assert.Equal(t, "in.conll", se.FileName)
			assert.Equal(t, tc.line, se.Line)
			assert.Contains(t, se.Msg, tc.msg)
			assert.Contains(t, se.Msg, strings.TrimSpace(string(perlErr)), "the script's own words")
		})
	}
}

// perlArgs turns a case's conlleval.pl arguments into Options.
func perlArgs(t *testing.T, dir string) Options {
	t.Helper()
	b, err := os.ReadFile(filepath.Join(dir, "args"))
	if errors.Is(err, os.ErrNotExist) {
		return Options{}
	}
	require.NoError(t, err)
	args := strings.Split(strings.TrimSuffix(string(b), "\n"), "\n")
	var o Options
	for i := 0; i < len(args); i++ {
		switch args[i] {
		case "-r":
			o.Raw = true
		case "-d":
			i++
			o.Delimiter = args[i]
		case "-o":
			i++
			o.OTag = args[i]
		default:
			t.Fatalf("%s: unknown argument %q", dir, args[i])
		}
	}
	return o
}

// TestPerlCases covers the options (-d, -r, -o) and how columns are cut: a
// no-break space or a tab inside a token, empty columns, trailing spaces,
// raw tags. Each report equals conlleval.pl's; each file it refused is an
// error at the line where it stopped.
func TestPerlCases(t *testing.T) {
	rejectLine := map[string]int{
		"reject_one_column":                      1,
		"reject_tab_separated_default_delimiter": 1,
		"reject_double_space":                    2,
		"reject_one_column_after_boundary_line":  2,
	}
	for _, dir := range caseDirs(t, filepath.Join("testdata", "perl", "*")) {
		if !isDir(dir) {
			continue
		}
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			opts := perlArgs(t, dir)
			in, err := os.ReadFile(filepath.Join(dir, "input.conll"))
			require.NoError(t, err)
			f, err := Read(bytes.NewReader(in), name, opts)
			if want, ok := rejectLine[name]; ok {
				status, serr := os.ReadFile(filepath.Join(dir, "conlleval.exit_status"))
				require.NoError(t, serr, "conlleval.pl refused this file")
				assert.NotEqual(t, "0\n", string(status))
				var se *SyntaxError
				require.True(t, errors.As(err, &se), "%v", err)
				assert.Equal(t, want, se.Line)
				return
			}
			require.NoError(t, err)
			want, err := os.ReadFile(filepath.Join(dir, "conlleval.txt"))
			require.NoError(t, err)
			assert.Equal(t, string(want), report(t, f))
		})
	}
}

func isDir(path string) bool {
	st, err := os.Stat(path)
	return err == nil && st.IsDir()
}

func TestBadLinesAreNamed(t *testing.T) {
	tests := []struct {
		name, in string
		want     string
	}{
		{"one column per line", "بوتين\nفي\n",
			"f.conll:1: 1 column; conlleval needs at least two, the gold tag and the guessed tag last"},
		{"a tab-separated file read with the default delimiter", "بوتين\tB-PER\tB-PER\n",
			`f.conll:1: 1 column; conlleval needs at least two, the gold tag and the guessed tag last: columns are separated by single spaces, as in conlleval.pl, and this line has tabs (a tab-separated file needs --delimiter '\t')`},
		{"two spaces make an empty column", "بوتين B-PER B-PER\nفي  O O\n",
			"f.conll:2: 4 columns where line 1 has 3; conlleval.pl stops here (unexpected number of features: 4 (3)): columns are separated by single spaces, as in conlleval.pl, so two spaces in a row, or a space first, make an empty column"},
		{"the count is fixed by the first line with columns, not by blank lines", "\n\na B-PER B-PER\nb O\n",
			"f.conll:4: 2 columns where line 3 has 3; conlleval.pl stops here (unexpected number of features: 2 (3))"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.in), "f.conll", Options{})
			require.Error(t, err)
			assert.Equal(t, tc.want, err.Error())
		})
	}
}

func TestDelimiterRefused(t *testing.T) {
	tests := []struct{ delimiter, want string }{
		{"|", "can match an empty string"},
		{" *", "can match an empty string"},
		{`\b`, "can match an empty string"},
		{"(a|)", "can match an empty string"},
		{"x{0,2}", "can match an empty string"},
		{"(", "missing closing )"},
		{`(?=a)`, "invalid or unsupported Perl syntax"},
	}
	for _, tc := range tests {
		_, err := Read(strings.NewReader("a O O\n"), "f", Options{Delimiter: tc.delimiter})
		assert.ErrorContains(t, err, tc.want, tc.delimiter)
	}
}

// TestSplitLikePerl: the columns are perl's split(/$delimiter/, $line), on
// bytes. The expected columns were printed by perl 5.36.
func TestSplitLikePerl(t *testing.T) {
	tests := []struct {
		why, delimiter, line string
		want                 []string
	}{
		{"single spaces", " ", "a b c", []string{"a", "b", "c"}},
		{"a space first and two spaces make empty columns", " ", "  a  b c", []string{"", "", "a", "", "b", "c"}},
		{"a tab is not a space", " ", "a\tb c", []string{"a\tb", "c"}},
		{"trailing empty columns are dropped", " ", "a b c  ", []string{"a", "b", "c"}},
		{"a no-break space is inside the token", " ", "a b\u00a0x c", []string{"a", "b\u00a0x", "c"}},
		{"a line of spaces has no column", " ", "   ", nil},
		{"an empty line has no column", " ", "", nil},
		{"the delimiter is a regular expression", `\t`, "a b\tc\t\td", []string{"a b", "c", "", "d"}},
		{"a run as one delimiter, leading empty column", "[ \t]+", " a \t b", []string{"", "a", "b"}},
		{"capture groups are columns; a group that did not match is empty", "(;)|(,)", "a;b,c", []string{"a", ";", "", "b", "", ",", "c"}},
		{"empty trailing captures are dropped too", "(;)|(,)", "a;b;", []string{"a", ";", "", "b", ";"}},
		{"a dot is one byte", "x.", "axبb", []string{"a", "\xa8b"}},
		{"a negated class matches each byte of a letter", "[^a-z]", "aبb", []string{"a", "", "b"}},
		{"a multi-byte delimiter", "،", "a،b", []string{"a", "b"}},
		{`\xa0 is the byte A0`, `\xa0`, "a\u00a0b", []string{"a\xc2", "b"}},
		{"a literal delimiter longer than a byte", "-X-", "a-X-b-X-", []string{"a", "b"}},
		{"^ is the start of the line only", "^a", "aab", []string{"", "ab"}},
	}
	for _, tc := range tests {
		t.Run(tc.why, func(t *testing.T) {
			sp, err := newSplitter(tc.delimiter)
			require.NoError(t, err)
			var got []string
			for _, c := range sp.split(nil, []byte(tc.line)) {
				got = append(got, string(c))
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestRawTags(t *testing.T) {
	tests := []struct{ tag, oTag, want string }{
		{"PER", "O", "B-PER"},
		{"O", "O", "O"},
		{"N", "N", "O"},
		{"O", "N", "O"}, // O stays outside whatever the outside tag
		{"B-PER", "O", "B-B-PER"},
	}
	for _, tc := range tests {
		assert.Equal(t, tc.want, rawTag(tc.tag, tc.oTag), "%s with -o %s", tc.tag, tc.oTag)
	}
}

func TestWorkedNumbers(t *testing.T) {
	tests := []struct {
		file string
		want Report
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
			// found (10): PER فلاديمير بوتين, LOC موسكو | ORG وزير الخارجية, PER سيرغي,
			//   PER لافروف, PER شويغو | ORG البنتاغون, NUM 100 | LOC روسيا أوكرانيا, LOC كييف
			// correct (5): فلاديمير بوتين, موسكو, شويغو, البنتاغون, كييف
			// correct tags: 23 − 8 wrong (موسكو, وزير, الخارجية, لافروف, شويغو, ألف,
			//   أوكرانيا, كييف) = 15 → accuracy 15/23 = 65.22%
			// P = 5/10 = 50.00%, R = 5/9 = 55.56%, FB1 = 2·50·55.56/105.56 = 52.63
			// LOC: 2 correct of 3 found, 4 gold → 66.67%, 50.00%
			// NUM: 0 of 1, 1 → 0;  ORG: 1 of 2, 1 → 50.00%, 100.00%
			// PER: 2 of 4, 3 → 50.00%, 66.67%
			"iob2.txt",
			Report{
				Tokens: 23, CorrectTags: 15,
				Overall: Counts{Phrases: 9, Found: 10, Correct: 5},
				Types: []TypeCounts{
					{"LOC", Counts{Phrases: 4, Found: 3, Correct: 2}},
					{"NUM", Counts{Phrases: 1, Found: 1, Correct: 0}},
					{"ORG", Counts{Phrases: 1, Found: 2, Correct: 1}},
					{"PER", Counts{Phrases: 3, Found: 4, Correct: 2}},
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
			// found (6): the same chunks, from different tags (كييف B-LOC after S-LOC
			//   does not start a chunk; الدفاع الروسية is S-ORG S-ORG)
			// correct: 6 → P = R = FB1 = 100%
			// correct tags: 17 − 4 (كييف, الأحد, الدفاع, الروسية) = 13 → 13/17 = 76.47%
			"iobes.txt",
			Report{
				Tokens: 17, CorrectTags: 13,
				Overall: Counts{Phrases: 6, Found: 6, Correct: 6},
				Types: []TypeCounts{
					{"DATE", Counts{Phrases: 1, Found: 1, Correct: 1}},
					{"LOC", Counts{Phrases: 1, Found: 1, Correct: 1}},
					{"ORG", Counts{Phrases: 2, Found: 2, Correct: 2}},
					{"PER", Counts{Phrases: 2, Found: 2, Correct: 2}},
				},
			},
		},
		{
			// iob1.txt: four columns (word, POS, gold, guess); IOB1, where I-
			// opens a chunk and B- only separates two chunks of one type.
			//
			// tokens: 5 + 6 = 11 (the -X- line is a boundary)
			// gold (5): PER بوتين, PER لافروف شويغو | LOC الصين, LOC روسيا الهند, DATE ماي 2019
			// found (4): PER بوتين لافروف شويغو | the three of the second sentence
			// correct: 3 → P = 3/4 = 75.00%, R = 3/5 = 60.00%, FB1 = 2·75·60/135 = 66.67
			// correct tags: 11 − 1 (لافروف) = 10 → 90.91%
			"iob1.txt",
			Report{
				Tokens: 11, CorrectTags: 10,
				Overall: Counts{Phrases: 5, Found: 4, Correct: 3},
				Types: []TypeCounts{
					{"DATE", Counts{Phrases: 1, Found: 1, Correct: 1}},
					{"LOC", Counts{Phrases: 2, Found: 2, Correct: 2}},
					{"PER", Counts{Phrases: 2, Found: 1, Correct: 0}},
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
			// found (5): "" قال بوتين, "" أمس (B after I), "" في ([) | "" كييف (B),
			//   LOC لندن (I-LOC after an untyped B starts a chunk)
			// correct (2): قال بوتين, في
			// correct tags: 8 − 3 (أمس, موسكو, كييف) = 5 → 62.50%
			// P = 2/5 = 40.00%, R = 2/4 = 50.00%, FB1 = 2·40·50/90 = 44.44
			"untyped.txt",
			Report{
				Tokens: 8, CorrectTags: 5,
				Overall: Counts{Phrases: 4, Found: 5, Correct: 2},
				Types: []TypeCounts{
					{"", Counts{Phrases: 3, Found: 4, Correct: 2}},
					{"LOC", Counts{Phrases: 1, Found: 1, Correct: 0}},
				},
			},
		},
		{
			// twocol.txt: only the two tag columns, leading blank and
			// space-only lines (empty sentences), no final newline.
			//
			// tokens: 3 + 3 = 6
			// gold (3): PER 1–2 | ORG 1–2 (I-ORG I-ORG), ORG 3 (B-ORG)
			// found (4): PER 1, LOC 3 | ORG 1–2, ORG 3
			// correct: 2 (the ORGs) → P = 2/4 = 50.00%, R = 2/3 = 66.67%, FB1 = 57.14
			// correct tags: 6 − 2 = 4 → 66.67%
			"twocol.txt",
			Report{
				Tokens: 6, CorrectTags: 4,
				Overall: Counts{Phrases: 3, Found: 4, Correct: 2},
				Types: []TypeCounts{
					{"LOC", Counts{Phrases: 0, Found: 1, Correct: 0}},
					{"ORG", Counts{Phrases: 2, Found: 2, Correct: 2}},
					{"PER", Counts{Phrases: 1, Found: 1, Correct: 0}},
				},
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.file, func(t *testing.T) {
			f := readFile(t, filepath.Join("testdata", "own", tc.file), Options{})
			got := f.Evaluate()
			assert.Equal(t, tc.want, *got)

			want, err := os.ReadFile(filepath.Join("testdata", "own", strings.TrimSuffix(tc.file, ".txt")+".out"))
			require.NoError(t, err)
			assert.Equal(t, string(want), report(t, f), "conlleval.pl's report, byte for byte")

			// Strict scoring of the pseudo-documents counts the same chunks.
			r := metrics.Evaluate(f.Documents(), metrics.Options{})
			total := r.Schemes[metrics.SchemeStrict].Total
			assert.Equal(t, got.Overall, Counts{Phrases: total.POS(), Found: total.ACT(), Correct: total.COR})
			assert.InDelta(t, got.Overall.F1(), r.Schemes[metrics.SchemeStrict].Micro.F1, 1e-12)
		})
	}
}

func TestRatios(t *testing.T) {
	r := readFile(t, filepath.Join("testdata", "own", "iob2.txt"), Options{}).Evaluate()
	assert.InDelta(t, 15.0/23, r.Accuracy(), 1e-12)
	assert.InDelta(t, 0.5, r.Overall.Precision(), 1e-12)
	assert.InDelta(t, 5.0/9, r.Overall.Recall(), 1e-12)
	// F1 = 2·(1/2)·(5/9) / (1/2 + 5/9) = (5/9) / (19/18) = 10/19
	assert.InDelta(t, 10.0/19, r.Overall.F1(), 1e-12)

	var zero Report
	assert.Zero(t, zero.Accuracy())
	assert.Zero(t, zero.Overall.F1())
	var buf bytes.Buffer
	require.NoError(t, zero.WriteText(&buf))
	assert.Equal(t, "processed 0 tokens with 0 phrases; found: 0 phrases; correct: 0.\n", buf.String(),
		"conlleval.pl prints no accuracy line without tokens")
}

// TestJSONHoldsEveryNumber: the JSON carries what the report prints, the
// ratios as fractions.
func TestJSONHoldsEveryNumber(t *testing.T) {
	r := readFile(t, filepath.Join("testdata", "own", "iob2.txt"), Options{}).Evaluate()
	b, err := json.Marshal(r)
	require.NoError(t, err)
	type scores struct {
		Type                    string
		Phrases, Found, Correct int
		Precision, Recall, F1   float64
	}
	var got struct {
		Tokens      int
		CorrectTags int `json:"correct_tags"`
		Accuracy    float64
		scores
		Types []scores
	}
	require.NoError(t, json.Unmarshal(b, &got))
	assert.Equal(t, [2]int{23, 15}, [2]int{got.Tokens, got.CorrectTags})
	assert.InDelta(t, 15.0/23, got.Accuracy, 1e-12)
	want := []scores{
		{"", 9, 10, 5, 0.5, 5.0 / 9, 10.0 / 19}, // F1 = 2·(1/2)·(5/9) / (1/2 + 5/9)
		{"LOC", 4, 3, 2, 2.0 / 3, 0.5, 4.0 / 7}, // 2·(2/3)·(1/2) / (7/6)
		{"NUM", 1, 1, 0, 0, 0, 0},
		{"ORG", 1, 2, 1, 0.5, 1, 2.0 / 3},
		{"PER", 3, 4, 2, 0.5, 2.0 / 3, 4.0 / 7},
	}
	require.Len(t, got.Types, 4)
	for i, g := range append([]scores{got.scores}, got.Types...) {
		w := want[i]
		assert.Equal(t, [4]any{w.Type, w.Phrases, w.Found, w.Correct}, [4]any{g.Type, g.Phrases, g.Found, g.Correct})
		assert.InDeltaSlice(t, []float64{w.Precision, w.Recall, w.F1}, []float64{g.Precision, g.Recall, g.F1}, 1e-12, w.Type)
	}
}

func TestDocuments(t *testing.T) {
	f := readFile(t, filepath.Join("testdata", "own", "iob2.txt"), Options{})
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

	two := readFile(t, filepath.Join("testdata", "own", "twocol.txt"), Options{}).Documents()
	require.Len(t, two, 2)
	assert.Equal(t, "_ _ _", two[0].Text, "files without a word column get placeholders")

	nbsp := readFile(t, filepath.Join("testdata", "perl", "nbsp_in_token", "input.conll"), Options{}).Documents()
	require.Len(t, nbsp, 2)
	assert.Equal(t, []string{"عبد\u00a0الله بن زايد", "أبو\u00a0ظبي"}, texts(nbsp[0].Gold), "a no-break space stays inside its token")

	raw := readFile(t, filepath.Join("testdata", "perl", "raw_tags", "input.conll"), Options{Raw: true}).Documents()
	require.Len(t, raw, 2)
	assert.Equal(t, []string{"بوتين", "بوتين", "موسكو"}, texts(raw[0].Gold), "raw tags: each token a chunk")
	assert.Equal(t, "ORG", raw[0].Pred[2].Type)
}

func texts(ms []corpus.Mention) []string {
	var out []string
	for _, m := range ms {
		out = append(out, m.Text)
	}
	return out
}

func TestReadIOError(t *testing.T) {
	f, err := Read(&failingReader{data: "a B-PER B-PER\n"}, "x.conll", Options{})
	assert.Nil(t, f)
	assert.EqualError(t, err, "x.conll: disk on fire")
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

func TestLongLine(t *testing.T) {
	word := strings.Repeat("ب", 100_000)
	f, err := Read(strings.NewReader(word+" B-PER B-PER\n"), "long", Options{})
	require.NoError(t, err)
	require.Len(t, f.Items, 1)
	assert.Equal(t, word, f.Items[0].Word, "a line longer than the read buffer is read whole")
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

// FuzzStrictEqualsConlleval checks, on random IOB/IOBES tag sequences, that
// strict scoring of the pseudo-documents counts exactly conlleval's gold,
// found and correct chunks.
func FuzzStrictEqualsConlleval(f *testing.F) {
	f.Add([]byte{1, 2, 3, 25, 9, 10, 11})
	f.Add([]byte{4, 4, 40, 36, 0, 13, 22, 31})
	f.Add([]byte("IOBES tags galore"))
	f.Fuzz(func(t *testing.T, data []byte) {
		cf, err := Read(strings.NewReader(conllFromBytes(data)), "fuzz", Options{})
		require.NoError(t, err)
		e := cf.Evaluate()
		total := metrics.Evaluate(cf.Documents(), metrics.Options{}).Schemes[metrics.SchemeStrict].Total
		require.Equal(t, e.Overall, Counts{Phrases: total.POS(), Found: total.ACT(), Correct: total.COR})
	})
}

// FuzzRead feeds arbitrary text and delimiters: reading never panics, an
// error names a line of the input, the counts are consistent and every
// pseudo-document mention lies inside its text.
func FuzzRead(f *testing.F) {
	for _, dir := range []string{"own", "perl/nbsp_in_token", "perl/tab_inside_token"} {
		paths, err := filepath.Glob(filepath.Join("testdata", dir, "*.*"))
		require.NoError(f, err)
		for _, p := range paths {
			b, err := os.ReadFile(p)
			require.NoError(f, err)
			f.Add(string(b), "", false)
		}
	}
	f.Add("a [ ]\nb ] [\nc . .\n-DOCSTART- B-X I-X\n\xff B- I-\n", `\t`, true)
	f.Add("a\tB-X\tO\r\n\r\nb\tO\tO\n", "[ \t]+", false)
	f.Fuzz(func(t *testing.T, in, delimiter string, raw bool) {
		cf, err := Read(strings.NewReader(in), "fuzz", Options{Delimiter: delimiter, Raw: raw})
		if err != nil {
			var se *SyntaxError
			if errors.As(err, &se) {
				require.LessOrEqual(t, se.Line, strings.Count(in, "\n")+1)
				require.True(t, strings.HasPrefix(err.Error(), "fuzz:"+strconv.Itoa(se.Line)+": "))
			}
			return
		}
		e := cf.Evaluate()
		require.LessOrEqual(t, e.CorrectTags, e.Tokens)
		var sum Counts
		for _, ct := range e.Types {
			sum.Phrases += ct.Phrases
			sum.Found += ct.Found
			sum.Correct += ct.Correct
		}
		require.Equal(t, e.Overall, sum)
		require.NoError(t, e.WriteText(&bytes.Buffer{}))
		_, err = json.Marshal(e)
		require.NoError(t, err)
		for _, d := range cf.Documents() {
			for _, m := range append(append([]corpus.Mention(nil), d.Gold...), d.Pred...) {
				require.True(t, 0 <= m.Start && m.Start < m.End && m.End <= len(d.Text), "%v in %q", m, d.Text)
				require.Equal(t, d.Text[m.Start:m.End], m.Text)
			}
		}
	})
}
