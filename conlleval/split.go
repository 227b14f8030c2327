package conlleval

import (
	"bytes"
	"fmt"
	"regexp"
	"regexp/syntax"
	"unicode/utf8"
)

// splitter cuts a line into columns as conlleval.pl's
// split(/$delimiter/, $line) does. Perl reads the file and the pattern as
// bytes, so a no-break space (C2 A0) or any other non-ASCII character is part
// of a column, never a separator, unless the pattern names its bytes.
type splitter struct {
	// lit is the delimiter when it is a plain string (the default, a single
	// space, or a tab): split on its bytes without a regexp.
	lit []byte
	// re is the delimiter otherwise, compiled over the line's bytes read as
	// Latin-1 (byte b is rune b), which gives the regexp perl's byte
	// semantics: "." or [^,] matches one byte, not one UTF-8 character.
	re *regexp.Regexp
	// dec and at are re's scratch: the line as Latin-1 decoded to UTF-8, and
	// the line offset of each offset of dec.
	dec []byte
	at  []int
}

// newSplitter compiles a delimiter pattern (RE2 syntax, perl's for the usual
// delimiters). A pattern that can match the empty string is refused: perl
// then splits between characters, with rules of its own for empty matches
// that RE2 does not reproduce.
func newSplitter(pattern string) (*splitter, error) {
	src := latin1(nil, []byte(pattern))
	tree, err := syntax.Parse(string(src), syntax.Perl)
	if err != nil {
		return nil, fmt.Errorf("delimiter %q: %w", pattern, err)
	}
	if nullable(tree) {
		return nil, fmt.Errorf("delimiter %q can match an empty string; conlleval.pl would then cut lines between characters, which arabench does not reproduce: give a delimiter of one or more characters", pattern)
	}
	re, err := regexp.Compile(string(src))
	if err != nil {
		return nil, fmt.Errorf("delimiter %q: %w", pattern, err)
	}
	if prefix, complete := re.LiteralPrefix(); complete && re.NumSubexp() == 0 {
		if b, ok := unlatin1([]byte(prefix)); ok {
			return &splitter{lit: b}, nil
		}
	}
	return &splitter{re: re}, nil
}

// split appends the columns of line to dst[:0] and returns it. Like perl's
// split: every match of the delimiter ends a column (a match at the start
// makes an empty first column, two matches in a row an empty column between
// them), the text of the pattern's capture groups (empty when a group did not
// take part) follows the column its match ends, and trailing empty columns
// are dropped, so an empty line, or one made of delimiters only, has no
// column at all. The columns alias line.
func (s *splitter) split(dst [][]byte, line []byte) [][]byte {
	dst = dst[:0]
	if s.re == nil {
		for {
			i := bytes.Index(line, s.lit)
			if i < 0 {
				break
			}
			dst = append(dst, line[:i])
			line = line[i+len(s.lit):]
		}
		dst = append(dst, line)
	} else {
		dst = s.splitRegexp(dst, line)
	}
	for len(dst) > 0 && len(dst[len(dst)-1]) == 0 {
		dst = dst[:len(dst)-1]
	}
	return dst
}

func (s *splitter) splitRegexp(dst [][]byte, line []byte) [][]byte {
	s.dec = latin1(s.dec[:0], line)
	s.at = s.at[:0]
	for i, c := range line {
		s.at = append(s.at, i)
		if c >= utf8.RuneSelf {
			s.at = append(s.at, i)
		}
	}
	s.at = append(s.at, len(line))
	prev := 0
	for _, m := range s.re.FindAllSubmatchIndex(s.dec, -1) {
		dst = append(dst, line[s.at[prev]:s.at[m[0]]])
		for g := 2; g < len(m); g += 2 {
			if m[g] < 0 {
				dst = append(dst, nil)
				continue
			}
			dst = append(dst, line[s.at[m[g]]:s.at[m[g+1]]])
		}
		prev = m[1]
	}
	return append(dst, line[s.at[prev]:])
}

// latin1 appends to dst the UTF-8 encoding of src read as Latin-1.
func latin1(dst, src []byte) []byte {
	for _, c := range src {
		dst = utf8.AppendRune(dst, rune(c))
	}
	return dst
}

// unlatin1 is the inverse of latin1; ok is false when b holds a character
// above U+00FF, which no byte string contains.
func unlatin1(b []byte) (out []byte, ok bool) {
	for len(b) > 0 {
		r, n := utf8.DecodeRune(b)
		if r > 0xFF {
			return nil, false
		}
		out = append(out, byte(r))
		b = b[n:]
	}
	return out, true
}

// nullable reports whether re can match an empty string somewhere: an empty
// alternative, a repetition that may run zero times, or an assertion alone.
func nullable(re *syntax.Regexp) bool {
	switch re.Op {
	case syntax.OpLiteral, syntax.OpCharClass, syntax.OpAnyChar, syntax.OpAnyCharNotNL, syntax.OpNoMatch:
		return false
	case syntax.OpCapture, syntax.OpPlus:
		return nullable(re.Sub[0])
	case syntax.OpRepeat:
		return re.Min == 0 || nullable(re.Sub[0])
	case syntax.OpConcat:
		for _, sub := range re.Sub {
			if !nullable(sub) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, sub := range re.Sub {
			if nullable(sub) {
				return true
			}
		}
		return false
	}
	// OpEmptyMatch, the line, text and word assertions, OpStar, OpQuest.
	return true
}
