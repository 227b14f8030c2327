package tokenize

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"math/bits"
	"unicode/utf8"
)

// Scanner tokenizes a stream in bounded memory, in the shape of
// bufio.Scanner: call Scan until it returns false, read each token with Token
// and Text, then check Err. Token offsets count bytes from the start of the
// stream; RuneSpan gives the same span in code points.
//
// A token is never split across reads, so a Scanner holds the longest token
// whole: its memory is bounded by the maximum token size (DefaultMaxTokenSize,
// or SetMaxTokenSize), however long the input or its lines, and a longer token
// stops the scan with ErrTokenTooLong. Its time is linear in the input,
// whatever the length of its tokens and of the reads that deliver them.
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
	// tooLongErr is set once err is ErrTokenTooLong: the scan is over.
	tooLongErr bool
	batch      []Token // tokens of the current window, offsets from batchAt
	batchAt    int     // buf offset of the window batch was made from
	next       int     // index in batch of the token Scan returns next
	tok        Token
	textAt     int // buf offset of the current token's text; an int, not a slice, so that Scan stores no pointer
	rs, re     int
	maxToken   int
	// waitFor is the window length to read before tokenizing again, after
	// a window that held no token sure to be complete: twice that window, so
	// that a long token is tokenized a logarithmic number of times and the
	// bytes tokenized stay below four times the input.
	waitFor int
	// scanned counts the bytes tokenized, those tokenized again included:
	// the work that must stay linear in the input.
	scanned int64
}

// DefaultBufferSize is the read size of a Scanner.
const DefaultBufferSize = 64 << 10

// DefaultMaxTokenSize is the maximum token size of a new Scanner: 64 MiB.
const DefaultMaxTokenSize = 64 << 20

// ErrTokenTooLong is the error of a Scanner that met a token longer than its
// maximum token size. Err wraps it with the token's offset and the limit.
var ErrTokenTooLong = errors.New("tokenize: token too long")

// NewScanner returns a Scanner reading from r, with the maximum token size
// DefaultMaxTokenSize.
func NewScanner(r io.Reader) *Scanner {
	return &Scanner{r: r, buf: make([]byte, DefaultBufferSize), batch: make([]Token, 0, DefaultBufferSize/8), maxToken: DefaultMaxTokenSize}
}

// SetMaxTokenSize sets the length in bytes of the longest token the Scanner
// accepts (at least 1): the bytes of input it holds at most, and the memory
// it needs, about that much plus one read. A token that may continue past it
// (a word, or a word and the invisible characters after it that could join
// it to another) stops the scan with an error wrapping ErrTokenTooLong. Call
// it before the first Scan.
func (s *Scanner) SetMaxTokenSize(n int) {
	s.maxToken = max(n, 1)
}

// Scan advances to the next token. It returns false at the end of the input,
// on a read error, or at a token longer than the maximum token size.
func (s *Scanner) Scan() bool {
	for s.next == len(s.batch) {
		if !s.refill() {
			return false
		}
	}
	t := s.batch[s.next]
	s.next++
	t.Start += s.batchAt
	t.End += s.batchAt
	if t.End-t.Start > s.maxToken {
		s.start = t.Start
		s.err = s.tooLong()
		return false
	}
	// The bytes between tokens are white space, controls and invisible
	// characters, all valid UTF-8, and so is every token but a Symbol of
	// one byte, which is one code point whatever the byte (an invalid byte
	// counts as one, as in corpus.Index).
	if gap := t.Start - s.counted; gap == 1 {
		s.runes++
	} else {
		s.runes += runeCount(s.buf, s.counted, t.Start)
	}
	s.rs = s.runes
	switch n := t.End - t.Start; {
	case t.Kind == Symbol && n == 1:
		s.runes++
	case n <= 8 && t.End >= 8:
		// runeCount's first case, written out here, where the call would
		// cost as much as the count.
		s.runes += n - continuations(binary.LittleEndian.Uint64(s.buf[t.End-8:])>>(64-8*uint(n)))
	default:
		s.runes += runeCountLong(s.buf, t.Start, t.End)
	}
	s.textAt = t.Start
	s.re = s.runes
	s.counted = t.End
	s.tok = Token{s.base + t.Start, s.base + t.End, t.Kind}
	return true
}

