package predictions

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract/wire"
)

// testCorpus is small and awkward on purpose. Offsets of the worked examples:
//
//	a  "زار بوتين موسكو في 2024."  24 code points, 39 bytes (Arabic letters
//	   are 2 bytes): بوتين is code points [4,9) = bytes [7,17), موسكو is
//	   [10,15) = bytes [18,28), 2024 is [19,23) = bytes [34,38).
//	b  "Hello 😀 world"  the emoji is 1 code point and 4 bytes, so world is
//	   code points [8,13) = bytes [11,16).
//	c  "ab\xffcd"  the invalid byte counts as one code point.
//	e  "a b c d"   ASCII, for chunking rules.
//	f  "a\u200f b\u200c\n c"  invisible marks between the words.
func testCorpus() *corpus.Corpus {
	return &corpus.Corpus{Name: "test", Documents: []corpus.Document{
		{ID: "a", Text: "زار بوتين موسكو في 2024."},
		{ID: "b", Text: "Hello 😀 world"},
		{ID: "c", Text: "ab\xffcd"},
		{ID: "e", Text: "a b c d"},
		{ID: "f", Text: "a\u200f b\u200c\n c"},
	}}
}

func errorStrings(errs []error) []string {
	var s []string
	for _, e := range errs {
		s = append(s, e.Error())
	}
	return s
}

