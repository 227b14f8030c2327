// Package gazetteer is the built-in extractor `gazetteer`: it finds the person,
// organization and place names of package lexicon's lists (and CLDR's Arabic
// names of countries and territories) in a document, by longest match over
// normalized tokens, with the proclitics و ف ب ل ك left outside the span.
//
// # Matching
//
// The document is cut into tokens by package tokenize, and every token is
// normalized with the normalize "search" preset, so that alef forms, hamza
// seats, teh marbuta, alef maqsura, diacritics, tatweel and invisible
// controls do not matter: الامم المتحدة matches الأمم المتحدة. The names of
// the lists are tokenized and normalized the same way.
//
// From left to right, at each token, every reading of the token is tried as
// the first word of a name:
//   - the token whole;
//   - the token less a proclitic prefix — a conjunction و or ف, a preposition
//     ب ل or ك, or a conjunction and a preposition (وب، ول، فك …) — with at
//     least two letters left: وواشنطن → واشنطن, بموسكو → موسكو;
//   - after the preposition ل, a rest that begins with ل is also read as the
//     article with its alef elided, the way Arabic writes ل + الأمم as للأمم:
//     the name الأمم المتحدة is found and the span starts at the second ل
//     (لأمم المتحدة), only the preposition outside.
//
// For each reading the longest name whose first word it is and whose other
// words follow in the text is taken. The reading that reaches furthest wins;
// on a tie, the one that strips less, so that a name that begins with one of
// these letters is not split (واشنطن، وليد المعلم، لافروف، بغداد). The match is
// reported and matching goes on after it: spans are flat and never overlap,
// and where names overlap, the leftmost wins, then the longest (وزارة الخارجية
// الروسية is one ORG, not a LOC inside one).
//
// Entries of type lexicon.Block (titles such as وزيرة الخارجية, phrases such as
// السياسة الخارجية) are matched the same way and consumed without a report, so
// that no name is found inside them.
//
// Two spellings with a missing space are handled: a name of several words
// written as one token (الاممالمتحدة) is one mention over the token, and a
// token that matches nothing but is a one-word name, و and another name
// (موسكووواشنطن) gives both names, the و outside.
//
// Every mention carries the type of its entry and, when the entry is linked,
// its entity id ("kb:moscow").
package gazetteer

import (
	"context"
	"crypto/sha256"
	"encoding/binary"
	"encoding/hex"
	"errors"
	"fmt"
	"math/bits"
	"slices"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract"
	"github.com/arabench/arabench/extract/lexicon"
	"github.com/arabench/arabench/normalize"
	"github.com/arabench/arabench/tokenize"
)

// Name is the name the extractor is registered under.
const Name = "gazetteer"

// NormalizerPreset is the normalize preset that names and text are matched
// under.
const NormalizerPreset = "search"

// algorithm is the version of the matching rules; Version adds the lexicon's
// digest to it.
const algorithm = "1"

func init() {
	extract.Register(Name, func() (extract.Extractor, error) {
		g, err := Default()
		if err != nil {
			return nil, err
		}
		return g, nil
	})
}

var loadDefault = sync.OnceValues(New)

// Default returns the gazetteer of the embedded lexicon, built on first use
// and shared afterwards (a Gazetteer is immutable and safe for concurrent
// use).
func Default() (*Gazetteer, error) {
	return loadDefault()
}

