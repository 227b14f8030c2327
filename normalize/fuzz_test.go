package normalize

import (
	"bytes"
	"math/rand/v2"
	"slices"
	"testing"
	"unicode/utf8"
)

// FuzzNormalize checks, for every preset, that normalization never panics,
// writes valid UTF-8, is idempotent, records one offset per output byte that
// never decreases and stays inside the source, and gives the same text
// through AppendNormalized, AppendNormalizedOffsets, Transform fed in small
// pieces, and Span.
func FuzzNormalize(f *testing.F) {
	for _, s := range tricky {
		f.Add([]byte(s))
	}
	seed := seedText()
	for i := 0; i+400 <= len(seed); i += 9000 {
		f.Add(seed[i : i+400])
	}
	ns := allPresets(f)
	f.Fuzz(func(t *testing.T, src []byte) {
		for _, n := range ns {
			out := n.AppendNormalized(nil, src)
			if !utf8.Valid(out) {
				t.Fatalf("%s: invalid UTF-8 out of %q: %q", n.Name(), src, out)
			}
			if again := n.AppendNormalized(nil, out); !bytes.Equal(again, out) {
				t.Fatalf("%s: not idempotent on %q: %q then %q", n.Name(), src, out, again)
			}
			out2, offs := n.AppendNormalizedOffsets(nil, nil, src)
			if !bytes.Equal(out2, out) {
				t.Fatalf("%s: offsets variant writes %q, plain one %q", n.Name(), out2, out)
			}
			checkOffsets(t, n.Name(), src, out2, offs)
			chunk := 1 + len(src)%7
			if got := transformChunks(t, n, src, 1+len(src)%5, chunk); !bytes.Equal(got, out) {
				t.Fatalf("%s: Transform in chunks of %d writes %q, AppendNormalized %q", n.Name(), chunk, got, out)
			}
			checkSpan(t, n, src)
		}
	})
}

// generalPath returns a Normalizer of the same rules as n that takes the
// general path only: no hot loop (fast, fastOffsets) and, under
// Compatibility, no quick check but golang.org/x/text's.
func generalPath(n *Normalizer) *Normalizer {
	t := build(n.t.rules)
	t.general = true
	return &Normalizer{t: t, name: n.name + " (general path)"}
}

// sameAsGeneral fails t unless fast and general (the same rules, general
// path only) write the same text and the same offsets for src.
func sameAsGeneral(t testing.TB, fast, general *Normalizer, src []byte) {
	t.Helper()
	want, got := general.AppendNormalized(nil, src), fast.AppendNormalized(nil, src)
	if !bytes.Equal(want, got) {
		t.Fatalf("%s: %q: fast path writes %q, general path %q", fast.Name(), src, got, want)
	}
	wantText, wantOffs := general.AppendNormalizedOffsets(nil, nil, src)
	gotText, gotOffs := fast.AppendNormalizedOffsets(nil, nil, src)
	if !bytes.Equal(wantText, gotText) || !slices.Equal(wantOffs, gotOffs) {
		t.Fatalf("%s: %q: with offsets the fast path writes %q %v, the general path %q %v", fast.Name(), src, gotText, gotOffs, wantText, wantOffs)
	}
	mapAgrees(t, fast, src, wantText, wantOffs)
	mapAgrees(t, general, src, wantText, wantOffs)
}

// runeEnd returns where the source rune that holds byte k ends (k itself
// when a rune starts there).
func runeEnd(src []byte, k int) int {
	for p := 0; p < len(src); {
		_, size := utf8.DecodeRune(src[p:])
		if p+size > k {
			if p == k {
				return k
			}
			return p + size
		}
		p += size
	}
	return k
}

