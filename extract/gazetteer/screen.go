package gazetteer

import (
	"encoding/binary"
	"math/bits"
	"slices"
	"strings"

	"github.com/arabench/arabench/tokenize"
)

// screenPad is how far past the normalized text screen reads: the loads of
// eight bytes from a token's start, and from four bytes on.
const screenPad = 16

// followBits is the size of the filter of what follows: 2^20 bits, 128 KiB.
// Every spelling at which a reading of matchAt may begin a name
// (startWords of a first word) picks one 64-bit word of it by its hash. In
// that word it sets two bits, picked by its hash, when the first word is a
// name alone, and two bits for each word that follows the first word in a
// name, picked by both hashes. A token's verdict is then one load: most
// tokens where no reading begins a name, or where one begins but the next
// token does not go on with it (ان and علي before a word no name has after
// them), pass neither test.
const followBits = 20

// followWord is the index of the word of the filter of what follows that a
// token of hash h picks, by bits of h that neither the slot nor the tag of
// the word table uses alone.
func followWord(h uint64) int { return int(h >> (64 - followBits + 6)) }

// aloneBits are the two bits that a token of hash h sets in its word of the
// filter when a name may be its word alone.
func aloneBits(h uint64) uint64 { return 1<<(h>>32&63) | 1<<(h>>38&63) }

// nextBits are the two bits that a token of hash h sets in its word of the
// filter when a name that begins there may go on with a token of hash next.
func nextBits(h, next uint64) uint64 {
	return 1<<((h>>20^next>>32)&63) | 1<<((h>>26^next>>38)&63)
}

// holds is 1 when word has every bit of bits set, else 0.
func holds(word, bits uint64) uint64 { return b2u(word&bits == bits) }

// followed reports whether the word of the filter of what follows that a
// token of hash h picks has every bit of bits set.
func (g *Gazetteer) followed(h, bits uint64) bool {
	return holds(g.follows[followWord(h)], bits) != 0
}

// The screen's flags for a token, in s.flags: a reading may begin a name
// that is one word (alone), or one that goes on with the next token (goesOn).
const (
	alone  = 1
	goesOn = 2
)

// mayGoOn reports whether a name that begins at token i (at any reading, or
// after a و inside it) may go on with token i+1, by the screen's verdict.
func (s *scratch) mayGoOn(i int) bool { return s.flags[i+1]&goesOn != 0 }

// fillFollows fills the filter of what follows from the first words
// (first, nodes) and the trie's edges from them (next), once words and keys
// are filled.
func (g *Gazetteer) fillFollows() {
	set := func(first uint32, bits func(h uint64) uint64) {
		for _, w := range startWords(g.words[first]) {
			h := keyOf([]byte(w)).hash()
			g.follows[followWord(h)] |= bits(h)
		}
	}
	firstOf := make(map[int32]uint32) // the first word of each node of one word
	for id, n := range g.first {
		if n != 0 {
			firstOf[n] = uint32(id)
			if g.nodes[n] >= 0 {
				set(uint32(id), aloneBits)
			}
		}
	}
	for key := range g.next {
		if first, ok := firstOf[int32(key>>32)]; ok {
			next := g.keys[uint32(key)].hash()
			set(first, func(h uint64) uint64 { return nextBits(h, next) })
		}
	}
}

// fillStems fills stems from the first words and the table of words.
func (g *Gazetteer) fillStems() {
	g.stems = make([]bool, len(g.words))
	for id, n := range g.first {
		if n == 0 {
			continue
		}
		for _, w := range startWords(g.words[id])[1:] {
			if sid := g.lookup([]byte(w)); sid != 0 {
				g.stems[sid] = true
			}
		}
	}
}

// The proclitics matchAt strips: a conjunction, a preposition, or both.
var proclitics = []string{
	"و", "ف", "ب", "ل", "ك",
	"وب", "ول", "وك", "فب", "فل", "فك",
}

// startWords returns the spellings of a token at which a reading of matchAt
// finds that a name may begin with the word first: the word itself, after
// each proclitic, and, for a word that begins with the article ال, after ل
// (with or without a conjunction) with the article's alef left out (للأمم).
func startWords(first string) []string {
	words := []string{first}
	for _, p := range proclitics {
		words = append(words, p+first)
	}
	if rest, ok := strings.CutPrefix(first, alef); ok && strings.HasPrefix(rest, lam) {
		words = append(words, lam+rest, waw+lam+rest, "ف"+lam+rest)
	}
	return words
}

// screen leaves the words of the chunk's tokens not looked up (s.ids all 0),
// for idAt to look up when the matching loop asks, and finds the tokens that
// the matching loop must look at (s.cands): those where a reading may begin
// a name that is one word or that goes on with the next token, by the filter
// of what follows, and the long Arabic words that may be two names joined by
// و. Its verdicts stay in s.flags for longest (goesOn). It passes over every
// other token without a branch that depends on the token: most tokens are
// words where no reading matches, and which ones is data that a branch
// mispredicts. The filter errs only towards a candidate, which the matching
// loop then rejects, so that the matches are those of trying every reading
// at every token.
func (g *Gazetteer) screen(s *scratch) {
	// Local slices of one length, so that the loop keeps them in
	// registers and checks no bounds: its stores could be to s.
	toks := s.toks
	n := len(toks)
	ids := slices.Grow(s.ids[:0], n)[:n]
	clear(ids)
	// flags[i+1] is token i's verdict; the loop writes it one token late.
	flags := slices.Grow(s.flags[:0], n+1)[:n+1]
	late := flags[:n]
	longs := slices.Grow(s.longs[:0], n)[:n]
	cands := slices.Grow(s.cands[:0], n)[:n]
	buf := s.padded()
	nl, last := verdicts(toks, buf, late, longs, &g.follows)
	flags[n] = last
	s.flags = flags
	flags = flags[1:]
	s.wawPlaces = slices.Grow(s.wawPlaces[:0], nl)[:nl]
	g.markFused(buf, toks, flags, longs[:nl], s.wawPlaces)
	nc := 0
	for i, f := range flags {
		cands[nc] = int32(i)
		nc += int(b2u(f != 0))
	}
	s.ids, s.longs, s.cands = ids, longs, cands[:nc]
}