// Gazetteer is the extractor. Its zero value is not usable: build one with
// New or Build. It is safe for concurrent use.
type Gazetteer struct {
	norm   *normalize.Normalizer
	vocab  map[string]uint32            // normalized word → word id, from 1 (while building)
	filter [1 << filterBits / 64]uint64 // bit filterBit(w) is set for every word w of the lists
	// follows is the filter of what follows (followBits): for every
	// spelling w of a token at which a reading of matchAt may begin a name
	// (startWords), its word followWord(w) has aloneBits(w) set when the
	// name may be one word, and nextBits(w, v) for every word v that follows
	// the first word in a name.
	follows [1 << followBits / 64]uint64
	// words, keys and slots are vocab as an open-addressing hash table
	// keyed by the same hash as the filter, so that a lookup hashes a word
	// once: words[id] is the word of id and keys[id] its key, and a word w
	// lives in the first slot from slotOf(w) whose tag is tagOf(w) and
	// whose word is w, before the first empty slot (tag 0).
	words []string
	keys  []wordKey
	slots []slot
	// The names form a trie over word ids: first[id] is the node of the
	// one-word prefix id (0 for none), next[node<<32|id] the node that word id
	// leads to from node, and nodes[node] the entry a name that ends at node
	// is (-1 for none). Once built, next is kept as edges, an open-addressing
	// table that child looks up, and the map goes, as vocab does.
	first []int32
	next  map[uint64]int32 // while building
	edges []edge
	nodes []int32
	// ends[node] is true for a node that no edge leaves: a name that has
	// reached it goes on with no next word.
	ends []bool
	// stems[id] is true for a word that matchAt may read less a proclitic
	// as the first word of a name: a spelling of startWords(f) other than
	// f itself, for a first word f. The readings of any other word of the
	// lists less a proclitic are no first word, and matchAt skips them.
	stems   []bool
	entries []entry
	// maxWords is the number of words of the longest name.
	maxWords int
	version  string
	pool     sync.Pool // *scratch
	// dups lists entries that repeat another entry after normalization (same
	// words, type and entity): harmless, but a sign of a list that spells out
	// what normalization already unifies.
	dups []string
}

// entry is what a name is: its type and entity.
type entry struct {
	typ    string
	entity string
}

// New builds the gazetteer of the embedded lexicon (lexicon.Load).
func New() (*Gazetteer, error) {
	lists, err := lexicon.Load()
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	return Build(lists)
}

// Build compiles lists into a gazetteer. Every entry must have one of the
// types PER, ORG, LOC or lexicon.Block, and two entries whose names
// normalize to the same words must agree on type and entity; each problem is
// an error naming its line (`file:line`), and all of them are returned
// together.
func Build(lists []*lexicon.List) (*Gazetteer, error) {
	norm, err := normalize.Preset(NormalizerPreset)
	if err != nil {
		return nil, fmt.Errorf("gazetteer: %w", err)
	}
	n := 0
	for _, l := range lists {
		n += len(l.Entries)
	}
	g := &Gazetteer{
		norm:    norm,
		vocab:   make(map[string]uint32, n),
		first:   make([]int32, 1, n),
		next:    make(map[uint64]int32, n),
		nodes:   append(make([]int32, 0, 2*n), -1), // node 0 is no node
		entries: make([]entry, 0, n+n/2),
	}
	c := compiler{g: g, lists: lists}
	var errs []error
	for li, l := range lists {
		for ei := range l.Entries {
			if err := c.add(li, ei); err != nil {
				errs = append(errs, err)
			}
		}
	}
	if len(errs) > 0 {
		return nil, fmt.Errorf("gazetteer: %w", errors.Join(errs...))
	}
	c.addFused()
	g.index()
	sum := sha256.Sum256(c.sum)
	g.version = algorithm + "+lex." + hex.EncodeToString(sum[:4])
	g.pool.New = func() any { return new(scratch) }
	return g, nil
}

// Name returns "gazetteer".
func (g *Gazetteer) Name() string { return Name }

// Types returns the types the gazetteer produces: PER, ORG and LOC.
func (g *Gazetteer) Types() []string { return []string{corpus.PER, corpus.ORG, corpus.LOC} }

// Version identifies the matching rules and the lexicon: "1+lex." and the
// first hex digits of a SHA-256 over every compiled entry, so that a change of
// any list, or of CLDR's names, changes it.
func (g *Gazetteer) Version() string { return g.version }

// Len is the number of names the gazetteer knows, fused spellings included.
func (g *Gazetteer) Len() int { return len(g.entries) }

// compiler turns lexicon entries into word-id sequences.
type compiler struct {
	g      *Gazetteer
	lists  []*lexicon.List
	origin []origin // by entry index
	fused  []fused  // spellings without spaces, added last
	sum    []byte   // what the version digest hashes
	src    []byte
	name   []byte
	ids    []uint32
	toks   []tokenize.Token
}

// origin is where an entry comes from: lists[list].Entries[entry].
type origin struct {
	list, entry int
}

// fused is the spelling without spaces of the multi-word entry at index.
type fused struct {
	word  string
	index int32
}

func (c *compiler) where(o origin) string {
	l := c.lists[o.list]
	return fmt.Sprintf("%s:%d", l.File, l.Entries[o.entry].Line)
}

