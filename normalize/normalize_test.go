package normalize

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/arabench/arabench/corpus"
)

// seedText is the seed corpus, documents joined by newlines.
func seedText() []byte {
	var b bytes.Buffer
	for i, d := range corpus.Seed().Documents {
		if i > 0 {
			b.WriteByte('\n')
		}
		b.WriteString(d.Text)
	}
	return b.Bytes()
}

// tricky are inputs that exercise every path: white space runs, removed
// characters inside them, expansions, marks that NFKC composes, invalid and
// truncated UTF-8, NUL bytes.
var tricky = []string{
	"",
	" ",
	"\n",
	"  \t\r\n ",
	"أحمدُ  ذهبَ إلى المدرسةِ،\n\n «قال» ١٢٣ ۴۵",
	"a \u200B َ b\u00A0\u2028c",
	"ﻻ ﷺ ﷽ ﷼ ﹶ ﹷ \uFEFF",
	"ا\u0654 ى\u0654 آ\u0654 ا\u0653\u0654 و\u0654 ب\u064E\u0651\u0654",
	"ＡＢＣ ﬁ é e\u0301 한국어 \U0001F600 \U00011099\U000110BA",
	"\xff \xc0\x80 \xed\xa0\x80 \xf4\x90\x80\x80 \xd8",
	"ب\xe2\x80",
	"\x00ب\x00",
	strings.Repeat("\u064E", 40) + "ب" + strings.Repeat("\u0654\u0655", 20),
	strings.Repeat("ـ", 50) + "\n" + strings.Repeat(" \u200B", 30) + "x",
	// Spaces, newlines, a removed mark, a digit and an invisible control
	// between words: every way out of a word's fast loop.
	"كتاب \u064Eقلم كتاب  قلم كتاب \n قلم كتاب\n\nقلم كتاب ١٢ قلم كتاب \u200Bقلم كتابة\nقلم أحمد إلى",
	wordEnds(),
}

// wordEnds is words of one to nine letters, each followed by each way out of
// a word (a space before a word, two spaces, a newline, a space before a
// removed mark or control, a digit, a comma, a Latin letter, a removed mark
// before a space), after an ASCII letter and without one: a word ends at
// every place of an eight-byte block, and the step over a space into the
// next word meets every case that must refuse it.
func wordEnds() string {
	var b strings.Builder
	for _, lead := range []string{"", "a"} {
		for n := 1; n <= 9; n++ {
			for _, sep := range []string{" ", "  ", "\n", " \u064E", " \u200B", " ١", "، ", " a", "\u064E ", " ة"} {
				b.WriteString(lead)
				b.WriteString(strings.Repeat("ب", n))
				b.WriteString(sep)
			}
		}
	}
	b.WriteString("كتاب")
	return b.String()
}

func allPresets(t testing.TB) []*Normalizer {
	var ns []*Normalizer
	for _, p := range Presets() {
		n, err := Preset(p)
		require.NoError(t, err)
		ns = append(ns, n)
	}
	return ns
}

func TestPresetsAndNames(t *testing.T) {
	assert.Equal(t, []string{"camel", "light", "lucene", "search"}, Presets())
	n, err := Preset("search")
	require.NoError(t, err)
	assert.Equal(t, "search", n.Name())
	assert.NotZero(t, n.Rules()&Whitespace)
	assert.Zero(t, n.Rules()&Compatibility, "search does not apply full NFKC")

	_, err = Preset("nfkc")
	require.Error(t, err)
	assert.Contains(t, err.Error(), `"nfkc"`)
	assert.Contains(t, err.Error(), "camel, light, lucene, search", "the error lists the presets")

	m := New(Tatweel | Harakat)
	assert.Equal(t, "harakat|tatweel", m.Name(), "a Normalizer from New is named by its rules")
	assert.Equal(t, "ب", m.String("بـَ"))
}

func TestRuleString(t *testing.T) {
	cases := []struct {
		rules Rule
		want  string
	}{
		{0, "none"},
		{Diacritics, "harakat|superscript-alef"},
		{AlefVariants | Whitespace, "alef-hamza|alef-wasla|whitespace"},
		{lastRule, "rule(17)"},
	}
	for _, c := range cases {
		assert.Equal(t, c.want, c.rules.String())
	}
	search, _, err := PresetRules("search")
	require.NoError(t, err)
	assert.Equal(t, lastRule-1-Compatibility, search, "search holds every rule but Compatibility")
	assert.Equal(t, 16, search.Count())
}

