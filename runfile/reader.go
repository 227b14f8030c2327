package runfile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/signature"
)

// Scanner reads a run file one document at a time, so that a run of any size
// is read in the memory of its largest document: NewScanner reads every field
// but the predictions (Header), then each call of Scan decodes the next
// document of "predictions" (Doc). Fields may come in any order: NewScanner
// reads the whole file, skipping over the predictions by their brackets and
// quotes, and Scan reads the predictions again from where they start.
// Rewind starts the documents again.
//
// A Scanner refuses what ReadRun refuses, with the same messages: a file
// that is empty, truncated or not JSON, a value of the wrong JSON type
// (naming the field), anything after the run's object, a format it does not
// read, a bad signature, a file without predictions, a document with an
// unknown status or one that contradicts the format. Errors at a place in
// the file read "name:line:column: ...", the column counting code points
// from 1; a UTF-8 byte order mark before the JSON is skipped. A field that
// appears twice is refused, where encoding/json would merge the two. Where a
// file has several problems, ReadRun reports the JSON ones first, and a
// Scanner those of the header first.
type Scanner struct {
	name   string
	src    io.ReadSeeker
	closer io.Closer
	// base is the offset in src of the JSON, after any byte order mark.
	base   int64
	lex    lexer
	header Run
	// preds is the offset of the '[' of the predictions, -1 when the file
	// has none.
	preds int64
	state scanState
	doc   Doc
	cov   metrics.Coverage
	err   error
	// lenient records the checks of the header and the documents in
	// checkErr (the first that fails) instead of stopping: ReadRun reports
	// them after every JSON error of the file.
	lenient  bool
	checkErr error
}

type scanState uint8

const (
	scanStart scanState = iota // before the '[' of the predictions
	scanNext                   // after a document: ',' or ']' comes next
	scanDone
)

// Open opens the run file at path and reads its header; Close closes it.
func Open(path string) (*Scanner, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	s, err := NewScanner(path, f)
	if err != nil {
		f.Close()
		return nil, err
	}
	s.closer = f
	return s, nil
}

// NewScanner reads the header of the run file r, from its current offset:
// every field but the predictions, checked as ReadRun checks them. name is
// used in errors. r is read again from where the predictions start by Scan,
// and from the start to place an error at its line and column.
func NewScanner(name string, r io.ReadSeeker) (*Scanner, error) {
	return newScanner(name, r, false)
}

func newScanner(name string, r io.ReadSeeker, lenient bool) (*Scanner, error) {
	s := &Scanner{name: name, src: r, preds: -1, lenient: lenient}
	if err := s.readHeader(); err != nil {
		return nil, err
	}
	if err := checkHeader(name, &s.header, s.preds >= 0); err != nil {
		if !lenient {
			return nil, err
		}
		s.checkErr = err
	}
	s.cov.Partial = s.header.Partial
	return s, nil
}

// Close closes the file of a Scanner made by Open; it does nothing for one
// made by NewScanner, whose reader is the caller's.
func (s *Scanner) Close() error {
	if s.closer == nil {
		return nil
	}
	return s.closer.Close()
}

// Name is the name of the run file, as errors give it.
func (s *Scanner) Name() string { return s.name }

// Header returns the run without its predictions (Predictions is nil). It
// is the scanner's: read it, do not change it.
func (s *Scanner) Header() *Run { return &s.header }

// Scan decodes the next document of the predictions, checked as ReadRun
// checks it, and reports whether there was one: false at the end of the
// predictions or on an error (see Err).
func (s *Scanner) Scan() bool {
	if s.err != nil || s.state == scanDone {
		return false
	}
	if err := s.scan(); err != nil {
		s.err = err
		return false
	}
	return s.state != scanDone
}