// add compiles entry ei of list li. It returns an error when an entry with
// the same words disagrees on type or entity.
func (c *compiler) add(li, ei int) error {
	e := &c.lists[li].Entries[ei]
	here := origin{li, ei}
	switch e.Type {
	case corpus.PER, corpus.ORG, corpus.LOC, lexicon.Block:
	default:
		return fmt.Errorf("%s:%d: %q has type %q, not PER, ORG, LOC or %s", c.lists[li].File, e.Line, e.Name, e.Type, lexicon.Block)
	}
	// Names are normalized, then tokenized, as documents are.
	c.src = append(c.src[:0], e.Name...)
	c.name = c.g.norm.AppendNormalized(c.name[:0], c.src)
	c.toks = tokenize.Append(c.toks[:0], c.name)
	if len(c.toks) == 0 {
		return fmt.Errorf("%s:%d: %q has no word left after normalization", c.lists[li].File, e.Line, e.Name)
	}
	c.ids = c.ids[:0]
	arabic := true
	for _, t := range c.toks {
		c.ids = append(c.ids, c.intern(c.name[t.Start:t.End]))
		arabic = arabic && t.Kind == tokenize.ArabicWord
	}
	c.g.maxWords = max(c.g.maxWords, len(c.ids))
	node := c.node(c.ids)
	if i := c.g.nodes[node]; i >= 0 {
		old := &c.g.entries[i]
		was := c.origin[i]
		if old.typ != e.Type || old.entity != e.Entity {
			return fmt.Errorf("%s:%d: %q is %s here and %s at %s, and both normalize to %q",
				c.lists[li].File, e.Line, e.Name, describe(e.Type, e.Entity), describe(old.typ, old.entity), c.where(was), c.name)
		}
		c.g.dups = append(c.g.dups, fmt.Sprintf("%s:%d: %q repeats %s", c.lists[li].File, e.Line, e.Name, c.where(was)))
		return nil
	}
	idx := c.push(node, e.Type, e.Entity)
	c.origin = append(c.origin, here)
	if len(c.toks) > 1 && arabic && e.Type != lexicon.Block {
		var w []byte
		for _, t := range c.toks {
			w = append(w, c.name[t.Start:t.End]...)
		}
		c.fused = append(c.fused, fused{string(w), idx})
	}
	c.sum = append(c.sum, c.name...)
	c.sum = append(c.sum, '\t')
	c.sum = append(c.sum, e.Type...)
	c.sum = append(c.sum, '\t')
	c.sum = append(c.sum, e.Entity...)
	c.sum = append(c.sum, '\n')
	return nil
}

// addFused adds, for every reported name of several Arabic words, the
// spelling with the spaces missing (الاممالمتحدة), unless that spelling is
// already a name.
func (c *compiler) addFused() {
	for _, f := range c.fused {
		node := c.node([]uint32{c.intern([]byte(f.word))})
		if c.g.nodes[node] >= 0 {
			continue
		}
		e := c.g.entries[f.index]
		c.push(node, e.typ, e.entity)
		c.origin = append(c.origin, c.origin[f.index])
	}
}

// node returns the trie node of the word sequence ids, adding the nodes
// that are missing.
func (c *compiler) node(ids []uint32) int32 {
	g := c.g
	n := g.first[ids[0]]
	if n == 0 {
		n = c.newNode()
		g.first[ids[0]] = n
	}
	for _, id := range ids[1:] {
		key := uint64(n)<<32 | uint64(id)
		child, ok := g.next[key]
		if !ok {
			child = c.newNode()
			g.next[key] = child
		}
		n = child
	}
	return n
}

func (c *compiler) newNode() int32 {
	c.g.nodes = append(c.g.nodes, -1)
	return int32(len(c.g.nodes) - 1)
}

// push makes node the end of a new entry and returns the entry's index.
func (c *compiler) push(node int32, typ, entity string) int32 {
	g := c.g
	idx := int32(len(g.entries))
	g.entries = append(g.entries, entry{typ: typ, entity: entity})
	g.nodes[node] = idx
	return idx
}

// intern returns the id of the normalized word w, adding it if new.
func (c *compiler) intern(w []byte) uint32 {
	if id, ok := c.g.vocab[string(w)]; ok {
		return id
	}
	id := uint32(len(c.g.first))
	c.g.vocab[string(w)] = id
	h := filterBit(keyOf(w).hash())
	c.g.filter[h>>6] |= 1 << (h & 63)
	c.g.first = append(c.g.first, 0)
	return id
}

