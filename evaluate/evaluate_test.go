package evaluate

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/evalset"
	"github.com/arabench/arabench/extract"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/shard"
)

// gold is a JSONL spans gold of three documents.
const gold = `{"doc":"d1","text":"زار بوتين موسكو","mentions":[{"start":4,"end":9,"type":"PER"},{"start":10,"end":15,"type":"LOC"}]}
{"doc":"d2","text":"قالت الأمم المتحدة","mentions":[{"start":5,"end":18,"type":"ORG"}]}
{"doc":"d3","text":"لا شيء هنا","mentions":[]}
`

// oracle answers every document with its gold mentions, and fails on the
// documents of fail.
type oracle struct {
	gold map[string][]corpus.Mention
	fail map[string]bool
}

func (o oracle) Name() string { return "oracle" }

func (o oracle) Extract(_ context.Context, d corpus.Document) ([]corpus.Mention, error) {
	if o.fail[d.ID] {
		return nil, errors.New("no answer")
	}
	return o.gold[d.ID], nil
}

func loadSet(t *testing.T, stream bool, batchDocs int) *evalset.Set {
	t.Helper()
	path := filepath.Join(t.TempDir(), "gold.jsonl")
	require.NoError(t, os.WriteFile(path, []byte(gold), 0o644))
	s, err := evalset.Load(evalset.Options{Gold: path, Stream: stream, BatchDocs: batchDocs})
	require.NoError(t, err)
	t.Cleanup(s.Close)
	return s
}

// newOracle returns an oracle failing on the documents of fail.
func newOracle(t *testing.T, fail ...string) oracle {
	t.Helper()
	o := oracle{gold: loadSet(t, false, 0).Mentions, fail: map[string]bool{}}
	for _, id := range fail {
		o.fail[id] = true
	}
	return o
}

// evaluate runs an oracle failing on fail over set.
func evaluate(t *testing.T, set *evalset.Set, opts Options, fail ...string) (*Eval, Result) {
	t.Helper()
	return evaluateWith(t, set, opts, extract.RunOptions{}, fail...)
}

// evaluateWith runs an oracle failing on fail over set, with run's options.
func evaluateWith(t *testing.T, set *evalset.Set, opts Options, run extract.RunOptions, fail ...string) (*Eval, Result) {
	t.Helper()
	ev, err := New(set, opts)
	require.NoError(t, err)
	t.Cleanup(ev.Close)
	require.NoError(t, ev.Run(context.Background(), extract.NewRunner(newOracle(t, fail...), run).Run))
	return ev, ev.Result()
}

func TestEval(t *testing.T) {
	tests := []struct {
		name     string
		stream   bool
		batch    int
		opts     Options
		fail     []string
		scored   int
		failed   []string
		micro    float64
		perDoc   int
		confused bool
	}{
		{name: "an oracle read whole scores 1",
			opts: Options{Name: "o"}, scored: 3, micro: 1},
		{name: "an oracle streamed a document a batch scores 1", stream: true, batch: 1,
			opts: Options{Name: "o"}, scored: 3, micro: 1},
		// d1 fails: its 2 gold mentions are missed; d2's 1 is found.
		// P = 1/1, R = 1/3, F1 = 2·1·⅓/(1+⅓) = 0.5.
		{name: "a failed document is scored as empty", stream: true, batch: 1,
			opts: Options{Name: "o"}, fail: []string{"d1"}, scored: 2, failed: []string{"d1"}, micro: 0.5},
		{name: "per document scores and the confusion when asked",
			opts: Options{Name: "o", PerDoc: true, Confusion: true}, scored: 3, micro: 1, perDoc: 3, confused: true},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			ev, res := evaluate(t, loadSet(t, tc.stream, tc.batch), tc.opts, tc.fail...)
			assert.Equal(t, 3, ev.Count())
			assert.Equal(t, 3, res.Coverage.Documents)
			assert.Equal(t, tc.scored, res.Coverage.Scored)
			assert.Equal(t, tc.failed, res.Coverage.Failed)
			assert.False(t, res.Coverage.Partial)
			assert.InDelta(t, tc.micro, res.Report.Schemes[metrics.SchemeStrict].Micro.F1, 1e-9)
			assert.Len(t, res.Report.Docs, tc.perDoc)
			assert.Equal(t, tc.confused, ev.Confusion() != nil)
			assert.Nil(t, res.CI)
			assert.Equal(t, []string{"linking and values not scored: the gold has no entity links and no values"}, res.Notes)
		})
	}
}

