// Package tokenize splits raw Arabic (and mixed-script) text into tokens with
// kinds and byte offsets, without allocating per token.
//
// The rules, in the order a reader meets them:
//   - White space and control characters separate tokens and belong to none.
//   - An Arabic word is a run of Arabic letters, diacritics and tatweel.
//     Zero-width and bidi controls (U+200B–U+200F, U+061C, U+202A–U+202E,
//     U+2060, U+2066–U+2069, U+FEFF) inside a word do not split it; outside a
//     word they are skipped like space.
//   - A Latin word is a run of letters of any other script with their
//     combining marks, and ASCII-or-other digits that follow letters (G7).
//     Arabic and Latin runs split from each other.
//   - A number is a run of decimal digits of any script (0–9, ٠–٩, ۰–۹) with
//     the separators . , ٫ ٬ between digits: 3.5, 1,000 and ٣٫٥ are one token
//     each; a separator not followed by a digit is punctuation.
//   - Every punctuation mark is its own token (", (, /, ، ...), and so is every
//     symbol and every invalid UTF-8 byte.
//
// Words fused by a missing space (موسكووواشنطن, الاممالمتحدة) stay one token:
// a tokenizer cannot know where a name ends; that is the extractor's job.
// Proclitics (و ف ب ل ك and the article) stay inside the word; Segment reports
// them as sub-tokens when a lexicon confirms the stem.
package tokenize

import (
	"encoding/binary"
	"fmt"
	"math/bits"
	"unicode/utf8"
)

// Kind is what a token is.
type Kind uint8

// Token kinds.
const (
	ArabicWord Kind = iota + 1
	LatinWord
	Number
	Punct
	Symbol
	// Proclitic, Article and Stem are the sub-tokens Segment reports.
	Proclitic
	Article
	Stem
)

var kindNames = [...]string{
	ArabicWord: "ARABIC", LatinWord: "LATIN", Number: "NUM", Punct: "PUNCT",
	Symbol: "SYM", Proclitic: "PROCLITIC", Article: "ARTICLE", Stem: "STEM",
}

// String names the kind as the tokenize command prints it.
func (k Kind) String() string {
	if int(k) < len(kindNames) && kindNames[k] != "" {
		return kindNames[k]
	}
	return fmt.Sprintf("Kind(%d)", uint8(k))
}

// Token is a half-open byte span [Start, End) of the source with its kind.
type Token struct {
	Start, End int
	Kind       Kind
}

// Append tokenizes src and appends its tokens to dst, returning the extended
// slice. It allocates only when dst must grow, so a caller that reuses dst
// (dst[:0]) tokenizes with no allocation once the slice is large enough.
func Append(dst []Token, src []byte) []Token {
	for i := 0; i < len(src); {
		c := src[i]
		if c == ' ' || c == '\n' {
			i++
			continue
		}
		// The common token first: an Arabic word that starts with a
		// character of U+0600–U+06FF, and the words like it after it.
		if wordAt(src, i) {
			dst, i = appendWords(dst, src, i)
			continue
		}
		t, next, ok := scan(src, i)
		if ok {
			dst = append(dst, t)
		}
		i = next
	}
	return dst
}

// appendWords appends the Arabic word at src[i], whose first character is a
// letter or diacritic of U+0600–U+06FF (word16), and every word like it that
// follows a lone space or newline, and returns where it stopped: a run of
// Arabic prose in one call.
func appendWords(dst []Token, src []byte, i int) ([]Token, int) {
	for {
		end := arabicEnd(src, i+2)
		dst = append(dst, Token{i, end, ArabicWord})
		i = end
		if i+2 >= len(src) || src[i] != ' ' && src[i] != '\n' || !wordAt(src, i+1) {
			return dst, i
		}
		i++
	}
}

// wordAt reports whether src[i:] starts with a character of U+0600–U+06FF
// that continues an Arabic word (word16).
func wordAt(src []byte, i int) bool {
	return i+1 < len(src) && word16[uint(src[i+1])<<8|uint(src[i])] != 0
}

// scan reads the token that starts at or after i. It returns ok false when
// only separators were read; next is where scanning resumes.
func scan(src []byte, i int) (tok Token, next int, ok bool) {
	c, size := classAt(src, i)
	switch c {
	case clsSpace, clsInvisible:
		return Token{}, i + size, false
	case clsArabic, clsArabicMk:
		end := arabicEnd(src, i+size)
		return Token{i, end, ArabicWord}, end, true
	case clsLatin, clsMark:
		end := latinEnd(src, i+size)
		return Token{i, end, LatinWord}, end, true
	case clsDigit:
		end := numberEnd(src, i+size)
		return Token{i, end, Number}, end, true
	case clsSep, clsPunct:
		return Token{i, i + size, Punct}, i + size, true
	}
	return Token{i, i + size, Symbol}, i + size, true
}

