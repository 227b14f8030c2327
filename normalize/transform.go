package normalize

import (
	"unicode/utf8"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// Transform implements transform.Transformer: it normalizes src into dst. It
// returns ErrShortDst when dst cannot take the next piece of output (a rune's
// replacement, or under Compatibility a whole NFKC segment, and a pending
// space) and ErrShortSrc when src ends inside a rune (or an NFKC segment)
// and atEOF is false. A white space run that reaches the end of src is held
// in the Normalizer until the next call tells how it ends.
func (n *Normalizer) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	return n.process(&n.st, dst, nil, 0, src, atEOF)
}

// Reset implements transform.Transformer: it forgets a pending white space
// run, to start a new stream.
func (n *Normalizer) Reset() { n.st = state{scr: n.st.scr} }

// Span implements transform.SpanningTransformer: it returns the length of a
// prefix of src that normalization leaves unchanged when src is the start of
// a stream. The error is nil when that is all of src, ErrShortSrc when more
// input is needed to tell, and ErrEndOfSpan when the next byte changes.
func (n *Normalizer) Span(src []byte, atEOF bool) (int, error) {
	t := n.t
	j := t.scan(src, 0)
	if !t.compat {
		return j, t.spanErr(src, j, atEOF)
	}
	k, err := norm.NFKC.Span(src, atEOF)
	if j < k {
		return j, t.spanErr(src, j, atEOF)
	}
	return k, err
}

// spanErr is the error for a span of src that scan ended at j.
func (t *tables) spanErr(src []byte, j int, atEOF bool) error {
	if j == len(src) {
		return nil
	}
	if !atEOF {
		rest := src[j:]
		if !utf8.FullRune(rest) || len(rest) == 1 && t.lone[rest[0]] {
			return transform.ErrShortSrc
		}
	}
	return transform.ErrEndOfSpan
}
