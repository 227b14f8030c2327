package predictions

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/anchor"
	"github.com/arabench/arabench/conll"
	"github.com/arabench/arabench/normalize"
)

func TestDetectFormatFromContent(t *testing.T) {
	for _, tc := range []struct {
		name, content string
		want          Format
	}{
		{"offsets", `{"doc":"a","mentions":[{"start":4,"end":9,"type":"PER"}]}`, FormatJSONL},
		{"no mentions at all", `{"doc":"a","mentions":[]}`, FormatJSONL},
		{"spaCy spans", `{"text":"زار بوتين","spans":[{"start":4,"end":9,"label":"PER"}]}`, FormatSpaCy},
		{"spaCy ents", `{"text":"زار بوتين","ents":[]}`, FormatSpaCy},
		{"strings, the first line empty", "{\"doc\":\"a\",\"mentions\":[]}\n{\"doc\":\"b\",\"mentions\":[{\"type\":\"PER\",\"text\":\"بوتين\"}]}", FormatStrings},
		{"tokens", "زار O\nبوتين B-PER\n", FormatCoNLL},
		{"a lone + is a token", "1 O\n+ O\n2 O\n", FormatCoNLL},
		{"clitics cut from their words", "و+ O\nواشنطن B-LOC\n", FormatSegmented},
		{"a suffix cut from its word", "كتاب O\n+ها O\n", FormatSegmented},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), "p.txt")
			require.NoError(t, os.WriteFile(p, []byte(tc.content), 0o644))
			got, err := DetectFormat(p)
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestReadCoNLLTaggingsAndColumns(t *testing.T) {
	// Document e is "a b c d".
	for _, tc := range []struct {
		name, in string
		opts     CoNLLOptions
		want     []string
		problems []string
	}{
		{"BILOU: U- is one token, B- … L- a chunk", "-DOCSTART- e\na U-PER\nb B-LOC\nc L-LOC\nd O\n", CoNLLOptions{}, []string{"PER:a", "LOC:b c"}, nil},
		{"IOBES under --tagging iobes", "-DOCSTART- e\na S-PER\nb B-LOC\nc E-LOC\nd O\n", CoNLLOptions{Tagging: conll.IOBES}, []string{"PER:a", "LOC:b c"}, nil},
		{"a prefix the tagging does not allow is read as O", "-DOCSTART- e\na S-PER\nb B-LOC\nc I-LOC\nd O\n", CoNLLOptions{Tagging: conll.IOB2},
			[]string{"LOC:b c"}, []string{`p.conll:2: doc "e": tag "S-PER": the prefix S- is not part of --tagging iob2; read as O (this line)`}},
		{"the tag in column 2 of 3", "-DOCSTART- e\na B-PER NOUN\nb I-PER NOUN\nc O VERB\nd O NOUN\n", CoNLLOptions{Column: 2}, []string{"PER:a b"}, nil},
		{"a label that is not one", "-DOCSTART- e\na B-9X\nb O\nc O\nd O\n", CoNLLOptions{}, nil,
			[]string{`p.conll:2: doc "e": tag "B-9X": the label "9X" does not match [A-Za-z][A-Za-z0-9_.-]*; read as O (this line)`}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, errs := ReadCoNLL("p.conll", strings.NewReader(tc.in), testCorpus(), tc.opts)
			assert.Equal(t, tc.problems, errorStrings(errs))
			assert.Equal(t, tc.want, chunks(got["e"]))
		})
	}
}

func TestReadCoNLLWithoutDocStartRunsThroughTheDocuments(t *testing.T) {
	// Documents e "a b c d" and f "a\u200f b\u200c\n c" of a two-document
	// corpus, one sentence each, without -DOCSTART- lines.
	c := testCorpus()
	c.Documents = c.Documents[3:]
	got, errs := ReadCoNLL("p.conll", strings.NewReader("a B-PER\nb O\nc O\nd O\n\na O\nb B-LOC\nc I-LOC\n"), c, CoNLLOptions{})
	require.Empty(t, errs)
	assert.Equal(t, []string{"PER:a"}, chunks(got["e"]))
	assert.Equal(t, []string{"LOC:b\u200c\n c"}, chunks(got["f"]))
}

func TestReadSegmentedTokens(t *testing.T) {
	c := testCorpus()
	c.Documents = append(c.Documents, testCorpus().Documents[0])
	c.Documents[len(c.Documents)-1].ID, c.Documents[len(c.Documents)-1].Text = "w", "زار وواشنطن وكتابها"
	in := "-DOCSTART- w\nزار O\nو+ O\nواشنطن B-LOC\nو+ O\nكتاب B-MISC\n+ها O\n"
	got, errs := ReadCoNLL("p.conll", strings.NewReader(in), c, CoNLLOptions{Segmented: true})
	require.Empty(t, errs)
	assert.Equal(t, []string{"LOC:واشنطن", "MISC:كتاب"}, chunks(got["w"]))
}

func TestReadSpaCy(t *testing.T) {
	in := `{"text":"زار بوتين موسكو في 2024.","spans":[{"start":4,"end":9,"label":"PER"}]}` + "\n" +
		`{"text":"a b c d","spans":[{"start":2,"end":3,"label":"LOC"},{"start":3,"end":2,"label":"LOC"}],"meta":{"doc":"e"}}` + "\n" +
		`{"text":"a b c d","ents":[{"start":0,"end":1,"label":"ORG"}],"id":"nope"}` + "\n" +
		`{"text":"not in the corpus","spans":[]}` + "\n"
	got, errs := ReadSpaCy("p.jsonl", strings.NewReader(in), testCorpus())
	assert.Equal(t, []string{"PER:بوتين"}, chunks(got["a"]), "matched by its text")
	assert.Equal(t, []string{"LOC:b"}, chunks(got["e"]), "named by meta.doc")
	assert.Equal(t, []string{
		`p.jsonl:2: doc "e": span 1: [3,2) is not a span of the text, which has 7 characters; it is left out`,
		`p.jsonl:3: doc "nope": unknown document: the corpus "test" has no such id`,
		`p.jsonl:4: doc "text not in the corpus": no document of corpus "test" has this text`,
	}, errorStrings(errs))
}

func TestReadStringsPlacesAndCountsTheRest(t *testing.T) {
	n, err := normalize.Preset("search")
	require.NoError(t, err)
	in := `{"doc":"a","mentions":[{"type":"PER","text":"بُوتين"},{"type":"LOC","text":"موسكو"},{"type":"LOC","text":"موسكو"},{"type":"PER","text":"بايدن"}]}` + "\n"
	got, strs, errs := ReadStrings("p.jsonl", strings.NewReader(in), testCorpus(), anchor.NewPlacer(n))
	require.Empty(t, errs)
	assert.Equal(t, []string{"PER:بوتين", "LOC:موسكو"}, chunks(got["a"]), "diacritics do not lose the match under search")
	assert.Equal(t, 2, strs.Placed)
	assert.Equal(t, []StringOutcome{
		{Doc: "a", Type: "LOC", Text: "موسكو", Outcome: "surplus"},
		{Doc: "a", Type: "PER", Text: "بايدن", Outcome: "absent"},
	}, strs.Outcomes)
	assert.Len(t, strs.Unplaced["a"], 2)
}
