package wire

import (
	"cmp"
	"fmt"
	"slices"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/internal/syntax"
)

// CheckMention reports what is wrong with a byte-offset mention of text, or ""
// when it is a non-empty span on character boundaries (checkSpan) with a type
// that can be a label (CheckType) and a text, when given, equal to the span.
// ix is text's index.
func CheckMention(text string, ix *corpus.Index, m corpus.Mention) string {
	if p := checkSpan(text, ix, m.Start, m.End); p != "" {
		return p
	}
	if p := CheckType(m.Type); p != "" {
		return p
	}
	if m.Text != "" {
		return checkText(m.Text, text[m.Start:m.End])
	}
	return ""
}

// checkSpan reports what is wrong with the byte span [start,end) of text, or ""
// when it is a non-empty span on character boundaries. ix is text's index.
func checkSpan(text string, ix *corpus.Index, start, end int) string {
	switch {
	case start > end:
		return fmt.Sprintf("span [%d,%d) is reversed", start, end)
	case start == end:
		return fmt.Sprintf("span [%d,%d) is empty", start, end)
	case start < 0 || end > len(text):
		return fmt.Sprintf("span [%d,%d) is outside the text, which has %d bytes", start, end, len(text))
	}
	if _, err := ix.CodePoint(start); err != nil {
		return fmt.Sprintf("start %d is inside a multi-byte character", start)
	}
	if _, err := ix.CodePoint(end); err != nil {
		return fmt.Sprintf("end %d is inside a multi-byte character", end)
	}
	return ""
}

// CheckType reports a mention type that cannot be a label, or "". Any
// non-empty label without spaces or control characters is kept as it is,
// the guidelines' five types and any other (PERS, MISC): a label the gold
// never uses is scored as it is and reported by predictions.CompareLabels,
// never dropped or read as O.
func CheckType(typ string) string {
	if typ == "" {
		return "no type (want a label such as " + typeList() + ")"
	}
	for _, r := range typ {
		if unicode.IsSpace(r) || unicode.IsControl(r) {
			return fmt.Sprintf("type %q holds a space or control character", typ)
		}
	}
	return ""
}

func typeList() string {
	return strings.Join(corpus.Types, ", ")
}

// checkText reports a mention text that disagrees with the span it claims to
// cover, or "" when they agree.
func checkText(claimed, span string) string {
	if sameText(claimed, span) {
		return ""
	}
	return fmt.Sprintf("text %s does not match the span, which reads %s", syntax.QuoteShort(claimed), syntax.QuoteShort(span))
}

// sameText compares a text that went through JSON with the raw document text
// it should equal. JSON cannot carry invalid UTF-8, so encoding/json turned
// each invalid byte of the document into U+FFFD; comparing rune by rune, with
// an invalid byte decoding to utf8.RuneError, makes such a span equal to its
// JSON image. For valid UTF-8 this is plain equality.
func sameText(claimed, span string) bool {
	if claimed == span {
		return true
	}
	for claimed != "" && span != "" {
		a, na := utf8.DecodeRuneInString(claimed)
		b, nb := utf8.DecodeRuneInString(span)
		if a != b {
			return false
		}
		claimed, span = claimed[na:], span[nb:]
	}
	return claimed == "" && span == ""
}

// CompareMentions orders mentions by start, end and type; entity and value
// break the remaining ties so that the order never depends on the order an
// extractor happened to return them in.
func CompareMentions(a, b corpus.Mention) int {
	return cmp.Or(
		cmp.Compare(a.Start, b.Start),
		cmp.Compare(a.End, b.End),
		cmp.Compare(a.Type, b.Type),
		cmp.Compare(a.Entity, b.Entity),
		cmp.Compare(a.Value, b.Value),
	)
}

// SortMentions sorts ms in place by CompareMentions.
func SortMentions(ms []corpus.Mention) {
	slices.SortFunc(ms, CompareMentions)
}
