package tokenize

import (
	"bytes"
	"io"
	"math/rand/v2"
	"slices"
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

// A token far longer than one read, delivered through a pipe a few KiB at a
// time, costs work linear in its length: the Scanner tokenizes a window that
// holds no complete token again only once it has doubled, so the bytes it
// tokenizes, re-scans included, stay under four times the input (the
// doubling windows under twice, the pass at the end of the input and the one
// over what follows the last token once each). Tokenizing the whole window
// after every read, as it did, scans 4 MiB²/(2·4 KiB) = 2 GiB.
func TestScannerLongTokenFromPipeIsLinear(t *testing.T) {
	const size, write = 4 << 20, 4 << 10
	for _, tc := range []struct {
		name string
		text string // repeated to size bytes
		head string // before it
		want int    // tokens
	}{
		{"an Arabic word", "ب", "في ", 2},
		{"a Latin word", "x", "", 1},
		{"a number with separators", "1,0", "", 1},
		{"a word and invisible characters that could join it to the next", "\u200c", "في ب", 2},
		{"white space", " ", "في", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			input := []byte(tc.head + strings.Repeat(tc.text, (size-len(tc.head))/len(tc.text)))
			pr, pw := io.Pipe()
			go func() {
				for rest := input; len(rest) > 0; rest = rest[min(write, len(rest)):] {
					if _, err := pw.Write(rest[:min(write, len(rest))]); err != nil {
						return
					}
				}
				pw.Close()
			}()
			s := NewScanner(pr)
			n := 0
			for s.Scan() {
				n++
			}
			require.NoError(t, s.Err())
			assert.Equal(t, tc.want, n, "tokens")
			assert.LessOrEqual(t, s.scanned, int64(4*len(input)), "bytes tokenized for %d bytes of input", len(input))
		})
	}
}

// A token longer than the maximum token size stops the scan with an error
// that names its offset and the limit; the buffer never grows past the limit
// and room for a cut character. A token of exactly the limit passes.
func TestScannerMaxTokenSize(t *testing.T) {
	const limit = 100_000
	for _, tc := range []struct {
		name    string
		word    int // bytes of the long word
		tooLong bool
	}{
		{"a token of the maximum size", limit, false},
		{"a token one character longer", limit + 2, true},
		{"a token ten times longer", 10 * limit, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := "أ " + strings.Repeat("ب", tc.word/2) + " ج"
			s := NewScanner(iotest.HalfReader(strings.NewReader(in)))
			s.SetMaxTokenSize(limit)
			var got []string
			for s.Scan() {
				got = append(got, string(s.Text()[:min(len(s.Text()), 4)]))
			}
			assert.LessOrEqual(t, len(s.buf), limit+1+utf8.UTFMax, "buffer size")
			if !tc.tooLong {
				require.NoError(t, s.Err())
				assert.Equal(t, []string{"أ", "بب", "ج"}, got)
				return
			}
			require.ErrorIs(t, s.Err(), ErrTokenTooLong)
			assert.EqualError(t, s.Err(), "tokenize: token too long: the token at byte 3 is longer than 100000 bytes, the maximum token size")
			assert.Equal(t, []string{"أ"}, got, "the tokens before it are scanned")
			assert.False(t, s.Scan(), "the scan is over")
		})
	}
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

// generalAppend is Append by the general path alone: every character decoded
// by utf8.DecodeRune and classified by slowClass through the unicode tables,
// with none of the fast paths' tables (asciiClass, arabicClass, word16) and no
// word-at-a-time loop. FuzzFastPath checks that Append equals it.
func generalAppend(dst []Token, src []byte) []Token {
	classOf := func(i int) (class, int) {
		r, size := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && size == 1 {
			return clsSymbol, 1
		}
		return slowClass(r), size
	}
	// extend goes on over the classes a word continues with, and over
	// invisible characters when the word goes on after them.
	extend := func(j int, continues ...class) int {
		end := j
		for j < len(src) {
			c, size := classOf(j)
			switch {
			case slices.Contains(continues, c):
				j += size
				end = j
			case c == clsInvisible:
				j += size
			default:
				return end
			}
		}
		return end
	}
	for i := 0; i < len(src); {
		c, size := classOf(i)
		kind := Symbol
		end := i + size
		switch c {
		case clsSpace, clsInvisible:
			i += size
			continue
		case clsArabic, clsArabicMk:
			kind, end = ArabicWord, extend(end, clsArabic, clsArabicMk, clsMark)
		case clsLatin, clsMark:
			kind, end = LatinWord, extend(end, clsLatin, clsMark, clsDigit)
		case clsDigit:
			kind = Number
			for end < len(src) {
				c, size := classOf(end)
				if c == clsDigit {
					end += size
					continue
				}
				if c == clsSep && end+size < len(src) {
					if next, nsize := classOf(end + size); next == clsDigit {
						end += size + nsize
						continue
					}
				}
				break
			}
		case clsSep, clsPunct:
			kind = Punct
		}
		dst = append(dst, Token{i, end, kind})
		i = end
	}
	return dst
}