// refill tokenizes the unconsumed window into a new batch, reading more input
// when the window holds no token that is sure to be complete. It returns
// false at the end of the input, on a read error or at a token that is too
// long.
func (s *Scanner) refill() bool {
	if s.tooLongErr {
		return false
	}
	s.batch, s.next = s.batch[:0], 0
	for {
		window := s.buf[s.start:s.end]
		if !s.eof {
			// A character cut by the read boundary waits for its rest.
			window = window[:len(window)-partialTail(window)]
		}
		if s.eof || len(window) >= s.waitFor {
			toks := Append(s.batch[:0], window)
			s.scanned += int64(len(window))
			first := -1 // where the first token starts, if any
			if len(toks) > 0 {
				first = toks[0].Start
			}
			if !s.eof {
				// Keep only the tokens that more input cannot change.
				for len(toks) > 0 && !settled(window, toks[len(toks)-1].End) {
					toks = toks[:len(toks)-1]
				}
			}
			s.batch, s.batchAt = toks, s.start
			switch {
			case len(toks) > 0:
				s.start += toks[len(toks)-1].End
				s.waitFor = 0
				return true
			case s.eof:
				s.start = s.end
				return false
			case first < 0:
				// Only white space and invisible characters: nothing in
				// the window can start a token, so none of it needs
				// keeping.
				s.skip(len(window))
			default:
				// A token that more input may extend: keep it from its
				// start, and read until the window has doubled (or holds
				// more than the longest token allowed) before tokenizing
				// it again.
				s.skip(first)
				pending := len(window) - first
				if pending > s.maxToken {
					s.err = s.tooLong()
					return false
				}
				s.waitFor = min(2*pending, s.maxToken+1)
			}
		}
		if s.err != nil {
			return false
		}
		s.fill()
	}
}

// tooLong ends the scan for good and returns its error, for the token that
// starts at buf[start].
func (s *Scanner) tooLong() error {
	s.batch, s.next = s.batch[:0], 0
	s.tooLongErr = true
	return fmt.Errorf("%w: the token at byte %d is longer than %d bytes, the maximum token size",
		ErrTokenTooLong, s.base+s.start, s.maxToken)
}

// skip consumes n bytes of the window that belong to no token (valid UTF-8),
// counting their code points.
func (s *Scanner) skip(n int) {
	s.start += n
	s.runes += runeCount(s.buf, s.counted, s.start)
	s.counted = s.start
}

// runeCount is the number of code points of buf[i:j], valid UTF-8: its bytes
// less its continuation bytes (10xxxxxx). Up to eight bytes are counted in
// the eight that end at j, the bytes before i shifted out, so that a word
// costs one load; runeCountLong counts the rest.
func runeCount(buf []byte, i, j int) int {
	if r := j - i; r <= 8 && j >= 8 {
		return r - continuations(binary.LittleEndian.Uint64(buf[j-8:])>>(64-8*r))
	}
	return runeCountLong(buf, i, j)
}

// runeCountLong is runeCount eight bytes at a time.
func runeCountLong(buf []byte, i, j int) int {
	n := j - i
	for ; j-i >= 8; i += 8 {
		n -= continuations(binary.LittleEndian.Uint64(buf[i:]))
	}
	for _, c := range buf[i:j] {
		if c&0xC0 == 0x80 {
			n--
		}
	}
	return n
}

// continuations counts the bytes of x that are UTF-8 continuation bytes: bit 7
// set, bit 6 clear.
func continuations(x uint64) int {
	return bits.OnesCount64(x &^ (x << 1) & 0x8080_8080_8080_8080)
}

// fill moves unconsumed bytes to the front of buf and reads more, growing
// buf when it is full, up to the maximum token size and room for a cut
// character.
func (s *Scanner) fill() {
	if s.counted > 0 {
		n := copy(s.buf, s.buf[s.counted:s.end])
		s.base += s.counted
		s.start -= s.counted
		s.end = n
		s.counted = 0
	}
	if s.end == len(s.buf) {
		// refill tokenizes a window of maxToken+1 bytes before it needs
		// more room, so the buffer never grows past that and a cut
		// character.
		size := min(2*len(s.buf), s.maxToken+1+utf8.UTFMax)
		if size <= len(s.buf) {
			s.err = s.tooLong()
			return
		}
		nb := make([]byte, size)
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
func (s *Scanner) Text() []byte { return s.buf[s.textAt : s.textAt+s.tok.End-s.tok.Start] }

// RuneSpan returns the current token's span in code points from the stream
// start.
func (s *Scanner) RuneSpan() (start, end int) { return s.rs, s.re }

// Err returns the first read error or ErrTokenTooLong (wrapped), or nil at a
// clean end of input.
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
