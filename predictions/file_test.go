package predictions

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
)

func TestDetectFormatReadsTheContentNotTheName(t *testing.T) {
	for _, tc := range []struct {
		name, file, content string
		want                Format
		err                 string
	}{
		{"JSONL named .jsonl", "p.jsonl", `{"doc":"a","mentions":[]}` + "\n", FormatJSONL, ""},
		{"JSONL named .conll", "p.conll", `{"doc":"a","mentions":[]}` + "\n", FormatJSONL, ""},
		{"JSONL after a byte order mark and blank lines", "p", "\ufeff\n  \n\t{\"doc\":\"a\"}\n", FormatJSONL, ""},
		{"CoNLL named .txt", "p.txt", "-DOCSTART- a\nزار O\n", FormatCoNLL, ""},
		{"CoNLL named .jsonl", "p.jsonl", "زار O\nبوتين B-PER\n", FormatCoNLL, ""},
		{"an empty file is JSONL without documents", "p.txt", "", FormatJSONL, ""},
		{"one brat file is refused: brat is a folder", "a.ann", "T1\tPER 4 9\tبوتين\n", "", `a.ann: line "T1\tPER 4 9\tبوتين" is a brat standoff line: brat predictions are a folder of <doc>.ann files`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p := filepath.Join(t.TempDir(), tc.file)
			require.NoError(t, os.WriteFile(p, []byte(tc.content), 0o644))
			got, err := DetectFormat(p)
			if tc.err != "" {
				assert.ErrorContains(t, err, tc.err)
				return
			}
			require.NoError(t, err)
			assert.Equal(t, tc.want, got)
		})
	}
	got, err := DetectFormat(t.TempDir())
	require.NoError(t, err)
	assert.Equal(t, FormatBrat, got, "a folder is brat")
}

func TestReadFileSortsDocumentsByWhatBecameOfThem(t *testing.T) {
	// The corpus has a, b, c, e, f. The file lists a, reports b failed,
	// names two documents the corpus lacks and breaks one line; c, e and f
	// are missing.
	in := `{"doc":"a","mentions":[{"start":4,"end":9,"type":"PERS"}]}
{"doc":"b","error":"model crashed"}
{"doc":"zz","mentions":[]}
{"doc":"yy","mentions":[]}
not json
`
	p := filepath.Join(t.TempDir(), "p.txt")
	require.NoError(t, os.WriteFile(p, []byte(in), 0o644))
	set, err := ReadFile(p, FormatAuto, testCorpus(), ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, FormatJSONL, set.Format)
	assert.Equal(t, []corpus.Mention{{Start: 7, End: 17, Type: "PERS", Text: "بوتين"}}, set.Mentions["a"], "a label outside the five is kept")
	assert.Equal(t, []FailedDoc{{Doc: "b", Err: p + `:2: doc "b": the extractor reported an error: model crashed`}}, set.Failed)
	assert.Equal(t, []string{"zz", "yy"}, set.Unknown)
	assert.Equal(t, []string{"c", "e", "f"}, set.Missing)
	require.Len(t, set.Problems, 1)
	assert.Contains(t, set.Problems[0].Error(), p+":5: not JSON")

	assert.EqualError(t, set.UnknownError(), p+` names 2 documents that are not in corpus test (5 documents): "zz", "yy"; score it against the corpus it was made on (--corpus DIR --gold DIR)`)
	assert.EqualError(t, set.MissingError(), p+` has no predictions for 3 of the 5 documents of corpus test: "c", "e", "f" (a document without mentions still needs its line, {"doc":"<id>","mentions":[]})`)
}