// verdicts writes the verdict of each token of toks but the last, in buf,
// into late one token late (late[i+1] for token i), and the one of the last
// token, with which no name goes on, to last; it lists the long Arabic words
// in longs[:nl]. It is a function of its own, so that its loop keeps its
// values in registers: inside screen, the compiler spills them to the stack.
func verdicts(toks []tokenize.Token, buf []byte, late []uint8, longs []int32, follows *[1 << followBits / 64]uint64) (nl int, last uint8) {
	late = late[:len(toks)]
	longs = longs[:len(toks)]
	var prev, word uint64
	for i := range toks {
		t := &toks[i]
		k := keyAt(buf, t.Start, t.End)
		h := k.hash()
		// Token i-1's verdict.
		late[i] = uint8(holds(word, aloneBits(prev)) | holds(word, nextBits(prev, h))<<1)
		word, prev = follows[followWord(h)], h
		longs[nl] = int32(i)
		// Not less the candidates: the next token's store would wait
		// for the filter's load.
		nl += int(b2u(t.Kind == tokenize.ArabicWord) & b2u(k.n >= minFused))
	}
	return nl, uint8(holds(word, aloneBits(prev)))
}

// markFused sets alone and goesOn in flags (by token) for the long Arabic
// words (longs) that may be two names joined by و where fusedPair looks. A
// word with goesOn set already is a candidate that may go on; one with
// alone alone is looked at again.
//
// Three long words in four have no و at a place of fusedPair's, and the
// others mostly one. A first pass, with no branch that depends on the word,
// keeps in longs those that may have one: the bytes after their first
// sixteen places are checked for the و's second byte, 0x88 (rare in Arabic
// text), at once, into masks; a word with more places is kept whatever its
// mask. The second pass looks at the places flagged, then at a longer
// word's others.
func (g *Gazetteer) markFused(buf []byte, toks []tokenize.Token, flags []uint8, longs []int32, masks []uint16) {
	masks = masks[:len(longs)]
	kept := 0
	for _, i := range longs {
		t := &toks[i]
		places := t.End - t.Start - len(waw) - 2*minLetters2 + 1
		at := t.Start + minLetters2 + 1 // screenPad covers the reads
		x := binary.LittleEndian.Uint64(buf[at:at+8]) ^ 0x8888888888888888
		y := binary.LittleEndian.Uint64(buf[at+8:at+16]) ^ 0x8888888888888888
		// The high bit of each byte equal to 0x88 (and perhaps of a byte
		// above one, by the subtraction's borrow: fusedAt checks both
		// bytes of the و), gathered from byte k to bit k.
		zx := ((x - 0x0101010101010101) &^ x & 0x8080808080808080) >> 7 * 0x0102040810204080 >> 56
		zy := ((y - 0x0101010101010101) &^ y & 0x8080808080808080) >> 7 * 0x0102040810204080 >> 56
		k := 16 - places
		k &^= k >> 63
		m := (zx | zy<<8) & (0xFFFF >> uint(k))
		longs[kept], masks[kept] = i, uint16(m)
		kept += int(b2u(flags[i]&goesOn == 0) & (b2u(m != 0) | b2u(places > 16)))
	}
	for k, i := range longs[:kept] {
		if g.fusedIn(buf, toks, int(i), masks[k]) {
			flags[i] = alone | goesOn
		}
	}
}

// fusedIn reports whether token i of toks, in buf, has a و at one of its
// places that fusedAt accepts: those of the first sixteen that mask flags
// (bit k for place minLetters2+k), then every later one.
func (g *Gazetteer) fusedIn(buf []byte, toks []tokenize.Token, i int, mask uint16) bool {
	for ; mask != 0; mask &= mask - 1 {
		if g.fusedAt(buf, toks, i, minLetters2+bits.TrailingZeros16(mask)) {
			return true
		}
	}
	t := toks[i]
	for q := minLetters2 + 16; q+len(waw)+minLetters2 <= t.End-t.Start; q++ {
		if g.fusedAt(buf, toks, i, q) {
			return true
		}
	}
	return false
}

// fusedAt reports whether token i of toks, in buf, has a و at place q (two
// letters at the least before it and after it, the bytes of which it
// checks) where a name may be the left side alone, and begin at the right
// side, alone or going on with the next token.
func (g *Gazetteer) fusedAt(buf []byte, toks []tokenize.Token, i, q int) bool {
	t := toks[i]
	if buf[t.Start+q] != waw[0] || buf[t.Start+q+1] != waw[1] {
		return false
	}
	if left := keyAt(buf, t.Start, t.Start+q).hash(); !g.followed(left, aloneBits(left)) {
		return false
	}
	right := keyAt(buf, t.Start+q+len(waw), t.End).hash()
	if g.followed(right, aloneBits(right)) {
		return true
	}
	if i+1 < len(toks) {
		n := toks[i+1]
		return g.followed(right, nextBits(right, keyAt(buf, n.Start, n.End).hash()))
	}
	return false
}

// b2u is 1 for true and 0 for false, which the compiler makes without a
// branch.
func b2u(b bool) uint64 {
	if b {
		return 1
	}
	return 0
}
