package tokenize

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
	"unicode"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// tok is a token as a test states it: its text and kind.
type tok struct {
	text string
	kind Kind
}

func tokens(src string) []tok {
	var out []tok
	for _, t := range Append(nil, []byte(src)) {
		out = append(out, tok{src[t.Start:t.End], t.Kind})
	}
	return out
}

func TestAppendRules(t *testing.T) {
	for _, tc := range []struct {
		rule string
		in   string
		want []tok
	}{
		{"space separates words", "في موسكو امس",
			[]tok{{"في", ArabicWord}, {"موسكو", ArabicWord}, {"امس", ArabicWord}}},
		{"fused words stay one token: the extractor splits names", "بين موسكووواشنطن،",
			[]tok{{"بين", ArabicWord}, {"موسكووواشنطن", ArabicWord}, {"،", Punct}}},
		{"a fused name is one token", "لميثاق الاممالمتحدة",
			[]tok{{"لميثاق", ArabicWord}, {"الاممالمتحدة", ArabicWord}}},
		{"quotes are their own tokens", `ل"الحياة"`,
			[]tok{{"ل", ArabicWord}, {`"`, Punct}, {"الحياة", ArabicWord}, {`"`, Punct}}},
		{"curly quotes are punctuation", "“صريحة”",
			[]tok{{"“", Punct}, {"صريحة", ArabicWord}, {"”", Punct}}},
		{"a slash between month names is a token", "شباط/ فبراير 2022",
			[]tok{{"شباط", ArabicWord}, {"/", Punct}, {"فبراير", ArabicWord}, {"2022", Number}}},
		{"dots between letters split an abbreviation", "(سي.إن.إن)",
			[]tok{{"(", Punct}, {"سي", ArabicWord}, {".", Punct}, {"إن", ArabicWord}, {".", Punct}, {"إن", ArabicWord}, {")", Punct}}},
		{"brackets around a year", "(2001)",
			[]tok{{"(", Punct}, {"2001", Number}, {")", Punct}}},
		{"a decimal point between digits is inside the number", "3.5 مليون",
			[]tok{{"3.5", Number}, {"مليون", ArabicWord}}},
		{"a full stop after a number is punctuation", "عام 2019.",
			[]tok{{"عام", ArabicWord}, {"2019", Number}, {".", Punct}}},
		{"a thousands comma is inside the number", "1,000,000",
			[]tok{{"1,000,000", Number}}},
		{"Arabic-Indic digits with the Arabic decimal separator", "٣٫٥ و١٢٬٠٠٠",
			[]tok{{"٣٫٥", Number}, {"و", ArabicWord}, {"١٢٬٠٠٠", Number}}},
		{"Extended Arabic-Indic (Persian) digits", "۱۴۰۰",
			[]tok{{"۱۴۰۰", Number}}},
		{"tatweel inside a word does not split it", "بــ50 دولارا",
			[]tok{{"بــ", ArabicWord}, {"50", Number}, {"دولارا", ArabicWord}}},
		{"ZWNJ inside a word does not split it", "می\u200cخواهم",
			[]tok{{"می\u200cخواهم", ArabicWord}}},
		{"a zero-width space at a word's end is not part of it", "كييف\u200b ",
			[]tok{{"كييف", ArabicWord}}},
		{"bidi controls outside words are skipped", "\u200fموسكو\u202c",
			[]tok{{"موسكو", ArabicWord}}},
		{"diacritics are part of the word", "وُصفت",
			[]tok{{"وُصفت", ArabicWord}}},
		{"Arabic and Latin runs split", "صواريخ“ATACMS ”االأمريكية",
			[]tok{{"صواريخ", ArabicWord}, {"“", Punct}, {"ATACMS", LatinWord}, {"”", Punct}, {"االأمريكية", ArabicWord}}},
		{"Latin letters keep the digits that follow them", "G7 summit",
			[]tok{{"G7", LatinWord}, {"summit", LatinWord}}},
		{"Arabic punctuation marks", "ماذا تريدون؟ كيف؛",
			[]tok{{"ماذا", ArabicWord}, {"تريدون", ArabicWord}, {"؟", Punct}, {"كيف", ArabicWord}, {"؛", Punct}}},
		{"repeated punctuation is one token per mark", "اسرائيل..",
			[]tok{{"اسرائيل", ArabicWord}, {".", Punct}, {".", Punct}}},
		{"a hyphen splits two names", "كيري-لافروف",
			[]tok{{"كيري", ArabicWord}, {"-", Punct}, {"لافروف", ArabicWord}}},
		{"symbols are their own tokens", "5$ + 😀",
			[]tok{{"5", Number}, {"$", Symbol}, {"+", Symbol}, {"😀", Symbol}}},
		{"invalid bytes are one symbol each", "a\xff\xfeب",
			[]tok{{"a", LatinWord}, {"\xff", Symbol}, {"\xfe", Symbol}, {"ب", ArabicWord}}},
		{"NUL and newlines separate", "أ\x00ب\nج",
			[]tok{{"أ", ArabicWord}, {"ب", ArabicWord}, {"ج", ArabicWord}}},
		{"empty input", "", nil},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			assert.Equal(t, tc.want, tokens(tc.in))
		})
	}
}

