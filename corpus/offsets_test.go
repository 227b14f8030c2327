package corpus

import (
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// checkRoundTrip asserts the index's defining property on text: every rune
// boundary maps to a code point and back to itself, and every byte inside a
// multi-byte character is refused.
func checkRoundTrip(t *testing.T, text string) {
	t.Helper()
	ix := NewIndex(text)
	require.Equal(t, utf8.RuneCountInString(text), ix.Len())
	cp := 0
	for b := 0; b <= len(text); {
		got, err := ix.CodePoint(b)
		require.NoError(t, err, "byte %d", b)
		require.Equal(t, cp, got, "byte %d", b)
		back, err := ix.Byte(got)
		require.NoError(t, err)
		require.Equal(t, b, back)
		if b == len(text) {
			break
		}
		_, size := utf8.DecodeRuneInString(text[b:])
		for inner := b + 1; inner < b+size; inner++ {
			_, err := ix.CodePoint(inner)
			require.Error(t, err, "byte %d is inside a character", inner)
		}
		b += size
		cp++
	}
	_, err := ix.Byte(ix.Len() + 1)
	assert.Error(t, err)
	_, err = ix.Byte(-1)
	assert.Error(t, err)
	_, err = ix.CodePoint(len(text) + 1)
	assert.Error(t, err)
}

func TestIndexRoundTripsEveryRuneBoundary(t *testing.T) {
	for _, text := range []string{
		"",
		"ascii only",
		"في موسكو امس",
		"mixed ATACMS “صريحة” 2019 ٢٠١٩ 😀",
		"bad \xff\xfe utf-8 \xe2\x80",
	} {
		checkRoundTrip(t, text)
	}
	for _, d := range Seed().Documents {
		checkRoundTrip(t, d.Text)
	}
}

func FuzzIndex(f *testing.F) {
	f.Add("في موسكو امس")
	f.Add("\xff\x00ab")
	f.Fuzz(func(t *testing.T, text string) {
		checkRoundTrip(t, text)
	})
}

func TestSpanConversion(t *testing.T) {
	text := "في موسكو امس"
	ix := NewIndex(text)
	bs, be, err := ix.Span(3, 8)
	require.NoError(t, err)
	assert.Equal(t, "موسكو", text[bs:be])
	cs, ce, err := ix.CodePointSpan(bs, be)
	require.NoError(t, err)
	assert.Equal(t, [2]int{3, 8}, [2]int{cs, ce})
	_, _, err = ix.Span(8, 3)
	assert.ErrorContains(t, err, "reversed")
	_, _, err = ix.Span(3, 99)
	assert.ErrorContains(t, err, "out of range")
}