func describe(typ, entity string) string {
	if entity == "" {
		return typ + " (unlinked)"
	}
	return typ + " " + entity
}

// scratch holds the buffers of one Extract call; Gazetteer.pool recycles them
// so that a warm extractor allocates nothing per token.
type scratch struct {
	src   []byte              // the raw chunk
	norm  []byte              // the normalized chunk
	m     normalize.OffsetMap // from norm back to the raw chunk
	toks  []tokenize.Token
	ids   []uint32 // by token: 1 + word id (id 0 when no name has the word), 0 until idAt looks
	flags []uint8  // flags[i+1] is screen's verdict on token i (alone, goesOn); flags[0] is 0
	longs []int32  // Arabic tokens long enough for fusedPair (markFused keeps those that may have a و)
	cands []int32  // tokens the matching loop must look at, in order
	// wawPlaces is markFused's masks of the places of a و in the long
	// words it keeps.
	wawPlaces []uint16
	alt       []byte
	found     foundList
}

// found is a match to report: a byte span of the raw text and its entry.
// A span lies within a chunk, so its length fits an int32.
type found struct {
	start int
	size  int32
	entry int32
}

// end is where the match ends in the raw text.
func (f found) end() int { return f.start + int(f.size) }

// foundList holds the matches of a text in order, in blocks of foundBlock,
// so that the matches of a long text grow without being copied and a list
// used again keeps its blocks.
type foundList struct {
	blocks [][]found
	n      int // the number of matches held
}

// foundBlock is the number of matches of a block: 64 KiB.
const foundBlock = 4096

// reset empties l, keeping its blocks.
func (l *foundList) reset() { l.n = 0 }

// add appends f, with a new block when the last is full.
func (l *foundList) add(f found) {
	b := l.n / foundBlock
	if b == len(l.blocks) {
		l.blocks = append(l.blocks, make([]found, foundBlock))
	}
	l.blocks[b][l.n%foundBlock] = f
	l.n++
}

// at returns match i, counted from 0.
func (l *foundList) at(i int) found { return l.blocks[i/foundBlock][i%foundBlock] }

// Extract returns the PER, ORG and LOC mentions of doc, in text order, with
// byte offsets into doc.Text. It fails only when ctx is done.
func (g *Gazetteer) Extract(ctx context.Context, doc corpus.Document) ([]extract.Mention, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	s := g.pool.Get().(*scratch)
	defer g.pool.Put(s)
	if err := g.find(ctx, s, doc.Text, chunkSize); err != nil {
		return nil, fmt.Errorf("gazetteer: doc %q: %w", doc.ID, err)
	}
	ms := make([]extract.Mention, s.found.n)
	for i := range ms {
		// Field by field into the zeroed slice: a whole struct would be
		// copied with a bulk write barrier while the collector marks.
		f, m := s.found.at(i), &ms[i]
		e := &g.entries[f.entry]
		m.Start, m.End = f.start, f.end()
		m.Type, m.Text, m.Entity = e.typ, doc.Text[f.start:f.end()], e.entity
	}
	return ms, nil
}

// match is the best reading found at a token.
type match struct {
	entry int32 // index into entries, -1 for none
	end   int   // token after the last word of the name
	strip int   // normalized bytes left outside at the front of the first token
}

// chunkSize bounds the raw text matched at a time, so that the normalized
// text, its offsets, the tokens and their ids stay in the processor's cache
// between the passes over them.
const chunkSize = 32 << 10

// find fills s.found with the matches of text, in chunks of about size
// bytes. The chunks
// overlap so that the matches are those of the whole text at once: the
// decision at a token looks at most maxWords tokens ahead, so a chunk that
// is not the last decides its tokens up to maxWords before its end, and the
// next chunk starts at the first token it left.
func (g *Gazetteer) find(ctx context.Context, s *scratch, text string, size int) error {
	s.found.reset()
	for base := 0; base < len(text); {
		if err := ctx.Err(); err != nil {
			return err
		}
		base = g.findChunk(s, text, base, chunkEnd(text, base, size))
	}
	return nil
}

