package syntax_test

import (
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/internal/syntax"
)

// TestClip: a piece of a line quoted in a message is cut to at most 60 bytes,
// never inside a character, and marked with "…".
func TestClip(t *testing.T) {
	cases := []struct {
		name string
		s    string
		want string
	}{
		{"60 bytes are kept whole", strings.Repeat("a", 60), strings.Repeat("a", 60)},
		{"61 bytes are cut to 60", strings.Repeat("a", 61), strings.Repeat("a", 60) + "…"},
		{"a two-byte letter across byte 60 is left out whole", "a" + strings.Repeat("ب", 40), "a" + strings.Repeat("ب", 29) + "…"},
		{"Arabic of even length is cut after 30 letters", strings.Repeat("ب", 40), strings.Repeat("ب", 30) + "…"},
		{"the empty string", "", ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := syntax.Clip(tc.s)
			assert.Equal(t, tc.want, got)
			assert.True(t, utf8.ValidString(got))
		})
	}
}

func TestShorten(t *testing.T) {
	cases := []struct {
		name  string
		s     string
		limit int
		want  string
	}{
		{"a string shorter than max is unchanged", "abc", 5, "abc"},
		{"a string of exactly max code points is unchanged", "abcde", 5, "abcde"},
		{"one code point more is cut with an ellipsis", "abcdef", 5, "abcde…"},
		{"max counts code points, not bytes", "بوتين موسكو", 5, "بوتين…"},
		{"an Arabic string of exactly max letters is unchanged", "بوتين", 5, "بوتين"},
		{"an emoji is kept whole", "😀😀😀", 2, "😀😀…"},
		{"a combining mark is a code point of its own", "بُوتِين", 2, "بُ…"},
		{"an invisible mark is a code point of its own", "a\u200fbc", 2, "a\u200f…"},
		{"max 0 leaves only the ellipsis", "abc", 0, "…"},
		{"the empty string is unchanged", "", 0, ""},
		{"an invalid byte is one code point and comes out as U+FFFD", "\xff\xfeabc", 2, "\uFFFD\uFFFD…"},
		{"invalid bytes in a short string come out as U+FFFD", "a\xffb", 5, "a\uFFFDb"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, syntax.Shorten(tc.s, tc.limit))
		})
	}
}

// TestShortenCutsAtCodePoints cuts valid strings of 1- to 4-byte characters at
// every length: the result is a valid UTF-8 prefix of max code points and an
// ellipsis, or the whole string.
func TestShortenCutsAtCodePoints(t *testing.T) {
	for _, s := range []string{"aبc😀\u200fد€e\u0301", strings.Repeat("ب😀", 30), "…x…"} {
		n := utf8.RuneCountInString(s)
		for limit := 0; limit <= n+1; limit++ {
			got := syntax.Shorten(s, limit)
			require.True(t, utf8.ValidString(got), "Shorten(%q, %d) = %q", s, limit, got)
			if n <= limit {
				require.Equal(t, s, got, "Shorten(%q, %d)", s, limit)
				continue
			}
			kept, ok := strings.CutSuffix(got, "…")
			require.True(t, ok, "Shorten(%q, %d) = %q ends with an ellipsis", s, limit, got)
			require.True(t, strings.HasPrefix(s, kept), "Shorten(%q, %d) = %q is a prefix", s, limit, got)
			require.Equal(t, limit, utf8.RuneCountInString(kept), "Shorten(%q, %d) = %q", s, limit, got)
		}
	}
}

func TestQuoteShort(t *testing.T) {
	cases := []struct {
		name, s, want string
	}{
		{"a short string is quoted whole", "موسكو", `"موسكو"`},
		{"the empty string is quoted", "", `""`},
		{"40 characters are not cut", strings.Repeat("ب", 40), `"` + strings.Repeat("ب", 40) + `"`},
		{"41 characters are cut after 40, the ellipsis outside the quotes", strings.Repeat("ب", 41), `"` + strings.Repeat("ب", 40) + `"…`},
		{"characters are code points, not bytes", strings.Repeat("a", 39) + "😀😀", `"` + strings.Repeat("a", 39) + `😀"…`},
		{"quotes and backslashes are escaped", `a"b\c`, `"a\"b\\c"`},
		{"invisible characters are escaped, so that they show", "a\u200fb\u200c\ufeff", `"a\u200fb\u200c\ufeff"`},
		{"newlines are escaped", "a\nb", `"a\nb"`},
		{"an invalid byte is escaped", "a\xffb", `"a\xffb"`},
		{"an invalid byte is one character when cutting", strings.Repeat("\xff", 41), `"` + strings.Repeat(`\xff`, 40) + `"…`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, syntax.QuoteShort(tc.s))
		})
	}
}

// TestQuoteShortIsValidUTF8 quotes random byte strings, valid or not: the
// result is always valid UTF-8 and unquotes to a prefix of at most 40
// characters of the input.
func TestQuoteShortIsValidUTF8(t *testing.T) {
	pieces := []string{"a", "ب", "😀", "\u200f", "\xff", "\xe2\x82", "\n", `"`, "…", "\x00"}
	r := rand.New(rand.NewPCG(5, 6))
	for range 500 {
		var sb strings.Builder
		for range r.IntN(60) {
			sb.WriteString(pieces[r.IntN(len(pieces))])
		}
		s := sb.String()
		got := syntax.QuoteShort(s)
		require.True(t, utf8.ValidString(got), "QuoteShort(%q) = %q", s, got)
		quoted, cut := strings.CutSuffix(got, "…")
		kept, err := strconv.Unquote(quoted)
		require.NoError(t, err, "QuoteShort(%q) = %q", s, got)
		require.True(t, strings.HasPrefix(s, kept), "QuoteShort(%q) = %q", s, got)
		n := utf8.RuneCountInString(s)
		require.Equal(t, n > 40, cut, "QuoteShort(%q) = %q is cut only when longer than 40", s, got)
		require.Equal(t, min(n, 40), utf8.RuneCountInString(kept), "QuoteShort(%q) = %q", s, got)
	}
}