// arabicEnd extends an Arabic word from j. Invisible characters are kept only
// when a word character follows them, so a word never ends in one.
func arabicEnd(src []byte, j int) int {
	// Eight characters at a time: how many of them continue the word is
	// counted from a mask, not found by a branch per block, so the loop
	// goes round again only for a word of more than nine characters (its
	// first is read before), and where a word ends is no branch to
	// mispredict. In alternating runs, Append was 11–13% faster this way
	// than four characters at a time on the ANERcorp text and the
	// shuffled words, and 6–7% slower on the repeated 1 MiB input, whose
	// word ends the processor learns.
	for j+16 <= len(src) {
		x := binary.LittleEndian.Uint64(src[j : j+8])
		y := binary.LittleEndian.Uint64(src[j+8 : j+16])
		m := word16[uint16(x)] | word16[uint16(x>>16)]<<1 | word16[uint16(x>>32)]<<2 | word16[x>>48]<<3 |
			word16[uint16(y)]<<4 | word16[uint16(y>>16)]<<5 | word16[uint16(y>>32)]<<6 | word16[y>>48]<<7
		n := bits.TrailingZeros8(^m)
		j += 2 * n
		if n < 8 {
			if src[j] < utf8.RuneSelf {
				return j
			}
			return arabicEndRunes(src, j)
		}
	}
	// Within sixteen bytes of the end: four characters at a time while
	// all of them continue the word, read as src[j:j+8], whose length the
	// compiler knows: no check or mask per word beyond the loop's own
	// bound.
	for j+8 <= len(src) {
		x := binary.LittleEndian.Uint64(src[j : j+8])
		w0, w1, w2, w3 := word16[uint16(x)], word16[uint16(x>>16)], word16[uint16(x>>32)], word16[x>>48]
		if w0&w1&w2&w3 != 0 {
			j += 8
			continue
		}
		// The word ends in this block, or something rarer comes: step
		// over the word characters before it, without loading them
		// again; an ASCII byte after them (white space, punctuation)
		// ends the word.
		if w0 != 0 {
			// By arithmetic on the entries (0 or 1), not a switch: on
			// text that does not repeat a switch mispredicts where words
			// end. In alternating runs, Append was 17–20% faster this
			// way on the ANERcorp text and the shuffled words, 18% slower
			// on the repeated 1 MiB input, whose word ends the processor
			// learns.
			a := int(w1)
			j += 2 + 2*a + 2*(a&int(w2))
		}
		if src[j] < utf8.RuneSelf {
			return j
		}
		break
	}
	return arabicEndRunes(src, j)
}

// arabicEndRunes is arabicEnd one character at a time.
func arabicEndRunes(src []byte, j int) int {
	end := j
	for j < len(src) {
		// Fast paths: a two-byte letter or diacritic of U+0600–U+06FF goes
		// on, an ASCII character (white space, punctuation, digits, Latin)
		// ends the word.
		if wordAt(src, j) {
			j += 2
			end = j
			continue
		}
		if src[j] < utf8.RuneSelf {
			return end
		}
		c, size := classAt(src, j)
		switch c {
		case clsArabic, clsArabicMk, clsMark:
			j += size
			end = j
		case clsInvisible:
			j += size
		default:
			return end
		}
	}
	return end
}

// latinEnd extends a Latin word from j: letters, marks, digits after letters.
func latinEnd(src []byte, j int) int {
	end := j
	for j < len(src) {
		c, size := classAt(src, j)
		switch c {
		case clsLatin, clsMark, clsDigit:
			j += size
			end = j
		case clsInvisible:
			j += size
		default:
			return end
		}
	}
	return end
}

// numberEnd extends a number from j over digits and over separators that
// stand between two digits.
func numberEnd(src []byte, j int) int {
	for j < len(src) {
		c, size := classAt(src, j)
		switch c {
		case clsDigit:
			j += size
		case clsSep:
			if j+size < len(src) {
				if nc, nsize := classAt(src, j+size); nc == clsDigit {
					j += size + nsize
					continue
				}
			}
			return j
		default:
			return j
		}
	}
	return j
}
