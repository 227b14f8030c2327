package gazetteer

import "testing"

// A span ends where decoding every rune from its end would end it, whatever
// its last runes: the fast cases (an ASCII byte, a character of
// U+0600–U+06FF) must not keep a space or an invisible control inside.
func TestVisibleEndEqualsDecoding(t *testing.T) {
	pieces := []string{
		"a", "7", ".", " ", "\t", "\n", "\v", "\f", "\r", "\x00", "\x08", "\x0e", "\x1f", "\x7f",
		"ب", "ة", "\u064e", "\u0640", "\u0600", "\u061b", "\u061c", "\u061d", "\u06dd", "\u06ff",
		"\u0085", "\u00a0", "\u1680", "\u2000", "\u200b", "\u200f", "\u2028", "\u202a", "\u202f",
		"\u2060", "\u2066", "\u3000", "\ufeff", "é", "ﻻ",
		"\xd8", "\x9c", "\xdb", "\xbf", "\xe2\x80",
	}
	var n int
	for _, a := range pieces {
		for _, b := range pieces {
			for _, c := range pieces {
				src := []byte(a + b + c)
				for start := 0; start <= len(src); start++ {
					got, want := visibleEnd(src, start, len(src)), decodedEnd(src, start, len(src))
					if got != want {
						t.Fatalf("visibleEnd(%q, %d) = %d, decoding every rune gives %d", src, start, got, want)
					}
					n++
				}
			}
		}
	}
	t.Logf("%d spans", n)
}
