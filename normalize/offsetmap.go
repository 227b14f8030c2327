package normalize

import (
	"slices"
	"unicode/utf8"
)

// An OffsetMap maps the positions of a normalized text back to its source,
// as the offsets of AppendNormalizedOffsets do, but it records only where
// the mapping changes course: a run of text that normalization keeps, or
// rewrites rune by rune into runes of the same length (ة → ه, أ → ا), is one
// entry, however long. Building it (AppendNormalizedMap) costs little on
// top of normalizing (0–4% for lucene and search on the benchmarks'
// inputs), and it takes memory in proportion to the deletions and
// length changes, not to the text. It is what a Lucene CharFilter keeps to
// correct offsets.
//
// It answers for rune boundaries of the normalized text: Source(i) for the
// output rune that starts at i is offs[i] of AppendNormalizedOffsets, and
// SourceSpan(norm, i, j) is SourceSpan(offs, srcLen, i, j) whenever i and j
// are rune boundaries (a position inside a rune is taken as the start of
// that rune for i and its end for j), with one difference: a span that ends
// with the U+034F that Compatibility inserts before a mark it copies ends,
// by the per-byte offsets, inside that mark's source; by the map, after it.
// Inside a rune the per-byte offsets tell a copied rune (each byte its own)
// from a replaced one (every byte the rune's start); a span never needs that.
//
// The zero OffsetMap is ready to use; AppendNormalizedMap resets it. Reusing
// one keeps normalization with a map free of allocations.
type OffsetMap struct {
	// out and src are the change points: the output rune that starts at
	// out[k] comes from src[k], and every rune after it up to out[k+1] is
	// as far from out[k] in the source as in the output.
	out, src       []int32
	outLen, srcLen int
	// next is where Source found its last answer: the number of change
	// points at or before the position it was asked.
	next int
	// win is the per-byte offsets of the stretches the general path
	// writes, compressed into change points as they end.
	win []int32
}

// mapWindow is the most output a call of the normalizer writes at once when
// building an OffsetMap under Compatibility, where every path writes per-byte
// offsets into a scratch window, as long as the source when it is shorter: a
// window much shorter than that costs time there (64 KiB windows took twice
// as long on 1 MiB).
const mapWindow = 1 << 20

// runWindow is the same for the other rule sets, whose scratch only the
// general path writes, a rune here and there, at the rune's place in the
// window: a window that stays in the processor's cache (256 KiB of offsets)
// keeps those writes from missing it on a long text (with 1 MiB windows
// search took 1.12–1.29× as long per MiB on 64 MiB as on 1 MiB, with 64 KiB
// windows 1.03–1.06×).
const runWindow = 64 << 10

// reset empties m for a source of srcLen bytes, to be written in windows of
// at most window bytes; it returns the window's length.
func (m *OffsetMap) reset(srcLen, window int) int {
	m.out, m.src, m.outLen, m.srcLen, m.next = m.out[:0], m.src[:0], 0, 0, 0
	need := min(srcLen+minRoom, window)
	if len(m.win) < need {
		m.win = make([]int32, need)
	}
	return need
}

// course is how much further on in the source than in the output the runes
// after the last change point are (0 before the first).
func (m *OffsetMap) course() int32 {
	if n := len(m.out); n > 0 {
		return m.src[n-1] - m.out[n-1]
	}
	return 0
}

// add records that the output rune at out comes from source offset src. It
// records a change point only where the mapping changes course. A change
// point already at out (written ahead, after a deletion, before the rune it
// leads to) is corrected instead, and dropped if the correction puts it on
// the course before it.
func (m *OffsetMap) add(out, src int) {
	o, s := int32(out), int32(src)
	if n := len(m.out); n > 0 && m.out[n-1] == o {
		m.out, m.src = m.out[:n-1], m.src[:n-1]
	}
	if s-o != m.course() {
		m.out = append(m.out, o)
		m.src = append(m.src, s)
	}
}

// compress records the per-byte offsets offs of the output text out, which
// starts at output position at, one rune at a time.
func (m *OffsetMap) compress(out []byte, offs []int32, at int) {
	for p, c := range out {
		// A rune on the course of the last change point adds nothing.
		if utf8.RuneStart(c) && offs[p]-int32(at+p) != m.course() {
			m.add(at+p, int(offs[p]))
		}
	}
}

