package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// strayI: gold has PER (بوتين) and LOC (موسكو); the prediction writes the
// LOC chunk with a stray I- and adds an ORG chunk.
const strayI = "بوتين B-PER B-PER\nفي O O\nموسكو B-LOC I-LOC\n\nو O B-ORG\n"

func TestScoreSeqevalDefaultMode(t *testing.T) {
	// Default mode reads the stray I-LOC as a chunk: LOC 1/1, ORG 0/1 with
	// no gold, PER 1/1. micro P 2/3, R 2/2, F1 0.8; macro P (1+0+1)/3,
	// R (1+0+1)/3; weighted by support 1, 0, 1: all 1.
	p := writeFile(t, "c.txt", strayI)
	code, out, errs := runCLI(t, "", "score", "--conlleval", p, "--mode", "default")
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, ""+
		"              precision    recall  f1-score   support\n"+
		"\n"+
		"         LOC     1.0000    1.0000    1.0000         1\n"+
		"         ORG     0.0000    0.0000    0.0000         0\n"+
		"         PER     1.0000    1.0000    1.0000         1\n"+
		"\n"+
		"   micro avg     0.6667    1.0000    0.8000         2\n"+
		"   macro avg     0.6667    0.6667    0.6667         2\n"+
		"weighted avg     1.0000    1.0000    1.0000         2\n"+
		"\n"+
		"arabench:1.0|gold:conlleval:c.txt|corpus:2-sentences|norm:none|scheme:seqeval-default|avg:micro|boot:none\n", out)
	assert.Empty(t, errs)
}

func TestScoreSeqevalStrictDropsStrayI(t *testing.T) {
	// Strict IOB2 drops the predicted chunk opened by I-LOC: LOC 0/0 of 1
	// gold, so micro P 1/2, R 1/2; the signature names mode, scheme and
	// the --avg headline.
	p := writeFile(t, "c.txt", strayI)
	code, out, errs := runCLI(t, "", "score", "--conlleval", p, "--mode", "strict", "--tagging", "iob2", "--avg", "weighted")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "         LOC     0.0000    0.0000    0.0000         1\n")
	assert.Contains(t, out, "   micro avg     0.5000    0.5000    0.5000         2\n")
	assert.Contains(t, out, "|scheme:seqeval-strict-IOB2|avg:weighted|")
}

// TestScoreSeqevalJSONEqualsSeqeval checks the command end to end on a
// realistic oracle case: every JSON number equals seqeval's.
func TestScoreSeqevalJSONEqualsSeqeval(t *testing.T) {
	dir := filepath.Join("..", "..", "testdata", "oracles", "cases", "anercorp_train_sents1440-1739_noise0.9_seed1004")
	for _, tc := range []struct{ run, avg string }{
		{"default", "micro"},
		{"strict_IOB2", "weighted"},
	} {
		args := []string{"score", "--conlleval", filepath.Join(dir, "input.conll"), "--format", "json", "--avg", tc.avg}
		if tc.run == "default" {
			args = append(args, "--mode", "default")
		} else {
			args = append(args, "--mode", "strict", "--tagging", "iob2")
		}
		code, out, errs := runCLI(t, "", args...)
		require.Equal(t, exitOK, code, errs)
		var got struct {
			Avg      string                        `json:"avg"`
			Headline map[string]any                `json:"headline"`
			Report   map[string]map[string]float64 `json:"report"`
		}
		require.NoError(t, json.Unmarshal([]byte(out), &got))

		data, err := os.ReadFile(filepath.Join(dir, "seqeval.json"))
		require.NoError(t, err)
		var oracle map[string]json.RawMessage
		require.NoError(t, json.Unmarshal(data, &oracle))
		var run struct {
			Report map[string]map[string]float64 `json:"report"`
		}
		require.NoError(t, json.Unmarshal(oracle[tc.run], &run))
		want := run.Report
		require.Len(t, want, 7, tc.run)
		for row, vals := range want {
			for k, v := range vals {
				assert.Equal(t, v, got.Report[row][k], "%s %s %s", tc.run, row, k)
			}
		}
		assert.Equal(t, tc.avg, got.Avg)
		assert.Equal(t, want[tc.avg+" avg"]["f1-score"], got.Headline["f1-score"], tc.run)
	}
}

func TestScoreSeqevalStdin(t *testing.T) {
	code, out, errs := runCLI(t, strayI, "score", "--conlleval", "-", "--mode", "default", "--format", "json")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, `"f1-score": 0.8,`)
}

func TestScoreSeqevalRefuses(t *testing.T) {
	for _, tc := range []struct {
		rule    string
		content string
		args    []string
		code    int
		stderr  string
	}{
		{"IOB2 strict refuses S- with seqeval's message and the line", "a O O\nb S-PER O\n",
			[]string{"--mode", "strict"}, exitUsage,
			"c.txt:2: gold tag: Invalid token is found: S-PER. Allowed prefixes are: I|O|B. (seqeval strict IOB2; --tagging names the file's scheme)"},
		{"a file without entity type says so instead of printing zeros", "a O O\n\nb O O\n",
			[]string{"--mode", "default"}, exitFailed, "c.txt: no entity type in this file"},
		{"the same in JSON", "a O O\n",
			[]string{"--mode", "strict", "--format", "json"}, exitFailed, "c.txt: no entity type in this file"},
		{"an empty file", "",
			[]string{"--mode", "default"}, exitUsage, "c.txt: no token to score"},
		{"--avg weighted without --mode", strayI,
			[]string{"--avg", "weighted"}, exitUsage, "add --mode default or --mode strict"},
		{"--tagging without --mode", strayI,
			[]string{"--tagging", "iobes"}, exitUsage, "add --mode default or --mode strict"},
		{"--tagging with the default mode", strayI,
			[]string{"--mode", "default", "--tagging", "iobes"}, exitUsage, "--tagging goes with --mode strict"},
		{"an unknown tagging scheme", strayI,
			[]string{"--mode", "strict", "--tagging", "ioe2"}, exitUsage, `unknown tagging scheme "ioe2"`},
		{"an unknown mode", strayI,
			[]string{"--mode", "lenient"}, exitUsage, `unknown --mode "lenient" (want default or strict)`},
		{"an unknown average", strayI,
			[]string{"--mode", "default", "--avg", "samples"}, exitUsage, `unknown average "samples" (want micro, macro or weighted)`},
		{"flags of the other scores", strayI,
			[]string{"--mode", "default", "--ci", "--scheme", "strict"}, exitUsage, "--ci, --scheme cannot go with --mode"},
		{"formats other than table and json", strayI,
			[]string{"--mode", "default", "--format", "csv"}, exitUsage, "--format csv: seqeval's report prints as table or json"},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			p := writeFile(t, "c.txt", tc.content)
			code, out, errs := runCLI(t, "", append([]string{"score", "--conlleval", p}, tc.args...)...)
			assert.Equal(t, tc.code, code)
			assert.Contains(t, errs, tc.stderr)
			assert.Empty(t, out)
		})
	}

	code, _, errs := runCLI(t, "", "score", "--pred", "x.jsonl", "--mode", "default")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "--mode prints seqeval's report of a conlleval file: give it with --conlleval FILE")
}
