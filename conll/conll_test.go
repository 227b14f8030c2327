package conll

import (
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// mentionsOf lists a document's mentions as "TYPE text".
func mentionsOf(d Document) []string {
	var out []string
	for _, m := range d.Mentions {
		out = append(out, m.Type+" "+m.Text)
	}
	return out
}

func read(t *testing.T, in string, opts Options) *File {
	t.Helper()
	f, err := Read(strings.NewReader(in), "t.conll", opts)
	require.NoError(t, err)
	return f
}

func TestReadRebuildsTextAndMentions(t *testing.T) {
	in := "زار B-PER\nبوتين I-PER\nموسكو B-LOC\n\nأمس O\n"
	f := read(t, in, Options{})
	require.Len(t, f.Documents, 2, "no -DOCSTART-: one document per sentence")
	d := f.Documents[0]
	assert.Equal(t, "s0001", d.ID)
	assert.Equal(t, "زار بوتين موسكو", d.Text)
	assert.Equal(t, []string{"PER زار بوتين", "LOC موسكو"}, mentionsOf(d))
	assert.Equal(t, corpus.Mention{Start: 0, End: len("زار بوتين"), Type: "PER", Text: "زار بوتين"}, d.Mentions[0])
	assert.Equal(t, Token{Line: 3, Text: "موسكو", Tag: "B-LOC", Start: len("زار بوتين "), End: len("زار بوتين موسكو")}, d.Tokens[2])
	assert.Equal(t, "s0002", f.Documents[1].ID)
	assert.Empty(t, f.Documents[1].Mentions)
}

func TestReadNoise(t *testing.T) {
	want := []string{"PER بوتين", "LOC موسكو"}
	tests := []struct {
		name string
		in   string
		text string
	}{
		{"spaces", "بوتين B-PER\nفي O\nموسكو B-LOC\n", "بوتين في موسكو"},
		{"a UTF-8 BOM", "\ufeffبوتين B-PER\nفي O\nموسكو B-LOC\n", "بوتين في موسكو"},
		{"CR LF line ends", "بوتين B-PER\r\nفي O\r\nموسكو B-LOC\r\n\r\n", "بوتين في موسكو"},
		{"tabs and runs of spaces", "بوتين\tNNP\t\tB-PER\nفي  IN   O\nموسكو\tNNP\tB-LOC\n", "بوتين في موسكو"},
		{"U+200E glued to tokens, kept in the text", "\u200eبوتين B-PER\n\u200eفي O\n\u200eموسكو B-LOC\n", "\u200eبوتين \u200eفي \u200eموسكو"},
		{"IOBES", "بوتين S-PER\nفي O\nموسكو S-LOC\n", "بوتين في موسكو"},
		{"BILOU", "بوتين U-PER\nفي O\nموسكو U-LOC\n", "بوتين في موسكو"},
		{"IOB1", "بوتين I-PER\nفي O\nموسكو I-LOC\n", "بوتين في موسكو"},
		{"no final newline", "بوتين B-PER\nفي O\nموسكو B-LOC", "بوتين في موسكو"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			f := read(t, tc.in, Options{})
			require.Len(t, f.Documents, 1)
			assert.Equal(t, tc.text, f.Documents[0].Text)
			got := mentionsOf(f.Documents[0])
			if tc.name == "U+200E glued to tokens, kept in the text" {
				assert.Equal(t, []string{"PER \u200eبوتين", "LOC \u200eموسكو"}, got)
				return
			}
			assert.Equal(t, want, got)
		})
	}
}

func TestReadChunkRules(t *testing.T) {
	tests := []struct {
		name string
		tags string
		want []string
	}{
		{"B-X B-X are two chunks", "B-LOC B-LOC", []string{"LOC a", "LOC b"}},
		{"a stray I- opens a chunk", "O I-ORG", []string{"ORG b"}},
		{"B-Nation I-Population-Center stays two entities", "B-Nation I-Population-Center", []string{"Nation a", "Population-Center b"}},
		{"E- ends, S- stands alone", "B-PER E-PER S-PER", []string{"PER a b", "PER c"}},
		{"BILOU L- ends, U- stands alone", "B-PER L-PER U-PER", []string{"PER a b", "PER c"}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var b strings.Builder
			for i, tag := range strings.Fields(tc.tags) {
				b.WriteString(string(rune('a'+i)) + " " + tag + "\n")
			}
			f := read(t, b.String(), Options{})
			assert.Equal(t, tc.want, mentionsOf(f.Documents[0]))
		})
	}
}

