package gazetteer

import (
	"context"
	"math/rand/v2"
	"os"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/extract/lexicon"
	"github.com/arabench/arabench/tokenize"
)

// keyAt, which reads whole words of eight bytes and masks, gives the key
// keyOf gives, for words of every length at every place in the buffer,
// the first place included (where end-8 is before it).
func TestKeyAtIsKeyOf(t *testing.T) {
	text := []byte("abcdefghijklmnopqrstuvwxyz موسكو الأمم المتحدة")
	buf := append(append([]byte(nil), text...), make([]byte, screenPad)...)
	for i := range buf[len(text):] {
		buf[len(text)+i] = 0xAA // what a previous chunk left past the text
	}
	for start := range text {
		for end := start + 1; end <= len(text); end++ {
			require.Equal(t, keyOf(text[start:end]), keyAt(buf, start, end), "text[%d:%d]", start, end)
		}
	}
}

func TestStartWords(t *testing.T) {
	for _, tc := range []struct {
		rule  string
		first string
		has   []string
	}{
		{"the word, after each proclitic", "موسكو", []string{"موسكو", "وموسكو", "فموسكو", "بموسكو", "لموسكو", "كموسكو", "وبموسكو", "ولموسكو", "فكموسكو"}},
		{"after ل, a word with the article without its alef", "الامم", []string{"الامم", "للامم", "وللامم", "فللامم", "بالامم"}},
	} {
		assert.Subset(t, startWords(tc.first), tc.has, tc.rule)
	}
	assert.Len(t, startWords("لبنان"), 1+len(proclitics), "a word without the article: no alef to leave out")
}

// find, which looks only at the tokens its screen passes, finds what trying
// every reading at every token finds.
func TestScreenMissesNoMatch(t *testing.T) {
	g := defaultGazetteer(t)
	r := rand.New(rand.NewPCG(3, 4))
	others := strings.Fields(newsText(t, 1))
	for range 300 {
		text := screenText(r, g, others, 1+r.IntN(200))
		require.Equal(t, everyToken(t, g, text), screened(t, g, text), "%s", text)
	}
}

func FuzzScreen(f *testing.F) {
	g := defaultGazetteer(f)
	r := rand.New(rand.NewPCG(5, 6))
	news, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		f.Fatal(err)
	}
	others := strings.Fields(string(news))
	for range 20 {
		f.Add(screenText(r, g, others, 30))
	}
	f.Add("وللامم المتحدة ولموسكو فكموسكو موسكووواشنطن")
	f.Add("موسكووالأمم المتحدة والأمم، المتحدة علي ان")
	f.Fuzz(func(t *testing.T, text string) {
		require.Equal(t, everyToken(t, g, text), screened(t, g, text))
	})
}

// screenText is n tokens that try the screen: words of the lists and other
// words, with proclitics, ل before the article less its alef, and two words
// joined by و.
func screenText(r *rand.Rand, g *Gazetteer, others []string, n int) string {
	var b strings.Builder
	for range n {
		w := others[r.IntN(len(others))]
		if r.IntN(2) == 0 {
			w = g.words[1+r.IntN(len(g.words)-1)]
		}
		switch r.IntN(10) {
		case 0, 1, 2:
			w = proclitics[r.IntN(len(proclitics))] + w
		case 3:
			if rest, ok := strings.CutPrefix(w, alef); ok {
				w = []string{"", waw, "ف"}[r.IntN(3)] + lam + rest
			}
		case 4:
			w += waw + g.words[1+r.IntN(len(g.words)-1)]
		}
		b.WriteString(w)
		b.WriteString([]string{" ", " ", " ", "، ", "\n", ". "}[r.IntN(6)])
	}
	return b.String()
}

// all returns the matches held, in order.
func (l *foundList) all() []found {
	all := make([]found, l.n)
	for i := range all {
		all[i] = l.at(i)
	}
	return all
}

// screened is what find finds in text, in one chunk.
func screened(t *testing.T, g *Gazetteer, text string) []found {
	var s scratch
	require.NoError(t, g.find(context.Background(), &s, text, len(text)+1))
	return s.found.all()
}

// everyToken is what matching finds in text when it tries every reading at
// every token, with no screen, and every reading less a proclitic of a word
// of the lists too (matchAt skips those that stems rules out).
func everyToken(t *testing.T, g *Gazetteer, text string) []found {
	t.Helper()
	var s scratch
	s.src = []byte(text)
	s.norm = g.norm.AppendNormalizedMap(nil, &s.m, s.src)
	s.toks = tokenize.Append(nil, s.norm)
	s.flags = append(s.flags, alone|goesOn)
	for _, tok := range s.toks {
		s.ids = append(s.ids, 1+g.lookup(s.norm[tok.Start:tok.End]))
		s.flags = append(s.flags, alone|goesOn)
	}
	for i := 0; i < len(s.toks); {
		tok := &s.toks[i]
		m := match{entry: -1}
		if id := g.idAt(&s, i); id != 0 {
			g.longest(&s, i, id, 0, &m)
		}
		g.stemsAt(&s, i, &m)
		if m.entry >= 0 {
			if g.entries[m.entry].typ != lexicon.Block {
				s.found.add(g.span(&s, 0, tok.Start+m.strip, s.toks[m.end-1].End, m.entry))
			}
			i = m.end
			continue
		}
		if tok.Kind == tokenize.ArabicWord && tok.End-tok.Start >= minFused {
			if next, ok := g.fusedPair(&s, 0, i); ok {
				i = next
				continue
			}
		}
		i++
	}
	return s.found.all()
}