// Every presentation form maps to what NFKC makes of it: the table comes
// from golang.org/x/text/unicode/norm, not from a hand-typed list.
func TestPresentationFormsAreNFKC(t *testing.T) {
	n := New(PresentationForms)
	changed := 0
	for _, rng := range [][2]rune{{0xFB50, 0xFDFF}, {0xFE70, 0xFEFF}} {
		for r := rng[0]; r <= rng[1]; r++ {
			s := string(r)
			want := norm.NFKC.String(s)
			require.Equal(t, want, n.String(s), "U+%04X", r)
			if want != s {
				changed++
			}
		}
	}
	assert.Greater(t, changed, 700, "NFKC changes most of the two blocks")
}

// Every rune, alone, normalizes to a fixed point of its preset, and the
// output is valid UTF-8: the whole BMP, and every 61st rune above it.
func TestEveryRuneIsStable(t *testing.T) {
	var in, once, twice []byte
	for _, n := range allPresets(t) {
		for r := rune(0); r <= utf8.MaxRune; r++ {
			if r > 0xFFFF {
				r += 60
			}
			if !utf8.ValidRune(r) {
				continue
			}
			in = utf8.AppendRune(in[:0], r)
			once = n.AppendNormalized(once[:0], in)
			twice = n.AppendNormalized(twice[:0], once)
			if !utf8.Valid(once) || !bytes.Equal(once, twice) {
				t.Fatalf("%s: U+%04X → %q → %q", n.Name(), r, once, twice)
			}
		}
	}
}

func TestInvalidUTF8(t *testing.T) {
	// Each byte that does not start a valid encoding becomes one U+FFFD, as
	// in Go's conversion of a string to runes.
	for _, in := range []string{"\xff", "\xc0\x80", "\xed\xa0\x80", "\xf4\x90\x80\x80", "\xd8", "ب\xe2\x80", "\x80\x80ب"} {
		want := string([]rune(in))
		for _, n := range allPresets(t) {
			got := n.String(in)
			assert.True(t, utf8.ValidString(got))
			if n.Name() == "light" || n.Name() == "lucene" {
				assert.Equal(t, want, got, "%s %q", n.Name(), in)
			}
			assert.Equal(t, strings.Count(want, "\uFFFD"), strings.Count(got, "\uFFFD"), "%s %q", n.Name(), in)
		}
	}
}

func TestOffsetsWorkedExample(t *testing.T) {
	n, err := Preset("search")
	require.NoError(t, err)
	// Bytes of the source: ك 0–1, ت 2–3, ب 4–5, fatha 6–7, spaces 8 and 9,
	// ا 10–11, ل 12–13, ط 14–15, ا 16–17, ل 18–19, ب 20–21, damma 22–23.
	src := []byte("كتبَ  الطالبُ")
	out, offs := n.AppendNormalizedOffsets(nil, nil, src)
	assert.Equal(t, "كتب الطالب", string(out))
	// The fatha is deleted, the two spaces collapse into one that maps to
	// the first (8), the damma is deleted.
	assert.Equal(t, []int32{0, 1, 2, 3, 4, 5, 8, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21}, offs)

	// The first word, output [0, 6), maps to source [0, 8): its trailing
	// fatha belongs to it. The second, output [7, 19), runs to the end of
	// the source, damma included.
	s, e := SourceSpan(offs, len(src), 0, 6)
	assert.Equal(t, "كتبَ", string(src[s:e]))
	s, e = SourceSpan(offs, len(src), 7, 19)
	assert.Equal(t, "الطالبُ", string(src[s:e]))
	s, e = SourceSpan(offs, len(src), 19, 19)
	assert.Equal(t, []int{24, 24}, []int{s, e}, "an empty span at the end maps to the end")
}

func TestOffsetsOfReplacements(t *testing.T) {
	n, err := Preset("search")
	require.NoError(t, err)
	// x 0, ﻻ 1–3 (three bytes), ة 4–5, y 6.
	src := []byte("xﻻةy")
	out, offs := n.AppendNormalizedOffsets(nil, nil, src)
	assert.Equal(t, "xلاهy", string(out))
	// Every byte of a replacement maps to the start of the rune it replaces.
	assert.Equal(t, []int32{0, 1, 1, 1, 1, 4, 4, 6}, offs)
	// Half of the expansion of ﻻ (just ل, output [1, 3)) maps to all of ﻻ.
	s, e := SourceSpan(offs, len(src), 1, 3)
	assert.Equal(t, "ﻻ", string(src[s:e]))
	s, e = SourceSpan(offs, len(src), 5, 7)
	assert.Equal(t, "ة", string(src[s:e]))
}