// mapAgrees fails t unless n's OffsetMap of src holds only change points
// and gives the per-byte offsets offs of the normalized text norm at every
// rune boundary: Source at each rune start, and SourceSpan for every span of up to 24 bytes and every span
// to the end — except that where the per-byte offsets end a span inside a
// source rune (after the U+034F that Compatibility inserts before a copied
// mark), the map ends it where that rune ends.
func mapAgrees(t testing.TB, n *Normalizer, src, norm []byte, offs []int32) {
	t.Helper()
	var m OffsetMap
	text := n.AppendNormalizedMap([]byte("prefix"), &m, src)
	if !bytes.Equal(text[len("prefix"):], norm) || m.Len() != len(norm) {
		t.Fatalf("%s: %q: with a map writes %q, without %q", n.Name(), src, text[len("prefix"):], norm)
	}
	// Only change points: each at a later position than the one before,
	// and off the course the one before set.
	var course int32
	for k := range m.out {
		if k > 0 && m.out[k] <= m.out[k-1] || m.src[k]-m.out[k] == course {
			t.Fatalf("%s: %q: change point %d (%d from %d) is redundant or out of order: %v %v", n.Name(), src, k, m.out[k], m.src[k], m.out, m.src)
		}
		course = m.src[k] - m.out[k]
	}
	var starts []int
	for p := range norm {
		if utf8.RuneStart(norm[p]) {
			starts = append(starts, p)
			if got := m.Source(p); got != int(offs[p]) {
				t.Fatalf("%s: %q: Source(%d) = %d, the offsets say %d (%v; map %v %v)", n.Name(), src, p, got, offs[p], offs, m.out, m.src)
			}
		}
	}
	starts = append(starts, len(norm))
	for a, i := range starts {
		for _, j := range starts[a:] {
			if j-i > 24 && j != len(norm) {
				break
			}
			if i < len(norm) {
				spanAgrees(t, n, &m, src, norm, offs, i, j)
			}
			ws, we := SourceSpan(offs, len(src), i, j)
			gs, ge := m.SourceSpan(norm, i, j)
			if gs != ws || ge != we && runeEnd(src, we) != ge {
				t.Fatalf("%s: %q: SourceSpan(%d, %d) = %d, %d by the map, %d, %d by the offsets %v", n.Name(), src, i, j, gs, ge, ws, we, offs)
			}
		}
	}
}

// spanAgrees fails t unless m.Span(i, j) gives Source(i) and Source(j),
// is not straight at the end of the output, and, when it says straight, the
// per-byte offsets offs put every rune start of norm in [i, j] at start +
// its distance from i.
func spanAgrees(t testing.TB, n *Normalizer, m *OffsetMap, src, norm []byte, offs []int32, i, j int) {
	t.Helper()
	start, end, straight := m.Span(i, j)
	if start != m.Source(i) || end != m.Source(j) {
		t.Fatalf("%s: %q: Span(%d, %d) = %d, %d; Source gives %d, %d", n.Name(), src, i, j, start, end, m.Source(i), m.Source(j))
	}
	if straight && j >= len(norm) {
		t.Fatalf("%s: %q: Span(%d, %d) is straight at the end of the output", n.Name(), src, i, j)
	}
	for p := i; straight && p <= j; p++ {
		if utf8.RuneStart(norm[p]) && int(offs[p]) != start+p-i {
			t.Fatalf("%s: %q: Span(%d, %d) is straight, but byte %d comes from %d, not %d (%v)", n.Name(), src, i, j, p, offs[p], start+p-i, offs)
		}
	}
}

