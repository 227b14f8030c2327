package predictions

import (
	"bufio"
	"bytes"
	"errors"
	"fmt"
	"io"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/arabench/arabench/conll"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract/wire"
	"github.com/arabench/arabench/internal/syntax"
)

// ReadCoNLL reads predictions in the CoNLL token-per-line format and recovers
// their byte offsets by aligning the tokens to the document text. name is the
// file name used in errors; c must not be nil.
//
// The format, as conlleval reads it:
//   - one token per line, columns separated by spaces or tabs, the token in the
//     first column and its tag in the last (or in opts.Column; columns
//     between are ignored);
//   - a blank line, or a line whose first column is -X-, ends a sentence,
//     and with it any open chunk;
//   - tags are O, B-TYPE, I-TYPE (IOB1, IOB2), E-TYPE, S-TYPE (IOBES) and
//     L-TYPE, U-TYPE (BILOU, read as E- and S-). TYPE is any label matching
//     [A-Za-z][A-Za-z0-9_.-]*, kept as it is (PERS, MISC: see
//     CompareLabels). Chunks start and end by seqeval's default rules, which
//     are conlleval's for B-, I- and O: in particular an I- (or E-) that
//     follows O or another type opens a chunk as B- would, and a change of
//     type ends one. S- is a chunk of its own and E- ends one; conlleval.pl
//     has no S- rule and joins S-X S-X into one chunk. A tag of another form,
//     or with a prefix opts.Tagging does not allow, is read as O and reported
//     once per distinct tag, with the number of lines that carry it.
//
// Documents: a line whose first column is -DOCSTART- starts a document. Its
// id is the first column after -DOCSTART- that is not a placeholder (`-X-`,
// or `O` in the last column), so `-DOCSTART- 000_54e2bb75203d1eb2` names a
// document. Without an id, as in CoNLL-2003's `-DOCSTART- -X- -X- O`, the line
// starts the document that follows the previous one in corpus order (the first
// document for the first line). In a file without any -DOCSTART- line the
// tokens flow through the corpus's documents in order: they start in the
// first, and a sentence that uses up a document's text ends it, so the next
// sentence starts the next document (a corpus rebuilt from a token file
// without -DOCSTART-, one sentence a document, reads back sentence by
// sentence).
//
// Alignment: each token must equal the text at the cursor after skipping
// whitespace and invisible format characters (zero-width joiners, bidi
// marks: Unicode category Cf), which tokenizers commonly drop; with
// opts.Segmented, clitic markers are cut first (see CoNLLOptions). A token
// that does not match is reported with the expected and found text, and the
// rest of its document is skipped (the chunks before it are kept); so is a
// document whose tokens stop before its text does.
//
// Every problem is a *SyntaxError ("file:line: doc "<id>": what is wrong") and
// reading goes on; one about a document the corpus does not have has Err
// errUnknownDoc. Mentions come out sorted, each with Text set to its span.
func ReadCoNLL(name string, r io.Reader, c *corpus.Corpus, opts CoNLLOptions) (map[string][]corpus.Mention, []error) {
	cr := &conllReader{
		opts:  opts,
		name:  name,
		c:     c,
		preds: map[string][]corpus.Mention{},
		seen:  map[string]int{},
		index: make(map[string]int, len(c.Documents)),
		pos:   -1,
	}
	for i, d := range c.Documents {
		cr.index[d.ID] = i
	}
	br := bufio.NewReader(r)
	for n := 1; ; n++ {
		raw, err := br.ReadBytes('\n')
		if n == 1 {
			raw = bytes.TrimPrefix(raw, utf8BOM)
		}
		if len(raw) > 0 || err == nil {
			cr.line(n, strings.TrimRight(string(raw), "\r\n"))
		}
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			cr.finishDoc()
			cr.reportBadTags()
			cr.errs = append(cr.errs, fmt.Errorf("%s:%d: %w", name, n, err))
			return cr.preds, cr.errs
		}
	}
	cr.finishDoc()
	cr.reportBadTags()
	return cr.preds, cr.errs
}