// scan moves to the next document, or to scanDone.
func (s *Scanner) scan() error {
	switch s.state {
	case scanStart:
		if s.preds < 0 {
			s.state = scanDone
			return nil
		}
		if _, err := s.src.Seek(s.preds, io.SeekStart); err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		s.lex.reset(s.src, s.preds)
		s.lex.discard(1) // '['
		c, err := s.next()
		if err != nil {
			return err
		}
		if c == ']' {
			s.state = scanDone
			return nil
		}
	case scanNext:
		c, err := s.next()
		if err != nil {
			return err
		}
		switch c {
		case ']':
			s.state = scanDone
			return nil
		case ',':
			s.lex.discard(1)
			if _, err := s.next(); err != nil {
				return err
			}
		default:
			return s.syntaxError(c, "after array element")
		}
	}
	s.state = scanNext
	var d Doc
	if err := s.decode("predictions", "after array element", &d); err != nil {
		return err
	}
	if err := checkDoc(s.name, s.header.Format, d); err != nil {
		if !s.lenient {
			return err
		}
		if s.checkErr == nil {
			s.checkErr = err
		}
	}
	s.cov.Documents++
	s.cov.Add(d.Doc, d.Status)
	s.doc = d
	return nil
}

// Doc returns the document Scan decoded; it is the caller's.
func (s *Scanner) Doc() Doc { return s.doc }

// Err returns the error that stopped Scan, nil at the end of the
// predictions.
func (s *Scanner) Err() error { return s.err }

// Coverage counts the documents Scan has read since the start (or Rewind) by
// status, as Run.Coverage counts a whole run once Scan has returned false.
func (s *Scanner) Coverage() metrics.Coverage { return s.cov }

// Rewind makes Scan start again at the first document.
func (s *Scanner) Rewind() error {
	if s.err != nil {
		return s.err
	}
	s.state = scanStart
	s.cov = metrics.Coverage{Partial: s.header.Partial}
	return nil
}

// readHeader reads the run's object, skipping the predictions, and checks
// that nothing follows it.
func (s *Scanner) readHeader() error {
	base, err := s.src.Seek(0, io.SeekCurrent)
	if err != nil {
		return fmt.Errorf("%s: %w: a run file is read in two passes, from a file that can seek (not a pipe)", s.name, err)
	}
	s.lex.reset(s.src, base)
	if b, _ := s.lex.br.Peek(len(bom)); bytes.Equal(b, bom) {
		s.lex.discard(len(bom))
	}
	s.base = s.lex.off
	c, err := s.lex.peek()
	if err == io.EOF {
		return fmt.Errorf("%s: empty file, not a run file", s.name)
	}
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	if c != '{' {
		// Not an object: decoding it as a run gives encoding/json's message
		// (a value of the wrong type, or not JSON), or an empty run for null.
		if err := s.decode("", "", &s.header); err != nil {
			return err
		}
		return s.trailing()
	}
	s.lex.discard(1)
	if c, err = s.next(); err != nil {
		return err
	}
	if c == '}' {
		s.lex.discard(1)
		return s.trailing()
	}
	seen := map[string]bool{}
	for {
		if c != '"' {
			return s.syntaxError(c, "looking for beginning of object key string")
		}
		keyAt := s.lex.off
		var key string
		if err := s.decode("", "after object key", &key); err != nil {
			return err
		}
		if c, err = s.next(); err != nil {
			return err
		}
		if c != ':' {
			return s.syntaxError(c, "after object key")
		}
		s.lex.discard(1)
		if c, err = s.next(); err != nil {
			return err
		}
		field := headerField(key)
		if field != "" && seen[field] {
			return fmt.Errorf("%s:%s: field %q appears twice: the file is damaged", s.name, s.position(keyAt), field)
		}
		seen[field] = true
		if err := s.headerValue(field, c); err != nil {
			return err
		}
		if c, err = s.next(); err != nil {
			return err
		}
		switch c {
		case ',':
			s.lex.discard(1)
			if c, err = s.next(); err != nil {
				return err
			}
		case '}':
			s.lex.discard(1)
			return s.trailing()
		default:
			return s.syntaxError(c, "after object key:value pair")
		}
	}
}

