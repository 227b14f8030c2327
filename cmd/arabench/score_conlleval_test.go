package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// conllevalReport is the part of score --conlleval's table output that is
// conlleval.pl's report: everything before the first blank line.
func conllevalReport(out string) string {
	report, _, _ := strings.Cut(out, "\n\n")
	return report + "\n"
}

// TestScoreConllevalOracle: the printed report is conlleval.pl's stdout on a
// reference case, read from a file and from standard input.
func TestScoreConllevalOracle(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "oracles", "cases", "anercorp_train_sents0960-1259_noise0.5_seed1003")
	in, err := os.ReadFile(filepath.Join(dir, "input.conll"))
	require.NoError(t, err)
	want, err := os.ReadFile(filepath.Join(dir, "conlleval.txt"))
	require.NoError(t, err)

	code, out, errs := runCLI(t, "", "score", "--conlleval", filepath.Join(dir, "input.conll"), "--scheme", "strict")
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, string(want), conllevalReport(out))

	code, out, errs = runCLI(t, string(in), "score", "--conlleval", "-", "--scheme", "strict")
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, string(want), conllevalReport(out), "- reads standard input")
	assert.Contains(t, out, "│ stdin ", "the system is named after stdin")
}

func TestScoreConllevalOptions(t *testing.T) {
	tests := []struct {
		name, in string
		args     []string
		want     string
	}{
		{"a no-break space inside a token", "عبد\u00a0الله B-PERS B-PERS\nفي O O\n", nil,
			"processed 2 tokens with 1 phrases; found: 1 phrases; correct: 1.\n"},
		{"--delimiter for a tab-separated file", "عبد الله\tB-PERS\tB-PERS\nفي\tO\tI-LOC\n", []string{"--delimiter", `\t`},
			"processed 2 tokens with 1 phrases; found: 2 phrases; correct: 1.\n"},
		{"--raw: each tag a chunk", "بوتين PERS PERS\nبوتين PERS PERS\nفي O LOC\n", []string{"--raw"},
			"processed 3 tokens with 2 phrases; found: 3 phrases; correct: 2.\n"},
		{"--raw --otag N", "بوتين PERS PERS\nفي N O\nثم O N\n", []string{"--raw", "--otag", "N"},
			"processed 3 tokens with 1 phrases; found: 1 phrases; correct: 1.\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"score", "--conlleval", "-", "--scheme", "strict"}, tc.args...)
			code, out, errs := runCLI(t, tc.in, args...)
			require.Equal(t, exitOK, code, errs)
			first, _, _ := strings.Cut(out, "\n")
			assert.Equal(t, tc.want, first+"\n")
		})
	}
}

// TestScoreConllevalRefuses: what conlleval.pl refuses is an error naming
// the file and line (exit 2); nothing is scored.
func TestScoreConllevalRefuses(t *testing.T) {
	tests := []struct {
		name, in string
		args     []string
		want     string
	}{
		{"one column per line", "بوتين\nفي\n", nil, "f.conll:1: 1 column; conlleval needs at least two"},
		{"tabs without --delimiter", "بوتين\tB-PER\tB-PER\n", nil, `a tab-separated file needs --delimiter '\t'`},
		{"a line with another number of columns", "a O O\n-DOCSTART- -X- -X- O\n", nil,
			"f.conll:2: 4 columns where line 1 has 3; conlleval.pl stops here (unexpected number of features: 4 (3))"},
		{"a delimiter matching the empty string", "a O O\n", []string{"--delimiter", "|"}, "can match an empty string"},
		{"an empty delimiter", "a O O\n", []string{"--delimiter", ""}, "--delimiter is empty"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := writeFile(t, "f.conll", tc.in)
			args := append([]string{"score", "--conlleval", p}, tc.args...)
			code, out, errs := runCLI(t, "", args...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, errs, tc.want)
			assert.Empty(t, out)
		})
	}

	code, _, errs := runCLI(t, "", "score", "--pred", "x.jsonl", "--raw")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "--raw goes with --conlleval")
}

// TestScoreConllevalCRLF: CR LF line ends are read as LF, with a note; the
// report is the one of the LF file.
func TestScoreConllevalCRLF(t *testing.T) {
	lf := "بوتين B-PERS B-PERS\n\nفي O O\nموسكو B-LOC B-LOC\n"
	_, want, _ := runCLI(t, lf, "score", "--conlleval", "-")
	code, out, errs := runCLI(t, strings.ReplaceAll(lf, "\n", "\r\n"), "score", "--conlleval", "-")
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, want, out)
	assert.Contains(t, errs, "note: stdin: 4 lines end in CR LF; their CR was dropped")

	_, _, errs = runCLI(t, "a B-X N\n", "score", "--conlleval", "-", "--otag", "N")
	assert.Contains(t, errs, "--otag is read only with --raw")
}

// TestScoreConllevalJSON: --format json holds conlleval's numbers beside the
// schemes' board.
func TestScoreConllevalJSON(t *testing.T) {
	// Tokens 6, tags equal on 4: accuracy 4/6. Gold chunks 3, found 2, both
	// correct: P = 1, R = 2/3, F1 = 0.8.
	in := "بوتين B-PER B-PER\nفي O O\nموسكو B-LOC I-LOC\n\nو O O\nواشنطن B-LOC O\n. O O\n"
	code, out, errs := runCLI(t, in, "score", "--conlleval", "-", "--scheme", "strict", "--format", "json")
	require.Equal(t, exitOK, code, errs)
	var got struct {
		Conlleval struct {
			Tokens      int     `json:"tokens"`
			CorrectTags int     `json:"correct_tags"`
			Accuracy    float64 `json:"accuracy"`
			Phrases     int     `json:"phrases"`
			Found       int     `json:"found"`
			Correct     int     `json:"correct"`
			Precision   float64 `json:"precision"`
			Recall      float64 `json:"recall"`
			F1          float64 `json:"f1"`
			Types       []struct {
				Type    string  `json:"type"`
				Phrases int     `json:"phrases"`
				Found   int     `json:"found"`
				Correct int     `json:"correct"`
				F1      float64 `json:"f1"`
			} `json:"types"`
		} `json:"conlleval"`
		Extractors []json.RawMessage `json:"extractors"`
		Signatures []string          `json:"signatures"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &got), out)
	c := got.Conlleval
	assert.Equal(t, [5]int{6, 4, 3, 2, 2}, [5]int{c.Tokens, c.CorrectTags, c.Phrases, c.Found, c.Correct})
	assert.InDeltaSlice(t, []float64{4.0 / 6, 1, 2.0 / 3, 0.8}, []float64{c.Accuracy, c.Precision, c.Recall, c.F1}, 1e-12)
	require.Len(t, c.Types, 2)
	assert.Equal(t, "LOC", c.Types[0].Type)
	assert.Equal(t, [3]int{2, 1, 1}, [3]int{c.Types[0].Phrases, c.Types[0].Found, c.Types[0].Correct})
	assert.InDelta(t, 2.0/3, c.Types[0].F1, 1e-12) // P 1, R 1/2
	assert.Len(t, got.Extractors, 1)
	require.Len(t, got.Signatures, 1)
	assert.Contains(t, got.Signatures[0], "gold:conlleval-", "the gold part is a hash of the file's tokens and gold tags")
}
