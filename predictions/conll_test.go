package predictions

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
)

// chunks renders mentions as "TYPE:text" for compact expectations.
func chunks(ms []corpus.Mention) []string {
	var s []string
	for _, m := range ms {
		s = append(s, m.Type+":"+m.Text)
	}
	return s
}

func TestReadCoNLLWorkedExample(t *testing.T) {
	in := "-DOCSTART- a\n" +
		"زار O\n" +
		"بوتين B-PER\n" +
		"موسكو B-LOC\n" +
		"في O\n" +
		"2024 B-NUM\n" +
		". O\n"
	got, errs := ReadCoNLL("p.conll", strings.NewReader(in), testCorpus(), CoNLLOptions{})
	require.Empty(t, errs)
	// Byte offsets as worked out in testCorpus.
	assert.Equal(t, map[string][]corpus.Mention{"a": {
		{Start: 7, End: 17, Type: "PER", Text: "بوتين"},
		{Start: 18, End: 28, Type: "LOC", Text: "موسكو"},
		{Start: 34, End: 38, Type: "NUM", Text: "2024"},
	}}, got)
}

// TestReadCoNLLChunkRules tags the four tokens of "a b c d" (document e) and
// expects conlleval's chunks.
func TestReadCoNLLChunkRules(t *testing.T) {
	cases := []struct {
		name string
		tags string // one tag per token, or a line as is when it holds a space
		want []string
	}{
		{"B- then I- is one chunk", "B-PER I-PER O O", []string{"PER:a b"}},
		{"a stray I- after O opens a chunk, as conlleval does", "O I-PER I-PER O", []string{"PER:b c"}},
		{"a stray I- at the start opens a chunk", "I-LOC O O O", []string{"LOC:a"}},
		{"I- of another type ends one chunk and starts another", "B-PER I-LOC O O", []string{"PER:a", "LOC:b"}},
		{"B- after B- splits", "B-PER B-PER O O", []string{"PER:a", "PER:b"}},
		{"S- is a chunk of one token", "S-LOC S-LOC O O", []string{"LOC:a", "LOC:b"}},
		{"E- closes a chunk, and an I- after it opens a new one", "B-ORG E-ORG I-ORG O", []string{"ORG:a b", "ORG:c"}},
		{"E- after O is a chunk of one token", "O E-LOC O O", []string{"LOC:b"}},
		{"B- I- E- is one chunk", "B-DATE I-DATE E-DATE O", []string{"DATE:a b c"}},
		{"a chunk runs to the end of the document", "O O B-NUM I-NUM", []string{"NUM:c d"}},
		{"all O is no chunk", "O O O O", nil},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			b.WriteString("-DOCSTART- e\n")
			for i, tag := range strings.Fields(tc.tags) {
				b.WriteString(string("abcd"[i]) + " " + tag + "\n")
			}
			got, errs := ReadCoNLL("p.conll", strings.NewReader(b.String()), testCorpus(), CoNLLOptions{})
			require.Empty(t, errs)
			assert.Equal(t, tc.want, chunks(got["e"]))
		})
	}
}

func TestReadCoNLLFormat(t *testing.T) {
	cases := []struct {
		name string
		in   string
		want map[string][]string
	}{
		{
			"a blank line ends a chunk",
			"-DOCSTART- e\na B-PER\n\nb I-PER\nc O\nd O\n",
			map[string][]string{"e": {"PER:a", "PER:b"}},
		},
		{
			"middle columns are ignored and tabs separate",
			"-DOCSTART- e\na\tNNP\tB-PER\nb NNP I-PER\nc X O\nd X O\n",
			map[string][]string{"e": {"PER:a b"}},
		},
		{
			"named documents come in any order",
			"-DOCSTART- e\na O\nb O\nc O\nd S-NUM\n\n-DOCSTART- b\nHello O\n😀 O\nworld S-ORG\n",
			map[string][]string{"e": {"NUM:d"}, "b": {"ORG:world"}},
		},
		{
			"CoNLL-2003 placeholders take documents in corpus order",
			"-DOCSTART- -X- -X- O\n\nزار O\nبوتين S-PER\nموسكو O\nفي O\n2024 O\n. O\n\n-DOCSTART- -X- -X- O\nHello O\n😀 O\nworld O\n",
			map[string][]string{"a": {"PER:بوتين"}, "b": nil},
		},
		{
			"an unnamed -DOCSTART- follows the previous document",
			"-DOCSTART- b\nHello O\n😀 O\nworld O\n-DOCSTART-\nab O\n\xffcd B-LOC\n",
			map[string][]string{"b": nil, "c": {"LOC:\xffcd"}},
		},
		{
			"tokens before any -DOCSTART- belong to the first document",
			"زار O\nبوتين O\nموسكو S-LOC\nفي O\n2024 O\n. O\n",
			map[string][]string{"a": {"LOC:موسكو"}},
		},
		{
			"whitespace and invisible marks between tokens are skipped",
			"-DOCSTART- f\na B-ORG\nb I-ORG\nc O\n",
			map[string][]string{"f": {"ORG:a\u200f b"}},
		},
		{
			"CRLF line ends and a byte order mark",
			"\ufeff-DOCSTART- e\r\na O\r\nb O\r\nc O\r\nd B-NUM\r\n",
			map[string][]string{"e": {"NUM:d"}},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := ReadCoNLL("p.conll", strings.NewReader(tc.in), testCorpus(), CoNLLOptions{})
			require.Empty(t, errorStrings(errs))
			rendered := map[string][]string{}
			for id, ms := range got {
				rendered[id] = chunks(ms)
			}
			assert.Equal(t, tc.want, rendered)
		})
	}
}

