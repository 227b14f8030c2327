package report

import (
	"context"
	"fmt"
	"strings"
	"testing"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/corpus/corpustest"
	"github.com/arabench/arabench/extract"
	_ "github.com/arabench/arabench/extract/gazetteer" // registers the gazetteer
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/signature"
	"github.com/stretchr/testify/require"
)

// goldMap is gold held in memory, by document id.
type goldMap map[string][]corpus.Mention

func (g goldMap) Mentions(doc string) []corpus.Mention { return g[doc] }

// The small corpus of the golden and escaping tests.
const (
	// textA has one place of every category under strict (see the
	// fixture of metrics' per-document tests).
	textA = "قال بوتين إن سيرغي لافروف زار وواشنطن ثم موسكو يوم الأحد وإن البنتاغون نشر 100 ألف جندي"
	// textB holds what must stay text: a script, a closing mark tag, quotes
	// and an ampersand, some of them inside mentions.
	textB = `نشرت "الشرق" الخبر: <script>alert("x")</script> ثم </mark> في 'بيروت' & غيرها`
	// textC is a document the run failed on.
	textC = "نص لم يحلله النظام عن دمشق"
	// evilEntity is an entity id that would break out of an attribute.
	evilEntity = `kb:"><img src=x onerror=alert(1)>`
)

// small returns the small corpus, its gold, and two systems: old and new.
// New has every category in doc a, the escaping cases in doc b, and failed
// on doc c; old differs from new in doc a so that every kind of change but
// a changed type shows.
func small(t testing.TB) (*corpus.Corpus, goldMap, System, System) {
	c := &corpus.Corpus{Name: "small-3", Documents: []corpus.Document{{ID: "a", Text: textA}, {ID: "b", Text: textB}, {ID: "c", Text: textC}}}
	mark := corpustest.At(t, textB, "</mark>", 0, "ORG")
	mark.Entity = evilEntity
	g := goldMap{
		"a": {
			corpustest.At(t, textA, "بوتين", 0, "PER"),
			corpustest.At(t, textA, "سيرغي لافروف", 0, "PER"),
			corpustest.At(t, textA, "واشنطن", 0, "LOC"),
			corpustest.At(t, textA, "موسكو", 0, "LOC"),
			corpustest.At(t, textA, "البنتاغون", 0, "ORG"),
			corpustest.At(t, textA, "100 ألف", 0, "NUM"),
		},
		"b": {corpustest.At(t, textB, "الشرق", 0, "ORG"), mark, corpustest.At(t, textB, "بيروت", 0, "LOC")},
		"c": {corpustest.At(t, textC, "دمشق", 0, "LOC")},
	}
	newPred := map[string][]corpus.Mention{
		"a": {
			corpustest.At(t, textA, "بوتين", 0, "PER"),
			corpustest.At(t, textA, "لافروف", 0, "PER"),
			corpustest.At(t, textA, "وواشنطن", 0, "LOC"),
			corpustest.At(t, textA, "موسكو", 0, "ORG"),
			corpustest.At(t, textA, "الأحد", 0, "DATE"),
			corpustest.At(t, textA, "100", 0, "DATE"),
		},
		"b": {corpustest.At(t, textB, `"الشرق"`, 0, "ORG"), corpustest.At(t, textB, `<script>alert("x")</script>`, 0, "MISC"), corpustest.At(t, textB, "بيروت", 0, "LOC")},
	}
	oldPred := map[string][]corpus.Mention{
		"a": {
			corpustest.At(t, textA, "سيرغي لافروف", 0, "PER"),
			corpustest.At(t, textA, "موسكو", 0, "LOC"),
			corpustest.At(t, textA, "البنتاغون", 0, "ORG"),
			corpustest.At(t, textA, "جندي", 0, "ORG"),
		},
		"b": newPred["b"],
		"c": {corpustest.At(t, textC, "دمشق", 0, "LOC")},
	}
	sig := `arabench:1.0|gold:0badc0de|corpus:small-3|norm:none|scheme:strict|avg:micro|boot:none`
	old := System{Name: "old-tagger", Version: "1", Source: "old.json", Signature: sig, Pred: oldPred}
	new := System{Name: "new-tagger", Version: "2", Source: "new.json", Signature: sig, Pred: newPred,
		Status: map[string]Status{"c": {State: "failed", Error: "timeout after 30s <b>"}}}
	return c, g, old, new
}