// headerFields are the run's fields, as their JSON keys.
var headerFields = []string{"format", "arabench", "extractor", "extractor_version", "signature", "predictions", "metrics", "ci", "partial", "shard"}

// headerField is the field that key names, "" for none. Keys match fields
// without regard to case, as encoding/json matches them.
func headerField(key string) string {
	for _, f := range headerFields {
		if strings.EqualFold(key, f) {
			return f
		}
	}
	return ""
}

// headerValue reads the value of field, whose first byte is c: the
// predictions are skipped (noting where they start), every other field of
// the run decoded, and an unknown field checked to be JSON.
func (s *Scanner) headerValue(field string, c byte) error {
	const after = "after object key:value pair"
	h := &s.header
	switch field {
	case "predictions":
		if c != '[' {
			// Anything but an array is refused by decoding, null aside,
			// which is no predictions.
			var docs []Doc
			return s.decode(field, after, &docs)
		}
		s.preds = s.lex.off
		end, err := s.lex.skip()
		if err != nil {
			return fmt.Errorf("%s: %w", s.name, err)
		}
		if end != valueEnded {
			return s.predictionsError(end)
		}
		return nil
	case "format":
		return s.decode(field, after, &h.Format)
	case "arabench":
		return s.decode(field, after, &h.Arabench)
	case "extractor":
		return s.decode(field, after, &h.Extractor)
	case "extractor_version":
		return s.decode(field, after, &h.ExtractorVersion)
	case "signature":
		return s.decode(field, after, &h.Signature)
	case "metrics":
		return s.decode(field, after, &h.Metrics)
	case "ci":
		return s.decode(field, after, &h.CI)
	case "partial":
		return s.decode(field, after, &h.Partial)
	case "shard":
		return s.decode(field, after, &h.Shard)
	}
	var raw json.RawMessage
	return s.decode(field, after, &raw)
}

// predictionsError finds why the predictions could not be skipped (they run
// to the end of the file, or a bracket closes another kind): reading them
// document by document finds the first error where encoding/json finds it.
func (s *Scanner) predictionsError(end valueEnd) error {
	at := s.lex.off - 1
	lenient := s.lenient
	s.lenient = true
	for s.Scan() {
	}
	s.lenient, s.checkErr = lenient, nil
	switch {
	case s.err != nil:
		return s.err
	case end == valueCut:
		return s.truncated()
	}
	return fmt.Errorf("%s:%s: not a run file: a closing bracket of another kind than the bracket it closes", s.name, s.position(at))
}

// trailing checks that nothing but white space follows the run.
func (s *Scanner) trailing() error {
	_, err := s.lex.peek()
	switch {
	case err == io.EOF:
		return nil
	case err != nil:
		return fmt.Errorf("%s: %w", s.name, err)
	}
	return s.afterRun(s.lex.off)
}

func (s *Scanner) afterRun(off int64) error {
	return fmt.Errorf("%s:%s: unexpected data after the run (a run file holds one JSON object)", s.name, s.position(off))
}

// next returns the next byte but white space, unread; the end of the file
// there is a truncated file.
func (s *Scanner) next() (byte, error) {
	c, err := s.lex.peek()
	switch {
	case err == io.EOF:
		return 0, s.truncated()
	case err != nil:
		return 0, fmt.Errorf("%s: %w", s.name, err)
	}
	return c, nil
}

func (s *Scanner) truncated() error {
	return fmt.Errorf("%s: truncated run file (unexpected end of JSON): write it again with `arabench eval --save`", s.name)
}

// syntaxError refuses byte c, the next one, as encoding/json's scanner
// does: "invalid character 'x' after object key".
func (s *Scanner) syntaxError(c byte, context string) error {
	return fmt.Errorf("%s:%s: not a run file: invalid character %s %s", s.name, s.position(s.lex.off), quoteChar(c), context)
}

