package seqeval

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Scheme is a tagging scheme of seqeval's strict mode.
type Scheme int

// The schemes of strict mode, with seqeval's names.
const (
	// IOB2: every chunk starts with B-; I- continues a chunk of its type.
	IOB2 Scheme = iota
	// IOB1: chunks are written with I-; B- only starts a chunk that touches
	// a previous one of the same type.
	IOB1
	// IOBES: B- begins, I- continues, E- ends a chunk; S- is a one-token
	// chunk.
	IOBES
	// BILOU: IOBES with L- (last) for E- and U- (unit) for S-.
	BILOU
)

// String returns seqeval's name of the scheme ("IOB2").
func (s Scheme) String() string {
	if s >= 0 && int(s) < len(schemes) {
		return schemes[s].name
	}
	return fmt.Sprintf("Scheme(%d)", int(s))
}

// ParseScheme returns the scheme named s, in any case: iob1, iob2, iobes or
// bilou.
func ParseScheme(s string) (Scheme, error) {
	for i, sc := range schemes {
		if strings.EqualFold(s, sc.name) {
			return Scheme(i), nil
		}
	}
	return 0, fmt.Errorf("unknown tagging scheme %q (want iob2, iob1, iobes or bilou)", s)
}

// prefix is a set of tag prefixes, seqeval's Prefix flag.
type prefix uint8

// The prefixes in seqeval's order of definition, which is the order its
// error messages list them in.
const (
	prefixI prefix = 1 << iota
	prefixO
	prefixB
	prefixE
	prefixS
	prefixU
	prefixL
	prefixAny = prefixI | prefixO | prefixB | prefixE | prefixS | prefixU | prefixL
)

// prefixLetters are the letters of the prefixes, in bit order.
const prefixLetters = "IOBESUL"

// String lists the prefixes of the set as seqeval's messages do ("I|O|B").
func (p prefix) String() string {
	var names []string
	for i := range len(prefixLetters) {
		if p&(1<<i) != 0 {
			names = append(names, prefixLetters[i:i+1])
		}
	}
	return strings.Join(names, "|")
}

// tagCond is seqeval's Tag flag: how the types of two tokens must compare.
type tagCond uint8

const (
	sameType tagCond = 1 << iota
	diffType
	anyType = sameType | diffType
)

// pattern is one (previous prefix, current prefix, type condition) rule.
type pattern struct {
	prev, cur prefix
	cond      tagCond
}

// scheme holds one of seqeval's Token subclasses.
type scheme struct {
	name    string
	allowed prefix
	// start: the current token starts a chunk after the previous one.
	// inside: the current token continues the previous one's chunk.
	// end: the previous token ends a chunk before the current one.
	start, inside, end []pattern
}

// schemes are seqeval's scheme classes (seqeval/scheme.py), indexed by
// Scheme; the pattern tables are copied from there.
var schemes = [...]scheme{
	IOB2: {
		name:    "IOB2",
		allowed: prefixI | prefixO | prefixB,
		start:   []pattern{{prefixAny, prefixB, anyType}},
		inside: []pattern{
			{prefixB, prefixI, sameType},
			{prefixI, prefixI, sameType},
		},
		end: []pattern{
			{prefixI, prefixO, anyType},
			{prefixI, prefixI, diffType},
			{prefixI, prefixB, anyType},
			{prefixB, prefixO, anyType},
			{prefixB, prefixI, diffType},
			{prefixB, prefixB, anyType},
		},
	},
	IOB1: {
		name:    "IOB1",
		allowed: prefixI | prefixO | prefixB,
		start: []pattern{
			{prefixO, prefixI, anyType},
			{prefixI, prefixI, diffType},
			{prefixB, prefixI, anyType},
			{prefixI, prefixB, sameType},
			{prefixB, prefixB, sameType},
		},
		inside: []pattern{
			{prefixB, prefixI, sameType},
			{prefixI, prefixI, sameType},
		},
		end: []pattern{
			{prefixI, prefixI, diffType},
			{prefixI, prefixO, anyType},
			{prefixI, prefixB, anyType},
			{prefixB, prefixO, anyType},
			{prefixB, prefixI, diffType},
			{prefixB, prefixB, sameType},
		},
	},
	IOBES: {
		name:    "IOBES",
		allowed: prefixI | prefixO | prefixB | prefixE | prefixS,
		start: []pattern{
			{prefixAny, prefixB, anyType},
			{prefixAny, prefixS, anyType},
		},
		inside: []pattern{
			{prefixB, prefixI, sameType},
			{prefixB, prefixE, sameType},
			{prefixI, prefixI, sameType},
			{prefixI, prefixE, sameType},
		},
		end: []pattern{
			{prefixS, prefixAny, anyType},
			{prefixE, prefixAny, anyType},
		},
	},
	BILOU: {
		name:    "BILOU",
		allowed: prefixB | prefixI | prefixL | prefixO | prefixU,
		start: []pattern{
			{prefixAny, prefixB, anyType},
			{prefixAny, prefixU, anyType},
		},
		inside: []pattern{
			{prefixB, prefixI, sameType},
			{prefixB, prefixL, sameType},
			{prefixI, prefixI, sameType},
			{prefixI, prefixL, sameType},
		},
		end: []pattern{
			{prefixU, prefixAny, anyType},
			{prefixL, prefixAny, anyType},
		},
	},
}