// smallOptions are the options of the small corpus' reports.
func smallOptions() Options {
	return Options{Signature: signature.Signature{Gold: "0badc0de", Corpus: "small-3", Norm: "none", Avg: "micro"},
		Bootstrap: bootstrap.Bootstrap{Resamples: 200, Seed: 1}}
}

// seedRun runs a registered extractor on the seed corpus.
func seedRun(t testing.TB, name string) System {
	t.Helper()
	ex, err := extract.New(name)
	require.NoError(t, err)
	res := extract.Run(context.Background(), ex, corpus.Seed().Documents)
	require.Empty(t, res.Errors)
	return System{Name: name, Version: res.Version, Source: name + ".json", Pred: res.Predictions()}
}

func seedGold(t testing.TB) *gold.Gold {
	t.Helper()
	g, err := gold.Seed()
	require.NoError(t, err)
	return g
}

// seedOptions are the options of the seed corpus' reports.
func seedOptions(t testing.TB) Options {
	return Options{Signature: signature.Signature{Gold: seedGold(t).Hash(), Corpus: corpus.SeedName, Norm: "none", Avg: "micro"},
		Bootstrap: bootstrap.Bootstrap{Resamples: 200, Seed: 1}}
}

// synthetic makes a corpus of n documents of about 2 KB, the size of a news
// article, cut from the seed documents at line breaks, with the seed gold and
// the gazetteer's predictions on them, changed in a deterministic way so that
// every category occurs: some predictions dropped, retyped, shortened or
// doubled by a spurious neighbour.
func synthetic(t testing.TB, n int) (*corpus.Corpus, goldMap, System) {
	t.Helper()
	seed := corpus.Seed()
	g := seedGold(t)
	gaz := seedRun(t, "gazetteer")
	type chunk struct {
		text       string
		gold, pred []corpus.Mention
	}
	var chunks []chunk
	for _, d := range seed.Documents {
		start := 0
		for start < len(d.Text) {
			end := start + 2000
			if end >= len(d.Text) {
				end = len(d.Text)
			} else if i := strings.IndexByte(d.Text[end:], '\n'); i >= 0 {
				end += i + 1
			} else {
				end = len(d.Text)
			}
			ch := chunk{text: d.Text[start:end]}
			inside := func(ms []corpus.Mention) []corpus.Mention {
				var out []corpus.Mention
				for _, m := range ms {
					if m.Start >= start && m.End <= end {
						m.Start -= start
						m.End -= start
						out = append(out, m)
					}
				}
				return out
			}
			ch.gold, ch.pred = inside(g.Mentions(d.ID)), inside(gaz.Pred[d.ID])
			chunks = append(chunks, ch)
			start = end
		}
	}
	c := &corpus.Corpus{Name: fmt.Sprintf("synthetic-%d", n)}
	gm := goldMap{}
	sys := System{Name: "gazetteer-noisy", Source: "synthetic", Pred: map[string][]corpus.Mention{}}
	for k := 0; k < n; k++ {
		ch := chunks[k%len(chunks)]
		id := fmt.Sprintf("doc%04d", k)
		c.Documents = append(c.Documents, corpus.Document{ID: id, Text: ch.text})
		gm[id] = ch.gold
		var pred []corpus.Mention
		for i, m := range ch.pred {
			switch (k + i) % 9 {
			case 0:
				continue
			case 1:
				m.Type = corpus.ORG
			case 2:
				if _, size := firstRune(ch.text[m.Start:m.End]); m.End-m.Start > size {
					m.Start += size
				}
			case 3:
				// The word before, if any, as a spurious DATE.
				if end := strings.LastIndexByte(ch.text[:m.Start], ' '); end > 0 {
					start := strings.LastIndexAny(ch.text[:end], " \n") + 1
					if start < end {
						pred = append(pred, corpus.Mention{Start: start, End: end, Type: corpus.DATE})
					}
				}
			}
			pred = append(pred, m)
		}
		sys.Pred[id] = pred
	}
	return c, gm, sys
}

func firstRune(s string) (rune, int) {
	for _, r := range s {
		return r, len(string(r))
	}
	return 0, 0
}
