package corpus

import (
	"fmt"
	"unicode/utf8"
)

// Index converts between the code point offsets of arabench's file formats
// (what brat, Python and spaCy count) and the byte offsets used inside Go.
// Build one per document at the I/O boundary; it is immutable and safe for
// concurrent use.
//
// Invalid UTF-8 bytes count as one code point each, as utf8.DecodeRuneInString
// decodes them to U+FFFD of width 1; Python would refuse such a file, so the
// choice only matters for garbage input and keeps offsets total.
type Index struct {
	// starts[i] is the byte offset where code point i starts; starts[n] is
	// the text length, so len(starts) is the code point count + 1.
	starts []int32
	ascii  bool
	n      int
}

// NewIndex builds the offset index of text.
func NewIndex(text string) *Index {
	ix := &Index{n: len(text), ascii: true}
	for i := 0; i < len(text); i++ {
		if text[i] >= utf8.RuneSelf {
			ix.ascii = false
			break
		}
	}
	if ix.ascii {
		return ix
	}
	ix.starts = make([]int32, 0, utf8.RuneCountInString(text)+1)
	for i := 0; i < len(text); {
		ix.starts = append(ix.starts, int32(i))
		_, size := utf8.DecodeRuneInString(text[i:])
		i += size
	}
	ix.starts = append(ix.starts, int32(len(text)))
	return ix
}

// Len is the number of code points of the text.
func (ix *Index) Len() int {
	if ix.ascii {
		return ix.n
	}
	return len(ix.starts) - 1
}

// Byte returns the byte offset of code point offset cp, which may be Len()
// (the end of the text). It fails when cp is out of range.
func (ix *Index) Byte(cp int) (int, error) {
	if cp < 0 || cp > ix.Len() {
		return 0, fmt.Errorf("code point offset %d out of range [0,%d]", cp, ix.Len())
	}
	if ix.ascii {
		return cp, nil
	}
	return int(ix.starts[cp]), nil
}

// CodePoint returns the code point offset of byte offset b. It fails when b is
// out of range or falls inside a multi-byte character.
func (ix *Index) CodePoint(b int) (int, error) {
	if b < 0 || b > ix.n {
		return 0, fmt.Errorf("byte offset %d out of range [0,%d]", b, ix.n)
	}
	if ix.ascii {
		return b, nil
	}
	lo, hi := 0, len(ix.starts)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if int(ix.starts[m]) < b {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo == len(ix.starts) || int(ix.starts[lo]) != b {
		return 0, fmt.Errorf("byte offset %d is inside a multi-byte character", b)
	}
	return lo, nil
}

// Span converts a half-open code point span to bytes.
func (ix *Index) Span(start, end int) (int, int, error) {
	if start > end {
		return 0, 0, fmt.Errorf("span [%d,%d) is reversed", start, end)
	}
	bs, err := ix.Byte(start)
	if err != nil {
		return 0, 0, err
	}
	be, err := ix.Byte(end)
	if err != nil {
		return 0, 0, err
	}
	return bs, be, nil
}

// CodePointSpan converts a half-open byte span to code points.
func (ix *Index) CodePointSpan(start, end int) (int, int, error) {
	if start > end {
		return 0, 0, fmt.Errorf("span [%d,%d) is reversed", start, end)
	}
	cs, err := ix.CodePoint(start)
	if err != nil {
		return 0, 0, err
	}
	ce, err := ix.CodePoint(end)
	if err != nil {
		return 0, 0, err
	}
	return cs, ce, nil
}
