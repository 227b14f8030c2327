package rules

import (
	"context"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/require"
)

// checkInvariants checks what every answer of the extractor must satisfy,
// whatever the text: spans in range, on character boundaries, in order and
// apart, with no space at their edges, Text equal to the span, and a value in
// ASCII digits on every NUM mention (none on DATE).
func checkInvariants(t *testing.T, text string, ms []corpus.Mention) {
	t.Helper()
	ix := corpus.NewIndex(text)
	prevEnd := 0
	for _, m := range ms {
		require.True(t, prevEnd <= m.Start && m.Start < m.End && m.End <= len(text), "span %v in order and in range", m)
		_, err := ix.CodePoint(m.Start)
		require.NoError(t, err, "span %v starts on a character", m)
		_, err = ix.CodePoint(m.End)
		require.NoError(t, err, "span %v ends on a character", m)
		require.Equal(t, text[m.Start:m.End], m.Text)
		first, _ := utf8.DecodeRuneInString(m.Text)
		last, _ := utf8.DecodeLastRuneInString(m.Text)
		require.False(t, unicode.IsSpace(first) || unicode.IsSpace(last), "span %v has no outer space", m)
		switch m.Type {
		case corpus.DATE:
			require.Empty(t, m.Value)
		case corpus.NUM:
			require.True(t, isASCIIValue(m.Value), "value %q of %v is ASCII digits", m.Value, m)
		default:
			t.Fatalf("unexpected type in %v", m)
		}
		prevEnd = m.End
	}
}

// isASCIIValue reports whether v is digits with at most one point that is
// neither first nor last.
func isASCIIValue(v string) bool {
	point := -1
	for i := 0; i < len(v); i++ {
		switch c := v[i]; {
		case c == '.' && point < 0 && i > 0 && i < len(v)-1:
			point = i
		case c < '0' || c > '9':
			return false
		}
	}
	return v != ""
}

func FuzzExtract(f *testing.F) {
	for _, s := range benchSentences {
		f.Add(s)
	}
	f.Add("في \xff15 مارس\xfe و\u200b100 ألف")
	f.Add("1,2.3,4.5 مليون و0.0000 ألف ونصف")
	f.Add("99999999999999999999 مليار و9999999999999999999 مليون")
	f.Fuzz(func(t *testing.T, text string) {
		ms, err := New().Extract(context.Background(), corpus.Document{Text: text})
		require.NoError(t, err)
		checkInvariants(t, text, ms)
	})
}