func TestStreamedAndWholeAgree(t *testing.T) {
	boot := &bootstrap.Bootstrap{Resamples: 100, Seed: 1}
	opts := Options{Name: "o", Bootstrap: boot, Avg: metrics.Micro}
	_, whole := evaluate(t, loadSet(t, false, 0), opts, "d2")
	_, streamed := evaluate(t, loadSet(t, true, 1), opts, "d2")
	assert.Equal(t, whole, streamed)
	require.NotNil(t, whole.CI)
	assert.Equal(t, boot.Spec(), whole.Report.Signature.Boot, "the bootstrap is in the signature")
}

func TestSaveWritesTheRun(t *testing.T) {
	spec, err := shard.Parse("0/2")
	require.NoError(t, err)
	path := filepath.Join(t.TempDir(), "run.json")
	set := loadSet(t, true, 1)
	ev, res := evaluate(t, set, Options{Name: "o", Shard: &spec, Headline: metrics.SchemeStrict, Save: path}, "d3")
	require.NoError(t, ev.Finish(res))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	run, err := runfile.ReadRun(path, f)
	require.NoError(t, err)
	assert.Equal(t, "o", run.Extractor)
	assert.Equal(t, &spec, run.Shard)
	assert.Len(t, run.Predictions, ev.Count(), "the documents of the shard")
	for _, d := range run.Predictions {
		assert.True(t, spec.Holds(d.Doc))
	}
}

func TestCloseRemovesTheSpoolOfAnUnfinishedRun(t *testing.T) {
	dir := t.TempDir()
	ev, err := New(loadSet(t, true, 1), Options{Name: "o", Save: filepath.Join(dir, "run.json")})
	require.NoError(t, err)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	require.Len(t, entries, 1, "the spool of the run file")
	ev.Close()
	ev.Close() // a second Close is harmless
	entries, err = os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)
}

func TestNewRefusesARunFileThatCannotBeCreated(t *testing.T) {
	ev, err := New(loadSet(t, false, 0), Options{Name: "o", Save: filepath.Join(t.TempDir(), "none", "run.json")})
	assert.Error(t, err)
	assert.Nil(t, ev)
}

func TestNoSaveWritesNothing(t *testing.T) {
	dir := t.TempDir()
	t.Chdir(dir) // where a relative run file would go
	ev, res := evaluate(t, loadSet(t, false, 0), Options{Name: "o"})
	require.NoError(t, ev.Finish(res))
	ev.Close()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	assert.Empty(t, entries)
}

func TestUnscoredDocumentsKeepTheirStatus(t *testing.T) {
	// d1 fails and stops the run (MaxFailures 1): d2 and d3, a batch each,
	// are never sent.
	path := filepath.Join(t.TempDir(), "run.json")
	ev, res := evaluateWith(t, loadSet(t, true, 1), Options{Name: "o", Save: path}, extract.RunOptions{MaxFailures: 1}, "d1")
	assert.Equal(t, []string{"d1"}, res.Coverage.Failed)
	assert.Equal(t, []string{"d2", "d3"}, res.Coverage.NotRun)
	assert.False(t, res.Coverage.Partial, "documents not run without an interruption are not a partial run")
	require.NoError(t, ev.Finish(res))
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	run, err := runfile.ReadRun(path, f)
	require.NoError(t, err)
	status := map[string]metrics.DocStatus{}
	for _, d := range run.Predictions {
		status[d.Doc] = d.Status
	}
	assert.Equal(t, map[string]metrics.DocStatus{
		"d1": metrics.StatusFailed, "d2": metrics.StatusNotRun, "d3": metrics.StatusNotRun,
	}, status)
}

func TestInterruptedRunIsPartial(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ev, err := New(loadSet(t, true, 1), Options{Name: "o"})
	require.NoError(t, err)
	t.Cleanup(ev.Close)
	require.NoError(t, ev.Run(ctx, extract.NewRunner(oracle{}, extract.RunOptions{}).Run))
	res := ev.Result()
	assert.True(t, res.Coverage.Partial)
	assert.Equal(t, []string{"d1", "d2", "d3"}, res.Coverage.NotRun)
}
