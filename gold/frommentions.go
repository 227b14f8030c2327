package gold

import (
	"crypto/sha256"
	"encoding/hex"
	"slices"
	"strconv"

	"github.com/arabench/arabench/corpus"
)

// FromMentions makes the gold of corpus c from mentions read elsewhere (a
// CoNLL file, JSONL spans), by document id, with byte offsets into the
// documents' texts. The gold has no .ann files and no catalogue. Each
// document's mentions are sorted by (Start, End). Its Hash pins its content:
// every document's id and text and every mention's span and type, so the
// same gold read from another file layout hashes alike.
func FromMentions(c *corpus.Corpus, mentions map[string][]corpus.Mention) *Gold {
	g := &Gold{corpus: c, files: map[string]*File{}, mentions: make(map[string][]corpus.Mention, len(mentions))}
	h := sha256.New()
	field := func(s string) {
		h.Write([]byte(strconv.Itoa(len(s)) + "\n" + s + "\n"))
	}
	for _, d := range c.Documents {
		ms := slices.Clone(mentions[d.ID])
		slices.SortStableFunc(ms, func(a, b corpus.Mention) int {
			if a.Start != b.Start {
				return a.Start - b.Start
			}
			return a.End - b.End
		})
		if len(ms) > 0 {
			g.mentions[d.ID] = ms
		}
		field(d.ID)
		field(d.Text)
		field(strconv.Itoa(len(ms)))
		for _, m := range ms {
			field(strconv.Itoa(m.Start) + " " + strconv.Itoa(m.End) + " " + m.Type)
		}
	}
	g.hash = hex.EncodeToString(h.Sum(nil))[:8]
	return g
}
