package compare

import (
	"bytes"
	"testing"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/render"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// seedPairs is the seed corpus with two noisy systems: changes of every
// kind, in many documents.
func seedPairs(t *testing.T) []DocPair {
	t.Helper()
	g, err := gold.Seed()
	require.NoError(t, err)
	old, new := newNoiseSource(7), newNoiseSource(8)
	var pairs []DocPair
	for _, d := range corpus.Seed().Documents {
		gm := g.Mentions(d.ID)
		pairs = append(pairs, DocPair{ID: d.ID, Text: d.Text, Gold: gm, Old: noisyGold(old, d.Text, gm, 0.2), New: noisyGold(new, d.Text, gm, 0.2)})
	}
	return pairs
}

// build compares docs with a Builder, one document at a time.
func build(t *testing.T, docs []DocPair, opts Options) *Comparison {
	t.Helper()
	b := NewBuilder(opts)
	for _, d := range docs {
		require.NoError(t, b.Add(d))
	}
	c, err := b.Finish()
	require.NoError(t, err)
	return c
}

func write(t *testing.T, c *Comparison, f render.Format) string {
	t.Helper()
	var out bytes.Buffer
	require.NoError(t, c.Write(&out, f))
	return out.String()
}

func TestBuilderKeepingWhatIsListedPrintsWhatCompareDoes(t *testing.T) {
	for name, docs := range map[string][]DocPair{"fixture": compareFixture(t), "seed corpus": seedPairs(t)} {
		for _, limit := range []int{0, 1, 3} {
			opts := compareOptions()
			opts.MaxChanges = limit
			want, err := Compare(docs, opts)
			require.NoError(t, err)
			opts.SumOnly, opts.ListedOnly = true, true
			got := build(t, docs, opts)
			for _, f := range []render.Format{render.FormatTable, render.FormatMarkdown} {
				assert.Equal(t, write(t, want, f), write(t, got, f), "%s, --limit %d, %s", name, limit, f)
			}
			assert.Equal(t, want.Counts(), got.Counts(), "%s: every change counted", name)
			for _, k := range ChangeKinds {
				assert.Equal(t, want.Groups(k), got.Groups(k), "%s: every change grouped", name)
				if limit > 0 {
					assert.LessOrEqual(t, len(got.ChangesOf(k)), limit, "%s: at most --limit %s kept", name, k)
				}
			}
		}
	}
}

func TestBuilderKeepingEveryChangeWritesTheSameJSON(t *testing.T) {
	docs := seedPairs(t)
	opts := compareOptions()
	want, err := Compare(docs, opts)
	require.NoError(t, err)
	require.Greater(t, len(want.Changes), 20)
	opts.SumOnly = true
	got := build(t, docs, opts)
	assert.Equal(t, write(t, want, render.FormatJSON), write(t, got, render.FormatJSON))

	opts.ListedOnly, opts.MaxChanges = true, 0
	assert.Equal(t, write(t, want, render.FormatJSON), write(t, build(t, docs, opts), render.FormatJSON), "--limit 0 keeps every change")

	opts.MaxChanges = 2
	cut := build(t, docs, opts)
	assert.ErrorContains(t, cut.Write(&bytes.Buffer{}, render.FormatJSON), "JSON lists every change", "JSON refuses a comparison that left changes out")
}

func TestBuilderSumOnlyKeepsTheSums(t *testing.T) {
	docs := seedPairs(t)
	want, err := Compare(docs, compareOptions())
	require.NoError(t, err)
	opts := compareOptions()
	opts.SumOnly = true
	got := build(t, docs, opts)
	require.Len(t, want.OldReport.Docs, len(docs))
	for _, r := range []struct{ want, got *metrics.Report }{{want.OldReport, got.OldReport}, {want.NewReport, got.NewReport}} {
		assert.Nil(t, r.got.Docs)
		w := *r.want
		w.Docs = nil
		assert.Equal(t, &w, r.got, "the same report, without a score per document")
	}
	assert.Equal(t, want.Test, got.Test)
}

func TestBuilderWithoutDocuments(t *testing.T) {
	for _, sumOnly := range []bool{false, true} {
		c := build(t, nil, Options{SumOnly: sumOnly, Bootstrap: bootstrap.Bootstrap{Resamples: 10}})
		want, err := Compare(nil, Options{Bootstrap: bootstrap.Bootstrap{Resamples: 10}})
		require.NoError(t, err)
		assert.Equal(t, want.OldReport.Schemes, c.OldReport.Schemes)
		assert.Empty(t, c.Types)
		assert.Equal(t, 0, c.Test.Units)
	}
}

func TestBuilderIsUsedOnce(t *testing.T) {
	b := NewBuilder(compareOptions())
	docs := compareFixture(t)
	require.NoError(t, b.Add(docs[0]))
	_, err := b.Finish()
	require.NoError(t, err)
	assert.ErrorContains(t, b.Add(docs[1]), "after Finish")
	_, err = b.Finish()
	assert.ErrorContains(t, err, "twice")
}