// chunkEnd returns where the chunk of text that starts at base ends: the
// text's end if it is near, else just after the last line break of the
// chunk's second half, else after its last space, else at a character
// boundary. Only the last token of a chunk can be cut, and find never
// decides it.
func chunkEnd(text string, base, size int) int {
	if len(text)-base <= size {
		return len(text)
	}
	window := text[base+size/2 : base+size]
	if k := strings.LastIndexByte(window, '\n'); k >= 0 {
		return base + size/2 + k + 1
	}
	if k := strings.LastIndexByte(window, ' '); k >= 0 {
		return base + size/2 + k + 1
	}
	end := base + size
	for end > base+1 && !utf8.RuneStart(text[end]) {
		end--
	}
	return end
}

// findChunk adds the matches of text[base:end] to s.found and returns where
// the next chunk starts. The chunk is normalized once, with the map of its
// positions back to the raw text, and tokenized after normalization, so
// that a token is a normalized word.
func (g *Gazetteer) findChunk(s *scratch, text string, base, end int) (next int) {
	g.normalizeChunk(s, text[base:end])
	s.toks = tokenize.Append(s.toks[:0], s.norm)
	g.screen(s)
	return g.matchChunk(s, base, end, end == len(text))
}

// normalizeChunk fills s.src with chunk and s.norm with it normalized (with
// screenPad bytes of capacity after it), and s.m with the map between them.
func (g *Gazetteer) normalizeChunk(s *scratch, chunk string) {
	s.src = append(s.src[:0], chunk...)
	s.norm = g.norm.AppendNormalizedMap(s.norm[:0], &s.m, s.src)
	s.norm = slices.Grow(s.norm, screenPad)
}

// matchChunk adds the matches at the screen's candidates of the chunk that
// spans [base, end) of the text to s.found, and returns where the next chunk
// starts; last is true for the text's last chunk.
func (g *Gazetteer) matchChunk(s *scratch, base, end int, last bool) (next int) {
	limit := len(s.toks)
	if !last && limit > g.maxWords {
		// Leave the tokens whose decision could look past the chunk (and
		// its last token, which the cut may have split) to the next chunk.
		limit -= g.maxWords
	}
	// The tokens the screen passed over are words that no reading can
	// match: each would only move on to the next token.
	i := 0
	for _, c := range s.cands {
		if int(c) >= limit {
			break
		}
		if int(c) < i {
			continue // inside a match
		}
		i = g.decide(s, base, int(c))
	}
	i = max(i, limit)
	if i >= len(s.toks) {
		return end
	}
	return base + s.m.Source(s.toks[i].Start)
}

// decide matches at token i, a candidate of the screen, and returns the
// token to go on from: the one after a match, or after i.
func (g *Gazetteer) decide(s *scratch, base, i int) int {
	t := &s.toks[i]
	if m := g.matchAt(s, i); m.entry >= 0 {
		if g.entries[m.entry].typ != lexicon.Block {
			s.found.add(g.span(s, base, t.Start+m.strip, s.toks[m.end-1].End, m.entry))
		}
		return m.end
	}
	if t.End-t.Start >= minFused && t.Kind == tokenize.ArabicWord {
		if next, ok := g.fusedPair(s, base, i); ok {
			return next
		}
	}
	return i + 1
}

// idAt returns the id of token i's word, or 0. It looks the word up the
// first time it is asked, and keeps 1 + the id in s.ids, whose 0 (as screen
// leaves it) is a word not looked up yet.
func (g *Gazetteer) idAt(s *scratch, i int) uint32 {
	if id := s.ids[i]; id != 0 {
		return id - 1
	}
	t := &s.toks[i]
	k := keyAt(s.padded(), t.Start, t.End)
	id := uint32(0)
	if h := k.hash(); bitOf(&g.filter, h) != 0 {
		id = g.probe(k, h, s.norm[t.Start:t.End])
	}
	s.ids[i] = id + 1
	return id
}

// padded is the chunk's normalized text and the screenPad bytes after it,
// its capacity clipped, for keyAt.
func (s *scratch) padded() []byte {
	n := len(s.norm) + screenPad
	return s.norm[:n:n]
}

// lookup returns the id of the normalized word w, or 0. The filter answers
// most words that no name has without touching the table, and the keys most
// of the others without reading the words.
func (g *Gazetteer) lookup(w []byte) uint32 {
	k := keyOf(w)
	h := k.hash()
	if bitOf(&g.filter, h) == 0 {
		return 0
	}
	return g.probe(k, h, w)
}

