package predictions

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"

	"github.com/arabench/arabench/anchor"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract/wire"
)

// stringsLine is one line of mentions given as strings.
type stringsLine struct {
	Doc      *string         `json:"doc"`
	Mentions []anchor.String `json:"mentions"`
	Error    *string         `json:"error"`
}

// StringOutcome is what became of one predicted string (see anchor).
type StringOutcome struct {
	Doc     string `json:"doc"`
	Type    string `json:"type"`
	Text    string `json:"text"`
	Outcome string `json:"outcome"`
}

// Strings is what ReadStrings returns besides the placed mentions.
type Strings struct {
	// Unplaced holds, by document, the strings that found no place:
	// surplus and absent ones, with their type and text and no offsets
	// (see metrics.Doc.Unplaced).
	Unplaced map[string][]corpus.Mention
	// Outcomes lists every string that was not placed, in file order.
	Outcomes []StringOutcome
	// Placed counts the strings that were.
	Placed int
}

// ReadStrings reads mentions given as strings without offsets, as a large
// language model returns them, one document a line:
//
//	{"doc":"a","mentions":[{"type":"PER","text":"بوتين"},{"type":"LOC","text":"موسكو"}]}
//
// and places each in its document's text with p (see package anchor: the
// leftmost unclaimed occurrence after normalization). It returns the placed
// mentions by document, in byte offsets, and the strings that found no place:
// surplus ones (the text has fewer occurrences) and absent ones (the string
// is nowhere in the text: a hallucination). A line {"doc":"<id>","error":"…"}
// reports a failure, as in ReadJSONL. Problems are *SyntaxErrors and
// reading goes on.
func ReadStrings(name string, r io.Reader, c *corpus.Corpus, p *anchor.Placer) (map[string][]corpus.Mention, Strings, []error) {
	preds := map[string][]corpus.Mention{}
	out := Strings{Unplaced: map[string][]corpus.Mention{}}
	seen := map[string]int{}
	var errs []error
	failKind := func(kind error, line int, doc, format string, args ...any) {
		errs = append(errs, &SyntaxError{FileName: name, Line: line, Doc: doc, Msg: fmt.Sprintf(format, args...), Err: kind})
	}
	err := eachLine(name, r, func(n int, line []byte) {
		var l stringsLine
		if jerr := json.Unmarshal(line, &l); jerr != nil {
			failKind(nil, n, "", "not a JSON object {\"doc\":…,\"mentions\":[{\"type\":…,\"text\":…}]} (%v)", jerr)
			return
		}
		if l.Doc == nil {
			failKind(nil, n, "", `no "doc": each line names its document`)
			return
		}
		id := *l.Doc
		doc, ok := c.Doc(id)
		switch {
		case !ok:
			failKind(errUnknownDoc, n, id, "unknown document: the corpus %q has no such id", c.Name)
			return
		case seen[id] > 0:
			failKind(nil, n, id, "listed again (first at line %d); this line is ignored", seen[id])
			return
		}
		seen[id] = n
		if l.Error != nil {
			failKind(errFailedDoc, n, id, "the extractor reported an error: %s", *l.Error)
			return
		}
		var strs []anchor.String
		for i, s := range l.Mentions {
			if p := wire.CheckType(s.Type); p != "" || strings.TrimSpace(s.Text) == "" {
				failKind(nil, n, id, "mention %d: want a type and a text; it is left out", i)
				continue
			}
			strs = append(strs, s)
		}
		res := p.Place(doc.Text, strs)
		ms := res.Mentions
		if ms == nil {
			ms = []corpus.Mention{}
		}
		wire.SortMentions(ms)
		preds[id] = ms
		out.Placed += res.Count(anchor.Placed)
		for i, o := range res.Outcomes {
			if o == anchor.Placed {
				continue
			}
			out.Unplaced[id] = append(out.Unplaced[id], corpus.Mention{Type: strs[i].Type, Text: strs[i].Text})
			out.Outcomes = append(out.Outcomes, StringOutcome{Doc: id, Type: strs[i].Type, Text: strs[i].Text, Outcome: o.String()})
		}
	})
	if err != nil {
		errs = append(errs, err)
	}
	return preds, out, errs
}