// CoNLLOptions control ReadCoNLL. The zero value reads the tag from the last
// column, accepts every prefix and aligns tokens as they are written.
type CoNLLOptions struct {
	// Column is the 1-based column of the tag; 0 means the last one.
	Column int
	// Tagging restricts the tag prefixes to those of one scheme (see
	// conll.Tagging); a tag with another prefix is read as O and reported.
	Tagging conll.Tagging
	// Segmented reads clitic-segmented tokens, as Farasa and MADAMIRA
	// write them: a '+' at a token's start or end marks where it was cut
	// from its word (و+ واشنطن for وواشنطن, كتاب +ها for كتابها) and is not
	// part of the text. A token that matches the text as written (a lone
	// "+") is read as written.
	Segmented bool
}

// conllReader holds the state of one ReadCoNLL call.
type conllReader struct {
	opts    CoNLLOptions
	name    string
	c       *corpus.Corpus
	preds   map[string][]corpus.Mention
	seen    map[string]int // document id → line of its -DOCSTART-
	badTags []badTag       // malformed tags, in order of first appearance
	errs    []error

	index   map[string]int // document id → corpus position
	pos     int            // corpus position of the current or last document, -1 before the first
	doc     *conllDoc      // the document being read, nil when skipping
	started bool           // a document was opened (explicitly or not)
	// docStarts reports that a -DOCSTART- line was seen; without one, the
	// tokens flow through the corpus's documents in order (see ReadCoNLL).
	docStarts bool
}

// badTag is a malformed tag: where it first appears and on how many lines.
type badTag struct {
	tag, doc, problem string
	line, count       int
}

// conllDoc is the alignment and chunking state inside one document.
type conllDoc struct {
	doc      corpus.Document
	ix       *corpus.Index
	cursor   int // byte offset just after the last aligned token
	lastLine int // line of the last aligned token
	mentions []corpus.Mention

	prevTag  byte   // 'O', 'B', 'I', 'E' or 'S'
	prevType string // "" after O
	open     bool
	chunk    corpus.Mention
}

func (cr *conllReader) fail(line int, doc, format string, args ...any) {
	cr.errs = append(cr.errs, &SyntaxError{FileName: cr.name, Line: line, Doc: doc, Msg: fmt.Sprintf(format, args...)})
}

func (cr *conllReader) failUnknown(line int, doc, format string, args ...any) {
	cr.errs = append(cr.errs, &SyntaxError{FileName: cr.name, Line: line, Doc: doc, Msg: fmt.Sprintf(format, args...), Err: errUnknownDoc})
}

// badTag counts a malformed tag; the first line of each is reported by
// reportBadTags.
func (cr *conllReader) badTag(n int, doc, tag, problem string) {
	for i := range cr.badTags {
		if cr.badTags[i].tag == tag {
			cr.badTags[i].count++
			return
		}
	}
	cr.badTags = append(cr.badTags, badTag{tag: tag, doc: doc, problem: problem, line: n, count: 1})
}

// reportBadTags adds one error per distinct malformed tag, at its first line.
func (cr *conllReader) reportBadTags() {
	for _, b := range cr.badTags {
		lines := "this line"
		if b.count > 1 {
			lines = fmt.Sprintf("%d lines, the first here", b.count)
		}
		cr.fail(b.line, b.doc, "%s; read as O (%s)", b.problem, lines)
	}
}

func (cr *conllReader) line(n int, s string) {
	f := conll.Fields(s)
	switch {
	case len(f) == 0 || f[0] == "-X-":
		if cr.doc == nil && !cr.docStarts {
			// A document skipped after a token that did not match ends
			// with its sentence; the next sentence starts the next one.
			cr.started = false
		}
		if cr.doc != nil {
			cr.doc.boundary()
			if !cr.docStarts && cr.doc.used() {
				// Without -DOCSTART- lines, a sentence that uses up its
				// document's text is that document's last.
				cr.finishDoc()
				cr.started = false
			}
		}
	case f[0] == "-DOCSTART-":
		cr.docStarts = true
		cr.finishDoc()
		cr.startDoc(n, docStartID(f))
	default:
		if !cr.started {
			cr.startDoc(n, "")
		}
		if cr.doc != nil {
			cr.token(n, f)
		}
	}
}

// docStartID returns the document id of a -DOCSTART- line's columns, or "".
func docStartID(f []string) string {
	for i := 1; i < len(f); i++ {
		if f[i] == "-X-" || (f[i] == "O" && i == len(f)-1) {
			continue
		}
		return f[i]
	}
	return ""
}