// quoteChar formats c as encoding/json's messages do.
func quoteChar(c byte) string {
	switch c {
	case '\'':
		return `'\''`
	case '"':
		return `'"'`
	}
	q := fmt.Sprintf("%q", string(c))
	return "'" + q[1:len(q)-1] + "'"
}

// decode reads the next value and decodes it into v. field names the value
// in errors ("" for the run itself); after is what encoding/json's scanner
// would say of a byte that follows a complete value within the value's
// bytes ("after object key:value pair"), "" at the top.
func (s *Scanner) decode(field, after string, v any) error {
	raw, start, end, err := s.lex.value()
	if err != nil {
		return fmt.Errorf("%s: %w", s.name, err)
	}
	err = json.Unmarshal(raw, v)
	if err == nil {
		return nil
	}
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	switch {
	case errors.As(err, &se) && end == valueCut && int(se.Offset) >= len(raw) && strings.Contains(se.Error(), "unexpected end"):
		return s.truncated()
	case errors.As(err, &se) && strings.HasSuffix(se.Error(), "after top-level value"):
		// A literal run on into other letters (truex): the byte after it.
		at := start + se.Offset - 1
		if after == "" {
			return s.afterRun(at)
		}
		msg := strings.TrimSuffix(se.Error(), "after top-level value") + after
		return fmt.Errorf("%s:%s: not a run file: %s", s.name, s.position(at), msg)
	case errors.As(err, &se):
		// The decoder reports a syntax error after reading the byte that
		// is wrong.
		return fmt.Errorf("%s:%s: not a run file: %v", s.name, s.position(start+se.Offset-1), err)
	case errors.As(err, &te):
		return fmt.Errorf("%s:%s: field %q holds a JSON %s where a run file has %s", s.name, s.position(start+int64(valueStart(raw, te.Offset))), joinField(field, te.Field), te.Value, jsonKind(te.Type.Kind().String()))
	}
	return fmt.Errorf("%s: %w", s.name, err)
}

// joinField is the path of field inner of field outer: "predictions.doc".
func joinField(outer, inner string) string {
	switch {
	case outer == "":
		return inner
	case inner == "":
		return outer
	}
	return outer + "." + inner
}

// position is the place of byte off of the file as "line:column", both
// counted from 1 from the start of the JSON and the column in code points,
// as an editor shows it. It reads the file again up to off: it is for
// errors, after which the scanner reads no more.
func (s *Scanner) position(off int64) string {
	off = max(off, s.base)
	if _, err := s.src.Seek(s.base, io.SeekStart); err != nil {
		return fmt.Sprintf("byte %d", off)
	}
	br := bufio.NewReader(io.LimitReader(s.src, off-s.base))
	line, col := 1, 1
	for {
		r, _, err := br.ReadRune()
		if err != nil {
			break
		}
		if r == '\n' {
			line, col = line+1, 1
			continue
		}
		col++
	}
	return fmt.Sprintf("%d:%d", line, col)
}

// bom is the UTF-8 byte order mark some editors write.
var bom = []byte("\ufeff")

// lexer reads the bytes of a run file, knowing the offset of each.
type lexer struct {
	br *bufio.Reader
	// off is the offset in the file of the next byte.
	off int64
	// buf holds the last value read; it is reused.
	buf []byte
}

func (l *lexer) reset(r io.Reader, off int64) {
	if l.br == nil {
		l.br = bufio.NewReaderSize(r, 64<<10)
	} else {
		l.br.Reset(r)
	}
	l.off = off
}

func (l *lexer) discard(n int) {
	d, _ := l.br.Discard(n)
	l.off += int64(d)
}

// peek skips JSON white space and returns the next byte, unread: io.EOF at
// the end of the file.
func (l *lexer) peek() (byte, error) {
	for {
		if _, err := l.br.Peek(1); err != nil {
			return 0, err
		}
		chunk, _ := l.br.Peek(l.br.Buffered())
		i := 0
		for i < len(chunk) && isSpace(chunk[i]) {
			i++
		}
		if i < len(chunk) {
			c := chunk[i]
			l.discard(i)
			return c, nil
		}
		l.discard(i)
	}
}

