package brat

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
)

func seedDoc(t testing.TB, id string) corpus.Document {
	t.Helper()
	doc, ok := corpus.Seed().Doc(id)
	require.True(t, ok, id)
	return doc
}

func TestMentionsConvertCodePointsToBytes(t *testing.T) {
	doc := seedDoc(t, "000_54e2bb75203d1eb2")
	src := "T1\tLOC 51 56\tموسكو\nN1\tReference T1 kb:moscow\tMoscow\nT2\tDATE 57 60\tامس\n"
	f, errs := Parse("000.ann", strings.NewReader(src))
	require.Empty(t, errs)
	ms, errs := f.Mentions(doc)
	require.Empty(t, errs)
	// "في إطار مساع لتطويق الخلاف الروسي الاميركي، جرت في " is the 51 code
	// points before موسكو: 42 Arabic letters and the Arabic comma (2 bytes
	// each in UTF-8) and 9 spaces (1 byte each). 42 + 9 = 51 code points,
	// 42×2 + 9 = 93 bytes. موسكو is 5 letters, so it ends at 93 + 5×2 = 103.
	// امس starts after one more space: 104, and ends at 104 + 3×2 = 110.
	assert.Equal(t, []corpus.Mention{
		{Start: 93, End: 103, Type: "LOC", Text: "موسكو", Entity: "kb:moscow"},
		{Start: 104, End: 110, Type: "DATE", Text: "امس"},
	}, ms)
	assert.Equal(t, "موسكو", doc.Text[93:103])
	assert.True(t, f.Entities[0].Resolved)
	assert.Equal(t, [2]int{93, 103}, [2]int{f.Entities[0].Start, f.Entities[0].End})
}

func TestMentionsAreLenientAboutLinksAndValues(t *testing.T) {
	// A prediction folder may miss links, double them, link a DATE or use
	// another resource: Mentions takes the first link and value as written
	// and leaves judging them to Check.
	doc := seedDoc(t, "001_6498fe370d19e1ff")
	src := "T2\tNUM 1638 1644\t14 ألف\n" +
		"T1\tORG 30 39\tالبنتاغون\n" +
		"N1\tReference T1 wiki:Pentagon\tPentagon\n" +
		"N2\tReference T1 kb:pentagon\tPentagon\n" +
		"#1\tAnnotatorNotes T2\tnot a value\n" +
		"#2\tValue T2\t14 ألف\n" +
		"#3\tValue T2\t14000\n" +
		"T3\tPER 56 66\tلويد أوستن\n" +
		"T4\tGPE 136 144\tأوكرانيا\n"
	f, errs := Parse("001.ann", strings.NewReader(src))
	require.Empty(t, errs)
	ms, errs := f.Mentions(doc)
	require.Empty(t, errs)
	require.Len(t, ms, 4)
	assert.Equal(t, corpus.Mention{Start: 55, End: 73, Type: "ORG", Text: "البنتاغون", Entity: "wiki:Pentagon"}, ms[0])
	assert.Equal(t, "PER", ms[1].Type)
	assert.Empty(t, ms[1].Entity)
	assert.Equal(t, "GPE", ms[2].Type, "an unknown type is kept for the scorer")
	assert.Equal(t, "14 ألف", ms[3].Value)
}

func TestMentionsReportWhatDoesNotAttach(t *testing.T) {
	doc := corpus.Document{ID: "tiny", Text: "في موسكو امس"}
	for _, tc := range []struct {
		name, line, msg string
	}{
		{"a span past the end", "T1\tLOC 3 99\tموسكو", "T1: span [3,99) is out of range: document tiny has 12 code points (code point offset 99 out of range [0,12])"},
		{"a reversed span", "T1\tLOC 8 3\tموسكو", "T1: span [8,3) is reversed: its start is after its end"},
		{"an empty span", "T1\tLOC 3 3\t", "T1: empty span [3,3)"},
		{"a text that differs", "T1\tLOC 3 8\tموسكوا", `T1: text "موسكوا" differs from the document's "موسكو" at [3,8)`},
		{"a link to no T line", "N1\tReference T7 kb:moscow\tMoscow", "N1: link target T7 is not a T line of this file"},
		{"a note to no T line", "#1\tValue T7\t3", "#1: note target T7 is not a T line of this file"},
		{"an attribute to no T line", "A1\tNegation E1", "A1: attribute target E1 is not a T line of this file"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f, errs := Parse("tiny.ann", strings.NewReader("T9\tDATE 9 12\tامس\n"+tc.line+"\n"))
			require.Empty(t, errs)
			ms, errs := f.Mentions(doc)
			require.Len(t, errs, 1)
			assert.EqualError(t, errs[0], "tiny.ann:2: "+tc.msg)
			assert.Equal(t, []corpus.Mention{{Start: 16, End: 22, Type: "DATE", Text: "امس"}}, ms,
				"the good mention is kept, the broken one left out")
		})
	}
}

func FuzzMentions(f *testing.F) {
	f.Add("في موسكو امس", "T1\tLOC 3 8\tموسكو\nN1\tReference T1 kb:moscow\tM\n#1\tValue T1\t5\n")
	f.Add("\xff\xfeab", "T1\tPER 0 2\t\xff\xfe\nT2\tPER 1 3\t\xfea\n")
	f.Add("", "T1\tPER 0 0\t\n")
	f.Fuzz(func(t *testing.T, text, src string) {
		file, _ := Parse("fuzz.ann", strings.NewReader(src))
		ms, _ := file.Mentions(corpus.Document{ID: "fuzz", Text: text})
		for i, m := range ms {
			if m.Start < 0 || m.End > len(text) || m.Start >= m.End {
				t.Fatalf("mention %v out of range of %d bytes", m, len(text))
			}
			if text[m.Start:m.End] != m.Text {
				t.Fatalf("mention %v text differs from %q", m, text[m.Start:m.End])
			}
			if i > 0 && (ms[i-1].Start > m.Start || ms[i-1].Start == m.Start && ms[i-1].End > m.End) {
				t.Fatalf("mentions not sorted: %v before %v", ms[i-1], m)
			}
		}
	})
}