func (cr *conllReader) startDoc(n int, id string) {
	cr.started = true
	cr.doc = nil
	if id == "" {
		cr.pos++
		if cr.pos >= len(cr.c.Documents) {
			cr.failUnknown(n, "", "no document %d in corpus order: the corpus %q has %d; its tokens are skipped",
				cr.pos+1, cr.c.Name, len(cr.c.Documents))
			return
		}
		id = cr.c.Documents[cr.pos].ID
	}
	i, ok := cr.index[id]
	if !ok {
		cr.failUnknown(n, id, "unknown document: the corpus %q has no such id; its tokens are skipped", cr.c.Name)
		return
	}
	cr.pos = i
	if first, dup := cr.seen[id]; dup {
		cr.fail(n, id, "listed again (first at line %d); its tokens are skipped", first)
		return
	}
	cr.seen[id] = n
	d := cr.c.Documents[i]
	cr.doc = &conllDoc{doc: d, ix: corpus.NewIndex(d.Text), prevTag: 'O', lastLine: n}
	cr.preds[id] = nil
}

// used reports whether the tokens have covered the document's text, but for
// whitespace and invisible characters.
func (d *conllDoc) used() bool {
	return skipInvisible(d.doc.Text, d.cursor) == len(d.doc.Text)
}

// finishDoc closes the current document and checks that its tokens covered
// its text.
func (cr *conllReader) finishDoc() {
	d := cr.doc
	if d == nil {
		return
	}
	cr.doc = nil
	d.boundary()
	if rest := skipInvisible(d.doc.Text, d.cursor); rest < len(d.doc.Text) {
		at, _ := d.ix.CodePoint(rest)
		cr.fail(d.lastLine, d.doc.ID, "the tokens stop at code point %d, but the text goes on: %s",
			at, syntax.QuoteShort(d.doc.Text[rest:]))
	}
	cr.keep(d)
}

func (cr *conllReader) keep(d *conllDoc) {
	wire.SortMentions(d.mentions)
	cr.preds[d.doc.ID] = d.mentions
}

// token aligns one token line and advances the chunk state.
func (cr *conllReader) token(n int, f []string) {
	d := cr.doc
	tok := f[0]
	start, end, problem := d.align(tok)
	if problem != "" && cr.opts.Segmented {
		if cut := strings.Trim(tok, "+"); cut != "" && cut != tok {
			if s, e, p := d.align(cut); p == "" {
				start, end, problem = s, e, ""
			}
		}
	}
	if problem != "" {
		cr.fail(n, d.doc.ID, "%s; the rest of the document is skipped", problem)
		d.boundary()
		cr.keep(d)
		cr.doc = nil
		return
	}
	d.cursor, d.lastLine = end, n

	tag, typ := byte('O'), ""
	col := len(f) - 1
	if cr.opts.Column > 0 {
		col = cr.opts.Column - 1
	}
	switch {
	case len(f) < 2:
		cr.fail(n, d.doc.ID, "one column %q: want the token first and the tag last; read as O", tok)
	case col < 1 || col >= len(f):
		cr.fail(n, d.doc.ID, "no tag in column %d: the line has %d columns; read as O", cr.opts.Column, len(f))
	default:
		var p string
		tag, typ, p = parseTag(f[col], cr.opts.Tagging)
		if p != "" {
			cr.badTag(n, d.doc.ID, f[col], p)
		}
	}
	d.step(tag, typ, start, end)
}

// taggingPrefixes are the prefixes each tagging scheme allows, besides O.
var taggingPrefixes = map[conll.Tagging]string{
	conll.Auto: "BIESLU", conll.IOB1: "BI", conll.IOB2: "BI", conll.IOBES: "BIES", conll.BILOU: "BILU",
}

