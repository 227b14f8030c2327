package spans

import (
	"slices"
	"strconv"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/signature"
)

// SortBySpan sorts ms by (Start, End), keeping the given order of equal
// spans, and returns it: the order of a gold's mentions that GoldHash hashes
// (File.Doc, gold.FromMentions).
func SortBySpan(ms []corpus.Mention) []corpus.Mention {
	slices.SortStableFunc(ms, func(a, b corpus.Mention) int {
		if a.Start != b.Start {
			return a.Start - b.Start
		}
		return a.End - b.End
	})
	return ms
}

// GoldHash is the hash of a gold made of documents and their mentions,
// written one document at a time in id order: File.Hash, and Gold.Hash of
// gold.FromMentions (a CoNLL or JSONL spans gold). It pins every document's
// id and text and every mention's span and type, so that the same gold
// hashes alike whatever file it was read from. The zero GoldHash is ready
// to use.
type GoldHash struct {
	f signature.Fingerprint
}

// Add adds a document and its mentions, sorted by (Start, End) (see
// SortBySpan).
func (g *GoldHash) Add(d corpus.Document, ms []corpus.Mention) {
	g.f.Field(d.ID)
	g.f.Field(d.Text)
	g.f.Field(strconv.Itoa(len(ms)))
	for _, m := range ms {
		g.f.Field(strconv.Itoa(m.Start) + " " + strconv.Itoa(m.End) + " " + m.Type)
	}
}

// Sum is the hash: 8 hex digits.
func (g *GoldHash) Sum() string { return g.f.Sum() }