func isSpace(c byte) bool { return c == ' ' || c == '\t' || c == '\n' || c == '\r' }

// valueEnd is how the reading of a value ended.
type valueEnd uint8

const (
	valueMore       valueEnd = iota // not yet
	valueEnded                      // at its end
	valueCut                        // at the end of the file, before its end
	valueMismatched                 // at a bracket that closes another kind
)

// value reads the value that starts at the next byte (white space skipped)
// and returns its bytes, valid until the next call, and its offset. The
// value is delimited by its brackets and quotes only; the caller's decoder
// checks it.
func (l *lexer) value() ([]byte, int64, valueEnd, error) {
	l.buf = l.buf[:0]
	start := l.off
	end, err := l.read(true)
	return l.buf, start, end, err
}

// skip reads past the value that starts at the next byte, keeping nothing.
func (l *lexer) skip() (valueEnd, error) { return l.read(false) }

func (l *lexer) read(keep bool) (valueEnd, error) {
	var vs valueScan
	for {
		if _, err := l.br.Peek(1); err != nil {
			if err == io.EOF {
				return valueCut, nil
			}
			return 0, err
		}
		chunk, _ := l.br.Peek(l.br.Buffered())
		n, end := vs.scan(chunk)
		if keep {
			l.buf = append(l.buf, chunk[:n]...)
		}
		l.discard(n)
		if end != valueMore {
			return end, nil
		}
	}
}

// valueScan finds the end of a JSON value in chunks of its bytes, by its
// brackets and quotes.
type valueScan struct {
	started, literal, inString, escaped bool
	// open holds the brackets not yet closed.
	open []byte
}