// normalizable returns n bytes of random text drawn from what the hot loop
// and the per-run NFKC table take (Arabic letters, spaces) and from what
// makes them stop or change course: letter variants, harakat in and out of
// canonical order, combining hamza after letters the rules map, tatweel,
// invisible controls, white space runs, presentation forms, compatibility
// characters, three-byte runes, invalid and cut UTF-8.
func normalizable(rng *rand.Rand, n int) []byte {
	pieces := []string{
		"ب", "ت", "ا", "ل", "م", "ي", "و", "ن", "ه", "ع", " ", " ", " ", "\n", "a", "Z", "7", ".",
		"أ", "إ", "آ", "ٱ", "ى", "ة", "ؤ", "ئ", "ی", "ک", "ە", "٣", "۴", "،", "؟", "«", "“",
		"\u064E", "\u064F", "\u0650", "\u0651", "\u0652", "\u0670", "\u0654", "\u0655", "\u0653", "\u0616",
		"ـ", "\u200B", "\u200F", "\u2060", "\uFEFF", "\t", "\r\n", "\u00A0", "\u2028", "\u0085",
		"ﻻ", "ﺏ", "ﷺ", "ﷻ", "ﷲ", "ﷺ", "﷽", "﷼", "ﹶ", "²", "Ａ", "ﬁ", "é", "e\u0301", "한", "\u1100\u1161",
		"\u034F", "\u08A0", "\u0300", "\xff", "\xd8", "\xe2\x80", "\xc0\x80", "\U0001F600",
	}
	var b []byte
	for len(b) < n {
		b = append(b, pieces[rng.IntN(len(pieces))]...)
	}
	return b
}

// The fast paths write what the general path writes, offsets included, for
// every preset and two other rule sets with Compatibility, on the seed
// corpus, the tricky inputs and random text.
func TestFastPathEqualsGeneralPath(t *testing.T) {
	seed := seedText()
	rng := rand.New(rand.NewPCG(5, 6))
	// Beside the presets, rule sets that add to NFKC the rules that remove
	// starters (tatweel, invisible controls) and collapse white space.
	custom := []*Normalizer{
		New(Compatibility | Tatweel | Invisible | Whitespace | Diacritics | AlefVariants),
		New(Compatibility | Digits | Punctuation | PersianLetters | HamzaCarriers | CombiningHamza | QuranicMarks),
	}
	for _, n := range append(allPresets(t), custom...) {
		g := generalPath(n)
		sameAsGeneral(t, n, g, seed)
		for _, s := range tricky {
			sameAsGeneral(t, n, g, []byte(s))
		}
		for range 1000 {
			sameAsGeneral(t, n, g, normalizable(rng, rng.IntN(120)))
		}
	}
}

// FuzzFastPath is the differential target between the fast paths and the
// general path, for every preset.
func FuzzFastPath(f *testing.F) {
	for _, s := range tricky {
		f.Add([]byte(s))
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for range 20 {
		f.Add(normalizable(rng, 60))
	}
	ns := allPresets(f)
	gs := make([]*Normalizer, len(ns))
	for i, n := range ns {
		gs[i] = generalPath(n)
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		for i, n := range ns {
			sameAsGeneral(t, n, gs[i], src)
		}
	})
}

// TestOffsetMapAcrossWindows checks the map of a text longer than one window
// of AppendNormalizedMap (mapWindow under Compatibility, more than thirty of
// runWindow otherwise), so that windows end anywhere: in a run of deletions,
// inside an NFKC segment, between a space and the rune that decides it. The
// map gives the per-byte offsets at every rune start.
func TestOffsetMapAcrossWindows(t *testing.T) {
	src := normalizable(rand.New(rand.NewPCG(7, 8)), 2*mapWindow+mapWindow/3)
	var m OffsetMap
	for _, n := range allPresets(t) {
		norm, offs := n.AppendNormalizedOffsets(nil, nil, src)
		text := n.AppendNormalizedMap(nil, &m, src)
		if !bytes.Equal(text, norm) {
			t.Fatalf("%s: with a map the text differs from the text with offsets", n.Name())
		}
		for p := range norm {
			if utf8.RuneStart(norm[p]) && m.Source(p) != int(offs[p]) {
				t.Fatalf("%s: Source(%d) = %d, the offsets say %d", n.Name(), p, m.Source(p), offs[p])
			}
		}
	}
}