// checkInvariants asserts what every tokenization must satisfy: tokens in
// order, without overlap, on rune boundaries, covering every byte that is not
// white space, a control, or an invisible character.
func checkInvariants(t *testing.T, src []byte, toks []Token) {
	t.Helper()
	prev := 0
	for _, tk := range toks {
		require.True(t, prev <= tk.Start && tk.Start < tk.End && tk.End <= len(src), "token %+v after %d in %d bytes", tk, prev, len(src))
		for i := prev; i < tk.Start; {
			r, size := utf8.DecodeRune(src[i:])
			require.True(t, r != utf8.RuneError || size != 1, "invalid byte at %d left out of tokens", i)
			require.True(t, unicode.IsSpace(r) || unicode.IsControl(r) || IsInvisible(r), "byte %d (%U) left out of tokens", i, r)
			i += size
		}
		if tk.Kind != Symbol {
			require.True(t, utf8.Valid(src[tk.Start:tk.End]), "token %+v is not valid UTF-8", tk)
		}
		prev = tk.End
	}
}

func TestSeedCorpusInvariants(t *testing.T) {
	for _, d := range corpus.Seed().Documents {
		src := []byte(d.Text)
		checkInvariants(t, src, Append(nil, src))
	}
}

// scanAll runs a Scanner over r and returns its tokens and code point spans.
func scanAll(t *testing.T, r io.Reader) ([]Token, [][2]int) {
	t.Helper()
	s := NewScanner(r)
	var toks []Token
	var spans [][2]int
	for s.Scan() {
		toks = append(toks, s.Token())
		a, b := s.RuneSpan()
		spans = append(spans, [2]int{a, b})
	}
	require.NoError(t, s.Err())
	return toks, spans
}

func TestScannerEqualsAppend(t *testing.T) {
	inputs := []string{"", "موسكو", "3.", "3.5", "كييف\u200b\u200bب", "a\xd8"}
	for _, d := range corpus.Seed().Documents {
		inputs = append(inputs, d.Text)
	}
	for _, in := range inputs {
		want := Append(nil, []byte(in))
		ix := corpus.NewIndex(in)
		// One byte per read is the worst case for tokens and characters
		// split across reads.
		for _, r := range []io.Reader{strings.NewReader(in), iotest.OneByteReader(strings.NewReader(in))} {
			got, spans := scanAll(t, r)
			require.Equal(t, len(want), len(got))
			for i := range want {
				require.Equal(t, want[i], got[i])
				cs, ce, err := ix.CodePointSpan(want[i].Start, want[i].End)
				require.NoError(t, err)
				require.Equal(t, [2]int{cs, ce}, spans[i])
			}
		}
	}
}

func TestScannerLongToken(t *testing.T) {
	word := strings.Repeat("ب", 100_000) // 200 KB, longer than one read
	got, _ := scanAll(t, strings.NewReader("أ "+word+" ج"))
	require.Len(t, got, 3)
	assert.Equal(t, 2*100_000, got[1].End-got[1].Start)
}

func TestScannerReportsReadErrors(t *testing.T) {
	s := NewScanner(iotest.ErrReader(io.ErrUnexpectedEOF))
	assert.False(t, s.Scan())
	assert.ErrorIs(t, s.Err(), io.ErrUnexpectedEOF)
}

func TestAppendDoesNotAllocateWithWarmBuffer(t *testing.T) {
	src := []byte(corpus.Seed().Documents[1].Text)
	dst := Append(nil, src)
	allocs := testing.AllocsPerRun(20, func() { dst = Append(dst[:0], src) })
	assert.Zero(t, allocs)
}

func FuzzAppend(f *testing.F) {
	for _, d := range corpus.Seed().Documents {
		f.Add([]byte(d.Text[:min(len(d.Text), 400)]))
	}
	f.Add([]byte("٣٫٥,.\u200c\u0640\xff"))
	f.Fuzz(func(t *testing.T, src []byte) {
		toks := Append(nil, src)
		checkInvariants(t, src, toks)
		ix := corpus.NewIndex(string(src))
		for _, r := range []io.Reader{iotest.HalfReader(bytes.NewReader(src)), iotest.OneByteReader(bytes.NewReader(src))} {
			got, spans := scanAll(t, r)
			require.Equal(t, len(toks), len(got))
			for i := range toks {
				require.Equal(t, toks[i], got[i])
				cs, ce, err := ix.CodePointSpan(toks[i].Start, toks[i].End)
				require.NoError(t, err)
				require.Equal(t, [2]int{cs, ce}, spans[i], "code point span of token %d", i)
			}
		}
	})
}
