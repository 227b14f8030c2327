// Package conll reads token-per-line files — CoNLL-2003, ANERcorp, WikiFANE,
// the output of a CRF or BERT tagger — as documents: the text rebuilt from
// the tokens and the mentions decoded from the tags, with byte offsets into
// that text, so that any tokenized corpus can be scored and run through
// extractors like arabench's own gold.
//
// # The format
//
// One token per line, columns separated by spaces or tabs (runs of them; a
// no-break space or a bidi mark is part of a token), the token first and the
// tag in the last column or in the column Options.Column names. A blank line,
// or a line whose first column is -X- (conlleval's boundary), ends a
// sentence. A line whose first column is -DOCSTART- starts a document; its id
// is the second column when that is not a placeholder (-X-, O, or a tag), so
// `-DOCSTART- 000_54e2bb75` names a document and CoNLL-2003's
// `-DOCSTART- -X- -X- O` does not. Noise real files carry is accepted: a
// UTF-8 byte order mark, CR LF line ends, bidi marks glued to tokens (kept in
// the text as they are).
//
// # Documents and text
//
// Documents are the -DOCSTART- sections, ids "doc0001", "doc0002", … when
// the lines give none. A file without any -DOCSTART- line makes one document
// per sentence, ids "s00001", "s00002", … (zero-padded to the file's count, so
// that ids sort in file order). A document's text is its sentences, one line
// each, their tokens separated by one space.
//
// # Tags
//
// Tags are decoded per sentence by seqeval's default rules (seqeval.Entities):
// B-, I-, O, with E- and S- understood, a stray I- opening a chunk as
// conlleval.pl and seqeval do, BILOU's L- and U- read as E- and S-. The label
// is everything after the prefix and its hyphen; any label matching
// [A-Za-z][A-Za-z0-9_.-]* is kept as it is. Options.Tagging, when set,
// restricts the prefixes to those of one scheme, and a tag with another
// prefix is an error naming the file and line.
package conll

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"slices"
	"strconv"
	"strings"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/seqeval"
)

// Tagging names a tagging scheme whose prefixes a file may use.
type Tagging string

// The tagging schemes.
const (
	// Auto accepts every prefix: B I O E S L U.
	Auto Tagging = ""
	// IOB1 and IOB2 use B- I- O.
	IOB1 Tagging = "iob1"
	IOB2 Tagging = "iob2"
	// IOBES adds E- (end) and S- (single).
	IOBES Tagging = "iobes"
	// BILOU writes L- (last) for E- and U- (unit) for S-.
	BILOU Tagging = "bilou"
)

// ParseTagging returns the scheme named s (any case; "" or "auto" is Auto).
func ParseTagging(s string) (Tagging, error) {
	switch t := Tagging(strings.ToLower(strings.TrimSpace(s))); t {
	case "auto":
		return Auto, nil
	case Auto, IOB1, IOB2, IOBES, BILOU:
		return t, nil
	}
	return "", fmt.Errorf("unknown tagging %q (want auto, iob1, iob2, iobes or bilou)", s)
}

// prefixes returns the tag prefixes the scheme allows (besides O).
func (t Tagging) prefixes() string {
	switch t {
	case IOB1, IOB2:
		return "BI"
	case IOBES:
		return "BIES"
	case BILOU:
		return "BILU"
	}
	return "BIESLU"
}

// Options control Read. The zero value reads the tag from the last column
// and accepts every prefix.
type Options struct {
	// Column is the 1-based column of the tag; 0 means the last one.
	Column int
	// Tagging restricts the tag prefixes (see Tagging).
	Tagging Tagging
}

// Token is one token line of a document.
type Token struct {
	// Line is the 1-based line number in the file.
	Line int
	// Text is the token as written (the first column).
	Text string
	// Tag is the tag column as written.
	Tag string
	// Start and End are the token's byte offsets in the document's text.
	Start, End int
}

// Document is one document of a file.
type Document struct {
	ID   string
	Text string
	// Tokens are the document's tokens in order.
	Tokens []Token
	// Sentences holds, per sentence, the index in Tokens of its first token
	// and one past its last.
	Sentences [][2]int
	// Mentions are the chunks of the tags, in text order, with byte
	// offsets into Text and Text set to their span.
	Mentions []corpus.Mention
}

// File is a token file read as documents.
type File struct {
	// Name is the file name used in errors.
	Name string
	// Documents are the file's documents in file order.
	Documents []Document
}

