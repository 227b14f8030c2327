// Package normalize is the Arabic text normalizer of the hot path: it removes
// diacritics, tatweel and invisible controls, unifies letter variants, maps
// presentation forms, digits and punctuation, and collapses white space,
// under a chosen set of rules.
//
// A Normalizer is built from a Rule set (New) or a named preset (Preset):
//
//   - camel reproduces CAMeL Tools' normalize_unicode + dediac_ar +
//     normalize_alef_ar + normalize_alef_maksura_ar + normalize_teh_marbuta_ar;
//   - lucene reproduces Lucene's ArabicNormalizer, which Bleve's normalize_ar
//     filter copies;
//   - search applies every rule that helps matching;
//   - light removes only invisible noise (tatweel, zero-width and bidi
//     controls) and replaces presentation forms.
//
// camel differs from CAMeL Tools where its chain is not idempotent or its
// NFKC is not x/text's: it repeats NFKC and the letter rules until stable (ى
// + U+0654 gives ئ, where one pass gives ي + U+0654, which NFKC would then
// compose); it inserts U+034F after 30 combining marks in a row, as
// golang.org/x/text/unicode/norm does (Python's unicodedata does not); and it
// follows the Unicode version of golang.org/x/text.
//
// Output is always valid UTF-8: each invalid input byte becomes U+FFFD.
// Normalizing twice gives the same text as normalizing once, for every
// preset. AppendNormalized and AppendNormalizedOffsets append into the
// caller's buffers and allocate nothing once those have room; a Normalizer is
// also a transform.Transformer, so it streams and composes with
// golang.org/x/text.
//
// # Offsets
//
// AppendNormalizedOffsets records, for every output byte, the byte offset in
// the source of where it came from, so that a span found on normalized text
// maps back to the raw text (SourceSpan):
//
//   - a byte copied unchanged maps to its own source byte;
//   - every byte of a replacement (ة → ه, ﻻ → لا, ﷺ → صلى الله عليه وسلم)
//     maps to the start of the source rune it replaces, and under
//     Compatibility every byte of a segment that NFKC changed maps to the
//     start of that segment (its base letter);
//   - a deleted rune (a haraka, tatweel, a zero-width control) has no output
//     byte: it falls inside the span of the output byte before it, so a word's
//     trailing diacritics belong to the word's source span;
//   - a collapsed white space run maps to the offset of its first character,
//     and the U+034F that Compatibility inserts after 30 combining marks (as
//     NFKC does) to the start of the segment it comes before.
//
// The offsets never decrease and each is a valid index into the source. They
// are int32, four bytes per output byte: sources of up to 2 GiB; stream
// larger texts through Transform, which records none.
//
// AppendNormalizedMap gives the same mapping at rune boundaries as an
// OffsetMap, which keeps only the points where the mapping changes course
// (after a deletion or a change of length), as a Lucene CharFilter does:
// building it costs 0–4% on top of normalizing where per-byte offsets cost
// 15–31% (lucene and search, on the benchmarks' inputs, bench/README.md).
// Use it to map spans that start and end on rune boundaries (tokens,
// matches), the per-byte offsets to look inside a rune.
package normalize

import (
	"slices"

	"golang.org/x/text/transform"
)

// Normalizer normalizes Arabic text under one rule set.
//
// AppendNormalized, AppendNormalizedOffsets, AppendNormalizedMap (each call
// with its own OffsetMap), String and Span keep no state and are safe for
// concurrent use. Transform and Reset carry the state of one
// stream (a white space run that straddles two chunks): use one Normalizer
// per stream.
type Normalizer struct {
	t    *tables
	name string
	st   state
}

var (
	_ transform.SpanningTransformer = (*Normalizer)(nil)
)

// New returns a Normalizer that applies the given rules. Its tables are
// built on first use of a rule set and shared afterwards.
func New(rules Rule) *Normalizer {
	return &Normalizer{t: tablesFor(rules), name: rules.String()}
}

// Preset returns a Normalizer for the named preset (see Presets). An unknown
// name is an error that lists the presets.
func Preset(name string) (*Normalizer, error) {
	rules, _, err := PresetRules(name)
	if err != nil {
		return nil, err
	}
	return &Normalizer{t: tablesFor(rules), name: name}, nil
}

// Name is the preset name, or the rule list for a Normalizer made by New. It
// is what score signatures record.
func (n *Normalizer) Name() string { return n.name }

// Rules is the rule set the Normalizer applies.
func (n *Normalizer) Rules() Rule { return n.t.rules }

// minRoom is the output room that always lets normalization make progress:
// the longest replacement of one rune (or of one NFKC segment) plus a
// pending space.
const minRoom = 1024

func (n *Normalizer) process(st *state, dst []byte, offs []int32, base int, src []byte, atEOF bool) (int, int, error) {
	if n.t.compat {
		return n.t.runCompat(st, dst, offs, base, src, atEOF, true)
	}
	return n.t.run(st, dst, offs, base, src, atEOF, true)
}

// AppendNormalized appends the normalized src to dst and returns the
// extended buffer. It allocates only when dst lacks capacity.
func (n *Normalizer) AppendNormalized(dst, src []byte) []byte {
	var st state
	for base := 0; ; {
		nd, ns, err := n.process(&st, dst[len(dst):cap(dst)], nil, base, src[base:], true)
		dst = dst[:len(dst)+nd]
		base += ns
		if err == nil {
			st.release()
			return dst
		}
		dst = slices.Grow(dst, len(src)-base+minRoom)
	}
}

// AppendNormalizedOffsets is AppendNormalized that also appends to offs, for
// every byte it appends to dst, the offset in src of where the byte came from
// (see the package documentation). It returns both extended buffers and
// allocates only when they lack capacity.
func (n *Normalizer) AppendNormalizedOffsets(dst []byte, offs []int32, src []byte) ([]byte, []int32) {
	var st state
	for base := 0; ; {
		room := min(cap(dst)-len(dst), cap(offs)-len(offs))
		nd, ns, err := n.process(&st, dst[len(dst):len(dst)+room], offs[len(offs):len(offs)+room], base, src[base:], true)
		dst = dst[:len(dst)+nd]
		offs = offs[:len(offs)+nd]
		base += ns
		if err == nil {
			st.release()
			return dst, offs
		}
		need := len(src) - base + minRoom
		dst = slices.Grow(dst, need)
		offs = slices.Grow(offs, need)
	}
}

// String returns s normalized; s itself when nothing changes.
func (n *Normalizer) String(s string) string {
	src := []byte(s)
	if k, err := n.Span(src, true); k == len(s) && err == nil {
		return s
	}
	return string(n.AppendNormalized(make([]byte, 0, len(s)+len(s)/8), src))
}

// SourceSpan maps the span [i, j) of a normalized text back to its source,
// given the offsets AppendNormalizedOffsets recorded for that text and the
// length of the source. A span that ends inside the output of one source rune
// (half of the expansion of a ligature) extends to the end of that rune; a
// span that ends where the output ends extends to the end of the source.
func SourceSpan(offs []int32, srcLen, i, j int) (start, end int) {
	if i >= len(offs) {
		return srcLen, srcLen
	}
	start = int(offs[i])
	if j <= i {
		return start, start
	}
	last := offs[j-1]
	for ; j < len(offs); j++ {
		if offs[j] > last {
			return start, int(offs[j])
		}
	}
	return start, srcLen
}
