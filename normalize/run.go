package normalize

import (
	"sync"
	"unicode/utf8"

	"golang.org/x/text/transform"
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
}

// scratch holds the buffers of the NFKC path. norm.Form.Append keeps
// hold of its buffers, so they cannot live on the stack; pooling them keeps
// AppendNormalized free of allocations once warm.
type scratch struct{ a, b []byte }

var scratchPool = sync.Pool{New: func() any {
	return &scratch{a: make([]byte, 0, 512), b: make([]byte, 0, 512)}
}}

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
		if st.ws == 0 {
			if offs == nil {
				d, i = t.fast(dst, d, src, i)
			} else {
				d, i = t.fastOffsets(dst, offs, d, src, i, base)
			}
			if i == len(src) {
				break
			}
		}
		// The general path: one rune, whatever it is.
		c := src[i]
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
		i += size
	}
	if flush && atEOF && st.ws != 0 {
		if d == len(dst) {
			return d, i, transform.ErrShortDst
		}
		d = st.flush(dst, offs, d)
	}
	return d, i, nil
}

// fast is the hot loop. It writes src[i:] to dst[d:] for as long as every
// rune is ASCII, a two-byte rune that is kept, deleted or replaced by at most
// two bytes, or a kept three-byte rune, and returns where it stopped. With no
// white space pending, these need no state. It leaves the last bytes of dst
// and src to the general path, which checks room per rune.
//
// A space (or newline) is written as it is on the guess that it stands alone
// between two written characters, the common case; if what follows is not
// written here, the space is taken back and the general path decides.
func (t *tables) fast(dst []byte, d int, src []byte, i int) (int, int) {
	// The loop writes no more bytes than it reads, so bounding i bounds d:
	// d stays below len(dst)-3, leaving room for three bytes.
	end := min(len(src)-1, i+len(dst)-d-3)
	lone := -2 // where the last space written on a guess is in src
	for i < end {
		c := src[i]
		if c < 0x80 {
			if k := t.asciiFast[c]; k != asciiCopy {
				if k != asciiLone || lone == i-1 {
					break
				}
				lone = i
			}
			dst[d] = c
			d++
			i++
			continue
		}
		if e := t.fast2[(uint(c)&0x7F)<<8|uint(src[i+1])]; e&fastSlow == 0 {
			n := int(e >> 16 & 3)
			if n == 0 && lone == i-1 {
				break // a deleted rune after a space: the space's run may go on
			}
			// Both bytes are stored whatever n is; the extra ones are
			// overwritten next.
			dst[d], dst[d+1] = byte(e), byte(e>>8)
			d += n
			i += 2
			continue
		}
		if c >= 0xE0 && c < 0xF0 && i+2 < len(src) && t.keep3(c, src[i+1], src[i+2]) {
			dst[d], dst[d+1], dst[d+2] = c, src[i+1], src[i+2]
			d += 3
			i += 3
			continue
		}
		break
	}
	if lone == i-1 {
		i--
		d--
	}
	return d, i
}

// fastOffsets is fast that also records the source offset of each byte it
// writes (offs is as long as dst).
func (t *tables) fastOffsets(dst []byte, offs []int32, d int, src []byte, i, base int) (int, int) {
	offs = offs[:len(dst)]
	end := min(len(src)-1, i+len(dst)-d-3)
	lone := -2
	for i < end {
		c := src[i]
		o := int32(base + i)
		if c < 0x80 {
			if k := t.asciiFast[c]; k != asciiCopy {
				if k != asciiLone || lone == i-1 {
					break
				}
				lone = i
			}
			dst[d], offs[d] = c, o
			d++
			i++
			continue
		}
		if e := t.fast2[(uint(c)&0x7F)<<8|uint(src[i+1])]; e&fastSlow == 0 {
			n := int(e >> 16 & 3)
			if n == 0 && lone == i-1 {
				break
			}
			dst[d], dst[d+1] = byte(e), byte(e>>8)
			// A byte copied unchanged maps to its own source byte, a
			// replacement's bytes to the start of the rune.
			offs[d], offs[d+1] = o, o+int32(1&^(e>>18))
			d += n
			i += 2
			continue
		}
		if c >= 0xE0 && c < 0xF0 && i+2 < len(src) && t.keep3(c, src[i+1], src[i+2]) {
			dst[d], dst[d+1], dst[d+2] = c, src[i+1], src[i+2]
			offs[d], offs[d+1], offs[d+2] = o, o+1, o+2
			d += 3
			i += 3
			continue
		}
		break
	}
	if lone == i-1 {
		i--
		d--
	}
	return d, i
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
			if t.lone[c] && i+1 < len(src) && t.keepsNext(src[i+1:]) {
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

// keepsNext reports whether src starts with a one- or two-byte rune that is
// written as one or two bytes that are not white space. A space before it is
// then alone in its run.
func (t *tables) keepsNext(src []byte) bool {
	c := src[0]
	if c < 0x80 {
		return t.ascii[c] == actKeep
	}
	if len(src) > 1 {
		e := t.fast2[(uint(c)&0x7F)<<8|uint(src[1])]
		return e&fastSlow == 0 && e>>16&3 != 0
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