func TestReadFileFormsAndMismatches(t *testing.T) {
	dir := t.TempDir()
	conll := filepath.Join(dir, "p.txt")
	require.NoError(t, os.WriteFile(conll, []byte("-DOCSTART- e\na B-PER\nb O\nc O\nd O\n-DOCSTART- zz\nx O\n"), 0o644))
	set, err := ReadFile(conll, FormatAuto, testCorpus(), ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, FormatCoNLL, set.Format, "a CoNLL file named .txt is read as CoNLL")
	assert.Equal(t, []string{"PER:a"}, chunks(set.Mentions["e"]))
	assert.Equal(t, []string{"zz"}, set.Unknown)
	assert.Equal(t, []string{"a", "b", "c", "f"}, set.Missing)
	assert.Empty(t, set.Problems)

	// Forced to JSONL, every CoNLL line is a problem: the reader goes on,
	// and the caller decides how many to print.
	set, err = ReadFile(conll, FormatJSONL, testCorpus(), ReadOptions{})
	require.NoError(t, err)
	assert.Len(t, set.Problems, 7)
	assert.Len(t, set.Missing, 5)

	_, err = ReadFile(conll, FormatBrat, testCorpus(), ReadOptions{})
	assert.ErrorContains(t, err, "brat predictions are a folder of <doc>.ann files, not a file")
	_, err = ReadFile(dir, FormatJSONL, testCorpus(), ReadOptions{})
	assert.ErrorContains(t, err, "is a folder: jsonl predictions are one file")
	_, err = ParseFormat("xml")
	assert.EqualError(t, err, `unknown predictions format "xml" (want auto, jsonl, conll, brat, spacy, segmented, strings)`)

	// A brat folder: an .ann file named for no document is unknown.
	brat := filepath.Join(dir, "brat")
	require.NoError(t, os.Mkdir(brat, 0o755))
	require.NoError(t, os.WriteFile(filepath.Join(brat, "e.ann"), []byte("T1\tMISC 0 1\ta\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(brat, "nope.ann"), nil, 0o644))
	set, err = ReadFile(brat, FormatAuto, testCorpus(), ReadOptions{})
	require.NoError(t, err)
	assert.Equal(t, FormatBrat, set.Format)
	assert.Equal(t, []string{"MISC:a"}, chunks(set.Mentions["e"]))
	assert.Equal(t, []string{"nope"}, set.Unknown)
	assert.Equal(t, []string{"a", "b", "c", "f"}, set.Missing)
	assert.Contains(t, set.MissingError().Error(), "an empty <doc>.ann file")
}

func TestQuoteIDsNamesTheFirstFewAndCountsTheRest(t *testing.T) {
	ids := strings.Fields("a b c d e f g")
	assert.Equal(t, `"a", "b", "c", "d", "e" and 2 more`, QuoteIDs(ids, 5))
	assert.Equal(t, `"a", "b"`, QuoteIDs(ids[:2], 5))
}

func TestCompareLabels(t *testing.T) {
	gold := map[string][]corpus.Mention{
		"a": {{Type: "PER"}, {Type: "PER"}, {Type: "LOC"}},
		"b": {{Type: "PER"}, {Type: "DATE"}},
	}
	for _, tc := range []struct {
		name string
		pred map[string][]corpus.Mention
		want []string
	}{
		{"the same labels: no warning", map[string][]corpus.Mention{"a": {{Type: "PER"}}}, nil},
		{"a type the system never predicts shows in its row, not here", map[string][]corpus.Mention{"a": {{Type: "LOC"}}}, nil},
		{"renamed labels: both sides named, with counts",
			map[string][]corpus.Mention{"a": {{Type: "PERS"}, {Type: "PERS"}, {Type: "LOC"}}, "b": {{Type: "PERS"}, {Type: "MISC"}}},
			[]string{
				"predictions carry labels that the gold never uses: PERS ×3, MISC ×1; they are scored as they are, so strict, type and clitic never count them correct",
				"no prediction carries the gold's labels PER ×3, DATE ×1: every such gold mention is missed under strict, type and clitic (are the predictions' labels named differently?)",
			}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, CompareLabels(gold, tc.pred).Warnings())
		})
	}
}
