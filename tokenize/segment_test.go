package tokenize

import (
	"testing"

	"github.com/stretchr/testify/assert"
)

func TestSegmentProclitics(t *testing.T) {
	lex := NewWordSet("واشنطن", "موسكو", "وليد", "لافروف", "العراق", "كرملين", "أمم", "بغداد", "فرنسا", "ألمانيا")
	seg := NewSegmenter(lex)
	for _, tc := range []struct {
		rule string
		word string
		want []tok
	}{
		{"proclitic wa before a known name", "وواشنطن", []tok{{"و", Proclitic}, {"واشنطن", Stem}}},
		{"a name that begins with wa is not split", "واشنطن", []tok{{"واشنطن", Stem}}},
		{"a given name that begins with wa is not split", "وليد", []tok{{"وليد", Stem}}},
		{"a name that begins with lam is not split", "لافروف", []tok{{"لافروف", Stem}}},
		{"a name that begins with ba is not split", "بغداد", []tok{{"بغداد", Stem}}},
		{"preposition li", "لموسكو", []tok{{"ل", Proclitic}, {"موسكو", Stem}}},
		{"preposition bi", "بموسكو", []tok{{"ب", Proclitic}, {"موسكو", Stem}}},
		{"stacked wa + bi", "وبموسكو", []tok{{"و", Proclitic}, {"ب", Proclitic}, {"موسكو", Stem}}},
		{"fa + li", "فلموسكو", []tok{{"ف", Proclitic}, {"ل", Proclitic}, {"موسكو", Stem}}},
		{"wa + article, the lexicon knows the name with its article", "والعراق", []tok{{"و", Proclitic}, {"ال", Article}, {"عراق", Stem}}},
		{"li + article with its alef elided: لل", "للكرملين", []tok{{"ل", Proclitic}, {"ل", Article}, {"كرملين", Stem}}},
		{"li + elided article, stem known without the article", "للأمم", []tok{{"ل", Proclitic}, {"ل", Article}, {"أمم", Stem}}},
		{"coordination: wa before a country", "وفرنسا", []tok{{"و", Proclitic}, {"فرنسا", Stem}}},
		{"an unknown stem is not split", "وصفت", []tok{{"وصفت", Stem}}},
		{"a one-letter remainder is never a stem", "وو", []tok{{"وو", Stem}}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			src := []byte(tc.word)
			var got []tok
			for _, st := range seg.Append(nil, src, Token{0, len(src), ArabicWord}) {
				got = append(got, tok{tc.word[st.Start:st.End], st.Kind})
			}
			assert.Equal(t, tc.want, got)
		})
	}
}

func TestSegmentLeavesOtherKindsAlone(t *testing.T) {
	seg := NewSegmenter(NewWordSet())
	src := []byte("2022")
	assert.Equal(t, []Token{{0, 4, Number}}, seg.Append(nil, src, Token{0, 4, Number}))
}

func TestSegmentDoesNotAllocate(t *testing.T) {
	seg := NewSegmenter(NewWordSet("العراق"))
	src := []byte("والعراق")
	dst := seg.Append(nil, src, Token{0, len(src), ArabicWord})
	allocs := testing.AllocsPerRun(50, func() { dst = seg.Append(dst[:0], src, Token{0, len(src), ArabicWord}) })
	assert.Zero(t, allocs)
}

func TestKindNames(t *testing.T) {
	assert.Equal(t, "ARABIC", ArabicWord.String())
	assert.Equal(t, "Kind(99)", Kind(99).String())
}

func TestProcliticLetters(t *testing.T) {
	for _, tc := range []struct {
		word       string
		conj, prep bool
	}{
		{"وواشنطن", true, false},
		{"فقال", true, false},
		{"بموسكو", false, true},
		{"لموسكو", false, true},
		{"كجزء", false, true},
		{"موسكو", false, false},
		{"", false, false},
		{"\xd9", false, false},
	} {
		assert.Equal(t, tc.conj, IsConjunction([]byte(tc.word)), "IsConjunction(%q)", tc.word)
		assert.Equal(t, tc.prep, IsPreposition([]byte(tc.word)), "IsPreposition(%q)", tc.word)
	}
}

// TestHasProclitic: HasProclitic is IsConjunction or IsPreposition, on every
// two-byte prefix of U+0600–U+06FF and on words too short to carry one.
func TestHasProclitic(t *testing.T) {
	words := [][]byte{nil, []byte("و"[:1]), []byte("a"), []byte("وزير"), []byte("ال")}
	for r := rune(0x600); r <= 0x6FF; r++ {
		words = append(words, []byte(string(r)+"ا"))
	}
	for _, w := range words {
		assert.Equal(t, IsConjunction(w) || IsPreposition(w), HasProclitic(w), "%q", w)
	}
}
