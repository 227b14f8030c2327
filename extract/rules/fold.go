package rules

import (
	"unicode"
	"unicode/utf8"

	"github.com/arabench/arabench/tokenize"
)

// maxLetters bounds the folded words that are looked up: the longest words of
// the lexicon (الثمانينيات, الأربعينيات) have 11 letters, and two proclitic
// letters may stand before them. A longer word is never a rule word, and skipping it
// early keeps the scan fast.
const maxLetters = 14

// folded is an Arabic word reduced to lexicon spelling: one two-byte letter
// per entry of key, and for each letter the byte offset in the raw word where
// it starts (so that a proclitic's raw length, diacritics and tatweel
// included, is known). Fold writes into it; it lives on the stack.
type folded struct {
	key [2 * maxLetters]byte
	pos [maxLetters + 1]int
	n   int // letters in key
}

// fold reduces the raw Arabic word w to its lexicon spelling:
//   - diacritics (U+064B–U+065F, U+0670), tatweel (U+0640) and zero-width or
//     bidi controls are dropped, so مـارس and غداً look up as مارس and غدا;
//   - the hamza and madda forms of alef (أ إ آ ٱ) become bare alef, as
//     Arabic writers often omit them (ابريل، اواخر، الاثنين);
//   - alef maqsura becomes ya and teh marbuta becomes heh, the other two
//     endings that news text writes either way (إحدى/احدي، ثلاثة/ثلاثه);
//   - the Persian letters ی and ک become ي and ك.
//
// It reports false for a word with any other character or more than
// maxLetters letters: such a word is not in the lexicon. (U+061C, the
// Arabic letter mark, is dropped through foldTable with the Arabic block.)
func (f *folded) fold(w []byte) bool {
	f.n = 0
	for i := 0; i < len(w); {
		var r rune
		size := 2
		if b := w[i]; b >= 0xD8 && b <= 0xDB && i+1 < len(w) && w[i+1]&0xC0 == 0x80 {
			r = foldTable[int(b-0xD8)<<6|int(w[i+1]&0x3F)]
			if r == foldSkip {
				i += 2
				continue
			}
		} else {
			r, size = utf8.DecodeRune(w[i:])
			if tokenize.IsInvisible(r) || (r >= utf8.RuneSelf && unicode.Is(unicode.Mn, r)) {
				i += size
				continue
			}
			r = foldNone
		}
		if r == foldNone || f.n == maxLetters {
			return false
		}
		f.key[2*f.n] = byte(0xC0 | r>>6)
		f.key[2*f.n+1] = byte(0x80 | r&0x3F)
		f.pos[f.n] = i
		f.n++
		i += size
	}
	f.pos[f.n] = len(w)
	return f.n > 0
}

// foldTable gives, for every character of U+0600–U+06FF, the letter it folds
// to, foldSkip for the marks that fold drops, or foldNone for the rest.
var foldTable [256]rune

const (
	foldNone rune = 0
	foldSkip rune = -1
)

func init() {
	for i := range foldTable {
		r := 0x0600 + rune(i)
		switch {
		case r == 0x0640, r >= 0x064B && r <= 0x065F, r == 0x0670, r == 0x061C:
			r = foldSkip
		case r == 0x0622, r == 0x0623, r == 0x0625, r == 0x0671:
			r = 0x0627
		case r == 0x0649, r == 0x06CC:
			r = 0x064A
		case r == 0x0629:
			r = 0x0647
		case r == 0x06A9:
			r = 0x0643
		case r < 0x0621 || r > 0x064A:
			r = foldNone
		}
		foldTable[i] = r
	}
}

// letter reports whether the i-th folded letter is the letter l (given as its
// two UTF-8 bytes).
func (f *folded) letter(i int, l string) bool {
	return i < f.n && f.key[2*i] == l[0] && f.key[2*i+1] == l[1]
}

// The letters that proclitics are made of, as their two UTF-8 bytes.
const (
	letterWaw  = "\u0648" // و: and
	letterFa   = "\u0641" // ف: so, then
	letterBa   = "\u0628" // ب: with, in, by
	letterLam  = "\u0644" // ل: for, to
	letterKaf  = "\u0643" // ك: like, as
	letterAlef = "\u0627"
	letterMim  = "\u0645" // م: ميلادي, the Gregorian era
	letterHa   = "\u0647" // ه (هـ): هجري, the Hijri era
)

