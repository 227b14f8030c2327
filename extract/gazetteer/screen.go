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
	for _, i := range longs[:nl] {
		// fusedPair looks for a name that may go on from the word's end.
		// A word with goesOn set is a candidate that may go on already;
		// one with alone alone is looked at again.
		if flags[i]&goesOn == 0 && g.mayBeFused(buf, toks, int(i)) {
			flags[i] = alone | goesOn
		}
	}
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

// mayBeFused reports whether token i of toks, in buf, has a و with at least
// two letters on either side where a name may be the left side alone and
// begin at the right side, as fusedPair requires.
func (g *Gazetteer) mayBeFused(buf []byte, toks []tokenize.Token, i int) bool {
	t := toks[i]
	w := buf[t.Start:t.End]
	last := len(w) - len(waw) - minLetters2 // the last place of the و
	// The و's second byte, 0x88, is rare in Arabic text: the bytes equal
	// to it are found eight at a time, from p+1 (screenPad covers the
	// read past the token's end). A byte above a true 0x88 may be flagged
	// too; the check of both bytes of the و rejects it.
	for p := minLetters2; p <= last; p += 8 {
		x := binary.LittleEndian.Uint64(buf[t.Start+p+1:t.Start+p+9]) ^ 0x8888888888888888
		for z := (x - 0x0101010101010101) &^ x & 0x8080808080808080; z != 0; z &= z - 1 {
			q := p + bits.TrailingZeros64(z)/8
			if q > last {
				break
			}
			if w[q] != waw[0] || w[q+1] != waw[1] {
				continue
			}
			if left := keyAt(buf, t.Start, t.Start+q).hash(); !g.followed(left, aloneBits(left)) {
				continue
			}
			right := keyAt(buf, t.Start+q+len(waw), t.End).hash()
			if g.followed(right, aloneBits(right)) {
				return true
			}
			if i+1 < len(toks) {
				n := toks[i+1]
				if g.followed(right, nextBits(right, keyAt(buf, n.Start, n.End).hash())) {
					return true
				}
			}
		}
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
