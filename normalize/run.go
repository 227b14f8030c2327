package normalize

import (
	"bytes"
	"encoding/binary"
	"sync"
	"unicode/utf8"

	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// state is what normalization carries from one chunk of a stream to the
// next: a run of white space that has been read but not yet written, because
// what it collapses into depends on the whole run.
type state struct {
	ws  action   // 0, actSpace or actNewline
	off int32    // source offset of the run's first character
	scr *scratch // NFKC buffers, taken from scratchPool when first needed
	// composer is set when a rune flagged actComposer has been written.
	composer bool
	// m, when set, is the OffsetMap that run builds: offs is then the
	// per-byte scratch of the general path, and outBase the position in
	// the map of dst[0].
	m       *OffsetMap
	outBase int
}

// scratch holds the buffers of the NFKC path and the iterator that fills
// them. norm.Form.Append keeps hold of its buffers, so they cannot live on
// the stack, and it and norm.Form.IsNormal allocate a reorder buffer
// whenever the text is not already NFKC; pooling the buffers and an
// iterator keeps AppendNormalized free of allocations once warm.
type scratch struct {
	a, b, c []byte
	it      norm.Iter
}

var scratchPool = sync.Pool{New: func() any {
	return &scratch{a: make([]byte, 0, 512), b: make([]byte, 0, 512), c: make([]byte, 0, 512)}
}}

// nfkc appends the NFKC form of src to dst, as norm.NFKC.Append does.
func (scr *scratch) nfkc(dst, src []byte) []byte {
	scr.it.Init(norm.NFKC, src)
	for !scr.it.Done() {
		dst = append(dst, scr.it.Next()...)
	}
	return dst
}

// isNFKC reports whether b is in NFKC, as norm.NFKC.IsNormal does: by the
// quick check, and where it cannot tell, by comparing b with its NFKC form.
func (scr *scratch) isNFKC(b []byte) bool {
	if norm.NFKC.QuickSpan(b) == len(b) {
		return true
	}
	scr.c = scr.nfkc(scr.c[:0], b)
	return bytes.Equal(scr.c, b)
}

func (st *state) scratch() *scratch {
	if st.scr == nil {
		st.scr = scratchPool.Get().(*scratch)
	}
	return st.scr
}

// release returns the scratch buffers to the pool.
func (st *state) release() {
	if st.scr != nil {
		scratchPool.Put(st.scr)
		st.scr = nil
	}
}

// flush writes the pending white space run as one byte at dst[d] and returns
// the new length. The caller has checked that dst has room.
func (st *state) flush(dst []byte, offs []int32, d int) int {
	c := byte(' ')
	if st.ws == actNewline {
		c = '\n'
	}
	dst[d] = c
	if offs != nil {
		offs[d] = st.off
	}
	st.ws = 0
	return d + 1
}

// pend records a white space character of kind k at source offset off.
func (st *state) pend(k action, off int) {
	if st.ws == 0 {
		st.off = int32(off)
		st.ws = k
	} else if k == actNewline {
		st.ws = actNewline
	}
}

// run normalizes src into dst, writing from dst[0], with the per-rune tables
// (no NFKC). offs is nil, or as long as dst: offs[k] receives the source
// offset of output byte k, counted from base. It returns the bytes written and
// read. Like transform.Transformer it stops with ErrShortDst when dst is full
// and with ErrShortSrc when src ends inside a rune and atEOF is false. flush
// says whether a pending white space run is written at the end when atEOF.
func (t *tables) run(st *state, dst []byte, offs []int32, base int, src []byte, atEOF, flush bool) (nDst, nSrc int, err error) {
	d, i := 0, 0
	for i < len(src) {
		if st.ws == 0 && !t.general {
			switch {
			case offs == nil:
				d, i = t.fast(dst, d, src, i)
			case st.m != nil:
				d, i = t.fastMap(st.m, dst, d, src, i, base, st.outBase)
			default:
				d, i = t.fastOffsets(dst, offs, d, src, i, base)
			}
			if i == len(src) {
				break
			}
		}
		// The general path: one rune, whatever it is.
		d0, c := d, src[i]
		a, size := actKeep, 1
		switch {
		case c < 0x80:
			a = t.ascii[c]
		case c >= 0xC2 && c < 0xE0 && i+1 < len(src) && src[i+1]&0xC0 == 0x80:
			a, size = t.act2[rune(c&0x1F)<<6|rune(src[i+1]&0x3F)], 2
		case !atEOF && !utf8.FullRune(src[i:]):
			return d, i, transform.ErrShortSrc
		default:
			var r rune
			r, size = utf8.DecodeRune(src[i:])
			if r == utf8.RuneError && size == 1 {
				a = replacementChar
			} else {
				a = t.lookup(r)
			}
		}
		if a&actComposer != 0 {
			st.composer = true
		}
		var out []byte
		var inline [3]byte
		switch k := a & kindMask; k {
		case actDelete:
			i += size
			continue
		case actSpace, actNewline:
			st.pend(k, base+i)
			i += size
			continue
		case actKeep:
			out = src[i : i+size]
		case actInline:
			n := int(a >> 3 & 3)
			inline[0], inline[1], inline[2] = byte(a>>8), byte(a>>16), byte(a>>24)
			out = inline[:n]
		case actBlob:
			off := int(a >> 8 & 0xFFFF)
			out = t.blob[off : off+int(a>>24)]
		}
		need := len(out)
		if st.ws != 0 {
			need++
		}
		if need > len(dst)-d {
			return d, i, transform.ErrShortDst
		}
		if a&kindMask == actBlob && t.rules&Whitespace != 0 {
			d = t.emit(st, dst, offs, d, out, base+i)
		} else {
			if st.ws != 0 {
				d = st.flush(dst, offs, d)
			}
			copy(dst[d:], out)
			if offs != nil {
				if a&kindMask == actKeep {
					copyRun(offs, d, len(out), base+i)
				} else {
					fill(offs[d:d+len(out)], int32(base+i))
				}
			}
			d += len(out)
		}
		if st.m != nil {
			st.m.compress(dst[d0:d], offs[d0:d], st.outBase+d0)
		}
		i += size
	}
	if flush && atEOF && st.ws != 0 {
		if d == len(dst) {
			return d, i, transform.ErrShortDst
		}
		d = st.flush(dst, offs, d)
		if st.m != nil {
			st.m.add(st.outBase+d-1, int(offs[d-1]))
		}
	}
	return d, i, nil
}

// fast is the hot loop. It writes src[i:] to dst[d:] for as long as every
// rune is ASCII, a two-byte rune that is kept, deleted or replaced by at most
// two bytes, or a kept three-byte rune, and returns where it stopped. With no
// white space pending, these need no state. It leaves the last bytes of dst
// and src to the general path, which checks room per rune.
//
// Four two-byte runes that are all written as two bytes, kept or replaced
// (fastTwo: most Arabic letters, under every preset), are copied as one
// eight-byte word. Where a word ends inside such a block, its leading runes
// of that kind are stepped over from the entries already loaded, and so is
// the space after them when it stands alone before the next word. A space
// (or newline) that stands alone before a character written here, the
// common case, is written as it is; any other white space goes to the
// general path, which collapses runs.
func (t *tables) fast(dst []byte, d int, src []byte, i int) (int, int) {
	// Whole words are read and written as src[i:i+8] and dst[d:d+8],
	// whose length the compiler knows, which spares it a check and a mask
	// per word (8-15% faster); capacities are clipped to the lengths so
	// that those checks are still against the ends of the text.
	src, dst = src[:len(src):len(src)], dst[:len(dst):len(dst)]
	// The loop writes no more bytes than it reads, so bounding i bounds d:
	// with i < end, i+3 <= len(src) and d+3 <= len(dst), and with i+5 <=
	// end, i+8 <= len(src) and d+8 <= len(dst).
	end := min(len(src), i+len(dst)-d) - 3
	fast16 := &t.fast16
	for i < end {
		c := src[i]
		if c < 0x80 {
			// i+3 <= len(src): the next rune's two bytes are there to
			// look at.
			if !t.copiesASCII(c, src, i) {
				break
			}
			dst[d] = c
			d++
			i++
			continue
		}
		for i+5 <= end {
			x := binary.LittleEndian.Uint64(src[i : i+8])
			e0, e1, e2, e3 := fast16[uint16(x)], fast16[uint16(x>>16)], fast16[uint16(x>>32)], fast16[x>>48]
			w := uint64(uint16(e0)) | uint64(uint16(e1))<<16 | uint64(uint16(e2))<<32 | uint64(uint16(e3))<<48
			if e0&e1&e2&e3&fastTwo != 0 {
				binary.LittleEndian.PutUint64(dst[d:d+8], w)
				d += 8
				i += 8
				continue
			}
			// The end of a word: step over its last runes that are two
			// bytes out, written with the block (bytes written past them
			// are overwritten next, or lie past the output's end), and
			// over the space that most often follows, into the next word.
			if e0&fastTwo != 0 {
				binary.LittleEndian.PutUint64(dst[d:d+8], w)
				n := twoLead(e1, e2)
				d += n
				i += n
			}
			if i < end && src[i] < 0x80 && t.copiesASCII(src[i], src, i) {
				c := src[i]
				dst[d] = c
				d++
				i++
				if src[i] >= 0x80 {
					continue
				}
			}
			break
		}
		if i+1 <= end && i+5 > end {
			// Near the end, where eight bytes cannot be read: two
			// runes at once.
			x := binary.LittleEndian.Uint32(src[i : i+4])
			e0, e1 := fast16[uint16(x)], fast16[x>>16]
			if e0&e1&fastTwo != 0 {
				binary.LittleEndian.PutUint32(dst[d:d+4], uint32(uint16(e0))|uint32(uint16(e1))<<16)
				d += 4
				i += 4
			}
		}
		for i < end {
			e := fast16[binary.LittleEndian.Uint16(src[i:i+2])]
			if e&fastSlow != 0 {
				break
			}
			// Both bytes are stored whatever their number n; the extra
			// ones are overwritten next.
			binary.LittleEndian.PutUint16(dst[d:d+2], uint16(e))
			d += int(e >> 16 & 3)
			i += 2
		}
		if i >= end {
			break
		}
		if c := src[i]; c < 0x80 {
			continue
		} else if c >= 0xE0 && c < 0xF0 && i+2 < len(src) && t.keep3(c, src[i+1], src[i+2]) {
			dst[d], dst[d+1], dst[d+2] = c, src[i+1], src[i+2]
			d += 3
			i += 3
			continue
		}
		break
	}
	return d, i
}

// copiesASCII reports whether the hot loop copies the ASCII byte c at
// src[i] as it is: a byte no rule touches, or a space or newline alone in its
// run (the rune after it is written). i+3 <= len(src).
func (t *tables) copiesASCII(c byte, src []byte, i int) bool {
	k := t.asciiFast[c]
	return k == asciiCopy || k == asciiLone && t.fast16[binary.LittleEndian.Uint16(src[i+1:])]&fastWrites != 0
}

// twoLead is the length in bytes of the runes at the start of a block of
// four that are two bytes out (fastTwo), the first being one and the block
// not being all of them, from the fast16 entries e1 and e2 of its second and
// third: 2, 4 or 6.
//
// It is arithmetic, not a switch: where a word ends depends on the text, and
// on text that does not repeat a switch here mispredicts at most word ends.
// In alternating runs the arithmetic was 12–22% faster on the ANERcorp text
// and on the seed corpus's words in random order, and 9–27% slower on the
// seed corpus repeated to 1 MiB, whose word ends the processor learns
// (bench/README.md).
func twoLead(e1, e2 uint32) int {
	a := int(e1 >> fastTwoShift & 1)
	return 2 + 2*a + 2*(a&int(e2>>fastTwoShift&1))
}

// fastMap is fast that records in m the change points of the map from
// dst (at position outBase) back to src (at offset base): none for runes it
// copies or replaces by as many bytes, which is nearly all of them, and one
// after a rune it deletes or shortens. It is a copy of fast, not fast with
// an optional map: the map's nil check and its two more arguments in fast
// cost plain normalization 4–9% (lucene and search, 1 MiB).
func (t *tables) fastMap(m *OffsetMap, dst []byte, d int, src []byte, i, base, outBase int) (int, int) {
	// As in fast.
	src, dst = src[:len(src):len(src)], dst[:len(dst):len(dst)]
	// The general path may leave the mapping off course (after a
	// deletion or an expansion): the first rune here puts it back.
	if i < len(src) {
		m.add(outBase+d, base+i)
	}
	// The loop writes no more bytes than it reads, so bounding i bounds d:
	// with i < end, i+3 <= len(src) and d+3 <= len(dst), and with i+5 <=
	// end, i+8 <= len(src) and d+8 <= len(dst).
	end := min(len(src), i+len(dst)-d) - 3
	fast16 := &t.fast16
	for i < end {
		c := src[i]
		if c < 0x80 {
			// i+3 <= len(src): the next rune's two bytes are there to
			// look at.
			if !t.copiesASCII(c, src, i) {
				break
			}
			dst[d] = c
			d++
			i++
			continue
		}
		for i+5 <= end {
			x := binary.LittleEndian.Uint64(src[i : i+8])
			e0, e1, e2, e3 := fast16[uint16(x)], fast16[uint16(x>>16)], fast16[uint16(x>>32)], fast16[x>>48]
			w := uint64(uint16(e0)) | uint64(uint16(e1))<<16 | uint64(uint16(e2))<<32 | uint64(uint16(e3))<<48
			if e0&e1&e2&e3&fastTwo != 0 {
				binary.LittleEndian.PutUint64(dst[d:d+8], w)
				d += 8
				i += 8
				continue
			}
			// The end of a word: step over its last runes that are two
			// bytes out, written with the block (bytes written past them
			// are overwritten next, or lie past the output's end), and
			// over the space that most often follows, into the next word.
			if e0&fastTwo != 0 {
				binary.LittleEndian.PutUint64(dst[d:d+8], w)
				n := twoLead(e1, e2)
				d += n
				i += n
			}
			if i < end && src[i] < 0x80 && t.copiesASCII(src[i], src, i) {
				c := src[i]
				dst[d] = c
				d++
				i++
				if src[i] >= 0x80 {
					continue
				}
			}
			break
		}
		if i+1 <= end && i+5 > end {
			// Near the end, where eight bytes cannot be read: two
			// runes at once.
			x := binary.LittleEndian.Uint32(src[i : i+4])
			e0, e1 := fast16[uint16(x)], fast16[x>>16]
			if e0&e1&fastTwo != 0 {
				binary.LittleEndian.PutUint32(dst[d:d+4], uint32(uint16(e0))|uint32(uint16(e1))<<16)
				d += 4
				i += 4
			}
		}
		for i < end {
			e := fast16[binary.LittleEndian.Uint16(src[i:i+2])]
			if e&fastSlow != 0 {
				break
			}
			// Both bytes are stored whatever their number n; the extra
			// ones are overwritten next.
			binary.LittleEndian.PutUint16(dst[d:d+2], uint16(e))
			n := int(e >> 16 & 3)
			d += n
			i += 2
			if n != 2 {
				// A deleted rune, or one replaced by a byte: the
				// next rune is further on in the source than in
				// the output.
				m.add(outBase+d, base+i)
			}
		}
		if i >= end {
			break
		}
		if c := src[i]; c < 0x80 {
			continue
		} else if c >= 0xE0 && c < 0xF0 && i+2 < len(src) && t.keep3(c, src[i+1], src[i+2]) {
			dst[d], dst[d+1], dst[d+2] = c, src[i+1], src[i+2]
			d += 3
			i += 3
			continue
		}
		break
	}
	return d, i
}

// fastOffsets is fast that also records the source offset of each byte it
// writes (offs is as long as dst). Stretches where every rune is written as
// long as it is read go to fastAligned; a rune that is deleted or written
// shorter, and every two-byte rune after it up to the next rune the general
// path takes (in practice, the rest of its word), are written here one at a
// time.
func (t *tables) fastOffsets(dst []byte, offs []int32, d int, src []byte, i, base int) (int, int) {
	// As in fast, whole words with capacities clipped.
	src, dst, offs = src[:len(src):len(src)], dst[:len(dst):len(dst)], offs[:len(dst):len(dst)]
	// As in fast, i < end bounds both i and d: i+3 <= len(src) and
	// d+3 <= len(dst).
	end := min(len(src), i+len(dst)-d) - 3
	fast16 := &t.fast16
	for i < end {
		start := i
		// src[i:end+3] is no longer than dst[d:]: since end was set, d
		// has gone no further than i (nothing here writes more bytes
		// than it reads).
		k := t.fastAligned(dst[d:], offs[d:], src[i:end+3], base+i)
		d += k
		i += k
		for i < end {
			e := fast16[binary.LittleEndian.Uint16(src[i:i+2])]
			if e&fastSlow != 0 {
				break
			}
			// Both bytes are stored whatever their number n; the extra
			// ones are overwritten next. A byte copied unchanged maps to
			// its own source byte, a replacement's bytes to the start of
			// the rune.
			binary.LittleEndian.PutUint16(dst[d:d+2], uint16(e))
			o := int32(base + i)
			offs[d], offs[d+1] = o, o+int32(e>>fastNextShift)
			d += int(e >> 16 & 3)
			i += 2
		}
		if i == start {
			break
		}
	}
	return d, i
}

// fastAligned is the loop of fast for a stretch of src in which every rune
// is written with as many bytes as it is read: it writes src to dst, and to
// offs the source offset base+k of each byte k, the second byte of a replaced
// rune mapping to its first, and returns the number of bytes done. It stops
// where fast stops (at a rune the general path takes), at a rune fast would
// delete or shorten, and within the last three bytes of src, which is no
// longer than dst and offs.
//
// One index and one length serve src, dst and offs, so that the loop's
// values fit in registers; the loop fastOffsets had before, with an index
// for each side like fast's, spilled them to the stack in every block. The offsets of a block
// are computed from its entries without a branch on whether a rune is
// replaced: such a branch measured faster on the benchmarks' repeated text,
// whose pattern the processor's predictor learns, and slower on text that
// does not repeat (bench/README.md).
func (t *tables) fastAligned(dst []byte, offs []int32, src []byte, base int) int {
	n := len(src)
	// As in fast, whole words with capacities clipped.
	src, dst, offs = src[:n:n], dst[:n:n], offs[:n:n]
	end := n - 3
	fast16 := &t.fast16
	k := 0
	for k < end {
		c := src[k]
		if c < 0x80 {
			if !t.copiesASCII(c, src, k) {
				break
			}
			dst[k], offs[k] = c, int32(base+k)
			k++
			continue
		}
		for k+8 <= n {
			x := binary.LittleEndian.Uint64(src[k : k+8])
			e0, e1, e2, e3 := fast16[uint16(x)], fast16[uint16(x>>16)], fast16[uint16(x>>32)], fast16[x>>48]
			if e0&fastTwo == 0 {
				break
			}
			// Combined before the stores: 3-5% faster with offsets
			// in alternating runs than after them.
			all := e0 & e1 & e2 & e3
			// Each byte maps to its own source byte, but the second
			// byte of a replaced rune to its first.
			binary.LittleEndian.PutUint64(dst[k:k+8], uint64(uint16(e0))|uint64(uint16(e1))<<16|uint64(uint16(e2))<<32|uint64(uint16(e3))<<48)
			o, o8 := int32(base+k), offs[k:k+8]
			o8[0], o8[1], o8[2], o8[3] = o, o+int32(e0>>fastNextShift), o+2, o+2+int32(e1>>fastNextShift)
			o8[4], o8[5], o8[6], o8[7] = o+4, o+4+int32(e2>>fastNextShift), o+6, o+6+int32(e3>>fastNextShift)
			if all&fastTwo != 0 {
				k += 8
				continue
			}
			// The end of a word, as in fast: what was written past its
			// last runes is overwritten next, or lies past the end.
			k += twoLead(e1, e2)
			if k < end && src[k] < 0x80 && t.copiesASCII(src[k], src, k) {
				dst[k], offs[k] = src[k], int32(base+k)
				k++
				if src[k] >= 0x80 {
					continue
				}
			}
			break
		}
		for k < end {
			e := fast16[binary.LittleEndian.Uint16(src[k:k+2])]
			if e&fastTwo == 0 {
				break
			}
			binary.LittleEndian.PutUint16(dst[k:k+2], uint16(e))
			o := int32(base + k)
			offs[k], offs[k+1] = o, o+int32(e>>fastNextShift)
			k += 2
		}
		if k >= end {
			break
		}
		if c := src[k]; c < 0x80 {
			continue
		} else if c >= 0xE0 && c < 0xF0 && t.keep3(c, src[k+1], src[k+2]) {
			dst[k], dst[k+1], dst[k+2] = c, src[k+1], src[k+2]
			o := int32(base + k)
			offs[k], offs[k+1], offs[k+2] = o, o+1, o+2
			k += 3
			continue
		}
		break
	}
	return k
}

// scan returns the end of the longest run of src from i that normalization
// leaves as it is. It is the hot loop: one table lookup per rune, with the
// UTF-8 validity check folded into the two-byte table.
func (t *tables) scan(src []byte, i int) int {
	for i < len(src) {
		c := src[i]
		if c < 0x80 {
			if t.ascii[c] == actKeep {
				i++
				continue
			}
			// A single space (or newline) between two kept characters is
			// already collapsed.
			if t.lone[c] && i+1 < len(src) && t.writesNext(src[i+1:]) {
				i++
				continue
			}
			return i
		}
		if x := uint(c) - 0xC0; x < 0x20 {
			if i+1 < len(src) && t.keep2[(x<<8|uint(src[i+1]))&0x1FFF] {
				i += 2
				continue
			}
			return i
		}
		if c >= 0xE0 && c < 0xF0 && i+2 < len(src) && t.keep3(c, src[i+1], src[i+2]) {
			i += 3
			continue
		}
		return i
	}
	return i
}

// writesNext reports whether src starts with a rune that fast writes as one
// or two bytes that are not white space: ASCII that is copied, or a two-byte
// rune that is kept or replaced. A space before it is then alone in its run.
// Deleted runes are not: the run may go on after them.
func (t *tables) writesNext(src []byte) bool {
	switch {
	case len(src) > 1:
		return t.fast16[binary.LittleEndian.Uint16(src)]&fastWrites != 0
	case len(src) == 1:
		return src[0] < 0x80 && t.asciiFast[src[0]] == asciiCopy
	}
	return false
}

// emit writes out, a replacement made of final runes and white space, at
// dst[d:], passing its white space through the collapsing state. All its
// bytes map to source offset off. The caller has checked that dst has room
// for len(out)+1 bytes.
func (t *tables) emit(st *state, dst []byte, offs []int32, d int, out []byte, off int) int {
	for len(out) > 0 {
		r, size := utf8.DecodeRune(out)
		a := actKeep
		if r < 0x80 {
			a = t.ascii[r]
		} else if r != utf8.RuneError || size != 1 {
			a = t.lookup(r)
		}
		switch k := a & kindMask; k {
		case actSpace, actNewline:
			st.pend(k, off)
		case actDelete:
		default:
			if st.ws != 0 {
				d = st.flush(dst, offs, d)
			}
			copy(dst[d:], out[:size])
			if offs != nil {
				fill(offs[d:d+size], int32(off))
			}
			d += size
		}
		out = out[size:]
	}
	return d
}

// copyRun records at offs[d:d+n] the source offsets off, off+1, … of n
// bytes copied unchanged.
func copyRun(offs []int32, d, n, off int) {
	o := offs[d : d+n]
	for k := range o {
		o[k] = int32(off + k)
	}
}

func fill(offs []int32, v int32) {
	for k := range offs {
		offs[k] = v
	}
}