// Proclitic kinds of a word, as recorded in its wtok.
const (
	preNone uint8 = iota
	preWa         // exactly the conjunction و: it joins the parts of a compound number
	preFa         // exactly the conjunction ف
	prePrep       // a preposition (ب ل ك), alone or after a conjunction (وب، فل، ...)
)

// lookup finds the lexicon entry of the raw Arabic word w. The whole word is
// tried first, so a word that begins with a proclitic letter (واحد، فبراير،
// بداية، لافروف) keeps it. Otherwise a conjunction (و ف), a preposition (ب ل
// ك) or both are split off, shortest first, and the rest is looked up. After
// the preposition ل the rest may be an article whose alef was elided
// (للعام = ل + العام), as the annotation guidelines read للأمم: only the first
// ل is outside. A stem after a preposition must keep three letters, so that
// لست (I am not) is not ل + ست (six).
//
// It returns the entry, the raw byte length of the proclitic (0 when none)
// and its kind.
func lookup(w []byte) (e entry, preLen int, pre uint8, ok bool) {
	var f folded
	if !f.fold(w) {
		return entry{}, 0, preNone, false
	}
	if f.n == 1 {
		// A lone و written apart from what it joins: و 300, or و300 where
		// the tokenizer splits the letter from the digits. A lone م or هـ
		// is the era letter after a year (2019م، 1445هـ).
		switch {
		case f.letter(0, letterWaw):
			return entry{cat: cWa}, 0, preNone, true
		case f.letter(0, letterMim), f.letter(0, letterHa):
			return entry{cat: cEra}, 0, preNone, true
		}
		return entry{}, 0, preNone, false
	}
	if e, ok := find(f.key[:2*f.n]); ok {
		return e, 0, preNone, true
	}
	conj := 0
	if f.letter(0, letterWaw) || f.letter(0, letterFa) {
		conj = 1
	}
	for c := 0; c <= conj; c++ {
		for p := 0; p <= 1; p++ {
			if c+p == 0 {
				continue
			}
			n := c + p
			if p == 1 && !(f.letter(c, letterBa) || f.letter(c, letterLam) || f.letter(c, letterKaf)) {
				continue
			}
			rest := f.n - n
			if rest < 2 || (p == 1 && rest < 3) {
				continue
			}
			kind := prePrep
			switch {
			case p == 0 && f.letter(0, letterWaw):
				kind = preWa
			case p == 0:
				kind = preFa
			}
			if e, ok := find(f.key[2*n : 2*f.n]); ok {
				return e, f.pos[n], kind, true
			}
			if p == 1 && f.letter(c, letterLam) && f.letter(n, letterLam) {
				// للعام: the second ل is what is left of the article ال.
				var k [2 * maxLetters]byte
				copy(k[:], letterAlef)
				m := copy(k[2:], f.key[2*n:2*f.n])
				if e, ok := find(k[:2+m]); ok {
					return e, f.pos[n], kind, true
				}
			}
		}
	}
	return entry{}, 0, preNone, false
}

// find looks a folded word up in the lexicon. Nearly every word of a text is
// not there, so a small bit set of the lexicon's word shapes answers most
// lookups before the map is hashed.
func find(key []byte) (entry, bool) {
	if !shapes.has(key) {
		return entry{}, false
	}
	e, ok := lexicon[string(key)]
	return e, ok
}

// shapeSet is a one-hash Bloom filter over word shapes: a word's length and
// its first three and last letters. With a few hundred lexicon words in
// 2^16 bits, about one word in a hundred that is not in the lexicon gets past it.
type shapeSet [1 << 16 / 64]uint64

// shapes holds the shapes of the lexicon's words.
var shapes shapeSet

// index returns the bit of key's shape; key is at least two folded letters.
// A folded letter's first byte is 0xD8 or 0xD9, so its low bit and the second
// byte name the letter.
func (*shapeSet) index(key []byte) uint32 {
	n := len(key)
	letter := func(i int) uint32 { return uint32(key[i]&1)<<6 | uint32(key[i+1]&0x3F) }
	h := letter(0) | letter(2)<<7 | uint32(n)<<21
	if n >= 6 {
		h |= letter(4) << 14
	}
	h = h*0x9E3779B1 ^ letter(n-2)*0x85EBCA6B
	return (h * 0xC2B2AE35) >> 16
}

func (s *shapeSet) add(key []byte) {
	i := s.index(key)
	s[i/64] |= 1 << (i % 64)
}

func (s *shapeSet) has(key []byte) bool {
	i := s.index(key)
	return s[i/64]&(1<<(i%64)) != 0
}