// token is seqeval's Token: a tag's prefix and its type.
type token struct {
	prefix prefix
	typ    string
}

// outside is the "O" token seqeval puts before and after every sentence; its
// type is "_", the type of an empty name.
var outside = token{prefix: prefixO, typ: "_"}

// matches reports whether the pair (prev, cur) matches one of the patterns.
func matches(prev, cur token, patterns []pattern) bool {
	cond := diffType
	if prev.typ == cur.typ {
		cond = sameType
	}
	for _, p := range patterns {
		if prev.prefix&p.prev != 0 && cur.prefix&p.cur != 0 && cond&p.cond != 0 {
			return true
		}
	}
	return false
}

// parseToken reads a tag as seqeval's Token constructor does: the prefix is
// the first character and must be one of seqeval's prefix letters (else
// Python raises KeyError); the type is the rest with hyphens trimmed from both
// ends, "_" when nothing is left.
func parseToken(tag string) (token, bool) {
	r, size := utf8.DecodeRuneInString(tag)
	i := strings.IndexRune(prefixLetters, r)
	if tag == "" || i < 0 {
		return token{}, false
	}
	typ := strings.Trim(tag[size:], "-")
	if typ == "" {
		typ = "_"
	}
	return token{prefix: 1 << i, typ: typ}, true
}

// entity is a chunk of strict mode: sentence, type and token span [start,
// end). seqeval compares chunks by all four.
type entity struct {
	sent       int
	typ        string
	start, end int
}

// strictEntities is seqeval's Tokens(tags, scheme, sent_id=sent).entities.
// side names the column in errors.
func strictEntities(tags []string, sc *scheme, sent int, side string) ([]entity, error) {
	// seqeval builds every token of the sentence before it looks for
	// chunks, so a tag with an unknown prefix is reported before an invalid
	// one earlier in the sentence.
	toks := make([]token, len(tags)+1)
	for i, tag := range tags {
		t, ok := parseToken(tag)
		if !ok {
			return nil, &TagError{Side: side, Sentence: sent, Token: i, Tag: tag, Scheme: sc.name, allowed: sc.allowed}
		}
		toks[i] = t
	}
	toks[len(tags)] = outside
	var out []entity
	prev := outside
	for i := 0; i < len(toks); {
		t := toks[i]
		if t.prefix&sc.allowed == 0 {
			return nil, &TagError{Side: side, Sentence: sent, Token: i, Tag: tags[i], Scheme: sc.name, allowed: sc.allowed}
		}
		if matches(prev, t, sc.start) {
			end := forward(toks, i+1, t, sc)
			if matches(toks[end-1], toks[end], sc.end) {
				out = append(out, entity{sent: sent, typ: t.typ, start: i, end: end})
			}
			i = end
		} else {
			i++
		}
		prev = toks[i-1]
	}
	return out, nil
}

// forward returns the first token from start on that does not continue the
// chunk of prev. The final outside token never continues a chunk (no inside
// pattern has O as its current prefix), so there always is one.
func forward(toks []token, start int, prev token, sc *scheme) int {
	i := start
	for ; i < len(toks)-1; i++ {
		if !matches(prev, toks[i], sc.inside) {
			break
		}
		prev = toks[i]
	}
	return i
}

// TagError is a tag that seqeval refuses. In strict mode that is a tag whose
// prefix the scheme does not allow, or whose first character is no prefix at
// all; in both modes an empty tag.
type TagError struct {
	// Side is "gold" or "pred".
	Side string
	// Sentence and Token are 0-based indexes into the input.
	Sentence, Token int
	// Tag is the offending tag.
	Tag string
	// Scheme is the strict scheme's name, or "" in default mode.
	Scheme  string
	allowed prefix
}

// Error says where the tag is and what seqeval says of it.
func (e *TagError) Error() string {
	return fmt.Sprintf("%s sentence %d token %d: %s", e.Side, e.Sentence+1, e.Token+1, e.Reason())
}

// Reason says what is wrong with the tag. For a prefix the scheme does not
// allow it is seqeval's message: "Invalid token is found: S-PER. Allowed
// prefixes are: I|O|B.".
func (e *TagError) Reason() string {
	if e.Tag == "" {
		return "empty tag"
	}
	r, _ := utf8.DecodeRuneInString(e.Tag)
	if !strings.ContainsRune(prefixLetters, r) {
		return fmt.Sprintf("tag %q starts with %q, which is no tag prefix (allowed in %s: %s)", e.Tag, r, e.Scheme, e.allowed)
	}
	// seqeval's own ValueError message, word for word.
	return fmt.Sprintf("Invalid token is found: %s. Allowed prefixes are: %s.", e.Tag, e.allowed)
}
