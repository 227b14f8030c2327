package gold

import (
	"slices"

	"github.com/arabench/arabench/brat"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/spans"
)

// FromMentions makes the gold of corpus c from mentions read elsewhere (a
// CoNLL file, JSONL spans), by document id, with byte offsets into the
// documents' texts. The gold has no .ann files and no catalogue. Each
// document's mentions are sorted by (Start, End). Its Hash pins its content:
// every document's id and text and every mention's span and type, so the
// same gold read from another file layout hashes alike (see
// spans.GoldHash).
func FromMentions(c *corpus.Corpus, mentions map[string][]corpus.Mention) *Gold {
	g := &Gold{corpus: c, files: map[string]*brat.File{}, mentions: make(map[string][]corpus.Mention, len(mentions))}
	var h spans.GoldHash
	for _, d := range c.Documents {
		ms := spans.SortBySpan(slices.Clone(mentions[d.ID]))
		if len(ms) > 0 {
			g.mentions[d.ID] = ms
		}
		h.Add(d, ms)
	}
	g.hash = h.Sum()
	return g
}