// Two names joined by و are found with the و at every place fusedPair
// allows: two letters before it at the least, and two after it (قم, the
// last place the screen looks at).
func TestScreenFindsFusedAtTheEdges(t *testing.T) {
	g := builtOf(t, "LOC", "موسكو", "قم", "بطرسبرغ", "فلادفوستك", "كاليفورنيا")
	for _, text := range []string{
		"موسكووقم",           // the و at the last place
		"قمومموسكو",          // not a name on the right
		"قموبطرسبرغ",         // the و at the first place
		"بطرسبرغوموسكووقم",   // the first و that pairs two names
		"زيارة موسكووقم غدا", // inside a sentence
		"فلادفوستكوقم",       // a و inside the left name, and the one after it at place 18, the last but one of markFused's sixteen
		"كاليفورنياوقم",      // the same at place 20, past the sixteen
	} {
		want := everyToken(t, g, text)
		require.Equal(t, want, screened(t, g, text), "%s", text)
		if text != "قمومموسكو" && text != "بطرسبرغوموسكووقم" && text != "زيارة موسكووقم غدا" {
			require.Len(t, want, 2, "%s: two names", text)
		}
	}
}

// A name of several words is found wherever a reading may begin it and the
// next token is its second word: the filter of what follows holds every
// spelling of a first word (after a proclitic, or ل before the article less
// its alef) paired with every word that follows it in a name, and a word
// that may be two names joined by و has its right side go on too. A first
// word before a token that does not go on with it is no candidate.
func TestScreenFindsNamesThatGoOn(t *testing.T) {
	g := builtOf(t, "LOC", "موسكو", "البحر المتوسط", "البحر الأحمر")
	for _, tc := range []struct {
		rule  string
		text  string
		names int
		cands []int32 // the screen's candidates, when the rule is about them
	}{
		{"a name of two words", "البحر المتوسط", 1, []int32{0}},
		{"after a proclitic", "والبحر الأحمر", 1, nil},
		{"ل before the article less its alef", "وللبحر المتوسط", 1, nil},
		{"the right side of two names joined by و", "موسكووالبحر المتوسط", 2, nil},
		{"inside a sentence", "زيارة البحر الأحمر غدا", 1, nil},
		{"a first word before a word that does not follow it", "البحر الميت", 0, []int32{}},
		{"a comma between the two words", "البحر، المتوسط", 0, []int32{}},
		{"a first word at the end of the text", "عبر البحر", 0, []int32{}},
		{"a name of one word at the end of the text", "عبر موسكو", 1, []int32{1}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			want := everyToken(t, g, tc.text)
			require.Equal(t, want, screened(t, g, tc.text), "%s", tc.text)
			require.Len(t, want, tc.names, "%s", tc.text)
			if tc.cands != nil {
				// find leaves the candidates of its last chunk, here
				// the whole text, in s.cands.
				var s scratch
				require.NoError(t, g.find(context.Background(), &s, tc.text, len(tc.text)+1))
				require.Equal(t, tc.cands, s.cands, "%s", tc.text)
			}
		})
	}
}

// A word of the lists is read less a proclitic too when that reading may
// begin a name (stems), and the reading that reaches further wins.
func TestMatchAtReadsWordsOfTheListsLessAProclitic(t *testing.T) {
	g := builtOf(t, "LOC", "لبنان", "بنان", "بنان الجديد", "بيروت")
	for _, tc := range []struct {
		rule string
		text string
		want []string
	}{
		{"the reading less the proclitic reaches further", "زيارة لبنان الجديد", []string{"بنان الجديد"}},
		{"the word whole wins a tie", "زيارة لبنان غدا", []string{"لبنان"}},
		{"a word of the lists that begins with a proclitic letter but is no proclitic spelling", "زيارة بيروت الجديد", []string{"بيروت"}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			var got []string
			for _, m := range extractAll(t, g, tc.text) {
				got = append(got, m.Text)
			}
			require.Equal(t, tc.want, got)
			require.Equal(t, everyToken(t, g, tc.text), screened(t, g, tc.text))
		})
	}
	require.True(t, g.stems[g.lookup([]byte("لبنان"))], "لبنان is ل + بنان, a first word")
	require.False(t, g.stems[g.lookup([]byte("بيروت"))], "يروت is no first word")
}
