package bootstrap

import (
	"sort"
	"strconv"
	"unicode"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/metrics"
)

// Span is a half-open byte range [Start, End) of a document's text.
type Span struct {
	Start int
	End   int
}

// SentenceSpans cuts text into the sentence units a bootstrap resamples. The
// spans cover the text without gaps or overlaps, in order; an empty text is
// one empty span.
//
// A unit ends:
//   - at a line break (\n, \r, U+0085, U+2028, U+2029): Arabic news copied
//     from the web puts headlines, datelines and paragraphs on lines of their
//     own, often without a full stop;
//   - after a run of sentence-final marks — the full stop . and the Arabic
//     full stop ۔ (U+06D4), ! ? and the Arabic question mark ؟ (U+061F), and
//     the ellipsis … — followed, after any closing quotes or brackets
//     (" ' ” ’ » › ) ] }), by white space or the end of the text.
//
// The white space after the end belongs to the unit it ends, so every unit
// but maybe the first starts on a visible character. A mark not followed by
// white space ends nothing: decimals (2.5), abbreviations written solid
// (سي.إن.إن), a full stop before a closing quote that more text follows.
//
// The semicolons ; and the Arabic ؛ (U+061B) do not end a unit: in Arabic
// prose ؛ joins clauses of one sentence, typically before an explanation
// (… ؛ لأن …), much as the Latin semicolon does. Abbreviations followed by a
// space (د. for doctor) do end a unit; where that cuts a name, the rule below
// joins the two halves again.
//
// No mention straddles a unit: when a mention of any of the given lists
// (the gold and each system's predictions) crosses a boundary, the units on
// either side are joined. Units are thus independent for scoring: every
// candidate pair of a one-to-one alignment lies inside one unit, so scoring
// the units one by one gives the document's tallies, and a bootstrap may
// resample them. Mentions with offsets outside the text or reversed are
// ignored here; the scorer reports them.
func SentenceSpans(text string, mentions ...[]corpus.Mention) []Span {
	bounds := sentenceBounds(text)
	if len(bounds) > 0 {
		bounds = joinStraddled(bounds, len(text), mentions)
	}
	spans := make([]Span, 0, len(bounds)+1)
	start := 0
	for _, b := range bounds {
		spans = append(spans, Span{start, b})
		start = b
	}
	return append(spans, Span{start, len(text)})
}

// sentenceBounds returns the byte offsets, in increasing order and strictly
// inside (0, len(text)), where a new unit starts.
func sentenceBounds(text string) []int {
	var bounds []int
	i := skipSpace(text, 0) // leading white space belongs to the first unit
	for i < len(text) {
		r, size := utf8.DecodeRuneInString(text[i:])
		switch {
		case isLineBreak(r):
			i = skipSpace(text, i)
		case isSentenceFinal(r):
			j := i + size
			for j < len(text) {
				r, n := utf8.DecodeRuneInString(text[j:])
				if !isSentenceFinal(r) {
					break
				}
				j += n
			}
			for j < len(text) {
				r, n := utf8.DecodeRuneInString(text[j:])
				if !isClosing(r) {
					break
				}
				j += n
			}
			if j < len(text) {
				if r, _ := utf8.DecodeRuneInString(text[j:]); !unicode.IsSpace(r) {
					i = j
					continue
				}
			}
			i = skipSpace(text, j)
		default:
			i += size
			continue
		}
		if i < len(text) {
			bounds = append(bounds, i)
		}
	}
	return bounds
}

// skipSpace returns the offset of the first non-space character at or after i.
func skipSpace(text string, i int) int {
	for i < len(text) {
		r, n := utf8.DecodeRuneInString(text[i:])
		if !unicode.IsSpace(r) {
			break
		}
		i += n
	}
	return i
}

func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\u0085', '\u2028', '\u2029':
		return true
	}
	return false
}

func isSentenceFinal(r rune) bool {
	switch r {
	case '.', '!', '?', '\u061F', '\u06D4', '\u2026':
		return true
	}
	return false
}

func isClosing(r rune) bool {
	switch r {
	case '"', '\'', '\u201D', '\u2019', '\u00BB', '\u203A', ')', ']', '}':
		return true
	}
	return false
}

// joinStraddled drops every boundary that falls strictly inside a mention.
func joinStraddled(bounds []int, n int, lists [][]corpus.Mention) []int {
	drop := make([]bool, len(bounds))
	for _, ms := range lists {
		for _, m := range ms {
			if m.Start < 0 || m.End > n || m.Start >= m.End {
				continue
			}
			// The boundaries b with m.Start < b < m.End.
			k := sort.SearchInts(bounds, m.Start+1)
			for ; k < len(bounds) && bounds[k] < m.End; k++ {
				drop[k] = true
			}
		}
	}
	kept := bounds[:0]
	for k, b := range bounds {
		if !drop[k] {
			kept = append(kept, b)
		}
	}
	return kept
}

// SplitDoc cuts d into one Doc per span, each with the mentions that start in
// it, in their input order. The units keep the whole text and the mentions
// keep their byte offsets into it, so every scheme (the clitic one reads the
// text around a span) scores a unit as it would the document. Unit i (from 0)
// is named "<id>#<i+1>". spans must cover the text in order, as SentenceSpans
// returns them; a mention that starts outside them goes to the nearest unit.
func SplitDoc(d metrics.Doc, spans []Span) []metrics.Doc {
	if len(spans) == 0 {
		return []metrics.Doc{d}
	}
	units := make([]metrics.Doc, len(spans))
	for i := range spans {
		units[i] = metrics.Doc{ID: d.ID + "#" + strconv.Itoa(i+1), Text: d.Text}
	}
	unitOf := func(m corpus.Mention) int {
		k := sort.Search(len(spans), func(k int) bool { return spans[k].Start > m.Start }) - 1
		return max(k, 0)
	}
	for _, m := range d.Gold {
		u := &units[unitOf(m)]
		u.Gold = append(u.Gold, m)
	}
	for _, m := range d.Pred {
		u := &units[unitOf(m)]
		u.Pred = append(u.Pred, m)
	}
	return units
}

// SentenceUnits splits every document into sentence units (see SentenceSpans)
// so that none of its gold or predicted mentions straddles two, and scores
// each unit with ScoreDoc. The scheme tallies of the units sum to those of the
// documents. Entity linking is counted per unit (the set of ids of a unit),
// so its tallies do not; bootstraps resample the scheme tallies only.
func SentenceUnits(docs []metrics.Doc) *Units {
	out := NewUnits()
	for _, d := range docs {
		out.AddSentences(d)
	}
	return out
}

// AddSentences adds the sentence units of one document, as SentenceUnits
// does for each of its documents: documents added one at a time, in order,
// give the units of SentenceUnits over them all.
func (u *Units) AddSentences(d metrics.Doc) {
	for _, s := range SplitDoc(d, SentenceSpans(d.Text, d.Gold, d.Pred)) {
		u.Add(metrics.ScoreDoc(s))
	}
}

// AddScored adds the sentence units of a document already scored, ds being
// metrics.ScoreDoc(d), as AddSentences would: a document that is one unit —
// every document of a corpus of sentences — takes ds as its unit's score
// instead of being scored again.
func (u *Units) AddScored(d metrics.Doc, ds metrics.DocScore) {
	spans := SentenceSpans(d.Text, d.Gold, d.Pred)
	if len(spans) != 1 {
		for _, s := range SplitDoc(d, spans) {
			u.Add(metrics.ScoreDoc(s))
		}
		return
	}
	ds.ID = d.ID + "#1"
	u.Add(ds)
}
