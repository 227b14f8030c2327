package conlleval

import (
	"strconv"
	"strings"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/signature"
)

// DocStart opens a document in CoNLL-2003 files. conlleval.pl reads it as an
// ordinary token; Documents ends a sentence there.
const DocStart = "-DOCSTART-"

// Documents turns the file into one pseudo-document per sentence, so that
// every scheme of package metrics can score it: the text is the sentence's
// words joined by single spaces ("_" stands for a missing or empty word
// column), and the gold and predicted mentions are the chunks of the gold and
// guessed tags, found with conlleval.pl's startOfChunk and endOfChunk.
// Sentences end at boundaries and at -DOCSTART- lines; empty sentences are
// dropped. A document's id is "<file name>:<line of its first token>".
//
// On tags of the form O or X-TYPE (X one of B, I, E, S), strict scoring of the
// documents counts exactly conlleval.pl's gold, found and correct chunks.
// They can differ only on exotic tags conlleval.pl gives no chunk rules for
// (untyped or bracket tags, or a -DOCSTART- line tagged other than O).
func (f *File) Documents() []metrics.Doc {
	var docs []metrics.Doc
	var sent []Item
	flush := func() {
		if len(sent) > 0 {
			docs = append(docs, sentenceDoc(f.Name, sent))
		}
		sent = sent[:0]
	}
	for _, it := range f.Items {
		if it.Boundary || it.Word == DocStart {
			flush()
			continue
		}
		sent = append(sent, it)
	}
	flush()
	return docs
}

func sentenceDoc(name string, sent []Item) metrics.Doc {
	starts := make([]int, len(sent))
	ends := make([]int, len(sent))
	var b strings.Builder
	for i, it := range sent {
		if i > 0 {
			b.WriteByte(' ')
		}
		w := it.Word
		if w == "" {
			w = "_"
		}
		starts[i] = b.Len()
		b.WriteString(w)
		ends[i] = b.Len()
	}
	text := b.String()
	mentions := func(tag func(Item) string) []corpus.Mention {
		var ms []corpus.Mention
		for _, c := range chunks(sent, tag) {
			s, e := starts[c.first], ends[c.last]
			ms = append(ms, corpus.Mention{Start: s, End: e, Type: c.typ, Text: text[s:e]})
		}
		return ms
	}
	id := strconv.Itoa(sent[0].Line)
	if name != "" {
		id = name + ":" + id
	}
	return metrics.Doc{
		ID:   id,
		Text: text,
		Gold: mentions(func(it Item) string { return it.Gold }),
		Pred: mentions(func(it Item) string { return it.Guess }),
	}
}

// chunk is a chunk of a sentence: tokens first..last inclusive.
type chunk struct {
	first, last int
	typ         string
}

// chunks finds the chunks of one tag column of a sentence. A chunk opens
// where startOfChunk says so and closes where endOfChunk says so, where the
// next chunk opens, or at the end of the sentence (a boundary is an O tag).
func chunks(sent []Item, tag func(Item) string) []chunk {
	var out []chunk
	prevTag, prevType := "O", ""
	open := -1
	openType := ""
	for i, it := range sent {
		t, typ := splitTag(tag(it))
		end := endOfChunk(prevTag, t, prevType, typ)
		start := startOfChunk(prevTag, t, prevType, typ)
		if open >= 0 && (end || start) {
			out = append(out, chunk{first: open, last: i - 1, typ: openType})
			open = -1
		}
		if start {
			open, openType = i, typ
		}
		prevTag, prevType = t, typ
	}
	if open >= 0 {
		out = append(out, chunk{first: open, last: len(sent) - 1, typ: openType})
	}
	return out
}

// Hashes pins a conlleval input for signatures, as parsed into sentences
// (File.Documents): corpus is the fingerprint of the sentences' texts, in
// order; gold that of the texts with their gold chunks (offsets and type).
// Neither depends on the file's name nor on the guessed tags, so two systems'
// files over the same tokens and gold tags sign alike and compare; a change to
// a token or a gold tag changes the hash.
func Hashes(docs []metrics.Doc) (gold, corpus string) {
	var g, c signature.Fingerprint
	for _, d := range docs {
		c.Field(d.Text)
		g.Field(d.Text)
		g.Field(strconv.Itoa(len(d.Gold)))
		for _, m := range d.Gold {
			g.Field(strconv.Itoa(m.Start) + " " + strconv.Itoa(m.End) + " " + m.Type)
		}
	}
	return g.Sum(), c.Sum()
}