// arabicHeavy returns n bytes of random text drawn mostly from what the fast
// paths take (Arabic letters and marks, spaces) and from what makes them stop
// (tatweel, invisible controls, Latin, digits, separators, three-byte Arabic,
// combining marks of other scripts, invalid bytes), so that runs of every
// length end on every kind of character.
func arabicHeavy(rng *rand.Rand, n int) []byte {
	pieces := []string{
		"ب", "ت", "ا", "ل", "م", "ي", "ة", "ى", "ء", "َ", "ّ", "ٰ", "ٓ", " ", " ", " ", "\n",
		"ـ", "\u200c", "\u200f", "\u2060", "a", "Z", "7", "٣", "۴", ".", ",", "٫", "،", "؟", "\"", "“",
		"\u08a0", "\u0300", "ﻻ", "\u06dd", "\u06d4", "\u0660", "\xd8", "\xd9\x20", "\xe2\x80", "\xff", "😀",
	}
	var b []byte
	for len(b) < n {
		b = append(b, pieces[rng.IntN(len(pieces))]...)
	}
	return b
}

// The fast paths give the tokens of the general path on random text.
func TestFastPathEqualsGeneralPath(t *testing.T) {
	rng := rand.New(rand.NewPCG(1, 2))
	for range 2000 {
		src := arabicHeavy(rng, rng.IntN(200))
		require.Equal(t, generalAppend(nil, src), Append(nil, src), "%q", src)
	}
	seed := []byte(corpus.Seed().Documents[0].Text)
	assert.Equal(t, generalAppend(nil, seed), Append(nil, seed))
}

// FuzzFastPath is the differential target between Append (its fast paths)
// and generalAppend (the general path alone).
func FuzzFastPath(f *testing.F) {
	for _, d := range corpus.Seed().Documents[:5] {
		f.Add([]byte(d.Text[:min(len(d.Text), 300)]))
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 20 {
		f.Add(arabicHeavy(rng, 40))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		if want, got := generalAppend(nil, src), Append(nil, src); !slices.Equal(want, got) {
			t.Fatalf("%q: fast path %v, general path %v", src, got, want)
		}
	})
}

// TestRuneCountEqualsUTF8: the Scanner's word-at-a-time count of code points
// equals utf8.RuneCount on every span of a text whose characters take one,
// two, three and four bytes, from a span near the buffer's start (read byte
// by byte) to one of several words.
func TestRuneCountEqualsUTF8(t *testing.T) {
	buf := []byte("a موسكو، ٣٫٥ \u200c\u0640 كييف€𝄞z الاتحاد الأوروبي والولايات المتحدة")
	for i := 0; i <= len(buf); i++ {
		if !utf8.RuneStart(buf[min(i, len(buf)-1)]) && i < len(buf) {
			continue
		}
		for j := i; j <= len(buf); j++ {
			if j < len(buf) && !utf8.RuneStart(buf[j]) {
				continue
			}
			require.Equal(t, utf8.RuneCount(buf[i:j]), runeCount(buf, i, j), "buf[%d:%d] %q", i, j, buf[i:j])
		}
	}
}

// arabicEnd, which reads eight characters at a time (four near the end of
// the text) and steps over the word characters of the block where a word
// ends, ends a word where
// arabicEndRunes, one character at a time, does: from every byte of random
// text made of letters, marks, invisible and rarer characters, white space,
// punctuation, digits and invalid bytes.
func TestArabicEndEqualsRuneByRune(t *testing.T) {
	pieces := []string{
		"ب", "ت", "ا", "ل", "ة", "ى", "\u064E", "\u0651", "\u0670", "ـ", "\u200C", "\u200F", "\u2060", "\uFEFF",
		"\u061C", " ", "  ", "\n", ".", "،", "؟", "٣", "7", "a", "\u0300", "ڤ", "\u08A0", "ﻻ", "\U0001EE00",
		"\xff", "\xd8", "\xe2\x80",
	}
	rng := rand.New(rand.NewPCG(3, 4))
	for range 2000 {
		var b []byte
		for n := rng.IntN(40); len(b) < n; {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		for j := range len(b) + 1 {
			if got, want := arabicEnd(b, j), arabicEndRunes(b, j); got != want {
				t.Fatalf("arabicEnd(%q, %d) = %d, one character at a time %d", b, j, got, want)
			}
		}
	}
}

// Append, which takes a run of Arabic words and the lone spaces between them
// in one call, cuts the tokens that scan, one token at a time, cuts: on
// random text of words, lone and repeated spaces and newlines, punctuation,
// digits, Latin letters and invalid bytes, ending anywhere.
func TestAppendEqualsTokenByToken(t *testing.T) {
	pieces := []string{
		"كتاب", "قلم", "و", "ب", "ال", "\u064E", "ـ", "\u200C", " ", " ", " ", "\n", "  ", "\t", ".", "،", "٣", "7",
		"a", "ڤ", "\u08A0", "\xff", "\xd8",
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 3000 {
		var b []byte
		for n := rng.IntN(60); len(b) < n; {
			b = append(b, pieces[rng.IntN(len(pieces))]...)
		}
		var want []Token
		for i := 0; i < len(b); {
			tok, next, ok := scan(b, i)
			if ok {
				want = append(want, tok)
			}
			i = next
		}
		if got := Append(nil, b); !slices.Equal(got, want) {
			t.Fatalf("Append(%q) = %v, token by token %v", b, got, want)
		}
	}
}