func TestReadCoNLLErrors(t *testing.T) {
	cases := []struct {
		name   string
		in     string
		want   map[string][]string
		errors []string
	}{
		{
			"a token that does not match the text",
			"-DOCSTART- a\nزار O\nبوتين S-PER\nموسكوو S-LOC\nفي O\n",
			map[string][]string{"a": {"PER:بوتين"}},
			[]string{`p.conll:4: doc "a": token "موسكوو" does not match the text at code point 10, which reads "موسكو "; the rest of the document is skipped`},
		},
		{
			"a token past the end of the text",
			"-DOCSTART- e\na O\nb O\nc O\nd O\ne O\n",
			map[string][]string{"e": nil},
			[]string{`p.conll:6: doc "e": token "e" goes past the end of the text (at code point 7, which reads ""); the rest of the document is skipped`},
		},
		{
			"tokens that stop before the text does",
			"-DOCSTART- e\na B-PER\nb O\n",
			map[string][]string{"e": {"PER:a"}},
			[]string{`p.conll:3: doc "e": the tokens stop at code point 4, but the text goes on: "c d"`},
		},
		{
			"an unknown document is skipped",
			"-DOCSTART- zz\nx O\n-DOCSTART- e\na O\nb O\nc O\nd O\n",
			map[string][]string{"e": nil},
			[]string{`p.conll:1: doc "zz": unknown document: the corpus "test" has no such id; its tokens are skipped`},
		},
		{
			"a document listed twice",
			"-DOCSTART- e\na S-PER\nb O\nc O\nd O\n-DOCSTART- e\na O\n",
			map[string][]string{"e": {"PER:a"}},
			[]string{`p.conll:6: doc "e": listed again (first at line 1); its tokens are skipped`},
		},
		{
			"more unnamed documents than the corpus has",
			"-DOCSTART-\n-DOCSTART-\n-DOCSTART-\n-DOCSTART-\n-DOCSTART-\n-DOCSTART-\nx O\n",
			map[string][]string{"a": nil, "b": nil, "c": nil, "e": nil, "f": nil},
			[]string{
				`p.conll:1: doc "a": the tokens stop at code point 0, but the text goes on: "زار بوتين موسكو في 2024."`,
				`p.conll:2: doc "b": the tokens stop at code point 0, but the text goes on: "Hello 😀 world"`,
				`p.conll:3: doc "c": the tokens stop at code point 0, but the text goes on: "ab\xffcd"`,
				`p.conll:4: doc "e": the tokens stop at code point 0, but the text goes on: "a b c d"`,
				`p.conll:5: doc "f": the tokens stop at code point 0, but the text goes on: "a\u200f b\u200c\n c"`,
				`p.conll:6: no document 6 in corpus order: the corpus "test" has 5; its tokens are skipped`,
			},
		},
		{
			"a malformed tag is read as O and reported once, with its count",
			"-DOCSTART- e\na B_PER\nb B-\nc B-LOC\nd B_PER\n",
			map[string][]string{"e": {"LOC:c"}},
			[]string{
				`p.conll:2: doc "e": tag "B_PER" is not O or a prefix (B-, I-, E-, S-, L-, U-) and a label; read as O (2 lines, the first here)`,
				`p.conll:3: doc "e": tag "B-" is not O or a prefix (B-, I-, E-, S-, L-, U-) and a label; read as O (this line)`,
			},
		},
		{
			"a type outside the five is kept as it is",
			"-DOCSTART- e\na B-MISC\nb O\nc B-PERS\nd I-PERS\n",
			map[string][]string{"e": {"MISC:a", "PERS:c d"}},
			nil,
		},
		{
			"a line with one column still aligns its token",
			"-DOCSTART- e\na\nb S-PER\nc O\nd O\n",
			map[string][]string{"e": {"PER:b"}},
			[]string{`p.conll:2: doc "e": one column "a": want the token first and the tag last; read as O`},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := ReadCoNLL("p.conll", strings.NewReader(tc.in), testCorpus(), CoNLLOptions{})
			assert.Equal(t, tc.errors, errorStrings(errs))
			for _, e := range errs {
				var se *SyntaxError
				assert.ErrorAs(t, e, &se)
			}
			rendered := map[string][]string{}
			for id, ms := range got {
				rendered[id] = chunks(ms)
			}
			assert.Equal(t, tc.want, rendered)
		})
	}
}
