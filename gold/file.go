package gold

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"

	"github.com/arabench/arabench/conll"
	"github.com/arabench/arabench/corpus"
)

// Format is how a gold is written.
type Format string

// The formats of a gold.
const (
	// FormatBrat is a folder of <doc>.ann files (Load), over a corpus of
	// .txt documents.
	FormatBrat Format = "brat"
	// FormatCoNLL is a token file (package conll): the corpus is the text
	// rebuilt from its tokens.
	FormatCoNLL Format = "conll"
	// FormatJSONL is one JSON object per document per line, with the
	// document's text and its mentions' code point spans (ReadSpans).
	FormatJSONL Format = "jsonl"
)

// maxSniff is how much of a file Sniff reads.
const maxSniff = 64 << 10

// standoffLine is the start of a brat .ann line: an id letter, a number and
// a tab.
var standoffLine = regexp.MustCompile(`^[TRENAM#][0-9]+\t`)

// StandoffError is a file whose first line is a brat standoff line
// (`T1<TAB>PER 0 5<TAB>…`): brat annotations are a folder of <doc>.ann files,
// never one file.
type StandoffError struct {
	Path string
	// Line is the first line, without its line end.
	Line string
}

func (e *StandoffError) Error() string {
	return fmt.Sprintf("%s is a brat .ann file: a brat gold is the folder of its <doc>.ann files; give the folder", e.Path)
}

// Sniff tells what path holds from its content, never from its name: a
// folder is FormatBrat; in a file, the first line that is not blank (after a
// UTF-8 byte order mark) decides: `{` starts JSON lines (FormatJSONL),
// anything else is a token file (FormatCoNLL). A file without such a line
// gives "". A first line that is a brat standoff line is a *StandoffError.
// head is the start of the file (at most 64 KiB, the byte order mark
// removed), for callers that tell kinds of JSON or token files apart.
func Sniff(path string) (f Format, head []byte, err error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", nil, err
	}
	if info.IsDir() {
		return FormatBrat, nil, nil
	}
	file, err := os.Open(path)
	if err != nil {
		return "", nil, err
	}
	defer file.Close()
	head, err = io.ReadAll(io.LimitReader(file, maxSniff))
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", path, err)
	}
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	for line := range bytes.Lines(head) {
		trimmed := bytes.TrimLeft(line, " \t\r\n")
		switch {
		case len(trimmed) == 0:
			continue
		case trimmed[0] == '{':
			return FormatJSONL, head, nil
		case standoffLine.Match(trimmed):
			return "", head, &StandoffError{Path: path, Line: strings.TrimRight(string(line), "\r\n")}
		}
		return FormatCoNLL, head, nil
	}
	return "", head, nil
}

// DetectFormat tells a gold's format from what path holds (see Sniff); an
// empty file is an error.
func DetectFormat(path string) (Format, error) {
	f, _, err := Sniff(path)
	if err == nil && f == "" {
		err = fmt.Errorf("%s is empty", path)
	}
	return f, err
}

// ReadFile reads a gold given as one file — a CoNLL token file (read with
// opts, see conll.Read) or JSONL spans (ReadSpans) — and returns the corpus
// it defines, named after the file, with the gold over it. Every problem is
// in the error, naming the file and line.
func ReadFile(path string, f Format, opts conll.Options) (*corpus.Corpus, *Gold, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer file.Close()
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	r := bufio.NewReaderSize(file, 64<<10)
	var (
		c  *corpus.Corpus
		ms map[string][]corpus.Mention
	)
	switch f {
	case FormatCoNLL:
		cf, err := conll.Read(r, path, opts)
		if err != nil {
			return nil, nil, err
		}
		c, ms = cf.Corpus(name), cf.Mentions()
	case FormatJSONL:
		if c, ms, err = ReadSpans(path, r); err != nil {
			return nil, nil, err
		}
		c.Name = name
	default:
		return nil, nil, fmt.Errorf("gold: %s: format %q is not a gold file (want conll or jsonl)", path, f)
	}
	if len(c.Documents) == 0 {
		return nil, nil, fmt.Errorf("gold: %s holds no document", path)
	}
	return c, FromMentions(c, ms), nil
}