// scan reads b, the next bytes of the value, and returns how many belong to
// it and whether it ended.
func (v *valueScan) scan(b []byte) (int, valueEnd) {
	i := 0
	if !v.started {
		v.started = true
		switch c := b[0]; {
		case c == '"':
			v.inString = true
		case c == '{' || c == '[':
			v.open = append(v.open, c)
		case isLiteralByte(c):
			v.literal = true
		default:
			return 1, valueEnded // a byte no value starts with
		}
		if !v.literal {
			i = 1
		}
	}
	if v.literal {
		for i < len(b) && isLiteralByte(b[i]) {
			i++
		}
		if i < len(b) {
			return i, valueEnded
		}
		return i, valueMore
	}
	if v.escaped && i < len(b) {
		v.escaped = false
		i++
	}
	for i < len(b) {
		if v.inString {
			j := bytes.IndexAny(b[i:], `"\`)
			if j < 0 {
				return len(b), valueMore
			}
			i += j
			if b[i] == '\\' {
				if i+1 == len(b) {
					v.escaped = true
					return len(b), valueMore
				}
				i += 2
				continue
			}
			i++
			v.inString = false
			if len(v.open) == 0 {
				return i, valueEnded
			}
			continue
		}
		j := bytes.IndexAny(b[i:], `"{}[]`)
		if j < 0 {
			return len(b), valueMore
		}
		i += j
		c := b[i]
		i++
		switch c {
		case '"':
			v.inString = true
		case '{', '[':
			v.open = append(v.open, c)
		default:
			o := v.open[len(v.open)-1]
			v.open = v.open[:len(v.open)-1]
			if o == '{' && c != '}' || o == '[' && c != ']' {
				return i, valueMismatched
			}
			if len(v.open) == 0 {
				return i, valueEnded
			}
		}
	}
	return i, valueMore
}

// checkHeader checks a run's fields as ReadRun does: the format, the
// signature, and that it has predictions.
func checkHeader(name string, r *Run, hasPredictions bool) error {
	switch {
	case r.Format == "":
		return fmt.Errorf("%s: no \"format\" field: not an arabench run file", name)
	case r.Format != Format && r.Format != format1:
		if strings.HasPrefix(r.Format, "arabench-run/") {
			return fmt.Errorf("%s: run file format %q, this arabench reads %q: re-run `arabench eval --save` with this version", name, r.Format, Format)
		}
		return fmt.Errorf("%s: format %q is not an arabench run file", name, r.Format)
	}
	if _, err := signature.Parse(r.Signature); err != nil {
		return fmt.Errorf("%s: bad signature: %w", name, err)
	}
	if !hasPredictions {
		return fmt.Errorf("%s: no \"predictions\": not a complete run file", name)
	}
	return nil
}

// checkDoc checks a document of a run of the given format.
func checkDoc(name, format string, d Doc) error {
	switch {
	case !validStatus(d.Status):
		return fmt.Errorf("%s: doc %q: unknown status %q (want %s, %s, %s or %s)", name, d.Doc, d.Status, metrics.StatusScored, metrics.StatusFailed, metrics.StatusNotRun, metrics.StatusMissing)
	case format == format1 && d.Status != "":
		return fmt.Errorf("%s: doc %q has a status, which format %q does not have: the file is damaged", name, d.Doc, format1)
	case !d.Scored() && len(d.Mentions) > 0:
		return fmt.Errorf("%s: doc %q is %s but holds %d predictions: the file is damaged", name, d.Doc, d.Status, len(d.Mentions))
	}
	return nil
}

// Aligner gives a run's mentions in corpus order, document by document, for
// a comparison that walks the corpus: Mentions(k) is what Run.Mentions gives
// for document k of the corpus. A run whose documents come in corpus order
// (see Matcher.InOrder) is read as it goes, one document held at a time;
// any other is read whole first.
type Aligner struct {
	s *Scanner
	m *Matcher
	// whole holds the mentions of a run read whole, by document id.
	whole map[string][]corpus.Mention
	// held is the document read ahead: its place in the corpus and
	// mentions; k is -1 when none is held.
	k  int
	ms []corpus.Mention
	// last is the last document asked for.
	last int
}

// NewAligner reads the run of s from its first document against c. With
// inOrder unset it reads the whole run first.
func NewAligner(s *Scanner, c *corpus.Corpus, inOrder bool) (*Aligner, error) {
	if err := s.Rewind(); err != nil {
		return nil, err
	}
	a := &Aligner{s: s, m: NewMatcher(s.name, c), k: -1, last: -1}
	if inOrder {
		return a, nil
	}
	a.whole = map[string][]corpus.Mention{}
	for s.Scan() {
		d := s.Doc()
		if k, ms := a.m.Match(d); k >= 0 && len(ms) > 0 {
			a.whole[d.Doc] = ms
		}
	}
	return a, s.Err()
}

// Mentions returns the run's mentions of document k of the corpus, byte
// offsets, leaving out those that do not fit (Run.Mentions reports them).
// k must grow from one call to the next.
func (a *Aligner) Mentions(k int) ([]corpus.Mention, error) {
	if k <= a.last {
		return nil, fmt.Errorf("%s: document %d of the corpus asked for after document %d", a.s.name, k+1, a.last+1)
	}
	a.last = k
	if a.whole != nil {
		return a.whole[a.m.c.Documents[k].ID], nil
	}
	for {
		switch {
		case a.k == k:
			a.k = -1
			return a.ms, nil
		case a.k > k:
			return nil, nil // no entry for k: Matcher.Finish reports it
		}
		// Nothing held, or a document before k that was not asked for.
		if !a.s.Scan() {
			return nil, a.s.Err()
		}
		a.k, a.ms = a.m.Match(a.s.Doc())
		if !a.m.InOrder() {
			return nil, fmt.Errorf("%s: doc %q comes after a document it precedes in corpus %s: the run is not in corpus order", a.s.name, a.s.Doc().Doc, a.m.c.Name)
		}
	}
}