// checkOffsets checks the invariants of an offset map: one entry per output
// byte, never decreasing, each a valid source index, and bytes copied
// unchanged map to themselves.
func checkOffsets(t testing.TB, name string, src, out []byte, offs []int32) {
	t.Helper()
	if len(offs) != len(out) {
		t.Fatalf("%s: %d offsets for %d bytes", name, len(offs), len(out))
	}
	for k, o := range offs {
		if o < 0 || int(o) >= len(src) {
			t.Fatalf("%s: offset %d at %d is outside the source (%d bytes)", name, o, k, len(src))
		}
		if k > 0 && o < offs[k-1] {
			t.Fatalf("%s: offsets decrease at %d: %d then %d", name, k, offs[k-1], o)
		}
	}
}

func TestOffsetsOnCorpus(t *testing.T) {
	src := seedText()
	for _, n := range allPresets(t) {
		out := n.AppendNormalized(nil, src)
		out2, offs := n.AppendNormalizedOffsets(nil, nil, src)
		require.Equal(t, string(out), string(out2), n.Name())
		checkOffsets(t, n.Name(), src, out2, offs)
		if n.Name() == "light" || n.Name() == "lucene" {
			// Without Compatibility or Whitespace, a byte equal to its
			// source byte's is one copied unchanged.
			for k := range out {
				if out[k] == src[offs[k]] && k > 0 && offs[k] == offs[k-1] {
					t.Fatalf("%s: byte %d copied from %d twice", n.Name(), k, offs[k])
				}
			}
		}
	}
}

// The buffers are the caller's: normalization appends after what is there.
func TestAppendKeepsPrefix(t *testing.T) {
	n, err := Preset("search")
	require.NoError(t, err)
	out := n.AppendNormalized([]byte("<"), []byte("أَ"))
	assert.Equal(t, "<ا", string(out))
	out, offs := n.AppendNormalizedOffsets([]byte("<"), []int32{-1}, []byte("أَ"))
	assert.Equal(t, "<ا", string(out))
	assert.Equal(t, []int32{-1, 0, 0}, offs)
}

func TestZeroAllocations(t *testing.T) {
	// The seed corpus, and text that NFKC rewrites (presentation forms,
	// ligatures, full-width letters, a mark after a composed letter), which
	// the Compatibility path sends through x/text.
	src := append(seedText(), " ﻻ ﷺ ﺑﺴﻢ ﷲ ﷽ ﯾﮏ ＡＢＣ ﬁ أٔ إِ ﻷ"...)
	for _, n := range allPresets(t) {
		if raceEnabled && n.Rules()&Compatibility != 0 {
			continue // its NFKC buffers come from a sync.Pool
		}
		dst := n.AppendNormalized(nil, src)
		d2, offs := n.AppendNormalizedOffsets(nil, nil, src)
		assert.Zero(t, testing.AllocsPerRun(20, func() { dst = n.AppendNormalized(dst[:0], src) }), n.Name())
		assert.Zero(t, testing.AllocsPerRun(20, func() { d2, offs = n.AppendNormalizedOffsets(d2[:0], offs[:0], src) }), n.Name())
		var m OffsetMap
		d3 := n.AppendNormalizedMap(nil, &m, src)
		assert.Zero(t, testing.AllocsPerRun(20, func() { d3 = n.AppendNormalizedMap(d3[:0], &m, src) }), n.Name())
		buf := make([]byte, 4096)
		assert.Zero(t, testing.AllocsPerRun(20, func() {
			n.Reset()
			for rest := src; len(rest) > 0; {
				_, ns, err := n.Transform(buf, rest, true)
				rest = rest[ns:]
				if err != nil && !errors.Is(err, transform.ErrShortDst) {
					t.Fatal(err)
				}
			}
		}), n.Name())
	}
}

