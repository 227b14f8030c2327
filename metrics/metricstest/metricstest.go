// Package metricstest holds the fixtures that the tests of the packages that
// score, render and compare share: the seed corpus with degraded predictions
// (SeedDocs), a small report with every kind of outcome (FixtureReport) and
// golden files (Golden, rewritten with the -update flag). Only tests import
// it.
package metricstest

import (
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/corpus/corpustest"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/signature"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/golden")

// SeedDocs pairs the seed corpus with its gold and a degraded copy of the gold
// as predictions (see Degraded).
func SeedDocs(t testing.TB) []metrics.Doc {
	t.Helper()
	g, err := gold.Seed()
	require.NoError(t, err)
	return Degraded(corpus.Seed(), g)
}

// Degraded pairs every document of c with its gold in g and a degraded copy
// of that gold as predictions: every third mention dropped, every fifth
// retyped, every seventh one code point short.
func Degraded(c *corpus.Corpus, g *gold.Gold) []metrics.Doc {
	var docs []metrics.Doc
	i := 0
	for _, d := range c.Documents {
		gm := g.Mentions(d.ID)
		var pred []corpus.Mention
		for _, m := range gm {
			i++
			switch {
			case i%3 == 0:
				continue
			case i%5 == 0:
				m.Type = corpus.ORG
			case i%7 == 0 && m.End-m.Start > 4:
				m.End -= 2 // one Arabic letter
				m.Text = d.Text[m.Start:m.End]
			}
			pred = append(pred, m)
		}
		docs = append(docs, metrics.Doc{ID: d.ID, Text: d.Text, Gold: gm, Pred: pred})
	}
	return docs
}

// FixtureReport scores a small hand-made case with every kind of outcome:
//
//	بوتين       PER gold, PER predicted           COR
//	سيرغي لافروف PER gold, "لافروف" predicted      PAR under partial, COR under type
//	وواشنطن     LOC gold واشنطن, predicted whole   COR under clitic only
//	موسكو       LOC gold, predicted ORG            mistyped
//	البنتاغون   ORG gold, not predicted            MIS
//	الأحد       DATE predicted, not gold            SPU
//	100 ألف     NUM gold 100000, predicted 100000  value correct
//
// with entity ids on the names.
func FixtureReport(t *testing.T) *metrics.Report {
	t.Helper()
	text := "قال بوتين إن سيرغي لافروف زار وواشنطن ثم موسكو يوم الأحد وإن البنتاغون نشر 100 ألف جندي"
	with := func(m corpus.Mention, entity, value string) corpus.Mention {
		m.Entity, m.Value = entity, value
		return m
	}
	washington := corpustest.At(t, text, "واشنطن", 0, "LOC")
	gold := []corpus.Mention{
		with(corpustest.At(t, text, "بوتين", 0, "PER"), "kb:vladimir-putin", ""),
		with(corpustest.At(t, text, "سيرغي لافروف", 0, "PER"), "kb:sergei-lavrov", ""),
		with(washington, "kb:washington", ""),
		with(corpustest.At(t, text, "موسكو", 0, "LOC"), "kb:moscow", ""),
		with(corpustest.At(t, text, "البنتاغون", 0, "ORG"), "kb:pentagon", ""),
		with(corpustest.At(t, text, "100 ألف", 0, "NUM"), "", "100000"),
	}
	pred := []corpus.Mention{
		with(corpustest.At(t, text, "بوتين", 0, "PER"), "kb:vladimir-putin", ""),
		with(corpustest.At(t, text, "لافروف", 0, "PER"), "kb:sergei-lavrov", ""),
		with(corpustest.At(t, text, "وواشنطن", 0, "LOC"), "kb:washington", ""),
		with(corpustest.At(t, text, "موسكو", 0, "ORG"), "kb:moscow-oblast", ""),
		corpustest.At(t, text, "الأحد", 0, "DATE"),
		with(corpustest.At(t, text, "100 ألف", 0, "NUM"), "", "100000"),
	}
	sig := signature.Signature{Version: "1.0", Gold: "3f2a9c1e", Corpus: "seed-5", Norm: "none", Avg: "micro", Boot: signature.BootSpec(1000, 12345)}
	return metrics.Evaluate([]metrics.Doc{{ID: "fixture", Text: text, Gold: gold, Pred: pred}}, metrics.Options{Signature: sig})
}

// FixtureDoc is the document of FixtureReport without entity ids: one place
// of every category under strict.
//
//	بوتين        PER gold, PER predicted             correct
//	سيرغي لافروف PER gold, "لافروف" PER predicted     wrong boundary
//	واشنطن       LOC gold, "وواشنطن" LOC predicted    wrong boundary (clitic: correct)
//	موسكو        LOC gold, ORG predicted             wrong type
//	البنتاغون    ORG gold, not predicted             missed
//	الأحد        DATE predicted, not gold             spurious
//	100 ألف      NUM gold, "100" DATE predicted       wrong type and boundary
func FixtureDoc(t *testing.T) metrics.Doc {
	t.Helper()
	text := "قال بوتين إن سيرغي لافروف زار وواشنطن ثم موسكو يوم الأحد وإن البنتاغون نشر 100 ألف جندي"
	return metrics.Doc{ID: "fixture", Text: text,
		Gold: []corpus.Mention{
			corpustest.At(t, text, "بوتين", 0, "PER"),
			corpustest.At(t, text, "سيرغي لافروف", 0, "PER"),
			corpustest.At(t, text, "واشنطن", 0, "LOC"),
			corpustest.At(t, text, "موسكو", 0, "LOC"),
			corpustest.At(t, text, "البنتاغون", 0, "ORG"),
			corpustest.At(t, text, "100 ألف", 0, "NUM"),
		},
		Pred: []corpus.Mention{
			corpustest.At(t, text, "بوتين", 0, "PER"),
			corpustest.At(t, text, "لافروف", 0, "PER"),
			corpustest.At(t, text, "وواشنطن", 0, "LOC"),
			corpustest.At(t, text, "موسكو", 0, "ORG"),
			corpustest.At(t, text, "الأحد", 0, "DATE"),
			corpustest.At(t, text, "100", 0, "DATE"),
		},
	}
}

// Golden compares got with testdata/golden/name, or rewrites it with -update.
func Golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", "golden", name)
	if *update {
		require.NoError(t, os.MkdirAll(filepath.Dir(path), 0o755))
		require.NoError(t, os.WriteFile(path, got, 0o644))
	}
	want, err := os.ReadFile(path)
	require.NoError(t, err, "run go test -run %s -update in this package to create it", t.Name())
	assert.Equal(t, string(want), string(got))
}
