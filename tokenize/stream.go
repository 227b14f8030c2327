package tokenize

import (
	"errors"
	"io"
	"unicode/utf8"
)

// Scanner tokenizes a stream in constant memory, in the shape of
// bufio.Scanner: call Scan until it returns false, read each token with Token
// and Text, then check Err. Token offsets count bytes from the start of the
// stream; RuneStart and RuneEnd give the same span in code points.
//
// Memory stays bounded by the longest token (a token is never split across
// reads), however long the input or its lines.
type Scanner struct {
	r       io.Reader
	buf     []byte
	start   int // first unconsumed byte of buf
	end     int // end of valid data in buf
	base    int // stream offset of buf[0]
	runes   int // code points before buf[start]
	eof     bool
	err     error
	tok     Token
	text    []byte
	rs, re  int
	maxSize int
}

// DefaultBufferSize is the read size of a Scanner.
const DefaultBufferSize = 64 << 10

// NewScanner returns a Scanner reading from r.
func NewScanner(r io.Reader) *Scanner {
	return &Scanner{r: r, buf: make([]byte, DefaultBufferSize), maxSize: 1 << 30}
}

// Scan advances to the next token. It returns false at the end of the input
// or on a read error.
func (s *Scanner) Scan() bool {
	for {
		window := s.buf[s.start:s.end]
		if len(window) > 0 && (s.eof || utf8.FullRune(window)) {
			t, next, ok := scan(window, 0)
			if s.eof || settled(window, next) {
				s.runes0(window[:next], ok, t)
				s.start += next
				if ok {
					return true
				}
				continue
			}
		}
		if s.eof || s.err != nil {
			return false
		}
		s.fill()
	}
}

// settled reports whether the data after next is enough to know that a token
// ending at next does not continue: the tokenizer looks ahead only across
// invisible characters and across one separator, so the first complete
// character after those decides.
func settled(w []byte, next int) bool {
	for j := next; j < len(w); {
		if !utf8.FullRune(w[j:]) {
			return false
		}
		c, size := classAt(w, j)
		switch c {
		case clsInvisible:
			j += size
		case clsSep:
			return j+size < len(w) && utf8.FullRune(w[j+size:])
		default:
			return true
		}
	}
	return false
}

// runes0 records the token (if ok) and advances the code point count over
// the consumed bytes.
func (s *Scanner) runes0(consumed []byte, ok bool, t Token) {
	if ok {
		s.tok = Token{s.base + s.start + t.Start, s.base + s.start + t.End, t.Kind}
		s.text = consumed[t.Start:t.End]
		s.rs = s.runes + utf8.RuneCount(consumed[:t.Start])
		s.re = s.rs + utf8.RuneCount(s.text)
	}
	s.runes += utf8.RuneCount(consumed)
}

// fill moves unconsumed bytes to the front of buf and reads more.
func (s *Scanner) fill() {
	if s.start > 0 {
		n := copy(s.buf, s.buf[s.start:s.end])
		s.base += s.start
		s.start, s.end = 0, n
	}
	if s.end == len(s.buf) {
		if len(s.buf) >= s.maxSize {
			s.err = errors.New("tokenize: token longer than 1 GiB")
			return
		}
		nb := make([]byte, 2*len(s.buf))
		copy(nb, s.buf[:s.end])
		s.buf = nb
	}
	n, err := s.r.Read(s.buf[s.end:])
	s.end += n
	if err == io.EOF {
		s.eof = true
	} else if err != nil {
		s.err = err
	}
}

// Token returns the current token, with byte offsets from the stream start.
func (s *Scanner) Token() Token { return s.tok }

// Text returns the current token's bytes; they are valid until the next Scan.
func (s *Scanner) Text() []byte { return s.text }

// RuneSpan returns the current token's span in code points from the stream
// start.
func (s *Scanner) RuneSpan() (start, end int) { return s.rs, s.re }

// Err returns the first read error, or nil at a clean end of input.
func (s *Scanner) Err() error { return s.err }