// spanLine is one line of a JSONL spans file.
type spanLine struct {
	Doc      *string     `json:"doc"`
	Text     *string     `json:"text"`
	Mentions *[]spanJSON `json:"mentions"`
}

// spanJSON is one mention of a JSONL spans file.
type spanJSON struct {
	Start  *int    `json:"start"`
	End    *int    `json:"end"`
	Type   string  `json:"type"`
	Text   *string `json:"text"`
	Entity string  `json:"entity"`
	Value  string  `json:"value"`
}

// maxSpanErrors is how many problems ReadSpans lists.
const maxSpanErrors = 20

// ReadSpans reads gold written as JSONL spans, one document a line:
//
//	{"doc":"a","text":"زار بوتين موسكو","mentions":[{"start":4,"end":9,"type":"PER"}]}
//
// with code point offsets, half-open; a mention's "text", when given, must
// equal its span, and "entity" and "value" are kept. Blank lines are
// skipped. It returns the documents as a corpus (sorted by id) and their
// mentions in byte offsets. Mentions may overlap or nest. Every problem is a
// *SyntaxError naming the file and line; they come joined, the first
// maxSpanErrors of them.
func ReadSpans(name string, r io.Reader) (*corpus.Corpus, map[string][]corpus.Mention, error) {
	c := &corpus.Corpus{}
	ms := map[string][]corpus.Mention{}
	err := scanSpans(name, r, func(_ spanPlace, doc corpus.Document, mentions []corpus.Mention) {
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

// spanPlace is where a document's line is in a JSONL spans file: its number
// from 1, and its bytes.
type spanPlace struct {
	line int
	off  int64
	size int
}

// scanSpans reads JSONL spans from r and calls keep with every document that
// reads without a problem, in file order, with its place and its mentions.
// It returns every problem (see ReadSpans) joined, the first maxSpanErrors.
func scanSpans(name string, r io.Reader, keep func(spanPlace, corpus.Document, []corpus.Mention)) error {
	seen := map[string]int{}
	var errs []error
	more := 0
	fail := func(line int, msg string) {
		if len(errs) == maxSpanErrors {
			more++
			return
		}
		errs = append(errs, &SyntaxError{FileName: name, Line: line, Msg: msg})
	}
	br := bufio.NewReader(r)
	var off int64
	for n := 1; ; n++ {
		raw, err := br.ReadBytes('\n')
		place := spanPlace{line: n, off: off, size: len(raw)}
		off += int64(len(raw))
		if n == 1 && bytes.HasPrefix(raw, []byte("\ufeff")) {
			place.off, place.size = 3, len(raw)-3
			raw = raw[3:]
		}
		if line := bytes.TrimSpace(raw); len(line) > 0 {
			doc, mentions, problems := parseSpanLine(line)
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
				keep(place, doc, mentions)
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

// parseSpanLine decodes one non-blank line of JSONL spans: the document and
// its mentions in byte offsets, in the order given, or what is wrong with
// the line.
func parseSpanLine(line []byte) (doc corpus.Document, ms []corpus.Mention, problems []string) {
	var l spanLine
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
	var list []spanJSON
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
func (m spanJSON) resolve(text string, ix *corpus.Index) (corpus.Mention, string) {
	switch {
	case m.Start == nil || m.End == nil:
		return corpus.Mention{}, `want "start" and "end" (code points)`
	case !labelPattern.MatchString(m.Type):
		return corpus.Mention{}, fmt.Sprintf("type %q does not match [A-Za-z][A-Za-z0-9_.-]*", m.Type)
	case *m.Start >= *m.End:
		return corpus.Mention{}, fmt.Sprintf("span [%d,%d) is empty or reversed", *m.Start, *m.End)
	}
	start, end, err := ix.Span(*m.Start, *m.End)
	if err != nil {
		return corpus.Mention{}, fmt.Sprintf("span [%d,%d) is out of range: the text has %d code points", *m.Start, *m.End, ix.Len())
	}
	if m.Text != nil && *m.Text != text[start:end] {
		return corpus.Mention{}, fmt.Sprintf("text %q differs from the span, which reads %q", clip(*m.Text), clip(text[start:end]))
	}
	return corpus.Mention{Start: start, End: end, Type: m.Type, Text: text[start:end], Entity: m.Entity, Value: m.Value}, ""
}