// SyntaxError is a line Read refuses: file, line and what is wrong.
type SyntaxError struct {
	FileName string
	Line     int
	Msg      string
}

func (e *SyntaxError) Error() string { return fmt.Sprintf("%s:%d: %s", e.FileName, e.Line, e.Msg) }

// maxErrors is how many problems Read lists before it stops looking.
const maxErrors = 20

// Read reads a token file. Every problem is a *SyntaxError; Read reads the
// whole file and returns them joined (errors.Join), the first maxErrors of
// them, so that a wrong file never prints thousands of lines.
func Read(r io.Reader, name string, opts Options) (*File, error) {
	rd := reader{f: &File{Name: name}, opts: opts}
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		raw, err := br.ReadBytes('\n')
		if n == 1 {
			raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
		}
		if len(raw) > 0 {
			rd.line(n, strings.TrimRight(string(raw), "\r\n"))
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("%s:%d: %w", name, n, err)
		}
	}
	rd.endDoc()
	if len(rd.errs) > 0 {
		if rd.more > 0 {
			rd.errs = append(rd.errs, fmt.Errorf("%s: … and %d more problems", name, rd.more))
		}
		return nil, errors.Join(rd.errs...)
	}
	rd.name()
	seen := map[string]bool{}
	for _, d := range rd.f.Documents {
		if seen[d.ID] {
			return nil, fmt.Errorf("%s: document id %q is used twice (on its -DOCSTART- lines)", name, d.ID)
		}
		seen[d.ID] = true
	}
	return rd.f, nil
}

// Corpus returns the file's documents as a corpus named name, sorted by id
// as corpora are.
func (f *File) Corpus(name string) *corpus.Corpus {
	c := &corpus.Corpus{Name: name, Documents: make([]corpus.Document, len(f.Documents))}
	for i, d := range f.Documents {
		c.Documents[i] = corpus.Document{ID: d.ID, Text: d.Text}
	}
	slices.SortFunc(c.Documents, func(a, b corpus.Document) int { return strings.Compare(a.ID, b.ID) })
	return c
}

// Mentions returns every document's mentions by id. The slices are shared
// with f.
func (f *File) Mentions() map[string][]corpus.Mention {
	m := make(map[string][]corpus.Mention, len(f.Documents))
	for _, d := range f.Documents {
		m[d.ID] = d.Mentions
	}
	return m
}

// reader is Read's state.
type reader struct {
	f      *File
	opts   Options
	errs   []error
	more   int
	doc    *Document
	text   strings.Builder
	sent   []Token // the open sentence
	idless bool    // a -DOCSTART- line without an id was seen
	starts bool    // a -DOCSTART- line was seen
}

func (rd *reader) fail(line int, format string, args ...any) {
	if len(rd.errs) == maxErrors {
		rd.more++
		return
	}
	rd.errs = append(rd.errs, &SyntaxError{FileName: rd.f.Name, Line: line, Msg: fmt.Sprintf(format, args...)})
}

// Fields splits a line into columns as every token-file reader does: on runs
// of ASCII spaces and tabs only, so that a token may hold other Unicode
// spaces (a no-break space inside a word) and bidi marks.
func Fields(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ' ' || r == '\t' })
}

func (rd *reader) line(n int, s string) {
	f := Fields(s)
	switch {
	case len(f) == 0 || f[0] == "-X-":
		rd.endSentence()
		return
	case f[0] == "-DOCSTART-":
		rd.endDoc()
		rd.starts = true
		id := ""
		if len(f) > 1 && !placeholder(f[1]) {
			id = f[1]
		}
		if id == "" {
			rd.idless = true
		}
		rd.doc = &Document{ID: id}
		return
	}
	col := len(f) - 1
	if rd.opts.Column > 0 {
		col = rd.opts.Column - 1
	}
	if len(f) < 2 || col >= len(f) || col < 1 {
		rd.fail(n, "want a token and a tag in column %s, got %d column(s): %q", rd.columnName(), len(f), shorten(s))
		return
	}
	tag := f[col]
	if p := rd.checkTag(tag); p != "" {
		rd.fail(n, "%s", p)
		return
	}
	rd.sent = append(rd.sent, Token{Line: n, Text: f[0], Tag: tag})
}

