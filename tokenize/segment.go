package tokenize

import "unicode/utf8"

// Lexicon is the set of stems that licenses a proclitic split. Contains must
// not retain b. A Lexicon that normalizes before lookup (alef forms, teh
// marbuta) makes segmentation robust to spelling variants.
type Lexicon interface {
	Contains(b []byte) bool
}

// WordSet is a Lexicon of exact words.
type WordSet map[string]struct{}

// NewWordSet returns a WordSet holding words.
func NewWordSet(words ...string) WordSet {
	s := make(WordSet, len(words))
	for _, w := range words {
		s[w] = struct{}{}
	}
	return s
}

// Contains reports whether b is in the set; the lookup does not allocate.
func (s WordSet) Contains(b []byte) bool {
	_, ok := s[string(b)]
	return ok
}

// The letters of Arabic proclitics, as their two UTF-8 bytes.
const (
	waw   = "\u0648" // و: and
	fa    = "\u0641" // ف: so
	ba    = "\u0628" // ب: with, in
	lam   = "\u0644" // ل: for, to
	kaf   = "\u0643" // ك: like
	alef  = "\u0627"
	artAl = alef + lam // ال: the article
)

// IsConjunction reports whether w starts with a proclitic conjunction: و or ف.
func IsConjunction(w []byte) bool { return hasPrefix(w, waw) || hasPrefix(w, fa) }

// IsPreposition reports whether w starts with a proclitic preposition: ب, ل
// or ك.
func IsPreposition(w []byte) bool { return hasPrefix(w, ba) || hasPrefix(w, lam) || hasPrefix(w, kaf) }

// HasProclitic reports whether w starts with the letter of a proclitic
// conjunction or preposition: IsConjunction(w) || IsPreposition(w), decided
// by one switch on the first two bytes, for loops that test every word.
func HasProclitic(w []byte) bool {
	if len(w) < 2 {
		return false
	}
	switch string(w[:2]) {
	case waw, fa, ba, lam, kaf:
		return true
	}
	return false
}

// Segmenter reports the proclitic prefix of Arabic words as sub-tokens.
// Its zero value is not usable; build it with NewSegmenter. A Segmenter keeps
// a scratch buffer and is not safe for concurrent use.
type Segmenter struct {
	lex     Lexicon
	scratch []byte
}

// NewSegmenter returns a segmenter that splits only when lex confirms the stem.
func NewSegmenter(lex Lexicon) *Segmenter {
	return &Segmenter{lex: lex}
}

// Append appends the sub-tokens of tok (a token of src) to dst. A word is
// split into an optional conjunction (و or ف), an optional preposition (ب ل
// ك), an optional article (ال, or the ل that remains of it after the
// preposition ل: للأمم = ل + ل + أمم) and the stem, with the rules:
//   - a word the lexicon knows whole is never split (واشنطن, وليد, لافروف);
//   - otherwise the longest prefix whose remainder the lexicon knows wins,
//     where a remainder after an article is looked up with and without it
//     (العراق or عراق), and the stem keeps at least two letters;
//   - with no such prefix, the word is one Stem.
//
// Tokens that are not Arabic words are appended unchanged.
func (s *Segmenter) Append(dst []Token, src []byte, tok Token) []Token {
	if tok.Kind != ArabicWord {
		return append(dst, tok)
	}
	word := src[tok.Start:tok.End]
	if s.lex.Contains(word) {
		return append(dst, Token{tok.Start, tok.End, Stem})
	}
	conj, prep, art, ok := s.split(word)
	if !ok {
		return append(dst, Token{tok.Start, tok.End, Stem})
	}
	at := tok.Start
	if conj > 0 {
		dst = append(dst, Token{at, at + conj, Proclitic})
		at += conj
	}
	if prep > 0 {
		dst = append(dst, Token{at, at + prep, Proclitic})
		at += prep
	}
	if art > 0 {
		dst = append(dst, Token{at, at + art, Article})
		at += art
	}
	return append(dst, Token{at, tok.End, Stem})
}

// split finds the longest licensed prefix of word, returning the byte lengths
// of its conjunction, preposition and article parts.
func (s *Segmenter) split(word []byte) (conj, prep, art int, ok bool) {
	for _, c := range [...]string{waw, fa, ""} {
		if !hasPrefix(word, c) {
			continue
		}
		rest := word[len(c):]
		// Longest first: preposition + article, preposition, article, none.
		for _, p := range [...]string{ba, lam, kaf, ""} {
			if !hasPrefix(rest, p) {
				continue
			}
			stem := rest[len(p):]
			if a := articleLen(stem, p == lam); a > 0 && s.licensed(stem[a:], true) {
				return len(c), len(p), a, true
			}
			if len(c)+len(p) > 0 && s.licensed(stem, false) {
				return len(c), len(p), 0, true
			}
		}
	}
	return 0, 0, 0, false
}

// articleLen is the length of the article at the start of stem: ال, or after
// the preposition ل the single ل left when the alef is elided (للأمم).
func articleLen(stem []byte, afterLam bool) int {
	switch {
	case afterLam && hasPrefix(stem, lam) && !hasPrefix(stem, artAl):
		return len(lam)
	case hasPrefix(stem, artAl):
		return len(artAl)
	}
	return 0
}

// licensed reports whether the lexicon knows stem (and, after an article,
// the stem with the article restored), with at least two letters left.
func (s *Segmenter) licensed(stem []byte, withArticle bool) bool {
	if utf8.RuneCount(stem) < 2 {
		return false
	}
	if s.lex.Contains(stem) {
		return true
	}
	if withArticle {
		s.scratch = append(append(s.scratch[:0], artAl...), stem...)
		return s.lex.Contains(s.scratch)
	}
	return false
}

func hasPrefix(b []byte, p string) bool {
	return len(b) >= len(p) && string(b[:len(p)]) == p
}