// parseTag splits a tag into its prefix letter and type, BILOU's L- and U-
// read as IOBES's E- and S-. A prefix tagging does not allow, or a type that
// is not a label, is a problem.
func parseTag(s string, tagging conll.Tagging) (tag byte, typ, problem string) {
	if s == "O" {
		return 'O', "", ""
	}
	allowed, ok := taggingPrefixes[tagging]
	if !ok {
		allowed = taggingPrefixes[conll.Auto]
	}
	if len(s) < 3 || s[1] != '-' || strings.IndexByte("BIESLU", s[0]) < 0 {
		return 'O', "", fmt.Sprintf("tag %q is not O or a prefix (B-, I-, E-, S-, L-, U-) and a label", s)
	}
	if strings.IndexByte(allowed, s[0]) < 0 {
		return 'O', "", fmt.Sprintf("tag %q: the prefix %c- is not part of --tagging %s", s, s[0], tagging)
	}
	if !corpus.ValidLabel(s[2:]) {
		return 'O', "", fmt.Sprintf("tag %q: the label %q does not match "+corpus.LabelSyntax, s, s[2:])
	}
	switch tag = s[0]; tag {
	case 'L':
		tag = 'E'
	case 'U':
		tag = 'S'
	}
	return tag, s[2:], ""
}

// align matches tok against the text at the cursor, after whitespace and
// invisible format characters, and returns its byte span.
func (d *conllDoc) align(tok string) (start, end int, problem string) {
	text := d.doc.Text
	start = skipInvisible(text, d.cursor)
	at, _ := d.ix.CodePoint(start)
	p, t := start, tok
	for t != "" {
		if p >= len(text) {
			return 0, 0, fmt.Sprintf("token %q goes past the end of the text (at code point %d, which reads %s)",
				tok, at, syntax.QuoteShort(text[start:]))
		}
		a, na := utf8.DecodeRuneInString(t)
		b, nb := utf8.DecodeRuneInString(text[p:])
		if a != b {
			return 0, 0, fmt.Sprintf("token %q does not match the text at code point %d, which reads %s",
				tok, at, syntax.QuoteShort(runePrefix(text[start:], utf8.RuneCountInString(tok))))
		}
		t, p = t[na:], p+nb
	}
	return start, p, ""
}

// skipInvisible returns the offset of the first character at or after i that
// is neither whitespace nor a format character (Cf).
func skipInvisible(text string, i int) int {
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) && !unicode.Is(unicode.Cf, r) {
			break
		}
		i += size
	}
	return i
}

// runePrefix returns the first n characters of s.
func runePrefix(s string, n int) string {
	for i := range s {
		if n == 0 {
			return s[:i]
		}
		n--
	}
	return s
}

// boundary ends the sentence: an open chunk is closed.
func (d *conllDoc) boundary() {
	d.closeChunk()
	d.prevTag, d.prevType = 'O', ""
}

// closeChunk turns the open chunk, if any, into a mention.
func (d *conllDoc) closeChunk() {
	if d.open {
		d.chunk.Text = d.doc.Text[d.chunk.Start:d.chunk.End]
		d.mentions = append(d.mentions, d.chunk)
		d.open = false
	}
}

// step advances the chunk state over one token at [start,end) with tag and
// type, by conlleval's endOfChunk and startOfChunk.
func (d *conllDoc) step(tag byte, typ string, start, end int) {
	if endOfChunk(d.prevTag, tag, d.prevType, typ) {
		d.closeChunk()
	}
	switch {
	case startOfChunk(d.prevTag, tag, d.prevType, typ):
		d.open = true
		d.chunk = corpus.Mention{Start: start, End: end, Type: typ}
	case d.open:
		d.chunk.End = end
	}
	d.prevTag, d.prevType = tag, typ
}

// endOfChunk reports whether a chunk ended between the previous token and the
// current one (conlleval's endOfChunk, without its '[' ']' '.' tags, and with
// a chunk ending after S-, as IOBES has it: conlleval.pl has no S- rule).
func endOfChunk(prevTag, tag byte, prevType, typ string) bool {
	switch prevTag {
	case 'E', 'S':
		return true
	case 'B', 'I':
		if tag == 'B' || tag == 'S' || tag == 'O' {
			return true
		}
	}
	return prevTag != 'O' && prevType != typ
}

// startOfChunk reports whether a chunk starts at the current token
// (conlleval's startOfChunk, with S- starting a chunk as IOBES has it). An
// I- or E- after O, E- or S- starts one: the stray I- rule.
func startOfChunk(prevTag, tag byte, prevType, typ string) bool {
	switch tag {
	case 'B', 'S':
		return true
	case 'I', 'E':
		if prevTag == 'O' || prevTag == 'E' || prevTag == 'S' {
			return true
		}
	}
	return tag != 'O' && prevType != typ
}