func TestReadDocuments(t *testing.T) {
	t.Run("-DOCSTART- with ids names documents; sentences become lines", func(t *testing.T) {
		f := read(t, "-DOCSTART- a1\n\nبوتين B-PER\n\nموسكو B-LOC\n-DOCSTART- b2\nأمس O\n", Options{})
		require.Len(t, f.Documents, 2)
		assert.Equal(t, "a1", f.Documents[0].ID)
		assert.Equal(t, "بوتين\nموسكو", f.Documents[0].Text)
		assert.Equal(t, [][2]int{{0, 1}, {1, 2}}, f.Documents[0].Sentences)
		assert.Equal(t, []string{"PER بوتين", "LOC موسكو"}, mentionsOf(f.Documents[0]))
		assert.Equal(t, "b2", f.Documents[1].ID)
	})
	t.Run("CoNLL-2003's -DOCSTART- -X- -X- O names none", func(t *testing.T) {
		f := read(t, "-DOCSTART- -X- -X- O\n\nEU NNP B-NP B-ORG\n\n-DOCSTART- -X- -X- O\n\nPeter NNP B-NP B-PER\n", Options{})
		require.Len(t, f.Documents, 2)
		assert.Equal(t, []string{"doc0001", "doc0002"}, []string{f.Documents[0].ID, f.Documents[1].ID})
		assert.Equal(t, []string{"PER Peter"}, mentionsOf(f.Documents[1]))
	})
	t.Run("a -X- line ends a sentence", func(t *testing.T) {
		f := read(t, "بوتين B-PER\n-X- -X- I-PER\nموسكو I-PER\n", Options{})
		require.Len(t, f.Documents, 2)
		assert.Equal(t, []string{"PER موسكو"}, mentionsOf(f.Documents[1]))
	})
	t.Run("the corpus is sorted by id, the mentions by document", func(t *testing.T) {
		f := read(t, "-DOCSTART- z\nبوتين B-PER\n-DOCSTART- a\nموسكو B-LOC\n", Options{})
		c := f.Corpus("x")
		assert.Equal(t, "a", c.Documents[0].ID)
		assert.Equal(t, "موسكو", f.Mentions()["a"][0].Text)
	})
}

func TestReadColumn(t *testing.T) {
	in := "بوتين B-PER O\nفي O O\n"
	assert.Equal(t, []string{"PER بوتين"}, mentionsOf(read(t, in, Options{Column: 2}).Documents[0]))
	assert.Empty(t, read(t, in, Options{}).Documents[0].Mentions)
}

func TestReadErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opts Options
		want string
	}{
		{"a token without a tag", "بوتين B-PER\nموسكو\n", Options{}, "t.conll:2: want a token and a tag in column last, got 1 column(s)"},
		{"a tag without a prefix", "بوتين PER\n", Options{}, `t.conll:1: tag "PER": want O or a prefix`},
		{"a prefix outside --tagging", "بوتين S-PER\n", Options{Tagging: IOB2}, "t.conll:1: tag \"S-PER\": the prefix S- is not part of --tagging iob2"},
		{"a label that is not one", "بوتين B-P/R\n", Options{}, `the label "P/R" does not match`},
		{"a column past the line", "بوتين B-PER\n", Options{Column: 3}, "want a token and a tag in column 3, got 2 column(s)"},
		{"one id twice", "-DOCSTART- a\nx O\n-DOCSTART- a\ny O\n", Options{}, `document id "a" is used twice`},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Read(strings.NewReader(tc.in), "t.conll", tc.opts)
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	t.Run("a wrong file never prints thousands of lines", func(t *testing.T) {
		_, err := Read(strings.NewReader(strings.Repeat("token\n", 5000)), "t.conll", Options{})
		require.Error(t, err)
		lines := strings.Split(err.Error(), "\n")
		assert.Len(t, lines, maxErrors+1)
		assert.Equal(t, "t.conll: … and 4980 more problems", lines[maxErrors])
	})
}

// FuzzRead: any input is read or refused with an error, never a panic, and
// every mention read is a span of its document's text over whole tokens.
func FuzzRead(f *testing.F) {
	for _, s := range []string{
		"بوتين B-PER\nفي O\nموسكو B-LOC\n",
		"\ufeff-DOCSTART- a\r\nx\tB-X\r\n\r\ny I-Y\n",
		"-X- -X- O\na U-P\nb L-P\n",
		"a b c\n d\n\n\n-DOCSTART- -X- -X- O\n",
	} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, in string, column int) {
		file, err := Read(strings.NewReader(in), "f", Options{Column: column % 4})
		if err != nil {
			return
		}
		for _, d := range file.Documents {
			for _, m := range d.Mentions {
				require.True(t, 0 <= m.Start && m.Start < m.End && m.End <= len(d.Text), "%v in %q", m, d.Text)
				assert.Equal(t, d.Text[m.Start:m.End], m.Text)
			}
			for _, tok := range d.Tokens {
				assert.Equal(t, tok.Text, d.Text[tok.Start:tok.End])
			}
		}
	})
}