// A warm buffer need not be as long as the input, only as the output.
func TestWarmBufferShorterThanInput(t *testing.T) {
	n, err := Preset("search")
	require.NoError(t, err)
	src := []byte(strings.Repeat("كَتَبَ ", 1000))
	dst := n.AppendNormalized(nil, src)
	dst = dst[:0:len(dst)]
	require.Less(t, cap(dst), len(src))
	assert.Zero(t, testing.AllocsPerRun(10, func() { dst = n.AppendNormalized(dst[:0], src) }))
}

// transformChunks drives n.Transform the way a stream does: src arrives in
// chunks of srcChunk bytes and dst holds dstSize bytes, doubled only when no
// progress is possible.
func transformChunks(t testing.TB, n *Normalizer, src []byte, dstSize, srcChunk int) []byte {
	t.Helper()
	n.Reset()
	var out []byte
	dst := make([]byte, dstSize)
	pos, end := 0, min(len(src), srcChunk)
	for steps := 0; ; steps++ {
		if steps > 4*len(src)+1000 {
			t.Fatalf("%s: no progress after %d calls (dst %d, chunk %d)", n.Name(), steps, dstSize, srcChunk)
		}
		atEOF := end == len(src)
		nd, ns, err := n.Transform(dst, src[pos:end], atEOF)
		out = append(out, dst[:nd]...)
		pos += ns
		switch {
		case err == nil:
			if atEOF {
				if pos != len(src) {
					t.Fatalf("%s: nil error at EOF with %d bytes left", n.Name(), len(src)-pos)
				}
				return out
			}
			end = min(len(src), end+srcChunk)
		case errors.Is(err, transform.ErrShortDst):
			if nd == 0 && ns == 0 {
				dst = make([]byte, 2*len(dst))
			}
		case errors.Is(err, transform.ErrShortSrc):
			if atEOF {
				t.Fatalf("%s: ErrShortSrc at EOF", n.Name())
			}
			end = min(len(src), end+srcChunk)
		default:
			t.Fatalf("%s: %v", n.Name(), err)
		}
	}
}

func TestTransformTinyBuffers(t *testing.T) {
	inputs := append([]string{string(seedText()[:3000])}, tricky...)
	for _, n := range allPresets(t) {
		for _, in := range inputs {
			want := string(n.AppendNormalized(nil, []byte(in)))
			for _, dstSize := range []int{1, 2, 3, 4, 7, 64} {
				for _, chunk := range []int{1, 2, 3, 5, 64, 1 << 20} {
					got := transformChunks(t, n, []byte(in), dstSize, chunk)
					require.Equal(t, want, string(got), "%s: %q with dst %d, chunks of %d", n.Name(), in, dstSize, chunk)
				}
			}
		}
	}
}

func TestTransformComposes(t *testing.T) {
	src := string(seedText())
	for _, n := range allPresets(t) {
		want := n.String(src)
		got, _, err := transform.String(n, src)
		require.NoError(t, err)
		assert.Equal(t, want, got, "transform.String, %s", n.Name())

		// Chained after NFD, which splits أ into ا + U+0654.
		got, _, err = transform.String(transform.Chain(norm.NFD, n), src)
		require.NoError(t, err)
		assert.Equal(t, n.String(norm.NFD.String(src)), got, "Chain(NFD, %s)", n.Name())

		got, _, err = transform.String(transform.Chain(n, norm.NFC), src)
		require.NoError(t, err)
		assert.Equal(t, norm.NFC.String(want), got, "Chain(%s, NFC)", n.Name())

		r := transform.NewReader(iotest.OneByteReader(strings.NewReader(src)), n)
		b, err := io.ReadAll(r)
		require.NoError(t, err)
		assert.Equal(t, want, string(b), "transform.Reader one byte at a time, %s", n.Name())

		var buf bytes.Buffer
		w := transform.NewWriter(&buf, n)
		for _, chunk := range []string{src[:1001], src[1001:1002], src[1002:]} {
			_, err := w.Write([]byte(chunk))
			require.NoError(t, err)
		}
		require.NoError(t, w.Close())
		assert.Equal(t, want, buf.String(), "transform.Writer, %s", n.Name())
	}
}

