package gold

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/arabench/arabench/brat"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/metrics"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readAnnotation reads one annotator's .ann files of the seed corpus.
func readAnnotation(t *testing.T, dir string, c *corpus.Corpus) map[string][]corpus.Mention {
	t.Helper()
	out := map[string][]corpus.Mention{}
	for _, d := range c.Documents {
		path := filepath.Join(dir, d.ID+".ann")
		f, err := os.Open(path)
		require.NoError(t, err)
		file, errs := brat.Parse(path, f)
		f.Close()
		require.Empty(t, errs)
		ms, errs := file.Mentions(d)
		require.Empty(t, errs)
		out[d.ID] = ms
	}
	return out
}

// TestInterAnnotatorAgreement reproduces the agreement figure of
// gold/README.md: strict mention-level F1 of the second annotation (iaa/b)
// against the first (iaa/a), before reconciliation, micro over the corpus.
func TestInterAnnotatorAgreement(t *testing.T) {
	c := corpus.Seed()
	a := readAnnotation(t, filepath.Join("iaa", "a"), c)
	b := readAnnotation(t, filepath.Join("iaa", "b"), c)
	var docs []metrics.Doc
	for _, d := range c.Documents {
		docs = append(docs, metrics.Doc{ID: d.ID, Text: d.Text, Gold: a[d.ID], Pred: b[d.ID]})
	}
	strict := metrics.Evaluate(docs, metrics.Options{}).Schemes[metrics.SchemeStrict]
	// 525 mentions in each annotation, 525 in both: P = R = F1 = 525/525.
	assert.Equal(t, 525, strict.Total.POS())
	assert.Equal(t, 525, strict.Total.ACT())
	assert.Equal(t, 525, strict.Total.COR)
	assert.InDelta(t, 1.0, strict.Micro.F1, 1e-12)

	// The third annotation, from the guidelines and the text alone: 526
	// mentions, 525 shared. P = 525/526 = 0.99810, R = 525/525 = 1,
	// F1 = 2·525/(525+526) = 1050/1051 = 0.99905.
	cAnn := readAnnotation(t, filepath.Join("iaa", "c"), c)
	docs = docs[:0]
	for _, d := range c.Documents {
		docs = append(docs, metrics.Doc{ID: d.ID, Text: d.Text, Gold: a[d.ID], Pred: cAnn[d.ID]})
	}
	strict = metrics.Evaluate(docs, metrics.Options{}).Schemes[metrics.SchemeStrict]
	assert.Equal(t, 525, strict.Total.COR)
	assert.Equal(t, 526, strict.Total.ACT())
	assert.InDelta(t, 1050.0/1051, strict.Micro.F1, 1e-12)

	// The reconciled gold keeps every agreed span.
	g, err := Seed()
	require.NoError(t, err)
	for _, d := range c.Documents {
		assert.Equal(t, len(a[d.ID]), len(g.Mentions(d.ID)), d.ID)
	}
}
