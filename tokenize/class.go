package tokenize

import (
	"unicode"
	"unicode/utf8"
)

// class is what a character contributes to tokenization.
type class uint8

const (
	clsSpace     class = iota // white space and controls: separates tokens, never in one
	clsInvisible              // zero-width and bidi controls: inside a word, skipped outside
	clsArabic                 // Arabic letter (and tatweel): an Arabic word
	clsArabicMk               // Arabic diacritic: continues an Arabic word
	clsLatin                  // letter of any other script: a Latin word
	clsMark                   // other combining mark: continues the word it follows
	clsDigit                  // decimal digit of any script
	clsSep                    // . , ٫ ٬ : punctuation, or a separator between digits
	clsPunct                  // punctuation: one token per mark
	clsSymbol                 // symbols, invalid bytes and anything else: one token each
)

// asciiClass classifies every byte < 0x80.
var asciiClass [utf8.RuneSelf]class

// arabicClass classifies U+0600–U+06FF, the block nearly all Arabic text is
// written in, so the hot path never reaches the unicode tables for it.
var arabicClass [256]class

// word16 is indexed by two bytes of text read as a little-endian uint16 (the
// first byte low): 1 when they are a character of U+0600–U+06FF that
// continues an Arabic word (clsArabic or clsArabicMk), 0 for anything else,
// invalid UTF-8 included. One load tells the word loop both that the bytes
// are valid and that the word goes on.
var word16 [1 << 16]uint8

func init() {
	for r := rune(0); r < utf8.RuneSelf; r++ {
		asciiClass[r] = slowClass(r)
	}
	for i := range arabicClass {
		c := slowClass(0x0600 + rune(i))
		arabicClass[i] = c
		if c == clsArabic || c == clsArabicMk {
			lead, cont := 0xD8|i>>6, 0x80|i&0x3F
			word16[cont<<8|lead] = 1
		}
	}
}

// slowClass classifies any rune through the unicode tables.
func slowClass(r rune) class {
	switch {
	case r == '.' || r == ',' || r == '\u066B' || r == '\u066C':
		return clsSep
	case r == '\u0640': // tatweel stretches a word and never splits it
		return clsArabic
	case IsInvisible(r):
		return clsInvisible
	case unicode.IsSpace(r) || unicode.IsControl(r):
		return clsSpace
	case unicode.IsDigit(r):
		return clsDigit
	case unicode.Is(unicode.Arabic, r) && unicode.IsLetter(r):
		return clsArabic
	case unicode.Is(unicode.Arabic, r) && unicode.Is(unicode.Mn, r):
		return clsArabicMk
	case unicode.IsLetter(r):
		return clsLatin
	case unicode.IsMark(r):
		return clsMark
	case unicode.IsPunct(r):
		return clsPunct
	}
	return clsSymbol
}

// IsInvisible reports the zero-width and bidi control characters that the
// normalizer removes (U+200B–U+200F, U+061C, U+202A–U+202E, U+2066–U+2069,
// U+FEFF), and the word joiner U+2060, which the normalizer keeps but which
// is as invisible inside a word.
func IsInvisible(r rune) bool {
	switch {
	case r >= 0x200B && r <= 0x200F, r == 0x061C, r >= 0x202A && r <= 0x202E,
		r == 0x2060, r >= 0x2066 && r <= 0x2069, r == 0xFEFF:
		return true
	}
	return false
}

// classAt decodes the character at src[i:], returning its class and size.
// Invalid UTF-8 is one byte of clsSymbol.
func classAt(src []byte, i int) (class, int) {
	b := src[i]
	if b < utf8.RuneSelf {
		return asciiClass[b], 1
	}
	// 0xD8–0xDB lead the two-byte sequences of U+0600–U+06FF.
	if b >= 0xD8 && b <= 0xDB && i+1 < len(src) && src[i+1]&0xC0 == 0x80 {
		return arabicClass[(int(b&0x03)<<6)|int(src[i+1]&0x3F)], 2
	}
	r, size := utf8.DecodeRune(src[i:])
	if r == utf8.RuneError && size == 1 {
		return clsSymbol, 1
	}
	return slowClass(r), size
}
