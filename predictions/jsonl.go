package predictions

import (
	"fmt"
	"io"
	"slices"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract/wire"
)

// ReadJSONL reads a predictions file: one JSON line per document,
//
//	{"doc":"<id>","mentions":[{"start":12,"end":26,"type":"PER","text":"…","entity":"kb:…","value":"…"}]}
//
// with code point offsets (text, entity and value optional; text, when given,
// must equal the span). name is the file name used in errors. It returns the
// mentions of every document listed, with byte offsets, sorted, each with
// Text set to its span; a document that is not listed has no predictions. A
// line may instead carry {"doc":"<id>","error":"…"}, which reports that the
// extractor failed on the document.
//
// Every problem is a *SyntaxError ("file:line: doc "<id>": what is wrong") and
// reading goes on: a line that is not JSON, names no or an unknown document
// (Err errUnknownDoc), reports a failure (Err errFailedDoc) or repeats a
// document is skipped; an invalid mention (offsets reversed, empty or out of
// range, no type, text that disagrees with the span) is left out and the
// other mentions of its line are kept. A type outside the guidelines' five
// (PERS, MISC) is kept as it is: see CompareLabels. A read error ends the
// reading and is the last error. c must not be nil.
func ReadJSONL(name string, r io.Reader, c *corpus.Corpus) (map[string][]corpus.Mention, []error) {
	preds := map[string][]corpus.Mention{}
	seen := map[string]int{}
	var errs []error
	failKind := func(kind error, line int, doc, format string, args ...any) {
		errs = append(errs, &SyntaxError{FileName: name, Line: line, Doc: doc, Msg: fmt.Sprintf(format, args...), Err: kind})
	}
	fail := func(line int, doc, format string, args ...any) { failKind(nil, line, doc, format, args...) }
	err := eachLine(name, r, func(n int, line []byte) {
		w, problem := wire.DecodeLine(line)
		if problem != "" {
			fail(n, "", "%s", problem)
			return
		}
		id := *w.Doc
		doc, ok := c.Doc(id)
		if !ok {
			failKind(errUnknownDoc, n, id, "unknown document: the corpus %q has no such id", c.Name)
			return
		}
		if first, dup := seen[id]; dup {
			fail(n, id, "listed again (first at line %d); this line is ignored", first)
			return
		}
		seen[id] = n
		if w.Error != nil {
			failKind(errFailedDoc, n, id, "the extractor reported an error: %s", *w.Error)
			return
		}
		ms, problems := wire.ToMentions(doc, corpus.NewIndex(doc.Text), *w.Mentions)
		for _, p := range problems {
			fail(n, id, "%s", p)
		}
		preds[id] = ms
	})
	if err != nil {
		errs = append(errs, err)
	}
	return preds, errs
}

// WriteJSONL writes preds as a predictions file (the format ReadJSONL
// reads): one line per document of docs, in that order, including documents
// without mentions, with code point offsets and every mention's text. It
// writes nothing and fails when preds names a document that is not in docs
// or holds a mention whose offsets are not a span of its document on
// character boundaries.
func WriteJSONL(w io.Writer, docs []corpus.Document, preds map[string][]corpus.Mention) error {
	known := make(map[string]bool, len(docs))
	for _, d := range docs {
		known[d.ID] = true
	}
	var unknown []string
	for id := range preds {
		if !known[id] {
			unknown = append(unknown, id)
		}
	}
	if len(unknown) > 0 {
		slices.Sort(unknown)
		return fmt.Errorf("predictions: predictions for %q, which is not among the %d documents written", unknown[0], len(docs))
	}
	var (
		out []byte
		err error
	)
	for _, d := range docs {
		out, err = wire.AppendLine(out, d, corpus.NewIndex(d.Text), preds[d.ID])
		if err != nil {
			return fmt.Errorf("predictions: %w", err)
		}
	}
	_, err = w.Write(out)
	return err
}