// probe returns the id of the word w of key k and hash h, or 0, from the
// table.
func (g *Gazetteer) probe(k wordKey, h uint64, w []byte) uint32 {
	mask := uint64(len(g.slots) - 1)
	for i, tag := slotOf(h)&mask, tagOf(h); ; i = (i + 1) & mask {
		sl := g.slots[i]
		if sl.tag == tag && g.keys[sl.id] == k && (k.whole() || g.words[sl.id] == string(w)) {
			return sl.id
		}
		if sl.tag == 0 {
			return 0
		}
	}
}

// slot is an entry of the word table: a word's id and the tag of its hash.
type slot struct{ tag, id uint32 }

// edge is an entry of the trie's table of edges: key is node<<32|id, 0 in an
// empty entry (node 0 is no node).
type edge struct {
	key   uint64
	child int32
}

// child returns the node that word id leads to from node n, or 0.
func (g *Gazetteer) child(n int32, id uint32) int32 {
	key := uint64(n)<<32 | uint64(id)
	mask := uint64(len(g.edges) - 1)
	for i := edgeSlot(key, mask); ; i = (i + 1) & mask {
		e := g.edges[i]
		if e.key == key {
			return e.child
		}
		if e.key == 0 {
			return 0
		}
	}
}

// edgeSlot is the first entry of the table of edges (of mask+1 entries) where
// the edge key may be.
func edgeSlot(key, mask uint64) uint64 { return (key * 0x9E3779B97F4A7C15 >> 32) & mask }

// index builds words and slots from vocab and edges from next, each at a
// load of at most a half, and lets vocab and next go.
func (g *Gazetteer) index() {
	size := tableSize(len(g.next), 64)
	g.edges = make([]edge, size)
	for key, child := range g.next {
		i := edgeSlot(key, uint64(size-1))
		for g.edges[i].key != 0 {
			i = (i + 1) & uint64(size-1)
		}
		g.edges[i] = edge{key: key, child: child}
	}
	g.words = make([]string, len(g.first))
	g.keys = make([]wordKey, len(g.first))
	size = tableSize(len(g.vocab), 1024)
	g.slots = make([]slot, size)
	mask := uint64(size - 1)
	for w, id := range g.vocab {
		g.words[id] = w
		g.keys[id] = keyOf([]byte(w))
		h := g.keys[id].hash()
		i := slotOf(h) & mask
		for g.slots[i].tag != 0 {
			i = (i + 1) & mask
		}
		g.slots[i] = slot{tag: tagOf(h), id: id}
	}
	g.ends = make([]bool, len(g.nodes))
	for n := range g.ends {
		g.ends[n] = true
	}
	for key := range g.next {
		g.ends[key>>32] = false
	}
	g.fillFollows()
	g.fillStems()
	g.vocab, g.next = nil, nil
}

// tableSize is the size of an open-addressing table for n entries: a power
// of two, at least least, at a load of at most a half.
func tableSize(n, least int) int {
	size := least
	for size < 2*n {
		size *= 2
	}
	return size
}

// wordKey is what a word is hashed from: its length and its first and last
// eight bytes (all of its bytes and zeros for a word shorter than eight):
// every letter of a word of up to eight letters, and for longer words the
// letters after the article that make the difference. Two words of up to 16
// bytes are equal when their keys are.
type wordKey struct {
	lo, hi uint64
	n      int
}

// keyOf returns the key of w.
func keyOf(w []byte) wordKey {
	n := len(w)
	if n >= 8 {
		return wordKey{binary.LittleEndian.Uint64(w), binary.LittleEndian.Uint64(w[n-8:]), n}
	}
	var b [8]byte
	copy(b[:], w)
	return wordKey{lo: binary.LittleEndian.Uint64(b[:]), n: n}
}

