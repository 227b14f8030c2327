package predictions

import (
	"encoding/json"
	"fmt"
	"io"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract/wire"
	"github.com/arabench/arabench/internal/syntax"
)

// spacyLine is one line of spaCy or Prodigy JSONL.
type spacyLine struct {
	Text  *string     `json:"text"`
	Spans []spacySpan `json:"spans"`
	Ents  []spacySpan `json:"ents"`
	ID    any         `json:"id"`
	Meta  struct {
		Doc any `json:"doc"`
	} `json:"meta"`
}

// spacySpan is one span of a spaCy line: character (code point) offsets, as
// Python's str indexes them, and a label.
type spacySpan struct {
	Start *int   `json:"start"`
	End   *int   `json:"end"`
	Label string `json:"label"`
}

// ReadSpaCy reads predictions written as spaCy or Prodigy JSONL, one
// document a line:
//
//	{"text":"زار بوتين موسكو","spans":[{"start":4,"end":9,"label":"PER"}],"meta":{"doc":"a"}}
//
// ("ents", as spaCy's Doc.to_json writes it, is read like "spans"). Offsets
// count characters (code points), half-open. A line names its document with
// "meta": {"doc": …} or "id"; a line that names none is matched to the first
// document of c, in corpus order, whose text equals its "text" and that no
// earlier line took. A named document's text must equal the line's "text"
// when the line has one. Problems are *SyntaxErrors, as ReadJSONL
// reports them (Err errUnknownDoc for a document c lacks), and reading goes
// on.
func ReadSpaCy(name string, r io.Reader, c *corpus.Corpus) (map[string][]corpus.Mention, []error) {
	preds := map[string][]corpus.Mention{}
	seen := map[string]int{}
	byText := map[string][]string{}
	for _, d := range c.Documents {
		byText[d.Text] = append(byText[d.Text], d.ID)
	}
	var errs []error
	failKind := func(kind error, line int, doc, format string, args ...any) {
		errs = append(errs, &SyntaxError{FileName: name, Line: line, Doc: doc, Msg: fmt.Sprintf(format, args...), Err: kind})
	}
	err := eachLine(name, r, func(n int, line []byte) {
		var l spacyLine
		if jerr := json.Unmarshal(line, &l); jerr != nil {
			failKind(nil, n, "", "not a spaCy JSON object (%v)", jerr)
			return
		}
		id, problem, kind := l.document(c, byText, seen)
		if problem != "" {
			failKind(kind, n, id, "%s", problem)
			return
		}
		seen[id] = n
		doc, _ := c.Doc(id)
		ix := corpus.NewIndex(doc.Text)
		ms := []corpus.Mention{}
		for i, s := range append(l.Spans, l.Ents...) {
			m, problem := s.resolve(doc.Text, ix)
			if problem != "" {
				failKind(nil, n, id, "span %d: %s; it is left out", i, problem)
				continue
			}
			ms = append(ms, m)
		}
		wire.SortMentions(ms)
		preds[id] = ms
	})
	if err != nil {
		errs = append(errs, err)
	}
	return preds, errs
}

// document finds the corpus document of a line, or says why there is none.
func (l *spacyLine) document(c *corpus.Corpus, byText map[string][]string, seen map[string]int) (id, problem string, kind error) {
	named := l.Meta.Doc
	if named == nil {
		named = l.ID
	}
	if named != nil {
		id = fmt.Sprint(named)
		doc, ok := c.Doc(id)
		switch {
		case !ok:
			return id, fmt.Sprintf("unknown document: the corpus %q has no such id", c.Name), errUnknownDoc
		case seen[id] > 0:
			return id, fmt.Sprintf("listed again (first at line %d); this line is ignored", seen[id]), nil
		case l.Text != nil && *l.Text != doc.Text:
			return id, fmt.Sprintf("the line's text %s differs from the document's %s; this line is ignored", syntax.QuoteShort(*l.Text), syntax.QuoteShort(doc.Text)), nil
		}
		return id, "", nil
	}
	if l.Text == nil {
		return "", `no "text" and no "meta": {"doc": …} or "id": nothing says which document the line is`, nil
	}
	for _, cand := range byText[*l.Text] {
		if seen[cand] == 0 {
			return cand, "", nil
		}
	}
	if len(byText[*l.Text]) > 0 {
		return byText[*l.Text][0], "a line with the same text was read already (each document is one line); this line is ignored", nil
	}
	return "text " + syntax.Shorten(*l.Text, 20), fmt.Sprintf("no document of corpus %q has this text", c.Name), errUnknownDoc
}

// resolve turns a span's code point offsets into a mention of text.
func (s spacySpan) resolve(text string, ix *corpus.Index) (corpus.Mention, string) {
	if s.Start == nil || s.End == nil {
		return corpus.Mention{}, `want "start" and "end"`
	}
	if p := wire.CheckType(s.Label); p != "" {
		return corpus.Mention{}, p
	}
	start, end, err := ix.Span(*s.Start, *s.End)
	if err != nil || *s.Start >= *s.End {
		return corpus.Mention{}, fmt.Sprintf("[%d,%d) is not a span of the text, which has %d characters", *s.Start, *s.End, ix.Len())
	}
	return corpus.Mention{Start: start, End: end, Type: s.Label, Text: text[start:end]}, ""
}