// Len is the length of the normalized text the map is for.
func (m *OffsetMap) Len() int { return m.outLen }

// Changes is the number of change points the map holds: the size of what it
// keeps, which AppendNormalizedOffsets would keep as Len() int32s.
func (m *OffsetMap) Changes() int { return len(m.out) }

// Source returns the source offset of the output rune that starts at i, the
// length of the source for i at or past the end. It remembers where it found
// the last answer, so that positions asked in text order cost a step or two
// each; an OffsetMap is therefore, like a bytes.Buffer, for one goroutine at
// a time.
func (m *OffsetMap) Source(i int) int {
	if i >= m.outLen {
		return m.srcLen
	}
	// k is the number of change points at or before i.
	k, n := min(m.next, len(m.out)), len(m.out)
	if k > 0 && int(m.out[k-1]) > i {
		k, _ = slices.BinarySearch(m.out[:k-1], int32(i)+1)
	}
	for step := 0; k < n && int(m.out[k]) <= i; step++ {
		if step == 4 {
			more, _ := slices.BinarySearch(m.out[k:], int32(i)+1)
			k += more
			break
		}
		k++
	}
	m.next = k
	if k == 0 {
		return i
	}
	return int(m.src[k-1]) + i - int(m.out[k-1])
}

// Span returns Source(i) and Source(j) for rune boundaries i <= j <= Len(),
// and reports whether the map keeps its course from i to j: no change point
// lies in (i, j], so that every rune start p of [i, j] maps to start + p - i.
// It is false for j = Len(). It costs one lookup where two calls of Source
// cost two.
func (m *OffsetMap) Span(i, j int) (start, end int, straight bool) {
	start = m.Source(i)
	if k := m.next; j < m.outLen && (k == len(m.out) || int(m.out[k]) > j) {
		return start, start + j - i, true
	}
	return start, m.Source(j), false
}

// SourceSpan maps the span [i, j) of the normalized text norm, which the map
// was built for, back to its source, as the package's SourceSpan does from
// per-byte offsets: the start is where the first rune came from, the end
// where the next rune that comes from further on does (so that deleted
// diacritics after the span's last letter fall inside), or the end of the
// source.
func (m *OffsetMap) SourceSpan(norm []byte, i, j int) (start, end int) {
	if i >= len(norm) {
		return m.srcLen, m.srcLen
	}
	for i > 0 && !utf8.RuneStart(norm[i]) {
		i--
	}
	start = m.Source(i)
	if j <= i {
		return start, start
	}
	for j < len(norm) && !utf8.RuneStart(norm[j]) {
		j++
	}
	r := j - 1
	for r > i && !utf8.RuneStart(norm[r]) {
		r--
	}
	last := m.Source(r)
	for j < len(norm) {
		if s := m.Source(j); s > last {
			return start, s
		}
		_, size := utf8.DecodeRune(norm[j:])
		j += size
	}
	return start, m.srcLen
}

// AppendNormalizedMap is AppendNormalized that also fills m with the map
// from positions of the appended text (0 is the first byte appended) back to
// src. It allocates only when dst lacks capacity or m is new or has grown
// too small.
func (n *Normalizer) AppendNormalizedMap(dst []byte, m *OffsetMap, src []byte) []byte {
	window := mapWindow
	var st state
	if !n.t.compat {
		// run compresses the general path's stretches itself and has the
		// hot loop record its few change points directly.
		st.m, window = m, runWindow
	}
	window = m.reset(len(src), window)
	out0 := len(dst)
	for base := 0; ; {
		if cap(dst)-len(dst) < minRoom {
			dst = slices.Grow(dst, len(src)-base+minRoom)
		}
		room := min(cap(dst)-len(dst), window)
		st.outBase = len(dst) - out0
		out := dst[len(dst) : len(dst)+room]
		nd, ns, err := n.process(&st, out, m.win[:room], base, src[base:], true)
		if st.m == nil {
			m.compress(out[:nd], m.win[:nd], st.outBase)
		}
		dst = dst[:len(dst)+nd]
		base += ns
		if err == nil {
			st.release()
			m.outLen, m.srcLen = len(dst)-out0, len(src)
			return dst
		}
	}
}
