package normalize

import (
	"bytes"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// CAMeL Tools' normalize_unicode replaces these two characters before NFKC.
var (
	rialSign  = []byte("\uFDFC")
	bismillah = []byte("\uFDFD")
	rialFix   = []byte("ريال")
	bismiFix  = []byte("بسم الله الرحمن الرحيم")
)

// graphemeJoiner is U+034F, which NFKC inserts after 30 combining marks.
var graphemeJoiner = []byte("\u034F")

// maxFixIter bounds the passes of NFKC and the per-rune rules over one
// segment; each pass that changes anything shortens it by a rune.
const maxFixIter = 32

// maxSegment bounds the length in bytes of a normalization segment: a
// starter and at most 30 non-starters of at most 4 bytes each.
const maxSegment = 128

// validWindow is how far ahead runCompat validates UTF-8 at a time, several
// segments.
const validWindow = 8 * maxSegment

// runCompat is run for rule sets with Compatibility: it applies NFKC, then
// the per-rune tables to the result. Text that NFKC keeps (nearly all of it)
// goes through the per-rune tables in bulk; the rest goes one normalization
// segment (a starter and its combining marks) at a time.
func (t *tables) runCompat(st *state, dst []byte, offs []int32, base int, src []byte, atEOF, flush bool) (nDst, nSrc int, err error) {
	d, i := 0, 0
	vEnd, vHard := 0, false // src[i:vEnd] is valid UTF-8; vHard: it really ends there
	quick := nfkcQuick()
	for i < len(src) {
		if !t.general {
			// The per-run table first: most text is a run of runes that
			// NFKC keeps, and the quick check that says so with a table
			// lookup per rune is many times faster than x/text's.
			limit := min(len(src), i+len(dst)-d+maxSegment)
			if k := quickSpan(quick, src[i:limit], atEOF && limit == len(src)); k > 0 {
				nd, ns, err := t.normal(st, dst[d:], sub(offs, d), base+i, src[i:i+k])
				d += nd
				i += ns
				if err != nil {
					return d, i, err
				}
				continue
			}
		}
		if i >= vEnd || !vHard && vEnd-i < 2*maxSegment && vEnd < len(src) {
			vEnd, vHard = validRun(src, i, atEOF)
		}
		if vEnd == i {
			if !atEOF && !utf8.FullRune(src[i:]) {
				return d, i, transform.ErrShortSrc
			}
			// An invalid byte: run writes U+FFFD for it.
			nd, ns, err := t.run(st, dst[d:], sub(offs, d), base+i, src[i:i+1], true, false)
			d += nd
			i += ns
			if err != nil {
				return d, i, err
			}
			continue
		}
		valid := src[i:vEnd]
		// Span no further than dst can take (and a segment beyond, to see
		// where the last one ends): NFKC's quick check is the slow part.
		span, hard := valid, vHard
		if limit := len(dst) - d + maxSegment; len(span) > limit {
			span, hard = span[:limit], false
		}
		if !t.general && len(span) > 2*maxSegment {
			// Here only for the segment quickSpan stopped at: x/text
			// decides it, and quickSpan takes over after it.
			span, hard = span[:2*maxSegment], false
		}
		if n, _ := norm.NFKC.Span(span, hard); n > 0 {
			nd, ns, err := t.normal(st, dst[d:], sub(offs, d), base+i, valid[:n])
			d += nd
			i += ns
			if err != nil {
				return d, i, err
			}
			continue
		}
		// Until the rune after a segment is known, the segment is not
		// final: NFKC may say nothing joins ى, but once the rules make it ي
		// a following U+0654 does.
		k := norm.NFKC.NextBoundary(valid, vHard)
		if k < 0 || !vHard && k == len(valid) {
			return d, i, transform.ErrShortSrc
		}
		// A boundary before a combining mark is one that NFKC forces after
		// 30 of them (the Stream-Safe Text Format); like norm.NFKC, mark it
		// with U+034F COMBINING GRAPHEME JOINER, so that a second pass
		// does not reorder marks across it.
		cgj := k < len(valid) && !norm.NFKC.Properties(valid[k:]).BoundaryBefore()
		nd, err := t.segment(st, dst[d:], sub(offs, d), base+i, valid[:k], cgj)
		if err != nil {
			return d, i, err
		}
		d += nd
		i += k
	}
	if flush && atEOF && st.ws != 0 {
		if d == len(dst) {
			return d, i, transform.ErrShortDst
		}
		d = st.flush(dst, offs, d)
	}
	return d, i, nil
}

// Values of nfkcQuick's entries, besides a combining class (1–254).
const (
	nfkcStarter = 0   // NFKC keeps the rune and never joins it to what precedes it
	nfkcStop    = 255 // anything else: NFKC changes it, or may compose it with what precedes it
)

// maxQuickMarks bounds the combining marks in a row that quickSpan takes:
// past 30, NFKC inserts U+034F (the Stream-Safe Text Format), which x/text
// decides.
const maxQuickMarks = 29

// nfkcQuick holds, for every rune of the BMP, what quickSpan needs to know of
// it: nfkcStarter for a rune that NFKC leaves as it is and that starts a
// segment (canonical combining class 0, and not the second rune of any
// composition, so a segment boundary stands before it); its canonical
// combining class for a combining mark that NFKC leaves as it is and never
// composes with what precedes it (the harakat); nfkcStop for anything else,
// surrogates included. Computed from golang.org/x/text/unicode/norm on first
// use, like composers, which it reads.
var nfkcQuick = sync.OnceValue(func() *[0x10000]uint8 {
	var q [0x10000]uint8
	c := composers()
	var b [utf8.UTFMax]byte
	for r := rune(0); r < 0x10000; r++ {
		s := utf8.AppendRune(b[:0], r)
		switch {
		case !utf8.ValidRune(r) || c[r] || !norm.NFKC.IsNormal(s):
			q[r] = nfkcStop
		default:
			q[r] = min(norm.NFKC.Properties(s).CCC(), nfkcStop-1)
		}
	}
	return &q
})

// quickSpan returns the length of a prefix of src that NFKC leaves as it is
// and that ends on a segment boundary, by one lookup in q (nfkcQuick) per
// rune: a run of runes whose entries are starters or combining marks in
// canonical order (at most maxQuickMarks in a row), cut before the last
// starter when something else follows (NFKC may join that segment to it) or
// more input may (end is false; end true says that src ends where the input
// does). It stops at invalid or cut UTF-8 and at runes outside the BMP,
// which the general path decides. 0 means the general path must decide the
// first segment.
func quickSpan(q *[0x10000]uint8, src []byte, end bool) int {
	last := 0       // the start of the last starter: a boundary
	ccc := uint8(0) // the combining class of the last mark since it
	marks := 0      // the marks since it
	for i := 0; i < len(src); {
		c := src[i]
		var e uint8
		size := 1
		switch {
		case c < utf8.RuneSelf:
			// NFKC keeps every ASCII character and joins none to what
			// precedes it.
			last, ccc, marks = i, 0, 0
			i++
			continue
		case c >= 0xC2 && c < 0xE0 && i+1 < len(src) && src[i+1]&0xC0 == 0x80:
			e, size = q[rune(c&0x1F)<<6|rune(src[i+1]&0x3F)], 2
		case c >= 0xE0 && c < 0xF0 && i+2 < len(src) && valid3(c, src[i+1], src[i+2]):
			e, size = q[rune(c&0x0F)<<12|rune(src[i+1]&0x3F)<<6|rune(src[i+2]&0x3F)], 3
		default:
			return last
		}
		switch {
		case e == nfkcStarter:
			last, ccc, marks = i, 0, 0
		case e == nfkcStop || e < ccc || marks >= maxQuickMarks:
			return last
		default:
			ccc = e
			marks++
		}
		i += size
	}
	if end {
		return len(src)
	}
	return last
}

// valid3 reports whether c0 c1 c2 is a valid three-byte encoding.
func valid3(c0, c1, c2 byte) bool {
	lo, hi := byte(0x80), byte(0xBF)
	switch c0 {
	case 0xE0:
		lo = 0xA0
	case 0xED:
		hi = 0x9F // surrogates are not valid UTF-8
	}
	return c1 >= lo && c1 <= hi && c2&0xC0 == 0x80
}

// normal runs the per-rune tables over region, text that NFKC keeps and
// that starts and ends on segment boundaries. It writes whole segments only.
func (t *tables) normal(st *state, dst []byte, offs []int32, off int, region []byte) (nDst, nSrc int, err error) {
	// The per-rune rules rarely lengthen text under NFKC (only ﷽ does), so
	// len(region) bytes and a pending space are room enough for most; run
	// stops at ﷽, a segment boundary, when they are not.
	if room := len(dst) - 1; len(region) > room {
		cut := lastBoundary(region, room)
		if cut == 0 {
			return 0, 0, transform.ErrShortDst
		}
		region = region[:cut]
	}
	saved := *st
	st.composer = false
	nd, ns, err := t.run(st, dst, offs, off, region, true, false)
	if !st.composer || st.scratch().isNFKC(dst[:nd]) {
		return nd, ns, err
	}
	// A letter the rules mapped now composes with a mark that follows it
	// (ى + U+0654 → ي + U+0654, which NFKC makes ئ): redo the region one
	// segment at a time, where segment finds the fixed point.
	*st = saved
	d := 0
	for p := 0; p < ns; {
		k := norm.NFKC.NextBoundary(region[p:ns], true)
		n, err := t.segment(st, dst[d:], sub(offs, d), off+p, region[p:p+k], false)
		if err != nil {
			return d, p, err
		}
		d += n
		p += k
	}
	return d, ns, err
}

// segment normalizes one NFKC segment seg (valid UTF-8) into dst, followed
// by U+034F if cgj is set. It writes all or nothing: ErrShortDst when dst has
// no room for the whole result.
func (t *tables) segment(st *state, dst []byte, offs []int32, off int, seg []byte, cgj bool) (int, error) {
	scr := st.scratch()
	a := scr.a[:0]
	switch {
	case bytes.HasPrefix(seg, rialSign):
		scr.b = append(append(scr.b[:0], rialFix...), seg[len(rialSign):]...)
		a = scr.nfkc(a, scr.b)
	case bytes.HasPrefix(seg, bismillah):
		scr.b = append(append(scr.b[:0], bismiFix...), seg[len(bismillah):]...)
		a = scr.nfkc(a, scr.b)
	default:
		a = scr.nfkc(a, seg)
	}
	if bytes.Equal(a, seg) {
		// NFKC keeps the segment, so the per-rune rules see the input
		// itself and offsets stay exact — unless a mapped letter would then
		// compose with a mark that follows it (ى + U+0654 → ي + U+0654,
		// which NFKC makes ئ).
		if len(seg) <= utf8.UTFMax && utf8.RuneCount(seg) == 1 ||
			scr.isNFKC(t.mapRunes(scr.b[:0], seg)) {
			scr.a = a[:0]
			// The per-rune rules never lengthen a segment that NFKC
			// keeps (only ﷽ grows, and CAMeL's fix sends it the other
			// way), so len(seg) bytes, a pending space and U+034F are
			// enough.
			if len(seg)+1+len(graphemeJoiner) > len(dst) {
				return 0, transform.ErrShortDst
			}
			nd, _, _ := t.run(st, dst, offs, off, seg, true, false)
			if cgj {
				// U+034F maps to the start of the segment it comes before.
				nd = t.emit(st, dst, offs, nd, graphemeJoiner, off+len(seg))
			}
			return nd, nil
		}
	}
	// Apply NFKC and the rules until neither changes anything, so that
	// the result is idempotent. Every pass that changes text composes two
	// runes into one, so this ends.
	b := t.mapRunes(scr.b[:0], a)
	for n := 0; n < maxFixIter && !scr.isNFKC(b); n++ {
		a = scr.nfkc(a[:0], b)
		b = t.mapRunes(b[:0], a)
	}
	if cgj {
		b = append(b, graphemeJoiner...)
	}
	scr.a, scr.b = a[:0], b[:0]
	if len(b)+1 > len(dst) {
		return 0, transform.ErrShortDst
	}
	return t.emit(st, dst, offs, 0, b, off), nil
}

// mapRunes appends to dst what the per-rune tables make of src (valid UTF-8),
// leaving white space as it is for emit to collapse.
func (t *tables) mapRunes(dst, src []byte) []byte {
	for len(src) > 0 {
		r, size := rune(src[0]), 1
		a := actKeep
		if r < 0x80 {
			a = t.ascii[r]
		} else {
			r, size = utf8.DecodeRune(src)
			a = t.lookup(r)
		}
		switch a & kindMask {
		case actDelete:
		case actInline:
			n := int(a >> 3 & 3)
			for k := 0; k < n; k++ {
				dst = append(dst, byte(a>>(8+8*k)))
			}
		case actBlob:
			o := int(a >> 8 & 0xFFFF)
			dst = append(dst, t.blob[o:o+int(a>>24)]...)
		default:
			dst = append(dst, src[:size]...)
		}
		src = src[size:]
	}
	return dst
}

// validRun returns the end of the valid UTF-8 that starts at src[i], looking
// at most validWindow bytes ahead, and whether the valid text really ends
// there (an invalid byte, or the end of the input) rather than at the window's
// edge or at a rune cut by the end of this chunk.
func validRun(src []byte, i int, atEOF bool) (end int, hard bool) {
	lim := min(len(src), i+validWindow)
	j := i
	for j < lim {
		if src[j] < 0x80 {
			j++
			continue
		}
		r, size := utf8.DecodeRune(src[j:lim])
		if r == utf8.RuneError && size == 1 {
			if !utf8.FullRune(src[j:lim]) && (lim < len(src) || !atEOF) {
				return j, false
			}
			return j, true
		}
		j += size
	}
	return j, j == len(src) && atEOF
}

// lastBoundary returns the last segment boundary of region at or before
// limit (< len(region)): a rune that NFKC never joins to what precedes it.
// norm.Form.LastBoundary would not do: on a slice that cuts a rune in two it
// reports a boundary before the cut rune, even a combining mark.
func lastBoundary(region []byte, limit int) int {
	for ; limit > 0; limit-- {
		if utf8.RuneStart(region[limit]) && norm.NFKC.Properties(region[limit:]).BoundaryBefore() {
			return limit
		}
	}
	return 0
}

func sub(offs []int32, d int) []int32 {
	if offs == nil {
		return nil
	}
	return offs[d:]
}