func (rd *reader) columnName() string {
	if rd.opts.Column > 0 {
		return strconv.Itoa(rd.opts.Column)
	}
	return "last"
}

// placeholder reports whether a -DOCSTART- line's second column is not an id.
func placeholder(s string) bool {
	if s == "-X-" || s == "O" {
		return true
	}
	p, _, ok := strings.Cut(s, "-")
	return ok && len(p) == 1 && strings.Contains("BIESLU", p)
}

// checkTag returns what is wrong with a tag, or "".
func (rd *reader) checkTag(tag string) string {
	if tag == "O" {
		return ""
	}
	p, typ, ok := strings.Cut(tag, "-")
	if !ok || len(p) != 1 || !strings.Contains("BIESLU", p) {
		return fmt.Sprintf("tag %q: want O or a prefix B-, I-, E-, S-, L- or U- and a label (is the tag in column %s?)", shorten(tag), rd.columnName())
	}
	if !strings.Contains(rd.opts.Tagging.prefixes(), p) {
		return fmt.Sprintf("tag %q: the prefix %s- is not part of --tagging %s", tag, p, rd.opts.Tagging)
	}
	if !corpus.ValidLabel(typ) {
		return fmt.Sprintf("tag %q: the label %q does not match "+corpus.LabelSyntax, shorten(tag), shorten(typ))
	}
	return ""
}

// endSentence closes the open sentence: its tokens go into the document's
// text and its chunks into the document's mentions.
func (rd *reader) endSentence() {
	if len(rd.sent) == 0 {
		return
	}
	if rd.doc == nil {
		rd.doc = &Document{}
	}
	d := rd.doc
	if rd.text.Len() > 0 {
		rd.text.WriteByte('\n')
	}
	first := len(d.Tokens)
	tags := make([]string, len(rd.sent))
	for i, t := range rd.sent {
		if i > 0 {
			rd.text.WriteByte(' ')
		}
		t.Start = rd.text.Len()
		rd.text.WriteString(t.Text)
		t.End = rd.text.Len()
		d.Tokens = append(d.Tokens, t)
		tags[i] = bilouAsIOBES(t.Tag)
	}
	d.Sentences = append(d.Sentences, [2]int{first, len(d.Tokens)})
	for _, c := range seqeval.Entities(tags) {
		start, end := d.Tokens[first+c.Start].Start, d.Tokens[first+c.End-1].End
		d.Mentions = append(d.Mentions, corpus.Mention{Start: start, End: end, Type: c.Type})
	}
	rd.sent = rd.sent[:0]
	if !rd.starts {
		rd.endDoc() // without -DOCSTART- lines, every sentence is a document
	}
}

// bilouAsIOBES reads BILOU's L- and U- as IOBES's E- and S-.
func bilouAsIOBES(tag string) string {
	switch {
	case strings.HasPrefix(tag, "L-"):
		return "E-" + tag[2:]
	case strings.HasPrefix(tag, "U-"):
		return "S-" + tag[2:]
	}
	return tag
}

// endDoc closes the open document.
func (rd *reader) endDoc() {
	rd.endSentenceOnly()
	if rd.doc == nil {
		return
	}
	d := rd.doc
	d.Text = rd.text.String()
	for i := range d.Mentions {
		m := &d.Mentions[i]
		m.Text = d.Text[m.Start:m.End]
	}
	if len(d.Tokens) > 0 || d.ID != "" {
		rd.f.Documents = append(rd.f.Documents, *d)
	}
	rd.doc = nil
	rd.text.Reset()
}

// endSentenceOnly closes the open sentence without closing the document.
func (rd *reader) endSentenceOnly() {
	starts := rd.starts
	rd.starts = true
	rd.endSentence()
	rd.starts = starts
}

// name gives ids to the documents the file did not name.
func (rd *reader) name() {
	prefix := "doc"
	if !rd.idless && !rd.starts {
		prefix = "s"
	}
	width := max(len(strconv.Itoa(len(rd.f.Documents))), 4)
	for i := range rd.f.Documents {
		if rd.f.Documents[i].ID == "" {
			rd.f.Documents[i].ID = fmt.Sprintf("%s%0*d", prefix, width, i+1)
		}
	}
}

// shorten cuts s to 40 code points, marking the cut with "…".
func shorten(s string) string {
	n := 0
	for i := range s {
		if n == 40 {
			return s[:i] + "…"
		}
		n++
	}
	return s
}
