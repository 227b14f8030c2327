package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/dataset"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/spans"
)

// seedSpans writes the seed corpus and gold as a JSONL spans file, the
// documents in reverse id order: a streamed gold is read in id order.
func seedSpans(t *testing.T) string {
	t.Helper()
	ds, err := dataset.Load("seed")
	require.NoError(t, err)
	var b strings.Builder
	docs := ds.Corpus.Documents
	for i := len(docs) - 1; i >= 0; i-- {
		require.NoError(t, spans.Write(&b, docs[i], ds.Gold.Mentions(docs[i].ID)))
	}
	return writeFile(t, "seed.jsonl", b.String())
}

func TestStreamedGoldScoresAsTheWholeFile(t *testing.T) {
	gold := seedSpans(t)
	dir := t.TempDir()
	evalRun := func(batch int, save string, extra ...string) string {
		old := batchDocs
		batchDocs = batch
		defer func() { batchDocs = old }()
		args := append([]string{"eval", "--gold", gold, "--extractor", "gazetteer+rules", "--save", save, "--ci", "--resamples", "200",
			"--confusion", "--per-doc"}, extra...)
		code, out, errs := runCLI(t, "", args...)
		require.Equal(t, exitOK, code, errs)
		return out
	}
	// One batch, then one document a batch: the same output and run file.
	whole := evalRun(256, filepath.Join(dir, "whole.json"))
	oneByOne := evalRun(1, filepath.Join(dir, "one.json"))
	assert.Equal(t, whole, oneByOne)
	a, err := os.ReadFile(filepath.Join(dir, "whole.json"))
	require.NoError(t, err)
	b, err := os.ReadFile(filepath.Join(dir, "one.json"))
	require.NoError(t, err)
	assert.Equal(t, string(a), string(b), "the run file does not depend on the batches")

	// score reads the same gold file whole: its run file of the streamed
	// run's predictions has the same signature, metrics and predictions.
	run, err := runfile.ReadRun("whole.json", strings.NewReader(string(a)))
	require.NoError(t, err)
	var preds strings.Builder
	for _, d := range run.Predictions {
		line, err := json.Marshal(map[string]any{"doc": d.Doc, "mentions": d.Mentions})
		require.NoError(t, err)
		preds.Write(line)
		preds.WriteByte('\n')
	}
	scored := filepath.Join(dir, "score.json")
	code, _, errs := runCLI(t, "", "score", "--gold", gold, "--pred", writeFile(t, "p.jsonl", preds.String()), "--save", scored, "--ci", "--resamples", "200")
	require.Equal(t, exitOK, code, errs)
	f, err := os.Open(scored)
	require.NoError(t, err)
	defer f.Close()
	back, err := runfile.ReadRun(scored, f)
	require.NoError(t, err)
	assert.Equal(t, run.Signature, back.Signature)
	assert.Equal(t, run.Metrics, back.Metrics)
	assert.Equal(t, run.CI, back.CI, "the same intervals from the same seed")
	assert.Equal(t, run.Predictions, back.Predictions)
}

func TestStreamedShardsMergeIntoTheStreamedRun(t *testing.T) {
	// Shards of a streamed gold, one document a batch, merged (merge reads
	// the gold whole) are the unsharded streamed run byte for byte.
	old := batchDocs
	batchDocs = 1
	defer func() { batchDocs = old }()
	gold := seedSpans(t)
	dir := t.TempDir()
	flags := []string{"--gold", gold, "--extractor", "rules", "--ci", "--resamples", "200"}
	whole := filepath.Join(dir, "whole.json")
	code, _, errs := runCLI(t, "", append([]string{"eval", "--save", whole}, flags...)...)
	require.Equal(t, exitOK, code, errs)
	parts := evalShards(t, dir, 3, flags...)
	merged := filepath.Join(dir, "merged.json")
	code, _, errs = runCLI(t, "", append([]string{"merge", "--gold", gold, "-o", merged, "--ci", "--resamples", "200"}, parts...)...)
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, readFile(t, whole), readFile(t, merged))
}
