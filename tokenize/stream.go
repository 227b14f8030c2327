package tokenize

import (
	"errors"
	"io"
	"unicode/utf8"
)

// Scanner tokenizes a stream in constant memory, in the shape of
// bufio.Scanner: call Scan until it returns false, read each token with Token
// and Text, then check Err. Token offsets count bytes from the start of the
// stream; RuneSpan gives the same span in code points.
//
// Memory stays bounded by the longest token (a token is never split across
// reads), however long the input or its lines.
type Scanner struct {
	r       io.Reader
	buf     []byte
	start   int // first byte of buf not yet tokenized
	end     int // end of valid data in buf
	base    int // stream offset of buf[0]
	counted int // buf offset up to which code points are counted in runes
	runes   int // code points of the stream before buf[counted]
	eof     bool
	err     error
	batch   []Token // tokens of the current window, buf offsets
	next    int     // index in batch of the token Scan returns next
	valid   bool    // the batch's bytes are valid UTF-8: count runes by lead bytes
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
	for s.next == len(s.batch) {
		if !s.refill() {
			return false
		}
	}
	t := s.batch[s.next]
	s.next++
	s.runes += s.count(s.buf[s.counted:t.Start])
	s.rs = s.runes
	s.text = s.buf[t.Start:t.End]
	s.runes += s.count(s.text)
	s.re = s.runes
	s.counted = t.End
	s.tok = Token{s.base + t.Start, s.base + t.End, t.Kind}
	return true
}

// refill tokenizes the unconsumed window into a new batch, reading more input
// when the window holds no token that is sure to be complete. It returns
// false at the end of the input or on a read error.
func (s *Scanner) refill() bool {
	s.batch, s.next = s.batch[:0], 0
	for {
		window := s.buf[s.start:s.end]
		if !s.eof {
			// A character cut by the read boundary waits for its rest.
			window = window[:len(window)-partialTail(window)]
		}
		toks := Append(s.batch[:0], window)
		if !s.eof {
			// Keep only the tokens that more input cannot change.
			for len(toks) > 0 && !settled(window, toks[len(toks)-1].End) {
				toks = toks[:len(toks)-1]
			}
		}
		for i := range toks {
			toks[i].Start += s.start
			toks[i].End += s.start
		}
		s.batch = toks
		switch {
		case len(toks) > 0:
			s.valid = utf8.Valid(s.buf[s.counted:toks[len(toks)-1].End])
			s.start = toks[len(toks)-1].End
			return true
		case s.eof:
			s.start = s.end
			return false
		case len(Append(nil, window)) == 0:
			// Only white space and invisible characters: nothing in the
			// window can start a token, so none of it needs keeping.
			s.start += len(window)
			s.runes += utf8.RuneCount(s.buf[s.counted:s.start])
			s.counted = s.start
		}
		if s.err != nil {
			return false
		}
		s.fill()
	}
}

// count is the number of code points of b, a part of the current batch. In
// valid UTF-8 that is the number of bytes that are not continuation bytes, a
// loop with no decoding; otherwise utf8.RuneCount, which counts every invalid
// byte as one, as corpus.Index does.
func (s *Scanner) count(b []byte) int {
	if !s.valid {
		return utf8.RuneCount(b)
	}
	n := 0
	for _, c := range b {
		if c&0xC0 != 0x80 {
			n++
		}
	}
	return n
}

// fill moves unconsumed bytes to the front of buf and reads more.
func (s *Scanner) fill() {
	if s.counted > 0 {
		n := copy(s.buf, s.buf[s.counted:s.end])
		s.base += s.counted
		s.start -= s.counted
		s.end = n
		s.counted = 0
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

// partialTail is the length of the incomplete character at the end of w: a
// lead byte followed by fewer continuation bytes than it announces.
func partialTail(w []byte) int {
	for k := 1; k <= utf8.UTFMax-1 && k <= len(w); k++ {
		if utf8.RuneStart(w[len(w)-k]) {
			if utf8.FullRune(w[len(w)-k:]) {
				return 0
			}
			return k
		}
	}
	return 0
}