func TestSpan(t *testing.T) {
	inputs := append([]string{string(seedText()[:2000]), "abc", "كتب", "كتب ", "a b", "a  b"}, tricky...)
	for _, n := range allPresets(t) {
		for _, in := range inputs {
			checkSpan(t, n, []byte(in))
		}
	}
	n, err := Preset("search")
	require.NoError(t, err)
	k, err := n.Span([]byte("كتب"), true)
	assert.Equal(t, 6, k)
	assert.NoError(t, err, "text that does not change spans whole")
	k, err = n.Span([]byte("كتب "), false)
	assert.Equal(t, 6, k)
	assert.ErrorIs(t, err, transform.ErrShortSrc, "a trailing space may start a run")
	k, err = n.Span([]byte("كتبة"), true)
	assert.Equal(t, 6, k)
	assert.ErrorIs(t, err, transform.ErrEndOfSpan)
}

// checkSpan checks Span's contract: normalizing src gives src[:k] followed by
// the normalized rest.
func checkSpan(t testing.TB, n *Normalizer, src []byte) {
	t.Helper()
	k, err := n.Span(src, true)
	out := n.AppendNormalized(nil, src)
	if k < 0 || k > len(src) || !bytes.HasPrefix(out, src[:k]) {
		t.Fatalf("%s: Span(%q) = %d, but the output is %q", n.Name(), src, k, out)
	}
	if !bytes.Equal(out, append(src[:k:k], n.AppendNormalized(nil, src[k:])...)) {
		t.Fatalf("%s: Span(%q) = %d splits the text where normalization does not", n.Name(), src, k)
	}
	if err == nil && !bytes.Equal(out, src) {
		t.Fatalf("%s: Span(%q) says unchanged, output is %q", n.Name(), src, out)
	}
}

func TestString(t *testing.T) {
	n, err := Preset("search")
	require.NoError(t, err)
	s := "كتب الطالب"
	assert.Equal(t, s, n.String(s), "unchanged text comes back as it is")
	assert.Equal(t, "كتب الطالب", n.String("كَتَبَ الطالبُ"))
}

func TestLargeInput(t *testing.T) {
	// A 1 MiB line of one word repeated, and a 1 MiB run of spaces.
	line := bytes.Repeat([]byte("الْمَدْرَسَةُ "), 1<<20/len("الْمَدْرَسَةُ "))
	spaces := bytes.Repeat([]byte{' '}, 1<<20)
	for _, n := range allPresets(t) {
		out := n.AppendNormalized(nil, line)
		require.True(t, utf8.Valid(out))
		if n.Rules()&Whitespace != 0 {
			assert.Equal(t, " ", string(n.AppendNormalized(nil, spaces)))
		}
	}
}

// counting is a transform.Transformer that counts the source bytes it is
// offered: what transform.Reader offers again when a call consumes little.
type counting struct {
	n       *Normalizer
	offered int
}

func (c *counting) Transform(dst, src []byte, atEOF bool) (int, int, error) {
	c.offered += len(src)
	return c.n.Transform(dst, src, atEOF)
}

func (c *counting) Reset() { c.n.Reset() }

// Streaming stays linear whatever the input holds: a long word, a long run of
// white space, of harakat, of marks that NFKC composes, of invalid bytes or of
// invisible controls, delivered through a pipe a few KiB at a time, is
// offered to the Normalizer less than three times over: each call consumes
// all its input but an unfinished rune or NFKC segment (a white space run is
// held as state, not as input), or stops when the output buffer is full
// (invalid bytes triple in size as U+FFFD), and memory holds no more than
// transform.Reader's buffers. A Normalizer that kept a long run to itself
// would be offered it again and again: quadratic.
func TestStreamingIsLinear(t *testing.T) {
	const size, write = 512 << 10, 4 << 10
	for _, text := range []string{"ب", " ", "\u064E", "\u0654", "\xff", "\u200B", "ا\u0654", " \n"} {
		input := []byte(strings.Repeat(text, size/len(text)))
		for _, n := range allPresets(t) {
			pr, pw := io.Pipe()
			go func() {
				for rest := input; len(rest) > 0; rest = rest[min(write, len(rest)):] {
					if _, err := pw.Write(rest[:min(write, len(rest))]); err != nil {
						return
					}
				}
				pw.Close()
			}()
			c := &counting{n: n}
			out, err := io.ReadAll(transform.NewReader(pr, c))
			require.NoError(t, err, "%s on %q", n.Name(), text)
			assert.Equal(t, string(n.AppendNormalized(nil, input)), string(out), "%s on %q", n.Name(), text)
			assert.Less(t, c.offered, 3*len(input), "%s: bytes offered for %d bytes of %q", n.Name(), len(input), text)
		}
	}
}
