package spans

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/internal/syntax"
)

// SyntaxError is a line of a JSONL spans file that Read or Open refuses. It
// is the type of brat.SyntaxError too.
type SyntaxError = syntax.Error

// lineJSON is one line of a JSONL spans file.
type lineJSON struct {
	Doc      *string        `json:"doc"`
	Text     *string        `json:"text"`
	Mentions *[]mentionJSON `json:"mentions"`
}

// mentionJSON is one mention of a JSONL spans file.
type mentionJSON struct {
	Start  *int    `json:"start"`
	End    *int    `json:"end"`
	Type   string  `json:"type"`
	Text   *string `json:"text"`
	Entity string  `json:"entity"`
	Value  string  `json:"value"`
}

// maxErrors is how many problems Read lists.
const maxErrors = 20

// Read reads gold written as JSONL spans, one document a line:
//
//	{"doc":"a","text":"زار بوتين موسكو","mentions":[{"start":4,"end":9,"type":"PER"}]}
//
// with code point offsets, half-open; a mention's "text", when given, must
// equal its span, and "entity" and "value" are kept. Blank lines are
// skipped. It returns the documents as a corpus (sorted by id) and their
// mentions in byte offsets. Mentions may overlap or nest. Every problem is a
// *SyntaxError naming the file and line; they come joined, the first
// maxErrors of them.
func Read(name string, r io.Reader) (*corpus.Corpus, map[string][]corpus.Mention, error) {
	c := &corpus.Corpus{}
	ms := map[string][]corpus.Mention{}
	err := scan(name, r, func(_ place, doc corpus.Document, mentions []corpus.Mention) {
		c.Documents = append(c.Documents, doc)
		if len(mentions) > 0 {
			ms[doc.ID] = mentions
		}
	})
	if err != nil {
		return nil, nil, err
	}
	slices.SortFunc(c.Documents, func(a, b corpus.Document) int { return strings.Compare(a.ID, b.ID) })
	return c, ms, nil
}

// place is where a document's line is in a JSONL spans file: its number
// from 1, and its bytes.
type place struct {
	line int
	off  int64
	size int
}

// scan reads JSONL spans from r and calls keep with every document that
// reads without a problem, in file order, with its place and its mentions.
// It returns every problem (see Read) joined, the first maxErrors.
func scan(name string, r io.Reader, keep func(place, corpus.Document, []corpus.Mention)) error {
	seen := map[string]int{}
	var errs []error
	more := 0
	fail := func(line int, msg string) {
		if len(errs) == maxErrors {
			more++
			return
		}
		errs = append(errs, &SyntaxError{FileName: name, Line: line, Msg: msg})
	}
	br := bufio.NewReader(r)
	var off int64
	for n := 1; ; n++ {
		raw, err := br.ReadBytes('\n')
		at := place{line: n, off: off, size: len(raw)}
		off += int64(len(raw))
		if n == 1 && bytes.HasPrefix(raw, []byte("\ufeff")) {
			at.off, at.size = 3, len(raw)-3
			raw = raw[3:]
		}
		if line := bytes.TrimSpace(raw); len(line) > 0 {
			doc, mentions, problems := parseLine(line)
			switch {
			case doc.ID != "" && seen[doc.ID] > 0:
				fail(n, fmt.Sprintf("doc %q is listed again (first at line %d)", doc.ID, seen[doc.ID]))
			case len(problems) > 0:
				if doc.ID != "" {
					seen[doc.ID] = n
				}
				for _, p := range problems {
					fail(n, p)
				}
			default:
				seen[doc.ID] = n
				keep(at, doc, mentions)
			}
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	if len(errs) > 0 {
		if more > 0 {
			errs = append(errs, fmt.Errorf("%s: … and %d more problems", name, more))
		}
		return errors.Join(errs...)
	}
	return nil
}

// parseLine decodes one non-blank line of JSONL spans: the document and
// its mentions in byte offsets, in the order given, or what is wrong with
// the line.
func parseLine(line []byte) (doc corpus.Document, ms []corpus.Mention, problems []string) {
	var l lineJSON
	dec := json.NewDecoder(bytes.NewReader(line))
	switch err := dec.Decode(&l); {
	case err != nil:
		return doc, nil, []string{fmt.Sprintf("not a JSON object of a document (%v)", err)}
	case l.Doc == nil || *l.Doc == "":
		return doc, nil, []string{`no "doc": each line is {"doc":"<id>","text":"…","mentions":[{"start":0,"end":5,"type":"PER"}]}`}
	case l.Text == nil:
		return doc, nil, []string{fmt.Sprintf(`doc %q has no "text"`, *l.Doc)}
	}
	doc = corpus.Document{ID: *l.Doc, Text: *l.Text}
	var list []mentionJSON
	if l.Mentions != nil {
		list = *l.Mentions
	}
	ix := corpus.NewIndex(doc.Text)
	for i, m := range list {
		x, msg := m.resolve(doc.Text, ix)
		if msg != "" {
			problems = append(problems, fmt.Sprintf("doc %q: mention %d: %s", doc.ID, i, msg))
			continue
		}
		ms = append(ms, x)
	}
	return doc, ms, problems
}

// resolve turns a mention's code point span into bytes of text, or says what
// is wrong with it.
func (m mentionJSON) resolve(text string, ix *corpus.Index) (corpus.Mention, string) {
	switch {
	case m.Start == nil || m.End == nil:
		return corpus.Mention{}, `want "start" and "end" (code points)`
	case !corpus.ValidLabel(m.Type):
		return corpus.Mention{}, fmt.Sprintf("type %q does not match "+corpus.LabelSyntax, m.Type)
	case *m.Start >= *m.End:
		return corpus.Mention{}, fmt.Sprintf("span [%d,%d) is empty or reversed", *m.Start, *m.End)
	}
	start, end, err := ix.Span(*m.Start, *m.End)
	if err != nil {
		return corpus.Mention{}, fmt.Sprintf("span [%d,%d) is out of range: the text has %d code points", *m.Start, *m.End, ix.Len())
	}
	if m.Text != nil && *m.Text != text[start:end] {
		return corpus.Mention{}, fmt.Sprintf("text %q differs from the span, which reads %q", syntax.Clip(*m.Text), syntax.Clip(text[start:end]))
	}
	return corpus.Mention{Start: start, End: end, Type: m.Type, Text: text[start:end], Entity: m.Entity, Value: m.Value}, ""
}
