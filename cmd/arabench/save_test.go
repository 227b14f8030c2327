package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/arabench/arabench/conlleval"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/signature"

	"github.com/arabench/arabench/metrics"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// conllevalDocs parses a conlleval input as scoreConlleval does.
func conllevalDocs(t *testing.T, name, in string) []metrics.Doc {
	t.Helper()
	f, err := conlleval.Read(strings.NewReader(in), name, conlleval.Options{Delimiter: " ", OTag: "O"})
	require.NoError(t, err)
	return f.Documents()
}

func TestSaveConllevalRun(t *testing.T) {
	// Two sentences; gold PER(بوتين) LOC(موسكو) LOC(واشنطن), guessed
	// PER(بوتين) and LOC(موسكو).
	in := "بوتين B-PER B-PER\nفي O O\nموسكو B-LOC B-LOC\n\nو O O\nواشنطن B-LOC O\n"
	docs := conllevalDocs(t, "sys.txt", in)
	sig := conllevalSignature(docs, metrics.Micro)
	report := metrics.Evaluate(docs, metrics.Options{Signature: sig})
	path := filepath.Join(t.TempDir(), "run.json")
	require.NoError(t, saveConllevalRun(path, "sys", docs, report, sig, metrics.SchemeStrict, nil))

	run := readRun(t, path)
	assert.Equal(t, "sys", run.Extractor)
	assert.Equal(t, metrics.Coverage{Documents: 2, Scored: 2}, run.Coverage())
	require.Len(t, run.Predictions, 2)
	assert.Equal(t, "sys.txt:1", run.Predictions[0].Doc)
	// "بوتين في موسكو": بوتين is code points [0,5), موسكو [9,14).
	assert.Equal(t, []runfile.Mention{{Start: 0, End: 5, Type: "PER", Text: "بوتين"}, {Start: 9, End: 14, Type: "LOC", Text: "موسكو"}}, run.Predictions[0].Mentions)
	assert.Empty(t, run.Predictions[1].Mentions)
	parsed, err := signature.Parse(run.Signature)
	require.NoError(t, err)
	assert.Equal(t, "strict", parsed.Scheme)
	assert.True(t, strings.HasPrefix(parsed.Gold, "conlleval-"), parsed.Gold)
	// P = 2/2, R = 2/3 under strict.
	require.NotEmpty(t, run.Metrics)
	assert.Contains(t, string(mustRead(t, path)), `"recall": 0.6666666666666666`)

	// Another system's guesses on the same tokens and gold sign alike.
	other := conllevalDocs(t, "other.conll", strings.ReplaceAll(in, "واشنطن B-LOC O", "واشنطن B-LOC B-LOC"))
	assert.Equal(t, sig, conllevalSignature(other, metrics.Micro))

	// compare reads runs made on a corpus; a conlleval run says why it is refused.
	code, _, errs := runCLI(t, "", "compare", path, path)
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "is the run of a conlleval file, which carries its own gold")
}

func mustRead(t *testing.T, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return b
}
