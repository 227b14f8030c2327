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

// startBits is the size of the filter of starts: 2^19 bits, 64 KiB, for
// some 36,000 spellings (startWords of 2,600 first words). A spelling sets
// two bits of one 64-bit word, so that a token where no reading begins a
// name passes with a chance of about 2% (one bit would let 7% pass) for one
// load.
const startBits = 19

// startBitsOf returns the word of the filter of starts for hash h and the two
// bits of it that h sets, from bits of h that neither the slot nor the tag
// of the word table uses alone.
func startBitsOf(h uint64) (int, uint64) {
	return int(h >> (64 - startBits + 6)), 1<<(h>>32&63) | 1<<(h>>38&63)
}

// start is 1 when both bits of hash h are set in the filter of starts, else
// 0.
func (g *Gazetteer) start(h uint64) uint64 {
	i, bits := startBitsOf(h)
	return b2u(g.starts[i]&bits == bits)
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
// a name, by the filter of starts, and the long Arabic words that may be two
// names joined by و. It passes over every other token without a branch that
// depends on the token: most tokens are words where no reading matches, and
// which ones is data that a branch mispredicts. The filters err only towards
// a candidate, which the matching loop then rejects, so that the matches are
// those of trying every reading at every token.
func (g *Gazetteer) screen(s *scratch) {
	// Local slices of one length, so that the loop keeps them in
	// registers and checks no bounds: its stores could be to s.
	toks := s.toks
	n := len(toks)
	ids := slices.Grow(s.ids[:0], n)[:n]
	clear(ids)
	flags := slices.Grow(s.flags[:0], n)[:n]
	longs := slices.Grow(s.longs[:0], n)[:n]
	cands := slices.Grow(s.cands[:0], n)[:n]
	buf := s.padded()
	starts := &g.starts
	nl := 0
	for i := range toks {
		t := &toks[i]
		k := keyAt(buf, t.Start, t.End)
		w, bits := startBitsOf(k.hash())
		flags[i] = uint8(b2u(starts[w]&bits == bits))
		longs[nl] = int32(i)
		// Not less the candidates: the next token's store would wait
		// for the filter's load.
		nl += int(b2u(t.Kind == tokenize.ArabicWord) & b2u(k.n >= minFused))
	}
	for _, i := range longs[:nl] {
		if flags[i] == 0 && g.mayBeFused(buf, toks[i]) {
			flags[i] = 1
		}
	}
	nc := 0
	for i, f := range flags {
		cands[nc] = int32(i)
		nc += int(f)
	}
	s.ids, s.flags, s.longs, s.cands = ids, flags, longs, cands[:nc]
}

// mayBeFused reports whether token t of buf has a و with at least two
// letters on either side where both sides may begin a name, as fusedPair
// requires.
func (g *Gazetteer) mayBeFused(buf []byte, t tokenize.Token) bool {
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
			left := keyAt(buf, t.Start, t.Start+q).hash()
			right := keyAt(buf, t.Start+q+len(waw), t.End).hash()
			if g.start(left)&g.start(right) != 0 {
				return true
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