func TestReadJSONL(t *testing.T) {
	putin := corpus.Mention{Start: 7, End: 17, Type: "PER", Text: "بوتين", Entity: "kb:vladimir-putin"}
	moscow := corpus.Mention{Start: 18, End: 28, Type: "LOC", Text: "موسكو"}
	cases := []struct {
		name   string
		in     string
		want   map[string][]corpus.Mention
		errors []string
	}{
		{
			name: "code point offsets become byte offsets",
			in:   `{"doc":"a","mentions":[{"start":10,"end":15,"type":"LOC"},{"start":4,"end":9,"type":"PER","text":"بوتين","entity":"kb:vladimir-putin"}]}`,
			want: map[string][]corpus.Mention{"a": {putin, moscow}},
		},
		{
			name: "an emoji is one code point",
			in:   `{"doc":"b","mentions":[{"start":8,"end":13,"type":"ORG","text":"world"}]}`,
			want: map[string][]corpus.Mention{"b": {{Start: 11, End: 16, Type: "ORG", Text: "world"}}},
		},
		{
			name: "an invalid byte matches the replacement character JSON gives it",
			in:   `{"doc":"c","mentions":[{"start":1,"end":4,"type":"ORG","text":"b\ufffdc"}]}`,
			want: map[string][]corpus.Mention{"c": {{Start: 1, End: 4, Type: "ORG", Text: "b\xffc"}}},
		},
		{
			name: "a value is kept",
			in:   `{"doc":"a","mentions":[{"start":19,"end":23,"type":"NUM","value":"2024"}]}`,
			want: map[string][]corpus.Mention{"a": {{Start: 34, End: 38, Type: "NUM", Text: "2024", Value: "2024"}}},
		},
		{
			name: "blank lines, CRLF and a byte order mark are fine",
			in:   "\ufeff{\"doc\":\"e\",\"mentions\":[]}\r\n\r\n{\"doc\":\"b\",\"mentions\":[]}\r\n",
			want: map[string][]corpus.Mention{"e": {}, "b": {}},
		},
		{
			name:   "bad JSON",
			in:     `{"doc":"a","mentions":[`,
			want:   map[string][]corpus.Mention{},
			errors: []string{`p.jsonl:1: not JSON (unexpected end of JSON input): "{\"doc\":\"a\",\"mentions\":["`},
		},
		{
			name:   "a line that is not an object",
			in:     "[1,2]",
			want:   map[string][]corpus.Mention{},
			errors: []string{`p.jsonl:1: the line is a JSON array, want an object`},
		},
		{
			name:   "a fractional offset drops only its mention, naming doc, mention and field",
			in:     `{"doc":"a","mentions":[{"start":4.5,"end":9,"type":"PER"},{"start":4,"end":9,"type":"PER"}]}`,
			want:   map[string][]corpus.Mention{"a": {{Start: 7, End: 17, Type: "PER", Text: "بوتين"}}},
			errors: []string{`p.jsonl:1: doc "a": mention 1: field "start" is 4.5, want an integer offset`},
		},
		{
			name: "an integral number is an integer offset",
			in:   `{"doc":"a","mentions":[{"start":4.0,"end":9e0,"type":"PER"}]}`,
			want: map[string][]corpus.Mention{"a": {{Start: 7, End: 17, Type: "PER", Text: "بوتين"}}},
		},
		{
			name:   "a mention of the wrong shape drops only itself",
			in:     `{"doc":"a","mentions":[{"start":"4","end":9,"type":"PER"},7,{"start":4,"end":9,"type":"PER"}]}`,
			want:   map[string][]corpus.Mention{"a": {{Start: 7, End: 17, Type: "PER", Text: "بوتين"}}},
			errors: []string{`p.jsonl:1: doc "a": mention 1: field "start" is not a JSON number ("4"), want an integer offset`, `p.jsonl:1: doc "a": mention 2: not a JSON object: "7"`},
		},
		{
			name:   "a doc id that is not a string",
			in:     `{"doc":7,"mentions":[]}`,
			want:   map[string][]corpus.Mention{},
			errors: []string{`p.jsonl:1: field "doc" is a JSON number, want a string`},
		},
		{
			name:   "no doc field",
			in:     `{"mentions":[]}`,
			want:   map[string][]corpus.Mention{},
			errors: []string{`p.jsonl:1: no "doc" field`},
		},
		{
			name:   "no mentions field",
			in:     `{"doc":"a"}`,
			want:   map[string][]corpus.Mention{},
			errors: []string{`p.jsonl:1: no "mentions" field (write "mentions":[] for a document without mentions)`},
		},
		{
			name:   "an unknown document",
			in:     "{\"doc\":\"zz\",\"mentions\":[]}\n{\"doc\":\"e\",\"mentions\":[]}",
			want:   map[string][]corpus.Mention{"e": {}},
			errors: []string{`p.jsonl:1: doc "zz": unknown document: the corpus "test" has no such id`},
		},
		{
			name: "a document listed twice keeps its first line",
			in: `{"doc":"a","mentions":[{"start":10,"end":15,"type":"LOC"}]}` + "\n\n" +
				`{"doc":"a","mentions":[]}`,
			want:   map[string][]corpus.Mention{"a": {moscow}},
			errors: []string{`p.jsonl:3: doc "a": listed again (first at line 1); this line is ignored`},
		},
		{
			name:   "an error reported by the extractor",
			in:     `{"doc":"a","error":"timeout"}`,
			want:   map[string][]corpus.Mention{},
			errors: []string{`p.jsonl:1: doc "a": the extractor reported an error: timeout`},
		},
		{
			name: "bad mentions are reported and the good ones kept",
			in: `{"doc":"a","mentions":[` +
				`{"start":9,"end":4,"type":"PER"},` +
				`{"start":4,"end":4,"type":"PER"},` +
				`{"start":20,"end":25,"type":"NUM"},` +
				`{"start":-1,"end":3,"type":"LOC"},` +
				`{"start":4,"end":9,"type":"PERSON"},` + // kept: a label the gold may not use

				`{"start":4,"end":9},` +
				`{"start":4,"end":9,"type":"PER","text":"بوش"},` +
				`{"end":9,"type":"PER"},` +
				`{"start":4,"type":"PER"},` +
				`{"start":10,"end":15,"type":"LOC","text":"موسكو"}]}`,
			want: map[string][]corpus.Mention{"a": {{Start: 7, End: 17, Type: "PERSON", Text: "بوتين"}, moscow}},
			errors: []string{
				`p.jsonl:1: doc "a": mention 1: span [9,4) is reversed`,
				`p.jsonl:1: doc "a": mention 2: span [4,4) is empty`,
				`p.jsonl:1: doc "a": mention 3: span [20,25) is outside the text, which has 24 code points`,
				`p.jsonl:1: doc "a": mention 4: span [-1,3) is outside the text, which has 24 code points`,
				`p.jsonl:1: doc "a": mention 6: no type (want a label such as PER, ORG, LOC, DATE, NUM)`,
				`p.jsonl:1: doc "a": mention 7: text "بوش" does not match the span, which reads "بوتين"`,
				`p.jsonl:1: doc "a": mention 8: no "start"`,
				`p.jsonl:1: doc "a": mention 9: no "end"`,
			},
		},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := ReadJSONL("p.jsonl", strings.NewReader(tc.in), testCorpus())
			assert.Equal(t, tc.errors, errorStrings(errs))
			for _, e := range errs {
				var se *SyntaxError
				assert.ErrorAs(t, e, &se)
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

// failingReader returns its data, then an error.
type failingReader struct {
	data io.Reader
	err  error
}

func (f *failingReader) Read(p []byte) (int, error) {
	n, err := f.data.Read(p)
	if errors.Is(err, io.EOF) {
		return n, f.err
	}
	return n, err
}

func TestReadJSONLReadError(t *testing.T) {
	diskGone := errors.New("input/output error")
	r := &failingReader{data: strings.NewReader("{\"doc\":\"e\",\"mentions\":[]}\n{\"doc\""), err: diskGone}
	got, errs := ReadJSONL("p.jsonl", r, testCorpus())
	require.Len(t, errs, 2)
	assert.Contains(t, errs[0].Error(), "p.jsonl:2: not JSON")
	assert.ErrorIs(t, errs[1], diskGone)
	assert.Equal(t, "p.jsonl:2: input/output error", errs[1].Error())
	assert.Contains(t, got, "e", "what was read before the error is kept")
}

func TestReadJSONLLongLine(t *testing.T) {
	// A line far longer than bufio.Scanner's default 64 KiB token.
	long := strings.Repeat("ب", 3<<20)
	c := &corpus.Corpus{Name: "long", Documents: []corpus.Document{{ID: "l", Text: long}}}
	line := `{"doc":"l","mentions":[{"start":0,"end":3145728,"type":"LOC","text":"` + long + `"}]}`
	got, errs := ReadJSONL("p.jsonl", strings.NewReader(line), c)
	require.Empty(t, errs)
	require.Len(t, got["l"], 1)
	assert.Equal(t, len(long), got["l"][0].End)
}

func TestWriteJSONLWorkedExample(t *testing.T) {
	c := testCorpus()
	var buf bytes.Buffer
	err := WriteJSONL(&buf, c.Documents[:2], map[string][]corpus.Mention{
		"a": {
			{Start: 34, End: 38, Type: "NUM", Value: "2024"},
			{Start: 7, End: 17, Type: "PER", Entity: "kb:vladimir-putin"},
		},
	})
	require.NoError(t, err)
	assert.Equal(t,
		`{"doc":"a","mentions":[{"start":4,"end":9,"type":"PER","text":"بوتين","entity":"kb:vladimir-putin"},{"start":19,"end":23,"type":"NUM","text":"2024","value":"2024"}]}`+"\n"+
			`{"doc":"b","mentions":[]}`+"\n",
		buf.String())
}

func TestWriteJSONLRefusesWhatItCannotWrite(t *testing.T) {
	c := testCorpus()
	cases := []struct {
		name  string
		preds map[string][]corpus.Mention
		want  string
	}{
		{"a document that is not written", map[string][]corpus.Mention{"zz": nil}, `predictions for "zz", which is not among the 5 documents written`},
		{"an offset inside a letter", map[string][]corpus.Mention{"a": {{Start: 8, End: 17, Type: "PER"}}}, `doc "a": mention PER [8,17) "": start 8 is inside a multi-byte character`},
		{"an offset past the text", map[string][]corpus.Mention{"e": {{Start: 0, End: 99, Type: "PER"}}}, `doc "e": mention PER [0,99) "": span [0,99) is outside the text, which has 7 bytes`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			var buf bytes.Buffer
			err := WriteJSONL(&buf, c.Documents, tc.preds)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			assert.Zero(t, buf.Len(), "nothing is written")
		})
	}
}

// randomMentions draws mentions on character boundaries of text.
func randomMentions(r *rand.Rand, text string) []corpus.Mention {
	var bounds []int
	for i := range text {
		bounds = append(bounds, i)
	}
	bounds = append(bounds, len(text))
	var ms []corpus.Mention
	for range r.IntN(6) {
		if len(bounds) < 2 {
			break
		}
		i := r.IntN(len(bounds) - 1)
		j := i + 1 + r.IntN(len(bounds)-1-i)
		m := corpus.Mention{Start: bounds[i], End: bounds[j], Type: corpus.Types[r.IntN(len(corpus.Types))]}
		m.Text = text[m.Start:m.End]
		if r.IntN(2) == 0 {
			m.Entity = "kb:x"
		}
		if m.Type == corpus.NUM {
			m.Value = "7"
		}
		ms = append(ms, m)
	}
	wire.SortMentions(ms)
	return ms
}

func TestWriteThenReadJSONLRoundTrips(t *testing.T) {
	c := testCorpus()
	r := rand.New(rand.NewPCG(1, 2))
	for round := range 50 {
		preds := map[string][]corpus.Mention{}
		for _, d := range c.Documents {
			preds[d.ID] = randomMentions(r, d.Text)
			if preds[d.ID] == nil {
				preds[d.ID] = []corpus.Mention{}
			}
		}
		var buf bytes.Buffer
		require.NoError(t, WriteJSONL(&buf, c.Documents, preds))
		require.True(t, utf8.Valid(buf.Bytes()), "the file is valid UTF-8 even for invalid text")
		got, errs := ReadJSONL("round.jsonl", &buf, c)
		require.Empty(t, errs, "round %d", round)
		require.Equal(t, preds, got, "round %d", round)
	}
}
