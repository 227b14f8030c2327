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

// evaluate runs an oracle failing on fail over set.
func evaluate(t *testing.T, set *evalset.Set, opts Options, fail ...string) (*Eval, Result) {
	t.Helper()
	whole := loadSet(t, false, 0)
	o := oracle{gold: whole.Mentions, fail: map[string]bool{}}
	for _, id := range fail {
		o.fail[id] = true
	}
	ev := New(set, opts)
	require.NoError(t, ev.Create())
	t.Cleanup(ev.Abort)
	require.NoError(t, ev.Run(context.Background(), extract.NewRunner(o, extract.RunOptions{}).Run))
	return ev, ev.Result(false)
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
		{"an oracle read whole scores 1", false, 0, Options{Name: "o"}, nil, 3, nil, 1, 0, false},
		{"an oracle streamed a document a batch scores 1", true, 1, Options{Name: "o"}, nil, 3, nil, 1, 0, false},
		// d1 fails: its 2 gold mentions are missed; d2's 1 is found.
		// P = 1/1, R = 1/3, F1 = 2·1·⅓/(1+⅓) = 0.5.
		{"a failed document is scored as empty", true, 1, Options{Name: "o"}, []string{"d1"}, 2, []string{"d1"}, 0.5, 0, false},
		{"per document scores and the confusion when asked", false, 0, Options{Name: "o", PerDoc: true, Confusion: true}, nil, 3, nil, 1, 3, true},
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
	require.True(t, ev.Saving())
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

func TestNoSaveWritesNothing(t *testing.T) {
	ev, _ := evaluate(t, loadSet(t, false, 0), Options{Name: "o"})
	assert.False(t, ev.Saving())
}

func TestStatus(t *testing.T) {
	assert.Equal(t, metrics.StatusNotRun, Status(extract.NotRun))
	assert.Equal(t, metrics.StatusFailed, Status(extract.Failed))
}

func TestInterruptedRunIsPartial(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	ev := New(loadSet(t, true, 1), Options{Name: "o"})
	require.NoError(t, ev.Run(ctx, extract.NewRunner(oracle{}, extract.RunOptions{}).Run))
	res := ev.Result(true)
	assert.True(t, res.Coverage.Partial)
	assert.Equal(t, []string{"d1", "d2", "d3"}, res.Coverage.NotRun)
	assert.False(t, ev.Result(false).Coverage.Partial, "documents not run without an interruption are not a partial run")
}