// keyAt returns keyOf(buf[start:end]) for a word of at least one byte
// without a branch on its length, for the screen's loop over every token:
// where a word ends is data that a branch would mispredict (and min, max or
// an if here compile to branches). buf must hold eight bytes from start and
// from end-8, with its capacity clipped to its length (words are read as
// buf[i:i+8], checked against capacity); the bytes past the word are masked
// out.
func keyAt(buf []byte, start, end int) wordKey {
	n := end - start
	// lo keeps the word's first min(n, 8) bytes: shift is 64-8n, or 0
	// from eight bytes on.
	shift := 64 - 8*n
	shift &^= shift >> 63
	lo := binary.LittleEndian.Uint64(buf[start:start+8]) & (^uint64(0) >> (uint(shift) & 63))
	// hi is the last eight bytes, read from max(end-8, 0), and 0 for a
	// word shorter than eight.
	from := end - 8
	from &^= from >> 63
	hi := binary.LittleEndian.Uint64(buf[from:from+8]) & uint64((7-n)>>63)
	return wordKey{lo, hi, n}
}

// whole reports whether the key holds every byte of its word.
func (k wordKey) whole() bool { return k.n <= 16 }

// hash is the word's hash. The filter takes its top filterBits bits, the
// table's slot index the bits below them and the tag the low 32.
func (k wordKey) hash() uint64 {
	return (k.lo ^ bits.RotateLeft64(k.hi, 29) ^ uint64(k.n)<<56) * 0x9E3779B97F4A7C15
}

func filterBit(h uint64) uint64 { return h >> (64 - filterBits) }

// bitOf is the bit of hash h in filter f, 0 or 1.
func bitOf(f *[1 << filterBits / 64]uint64, h uint64) uint64 {
	b := filterBit(h)
	return f[b>>6] >> (b & 63) & 1
}

func slotOf(h uint64) uint64 { return h >> (64 - filterBits - 20) }

// tagOf is never 0, the tag of an empty slot.
func tagOf(h uint64) uint32 { return uint32(h) | 1 }

// filterBits is the size of the filter: 2^17 bits, 16 KiB, so that with a
// few thousand words a word that is not one of them passes with a chance of
// a few percent.
const filterBits = 17

const (
	alef = "ا"
	lam  = "ل"
	waw  = "و"
)

// minLetters2 is the byte length from which an Arabic word has two letters:
// the letters of an Arabic word take two bytes each (U+0600–U+07FF), three
// for the rare ones of the extended blocks, so four bytes are never one
// letter.
const minLetters2 = 4

// matchAt finds the best reading at token i: the token whole, then less a
// conjunction, a preposition, or both — one letter before two, so that a tie
// goes to the reading that strips less. A word of the lists that no reading
// less a proclitic may begin a name with (stems) is read whole only.
func (g *Gazetteer) matchAt(s *scratch, i int) match {
	best := match{entry: -1}
	if id := g.idAt(s, i); id != 0 {
		g.longest(s, i, id, 0, &best)
		if !g.stems[id] {
			return best
		}
	}
	g.stemsAt(s, i, &best)
	return best
}

// stemsAt updates best with the readings of token i less a conjunction, a
// preposition, or both.
func (g *Gazetteer) stemsAt(s *scratch, i int, best *match) {
	t := s.toks[i]
	if t.Kind != tokenize.ArabicWord {
		return
	}
	w := s.norm[t.Start:t.End]
	switch {
	case tokenize.IsConjunction(w):
		g.stem(s, i, w, 2, best)
		if tokenize.IsPreposition(w[2:]) {
			g.stem(s, i, w, 4, best)
		}
	case tokenize.IsPreposition(w):
		g.stem(s, i, w, 2, best)
	}
}

// stem tries the reading of token i's word w less its first strip bytes, a
// proclitic, when at least two letters remain. After the preposition ل, a
// rest that begins with ل is also read with the article's alef restored:
// ل + الأمم is written للأمم.
func (g *Gazetteer) stem(s *scratch, i int, w []byte, strip int, best *match) {
	rest := w[strip:]
	if len(rest) < minLetters2 {
		return
	}
	g.longest(s, i, g.lookup(rest), strip, best)
	if string(w[strip-2:strip]) == lam && string(rest[:2]) == lam {
		s.alt = append(append(s.alt[:0], alef...), rest...)
		g.longest(s, i, g.lookup(s.alt), strip, best)
	}
}

