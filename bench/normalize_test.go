package bench

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/arabench/arabench/normalize"
)

// BenchmarkNormalize measures every preset, with and without offsets, on
// every input, and beside them the peers of the main module:
//
//   - copy and utf8.Valid: floors, what touching every byte costs;
//   - strings.Map: a rune mapper doing alef unification and dediacritization,
//     the first thing one writes;
//   - x/text: the chain NFD → runes.Remove(unicode.Mn) → NFC;
//   - regexp+Replacer: a regexp removing diacritics and tatweel, then a
//     strings.Replacer for the letter variants.
//
// Bleve's normalize_ar runs in the nested module bench/peers under the same
// names, so that the outputs of the two modules combine.
func BenchmarkNormalize(b *testing.B) {
	for _, p := range normalize.Presets() {
		n, err := normalize.Preset(p)
		require.NoError(b, err)
		for _, offsets := range OffsetModes {
			for _, in := range Inputs() {
				b.Run(fmt.Sprintf("preset=%s/offsets=%s/input=%s", p, offsets, in.Name), func(b *testing.B) {
					MeasureNormalizer(b, n, offsets, Data(b, in))
				})
			}
		}
	}
	for _, peer := range peers {
		for _, in := range Inputs() {
			b.Run(fmt.Sprintf("peer=%s/input=%s", peer.name, in.Name), func(b *testing.B) {
				src := Data(b, in)
				run := peer.setup(src)
				Measure(b, src, run)
			})
		}
	}
}

// A peer is a normalizer to compare with: setup prepares its state for an
// input, outside the timed loop, and returns the loop body.
type peer struct {
	name  string
	setup func(src []byte) func()
}

var peers = []peer{
	{"copy", func(src []byte) func() {
		dst := make([]byte, len(src))
		return func() { copy(dst, src) }
	}},
	{"utf8.Valid", func(src []byte) func() {
		return func() {
			if !utf8.Valid(src) {
				panic("benchmark input is not valid UTF-8")
			}
		}
	}},
	{"strings.Map", func(src []byte) func() {
		s := string(src)
		return func() { _ = strings.Map(mapAlefDediac, s) }
	}},
	{"xtext", func(src []byte) func() {
		t := transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC)
		dst := make([]byte, 0, len(src))
		return func() {
			var err error
			if dst, _, err = transform.Append(t, dst[:0], src); err != nil {
				panic(err)
			}
		}
	}},
	{"regexp+Replacer", func(src []byte) func() {
		return func() { _ = regexpNormalize(src) }
	}},
}

// mapAlefDediac is the strings.Map peer: alef variants to bare alef,
// harakat and the superscript alef dropped.
func mapAlefDediac(r rune) rune {
	switch {
	case r == 'أ' || r == 'إ' || r == 'آ' || r == 'ٱ':
		return 'ا'
	case r >= 0x064B && r <= 0x0652 || r == 0x0670:
		return -1
	}
	return r
}

var (
	diacriticsRE = regexp.MustCompile(`[\x{064B}-\x{0652}\x{0670}\x{0640}]`)
	lettersRepl  = strings.NewReplacer("أ", "ا", "إ", "ا", "آ", "ا", "ٱ", "ا", "ى", "ي", "ة", "ه")
)

// regexpNormalize is the regexp+Replacer peer.
func regexpNormalize(src []byte) string {
	return lettersRepl.Replace(string(diacriticsRE.ReplaceAll(src, nil)))
}

func TestInputs(t *testing.T) {
	seed := SeedText()
	require.True(t, utf8.Valid(seed))
	ins := Inputs()
	require.Equal(t, []string{"seed", "1MiB", "64MiB", "anercorp", "shuffled"}, []string{ins[0].Name, ins[1].Name, ins[2].Name, ins[3].Name, ins[4].Name})
	text, err := ins[0].Text()
	require.NoError(t, err)
	assert.Equal(t, seed, text)
	mib, err := ins[1].Text()
	require.NoError(t, err)
	assert.Len(t, mib, 1<<20)
	assert.True(t, utf8.Valid(mib), "the cut copy ends on a rune boundary")
	assert.True(t, bytes.HasPrefix(mib, append(seed, '\n')), "built by repetition of the seed corpus")

	// The shuffled words are the seed corpus's words, 1 MiB of them, the
	// same every time, and they do not repeat: no KiB of them, taken every
	// 4 KiB, occurs twice.
	require.Equal(t, "shuffled", ins[4].Name)
	shuf, err := ins[4].Text()
	require.NoError(t, err)
	assert.Len(t, shuf, 1<<20)
	assert.True(t, utf8.Valid(shuf))
	assert.Equal(t, shuf, Shuffled(seed, 1<<20))
	seedWords := map[string]bool{}
	for _, w := range bytes.Fields(seed) {
		seedWords[string(w)] = true
	}
	for _, w := range bytes.Fields(shuf) {
		require.True(t, seedWords[string(w)], "%q is not a word of the seed corpus", w)
	}
	for at := 0; at+1024 <= len(shuf); at += 4096 {
		if n := bytes.Count(shuf, shuf[at:at+1024]); n != 1 {
			t.Fatalf("the KiB at %d of the shuffled words occurs %d times", at, n)
		}
	}

	// The ANERcorp text does not repeat: no KiB of it, taken every 512
	// bytes, occurs twice.
	aner, err := ins[3].Text()
	require.NoError(t, err)
	assert.Greater(t, len(aner), 200_000)
	assert.True(t, utf8.Valid(aner))
	for at := 0; at+1024 <= len(aner); at += 512 {
		if n := bytes.Count(aner, aner[at:at+1024]); n != 1 {
			t.Fatalf("the KiB at %d of the ANERcorp text occurs %d times", at, n)
		}
	}

	// Worked example: 10 bytes from "ab" are ab\nab\nab\na, then padding.
	assert.Equal(t, "ab\nab\nab\na", string(Repeat([]byte("ab"), 10)))
	// A cut inside a two-byte rune backs off to its start and pads: "بب"
	// is 4 bytes; 7 bytes are بب \n and the first ب would need 2 of the 2
	// left, so it fits; 6 bytes leave 1, too few, so a newline pads.
	assert.Equal(t, "بب\nب", string(Repeat([]byte("بب"), 7)))
	assert.Equal(t, "بب\n\n", string(Repeat([]byte("بب"), 6)))
}

// The peers do what they claim, on a sample of their work.
func TestPeers(t *testing.T) {
	assert.Equal(t, "احمد ذهب الى", strings.Map(mapAlefDediac, "أَحْمَدُ ذَهَبَ إلى"), "strings.Map keeps ى: it only unifies alef and dediacritizes")
	assert.Equal(t, "احمد ذهب الي المدرسه", regexpNormalize([]byte("أَحْمَدُ ذَهَبَ إلى المدرسـة")))
	xt, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn)), norm.NFC), "أَحْمَدُ")
	require.NoError(t, err)
	assert.Equal(t, "احمد", xt, "NFD splits أ into ا + U+0654, a mark the chain removes")
}
