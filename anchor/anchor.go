// Package anchor places mentions that come as strings, without offsets — what
// a large language model returns when asked for the entities of a text — in
// the text they were taken from, so that every span-based scheme can score
// them.
//
// # The rule
//
// The predicted strings are placed one after another, in the order given.
// Each claims the leftmost occurrence of its text in the document that no
// earlier string has claimed, where both the text and the string are first
// normalized with a chosen normalizer (so that diacritics, tatweel or alef
// variants written differently by the model do not lose a match) and compared
// byte for byte. An occurrence is claimed when a placed mention overlaps it.
// Among the unclaimed occurrences, whole words come first: an occurrence that
// ends at the end of a word and starts at the start of one, or after a
// proclitic stack glued to it (و ف ب ل ك, as in بموسكو for موسكو); only when
// there is none is an occurrence inside a word taken. When every occurrence
// is claimed already the string is surplus (the model named the mention more
// often than the text has it); when there is no occurrence at all it is
// absent from the text: a hallucination. Neither is placed, and both are
// reported, so that a scorer can count them as spurious.
//
// The span of a placed mention is that of the occurrence in the original
// text, found through the normalizer's offsets (normalize.SourceSpan).
package anchor

import (
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/normalize"
	"github.com/arabench/arabench/tokenize"
)

// String is a mention given by its type and text only.
type String struct {
	Type string `json:"type"`
	Text string `json:"text"`
}

// Outcome says what became of one string.
type Outcome uint8

// The outcomes of placing a string.
const (
	// Placed: the string claimed an occurrence.
	Placed Outcome = iota + 1
	// Surplus: the string occurs in the text, but every occurrence was
	// claimed by an earlier string.
	Surplus
	// Absent: the string does not occur in the text (after normalization).
	Absent
)

// String returns the outcome's name.
func (o Outcome) String() string {
	switch o {
	case Placed:
		return "placed"
	case Surplus:
		return "surplus"
	case Absent:
		return "absent"
	}
	return "unknown"
}

// Result is the placing of one document's strings.
type Result struct {
	// Mentions holds the placed mentions in the order of the strings, with
	// byte offsets into the text and Text set to the span of the text.
	Mentions []corpus.Mention
	// Outcomes has one entry per string, in input order.
	Outcomes []Outcome
}

// Count returns how many strings had outcome o.
func (r Result) Count(o Outcome) int {
	n := 0
	for _, x := range r.Outcomes {
		if x == o {
			n++
		}
	}
	return n
}

// Placer places strings in texts. A nil normalizer compares the texts as they
// are.
type Placer struct {
	norm *normalize.Normalizer
}

// NewPlacer returns a Placer that normalizes with n (nil: no normalization).
func NewPlacer(n *normalize.Normalizer) *Placer { return &Placer{norm: n} }

// Place places strs in text by the package's rule.
func (p *Placer) Place(text string, strs []String) Result {
	norm, offs := p.normalizeOffsets(text)
	var res Result
	var claimed [][2]int // spans in norm
	for _, s := range strs {
		needle := strings.TrimSpace(s.Text)
		if p.norm != nil {
			needle = p.norm.String(needle)
		}
		i, j, found := -1, -1, false
		if needle != "" {
			i, j, found = pick(norm, needle, claimed)
		}
		switch {
		case i >= 0:
			claimed = append(claimed, [2]int{i, j})
			start, end := i, j
			if offs != nil {
				start, end = normalize.SourceSpan(offs, len(text), i, j)
			}
			res.Mentions = append(res.Mentions, corpus.Mention{Start: start, End: end, Type: s.Type, Text: text[start:end]})
			res.Outcomes = append(res.Outcomes, Placed)
		case found:
			res.Outcomes = append(res.Outcomes, Surplus)
		default:
			res.Outcomes = append(res.Outcomes, Absent)
		}
	}
	return res
}

// normalizeOffsets returns the normalized text and the source offset of each
// of its bytes, or the text itself and nil offsets without a normalizer.
func (p *Placer) normalizeOffsets(text string) (string, []int32) {
	if p.norm == nil {
		return text, nil
	}
	out, offs := p.norm.AppendNormalizedOffsets(nil, nil, []byte(text))
	return string(out), offs
}

// pick returns the span of the occurrence of needle in hay that the rule
// chooses, or -1 with found reporting whether any occurrence exists.
func pick(hay, needle string, claimed [][2]int) (start, end int, found bool) {
	inside := -1
	for from := 0; from <= len(hay)-len(needle); {
		k := strings.Index(hay[from:], needle)
		if k < 0 {
			break
		}
		i := from + k
		j := i + len(needle)
		found = true
		if !overlapsAny(i, j, claimed) {
			if wholeWord(hay, i, j) {
				return i, j, true
			}
			if inside < 0 {
				inside = i
			}
		}
		_, size := utf8.DecodeRuneInString(hay[i:])
		from = i + max(size, 1)
	}
	if inside >= 0 {
		return inside, inside + len(needle), true
	}
	return -1, -1, found
}

func overlapsAny(i, j int, spans [][2]int) bool {
	for _, s := range spans {
		if i < s[1] && s[0] < j {
			return true
		}
	}
	return false
}

// wholeWord reports whether hay[i:j] ends a word and starts one, or follows a
// proclitic stack that starts one.
func wholeWord(hay string, i, j int) bool {
	if r, _ := utf8.DecodeRuneInString(hay[j:]); j < len(hay) && isWordRune(r) {
		return false
	}
	k := i
	for stack := 0; k > 0; stack++ {
		r, size := utf8.DecodeLastRuneInString(hay[:k])
		if !isWordRune(r) {
			return true
		}
		if w := []byte(hay[k-size : k]); !(tokenize.IsConjunction(w) || tokenize.IsPreposition(w)) || stack == 3 {
			return false
		}
		k -= size
	}
	return true
}

func isWordRune(r rune) bool {
	return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || r == 'ـ'
}
