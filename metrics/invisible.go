package metrics

import (
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
)

// IsEdgeInvisible reports whether r is one of the invisible format characters
// that matching ignores at the edges of a span: the zero-width space, joiners
// and directional marks U+200B–U+200F, the Arabic letter mark U+061C, the
// byte order mark U+FEFF and the directional isolates U+2066–U+2069. Real
// corpora glue them to tokens (NewsFANE writes U+200E before every token),
// and a tagger that leaves them out of a span is not wrong.
func IsEdgeInvisible(r rune) bool {
	return (r >= 0x200B && r <= 0x200F) || r == 0x061C || r == 0xFEFF || (r >= 0x2066 && r <= 0x2069)
}

// TrimInvisible returns ms with every span's leading and trailing edge
// invisible characters (IsEdgeInvisible) left out, so that spans that differ
// only by them are equal to every scheme. A span made only of them, or that
// is not a valid span of text, is left as it is; so are mentions without a
// place (Start < 0). It returns ms itself when no span changes.
func TrimInvisible(text string, ms []corpus.Mention) []corpus.Mention {
	var out []corpus.Mention
	for i, m := range ms {
		s, e := trimSpan(text, m.Start, m.End)
		if s == m.Start && e == m.End {
			if out != nil {
				out = append(out, m)
			}
			continue
		}
		if out == nil {
			out = make([]corpus.Mention, i, len(ms))
			copy(out, ms[:i])
		}
		m.Start, m.End = s, e
		if m.Text != "" {
			m.Text = text[s:e]
		}
		out = append(out, m)
	}
	if out == nil {
		return ms
	}
	return out
}

// trimSpan is the span [start, end) of text without edge invisible
// characters.
func trimSpan(text string, start, end int) (int, int) {
	if start < 0 || start >= end || end > len(text) {
		return start, end
	}
	s, e := start, end
	for s < e {
		r, size := utf8.DecodeRuneInString(text[s:e])
		if !IsEdgeInvisible(r) {
			break
		}
		s += size
	}
	for e > s {
		r, size := utf8.DecodeLastRuneInString(text[s:e])
		if !IsEdgeInvisible(r) {
			break
		}
		e -= size
	}
	if s == e {
		return start, end
	}
	return s, e
}