// longest updates best with the longest name that begins with word id at
// token i and whose other words follow, if it reaches further than best.
func (g *Gazetteer) longest(s *scratch, i int, id uint32, strip int, best *match) {
	n := g.first[id]
	if n == 0 {
		return
	}
	entry, end := g.nodes[n], i+1
	stop := len(s.ids)
	if !s.mayGoOn(i) {
		stop = i + 1 // the screen says no name goes on with token i+1
	}
	for k := i + 1; k < stop && !g.ends[n]; k++ {
		id := g.idAt(s, k)
		if id == 0 {
			break
		}
		n = g.child(n, id)
		if n == 0 {
			break
		}
		if g.nodes[n] >= 0 {
			entry, end = g.nodes[n], k+1
		}
	}
	if entry >= 0 && end > best.end {
		*best = match{entry: entry, end: end, strip: strip}
	}
}

// minFused is the shortest Arabic word, in bytes, that fusedPair looks into:
// two names of three two-byte letters and the و.
const minFused = 14

// fusedPair handles an Arabic word of at least minFused bytes that matched no
// reading but is a one-word name, و, and a name (موسكووواشنطن): it adds both
// to s.found and returns the token after the second name.
func (g *Gazetteer) fusedPair(s *scratch, base, i int) (int, bool) {
	t := s.toks[i]
	w := s.norm[t.Start:t.End]
	// The و between two names of at least two letters each: its two bytes
	// at p, from minLetters2 on. Its lead byte never continues another
	// character, so a match is a character boundary.
	for p := minLetters2; p+len(waw)+minLetters2 <= len(w); p++ {
		if w[p+1] != waw[1] || w[p] != waw[0] {
			continue
		}
		left, right := w[:p], w[p+len(waw):]
		le := g.single(g.lookup(left))
		if le < 0 {
			continue
		}
		best := match{entry: -1}
		g.longest(s, i, g.lookup(right), p+len(waw), &best)
		if best.entry < 0 || g.entries[best.entry].typ == lexicon.Block {
			continue
		}
		s.found.add(g.span(s, base, t.Start, t.Start+p, le))
		s.found.add(g.span(s, base, t.Start+best.strip, s.toks[best.end-1].End, best.entry))
		return best.end, true
	}
	return 0, false
}

// single returns the one-word reported entry of word id, or -1.
func (g *Gazetteer) single(id uint32) int32 {
	e := g.nodes[g.first[id]]
	if e >= 0 && g.entries[e].typ == lexicon.Block {
		return -1
	}
	return e
}

// span maps the normalized span [i, j) of the chunk that starts at base back
// to the raw text; i and j are rune boundaries. Its start is the source of
// its first rune; its end is where the source of the next normalized rune
// begins, so that the diacritics and tatweel of the last letter stay inside,
// less any invisible control or space that normalization removed between the
// name and what follows it.
func (g *Gazetteer) span(s *scratch, base, i, j int, entry int32) found {
	// Where the map keeps its course (straight), the source between the
	// starts of the span's last rune and of the next is as long as that
	// rune: under NormalizerPreset, no rule of which makes a rune longer,
	// that is the one source rune the name's last letter comes from, and
	// visibleEnd would leave end as it is. Elsewhere normalization removed
	// text inside the span or right after it: perhaps an invisible control
	// or a space at its end.
	start, end, straight := s.m.Span(i, j)
	if !straight {
		end = visibleEnd(s.src, start, end)
	}
	return found{start: base + start, size: int32(end - start), entry: entry}
}

// visibleEnd returns end less the invisible controls (tokenize.IsInvisible)
// and spaces that end src[start:end]. Most names end in an Arabic letter or
// mark, or an ASCII letter, which end the span as it is without decoding.
func visibleEnd(src []byte, start, end int) int {
	if end > start {
		b := src[end-1]
		switch {
		case b < utf8.RuneSelf && b != ' ' && (b < '\t' || b > '\r'):
			return end // ASCII, neither space nor invisible
		case end-2 >= start && src[end-2]-0xD8 < 4 && b&0xC0 == 0x80 && (src[end-2] != 0xD8 || b != 0x9C):
			return end // U+0600–U+06FF but U+061C: no space there
		}
	}
	return decodedEnd(src, start, end)
}

// decodedEnd is visibleEnd decoding every rune from the end.
func decodedEnd(src []byte, start, end int) int {
	for end > start {
		r, size := utf8.DecodeLastRune(src[start:end])
		if !tokenize.IsInvisible(r) && !unicode.IsSpace(r) {
			break
		}
		end -= size
	}
	return end
}
