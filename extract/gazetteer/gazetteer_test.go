package gazetteer

import (
	"context"
	"errors"
	"strings"
	"sync"
	"testing"
	"unicode"
	"unicode/utf8"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract"
	"github.com/arabench/arabench/extract/lexicon"
	"github.com/arabench/arabench/tokenize"
)

// want is what a test expects of a mention: its text, type and entity.
type want struct {
	text, typ, entity string
}

func defaultGazetteer(t testing.TB) *Gazetteer {
	t.Helper()
	g, err := Default()
	require.NoError(t, err)
	return g
}

func extractAll(t testing.TB, g *Gazetteer, text string) []extract.Mention {
	t.Helper()
	ms, err := g.Extract(context.Background(), corpus.Document{ID: "test", Text: text})
	require.NoError(t, err)
	return ms
}

func wants(ms []extract.Mention) []want {
	out := []want{}
	for _, m := range ms {
		out = append(out, want{m.Text, m.Type, m.Entity})
	}
	return out
}

// The cases follow the span rules of the annotation guidelines; the
// sentences are written for these tests.
func TestGuidelineSpans(t *testing.T) {
	g := defaultGazetteer(t)
	for _, tc := range []struct {
		rule string
		text string
		want []want
	}{
		// Rule 1: proclitics outside.
		{"proclitic wa outside", "اتفقت موسكو وواشنطن على الهدنة",
			[]want{{"موسكو", "LOC", "kb:moscow"}, {"واشنطن", "LOC", "kb:washington-dc"}}},
		{"preposition li outside", "وصل الوفد لموسكو مساء", []want{{"موسكو", "LOC", "kb:moscow"}}},
		{"preposition bi outside", "عقد الاجتماع بموسكو", []want{{"موسكو", "LOC", "kb:moscow"}}},
		{"preposition ka outside, the article inside", "دول كالولايات المتحدة",
			[]want{{"الولايات المتحدة", "LOC", "kb:united-states"}}},
		{"stacked wa + bi outside", "في كييف وبموسكو", []want{{"كييف", "LOC", "kb:kyiv"}, {"موسكو", "LOC", "kb:moscow"}}},
		{"stacked fa + li outside", "فلموسكو رأي آخر", []want{{"موسكو", "LOC", "kb:moscow"}}},
		{"wa + article: the article stays inside", "زار سوريا والعراق",
			[]want{{"سوريا", "LOC", "kb:syria"}, {"العراق", "LOC", "kb:iraq"}}},
		{"li + elided article: only the first lam outside", "قدم طلبا للأمم المتحدة",
			[]want{{"لأمم المتحدة", "ORG", "kb:united-nations"}}},
		{"li + elided article before a one-word name", "رسالة للكرملين", []want{{"لكرملين", "ORG", "kb:kremlin"}}},
		{"wa + li + elided article", "وللبيت الأبيض رأي", []want{{"لبيت الأبيض", "ORG", "kb:white-house"}}},
		{"a place that begins with wa is not split", "قالت واشنطن إنها سترد", []want{{"واشنطن", "LOC", "kb:washington-dc"}}},
		{"a person whose name begins with wa is not split", "صرح وليد المعلم للصحفيين",
			[]want{{"وليد المعلم", "PER", "kb:walid-muallem"}}},
		{"a name that begins with lam is not split", "قال لافروف", []want{{"لافروف", "PER", "kb:sergey-lavrov"}}},
		{"a name that begins with ba is not split", "انفجار في بغداد", []want{{"بغداد", "LOC", "kb:baghdad"}}},
		{"a name that begins with ba and reads as ba + a word is not split", "قال بوتين", []want{{"بوتين", "PER", "kb:vladimir-putin"}}},
		{"a word that is only a proclitic and a non-name is not a name", "وصفت الصحيفة الخبر", []want{}},
		// Rules 2, 4, 5, 6, 13: article, titles, designators, adjectives.
		{"the article stays inside", "أكد الكرملين", []want{{"الكرملين", "ORG", "kb:kremlin"}}},
		{"title outside the person", "قال وزير الخارجية الروسي سيرغي لافروف",
			[]want{{"سيرغي لافروف", "PER", "kb:sergey-lavrov"}}},
		{"a ministry's head inside a title is no ORG", "قالت وزيرة الخارجية الأمريكية هيلاري كلينتون",
			[]want{{"هيلاري كلينتون", "PER", "kb:hillary-clinton"}}},
		{"place designator outside", "في مدينة حلب", []want{{"حلب", "LOC", "kb:aleppo"}}},
		{"media designator outside", "نقلت وكالة رويترز", []want{{"رويترز", "ORG", "kb:reuters"}}},
		{"designator that is part of the name inside", "اجتماع حلف شمال الأطلسي في البحر الأسود",
			[]want{{"حلف شمال الأطلسي", "ORG", "kb:nato"}, {"البحر الأسود", "LOC", "kb:black-sea"}}},
		{"trailing nationality adjective of a ministry inside", "أعلنت وزارة الخارجية الروسية",
			[]want{{"وزارة الخارجية الروسية", "ORG", "kb:russian-foreign-ministry"}}},
		{"the bare head with its adjective is the ministry", "قالت الخارجية الأمريكية",
			[]want{{"الخارجية الأمريكية", "ORG", "kb:us-department-of-state"}}},
		{"a ministry without a nationality is unlinked", "بيان وزارة الدفاع", []want{{"وزارة الدفاع", "ORG", ""}}},
		{"a noun phrase that shares the head is no ORG", "تغيرت السياسة الخارجية الروسية", []want{}},
		// Rules 7, 8, 15: flat spans, coordination, names inside phrases.
		{"longest match: the ministry over the place inside its name", "أعلنت وزارة الدفاع الأوكرانية",
			[]want{{"وزارة الدفاع الأوكرانية", "ORG", "kb:ukrainian-defense-ministry"}}},
		{"longest match: an outlet over the city in its name", "ذكرت صحيفة واشنطن بوست",
			[]want{{"واشنطن بوست", "ORG", "kb:washington-post"}}},
		{"longest match: the formal name over the shorter one", "الولايات المتحدة الأمريكية",
			[]want{{"الولايات المتحدة الأمريكية", "LOC", "kb:united-states"}}},
		{"coordination splits", "بريطانيا وفرنسا وألمانيا",
			[]want{{"بريطانيا", "LOC", "kb:united-kingdom"}, {"فرنسا", "LOC", "kb:france"}, {"ألمانيا", "LOC", "kb:germany"}}},
		{"a name inside an unmarked phrase", "قمة الناتو بعد اتفاقيات مينسك",
			[]want{{"الناتو", "ORG", "kb:nato"}, {"مينسك", "LOC", "kb:minsk"}}},
		// Rule 3: punctuation outside; a name never spans punctuation.
		{"quotes outside", `ذكرت "رويترز" الخبر`, []want{{"رويترز", "ORG", "kb:reuters"}}},
		{"a comma breaks a name of several words", "الأمم، المتحدة", []want{}},
		// Rule 9: fused words.
		{"two names fused by wa: each marked, the wa outside", "بين موسكووواشنطن",
			[]want{{"موسكو", "LOC", "kb:moscow"}, {"واشنطن", "LOC", "kb:washington-dc"}}},
		{"a fused word whose first part is no name gives nothing", "وصلت الرسالةوواشنطن", []want{}},
		{"a name of several words fused into one token is one mention", "في الاممالمتحدة",
			[]want{{"الاممالمتحدة", "ORG", "kb:united-nations"}}},
		// Blocked phrases and idioms.
		{"an idiom that holds a name is no name", "حصل على حصة الأسد", []want{}},
		{"the same name outside the idiom", "قال الأسد", []want{{"الأسد", "PER", "kb:bashar-al-assad"}}},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			assert.Equal(t, tc.want, wants(extractAll(t, g, tc.text)))
		})
	}
}

// Orthographic variants are matched through normalization, not listed.
func TestVariantsThroughNormalization(t *testing.T) {
	g := defaultGazetteer(t)
	for _, tc := range []struct {
		variant string
		text    string
		entity  string
	}{
		{"bare alef for hamza alef", "الامم المتحدة", "kb:united-nations"},
		{"diacritics", "مُوسْكُو", "kb:moscow"},
		{"a diacritic on the last letter, at the end of the text", "موسكوُ", "kb:moscow"},
		{"tatweel", "موسـكـو", "kb:moscow"},
		{"heh for teh marbuta", "أنقره", "kb:ankara"},
		{"farsi yeh", "كیيف", "kb:kyiv"},
		{"keheh for kaf", "ڪييف", "kb:kyiv"},
		{"zero-width non-joiner inside", "موس\u200cكو", "kb:moscow"},
		{"alef maqsura for yeh", "نينوي", "kb:nineveh"},
		{"yeh for hamza on yeh", "المحيط الهادي", "kb:pacific-ocean"},
	} {
		t.Run(tc.variant, func(t *testing.T) {
			ms := extractAll(t, g, tc.text)
			require.Len(t, ms, 1)
			assert.Equal(t, tc.text, ms[0].Text, "the span covers the variant as written")
			assert.Equal(t, tc.entity, ms[0].Entity)
		})
	}
}

// Transliterations that differ in letters are separate entries with one id.
func TestTransliterationsShareAnID(t *testing.T) {
	g := defaultGazetteer(t)
	for _, pair := range [][2]string{
		{"شويغو", "شويجو"},
		{"البنتاغون", "البنتاجون"},
		{"بلينكن", "بلينكين"},
		{"خاركيف", "خاركوف"},
	} {
		a, b := extractAll(t, g, pair[0]), extractAll(t, g, pair[1])
		require.Len(t, a, 1, pair[0])
		require.Len(t, b, 1, pair[1])
		assert.NotEmpty(t, a[0].Entity)
		assert.Equal(t, a[0].Entity, b[0].Entity, "%s and %s", pair[0], pair[1])
	}
}

func TestCLDRCountries(t *testing.T) {
	g := defaultGazetteer(t)
	for _, tc := range []want{
		{"أوكرانيا", "LOC", "kb:ukraine"},
		{"ألمانيا", "LOC", "kb:germany"},
		{"الأرجنتين", "LOC", "kb:argentina"},
		{"كوريا الجنوبية", "LOC", "kb:south-korea"},
		{"جنوب السودان", "LOC", "kb:south-sudan"},
		{"الولايات المتحدة", "LOC", "kb:united-states"},
		{"ميانمار", "LOC", "kb:myanmar"}, // CLDR writes ميانمار (بورما)
	} {
		assert.Equal(t, []want{tc}, wants(extractAll(t, g, "زار "+tc.text+" أمس")), tc.text)
	}
}

// Rule 11: capitals stay LOC and government seats are ORG, each with its id.
func TestSeatsAndCapitals(t *testing.T) {
	g := defaultGazetteer(t)
	got := wants(extractAll(t, g, "ردت موسكو على البيت الأبيض والبنتاغون"))
	assert.Equal(t, []want{
		{"موسكو", "LOC", "kb:moscow"},
		{"البيت الأبيض", "ORG", "kb:white-house"},
		{"البنتاغون", "ORG", "kb:pentagon"},
	}, got)
}

func TestInvisibleControlsStayOutside(t *testing.T) {
	g := defaultGazetteer(t)
	text := "قالت \u200fموسكو\u200f، و\u200eكييف\u2069 ردت"
	assert.Equal(t, []want{{"موسكو", "LOC", "kb:moscow"}, {"كييف", "LOC", "kb:kyiv"}}, wants(extractAll(t, g, text)))
}

// Every mention of a long text is a clean span: in range, on character
// boundaries, equal to its text, typed, in order and not overlapping, with
// no space or punctuation at either edge.
func TestMentionsAreCleanSpans(t *testing.T) {
	g := defaultGazetteer(t)
	text := newsText(t, 64<<10)
	ms := extractAll(t, g, text)
	require.NotEmpty(t, ms)
	checkSpans(t, text, ms)
}

func checkSpans(t testing.TB, text string, ms []extract.Mention) {
	t.Helper()
	ix := corpus.NewIndex(text)
	prevEnd := 0
	for _, m := range ms {
		require.True(t, 0 <= m.Start && m.Start < m.End && m.End <= len(text), "%v out of range", m)
		_, _, err := ix.CodePointSpan(m.Start, m.End)
		require.NoError(t, err, "%v is not on character boundaries", m)
		require.GreaterOrEqual(t, m.Start, prevEnd, "%v overlaps the mention before it", m)
		require.Equal(t, text[m.Start:m.End], m.Text)
		require.Contains(t, []string{corpus.PER, corpus.ORG, corpus.LOC}, m.Type)
		if utf8.ValidString(m.Text) {
			first, _ := utf8.DecodeRuneInString(m.Text)
			last, _ := utf8.DecodeLastRuneInString(m.Text)
			for _, r := range []rune{first, last} {
				require.False(t, unicode.IsSpace(r) || unicode.IsPunct(r) || tokenize.IsInvisible(r), "%v has %q at an edge", m, r)
			}
		}
		prevEnd = m.End
	}
}

func TestChunkEnd(t *testing.T) {
	for _, tc := range []struct {
		rule       string
		text       string
		base, size int
		want       int
	}{
		{"the rest fits: the end of the text", "abc def", 0, 16, 7},
		{"after the last line break of the second half", "aaaa bb\ncc ddddddd", 0, 16, 11},
		{"a line break in the first half is not taken", "a\nbbbbbbbbbb cccccccc", 0, 16, 13},
		{"after the last space when the second half has no line break", "aaaaaaaa bbb cccccc", 0, 16, 13},
		{"from a base", "xx aaaaaaaa bbb cccccc", 3, 16, 16},
		{"no space: at a character boundary", "موسكوموسكوموسكو", 0, 9, 8},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			assert.Equal(t, tc.want, chunkEnd(tc.text, tc.base, tc.size))
		})
	}
}

// A text longer than a chunk, cut at line breaks or, in one long line, at
// spaces, loses no name and shifts none, with more names than a block of
// matches holds.
func TestLongTextsLoseNoName(t *testing.T) {
	g := defaultGazetteer(t)
	sentence := "أعلنت وزارة الخارجية الروسية أن سيرغي لافروف سيزور الأمم المتحدة في نيويورك"
	one := extractAll(t, g, sentence)
	require.Len(t, one, 4)
	for _, sep := range []string{" ", "\n", ". ", "، ", "  "} {
		var b strings.Builder
		n := 0
		for n < foundBlock/2 {
			b.WriteString(sentence)
			b.WriteString(sep)
			n++
		}
		require.Greater(t, b.Len(), 3*chunkSize)
		ms := extractAll(t, g, b.String())
		require.Equal(t, 4*n, len(ms), "separator %q", sep)
		for k, m := range ms {
			shift := (k / 4) * (len(sentence) + len(sep))
			want := one[k%4]
			if m.Start != want.Start+shift || m.Text != want.Text {
				t.Fatalf("separator %q: mention %d is %v, want %q at %d", sep, k, m, want.Text, want.Start+shift)
			}
		}
	}
}

// Small chunks find what one chunk over the whole text finds.
func TestChunksFindWhatTheWholeTextHas(t *testing.T) {
	g := defaultGazetteer(t)
	text := newsText(t, 32<<10)
	findWith := func(size int) []found {
		var s scratch
		require.NoError(t, g.find(context.Background(), &s, text, size))
		return s.found.all()
	}
	whole := findWith(len(text))
	require.NotEmpty(t, whole)
	for _, size := range []int{300, 512, 4096} {
		assert.Equal(t, whole, findWith(size), "chunks of %d bytes", size)
	}
}

func TestEmbeddedLexiconHasNoRedundantEntries(t *testing.T) {
	g, err := New()
	require.NoError(t, err)
	assert.Empty(t, g.dups, "entries that normalization already makes equal to another entry")
	assert.Greater(t, g.Len(), 3000)
}

// builtOf is the gazetteer of one list of names, all of type typ, a line
// each.
func builtOf(t *testing.T, typ string, names ...string) *Gazetteer {
	t.Helper()
	l := &lexicon.List{File: "a.tsv"}
	for i, name := range names {
		l.Entries = append(l.Entries, lexicon.Entry{Name: name, Type: typ, Line: i + 1})
	}
	g, err := Build([]*lexicon.List{l})
	require.NoError(t, err)
	return g
}

// A word is found only when all of it is a word of the lists: words that
// share their length and their first and last eight bytes (all a key holds
// of a word longer than 16 bytes) differ in the middle, and short words that
// differ in one byte.
func TestLookupIsExact(t *testing.T) {
	g := builtOf(t, "ORG", "abcdefghmmmstuvwxyz", "abc", "abcdefghijklmnop")
	for _, tc := range []struct {
		rule  string
		word  string
		found bool
	}{
		{"a word of 19 bytes of the lists", "abcdefghmmmstuvwxyz", true},
		{"same length and ends, one byte apart in the middle", "abcdefghmnmstuvwxyz", false},
		{"same length and ends, three bytes apart in the middle", "abcdefghnnnstuvwxyz", false},
		{"a word of 3 bytes of the lists", "abc", true},
		{"3 bytes, the last apart", "abd", false},
		{"a prefix", "ab", false},
		{"a word of 16 bytes of the lists", "abcdefghijklmnop", true},
		{"16 bytes, the last apart", "abcdefghijklmnoq", false},
		{"16 bytes, the ninth apart", "abcdefghXjklmnop", false},
	} {
		assert.Equal(t, tc.found, g.lookup([]byte(tc.word)) != 0, "%s: %s", tc.rule, tc.word)
	}
}

func TestBuildRejectsDisagreeingEntries(t *testing.T) {
	lists := []*lexicon.List{
		{File: "a.tsv", Entries: []lexicon.Entry{{Name: "الأردن", Type: "LOC", Entity: "kb:jordan", Line: 3}}},
		{File: "b.tsv", Entries: []lexicon.Entry{{Name: "الاردن", Type: "ORG", Entity: "kb:jordan", Line: 7}}},
	}
	_, err := Build(lists)
	require.Error(t, err)
	assert.Contains(t, err.Error(), "b.tsv:7")
	assert.Contains(t, err.Error(), "a.tsv:3")
}

func TestBuildRejectsUnknownTypes(t *testing.T) {
	_, err := Build([]*lexicon.List{{File: "a.tsv", Entries: []lexicon.Entry{{Name: "موسكو", Type: "CITY", Line: 4}}}})
	require.Error(t, err)
	assert.Contains(t, err.Error(), `a.tsv:4: "موسكو" has type "CITY"`)
}

func TestVersionFollowsTheLexicon(t *testing.T) {
	one := []*lexicon.List{{File: "a.tsv", Entries: []lexicon.Entry{{Name: "موسكو", Type: "LOC", Entity: "kb:moscow", Line: 1}}}}
	two := []*lexicon.List{{File: "a.tsv", Entries: []lexicon.Entry{
		{Name: "موسكو", Type: "LOC", Entity: "kb:moscow", Line: 1},
		{Name: "كييف", Type: "LOC", Entity: "kb:kyiv", Line: 2},
	}}}
	g1, err := Build(one)
	require.NoError(t, err)
	g1again, err := Build(one)
	require.NoError(t, err)
	g2, err := Build(two)
	require.NoError(t, err)
	assert.Equal(t, g1.Version(), g1again.Version())
	assert.NotEqual(t, g1.Version(), g2.Version())
	assert.True(t, strings.HasPrefix(g1.Version(), algorithm+"+lex."))
}

func TestRegistered(t *testing.T) {
	assert.Contains(t, extract.Names(), Name)
	ex, err := extract.New(Name)
	require.NoError(t, err)
	assert.Equal(t, Name, ex.Name())
	assert.NotEmpty(t, extract.Version(ex))
}

// A warm extractor allocates the same, a constant, however long the text:
// nothing per token.
func TestNoAllocationPerToken(t *testing.T) {
	if raceEnabled {
		t.Skip("allocation counts are meaningless under the race detector")
	}
	g := defaultGazetteer(t)
	sentence := "وقال المتحدث إن الاجتماع المقبل سيعقد بعد أسبوعين لبحث الملفات العالقة. "
	short := corpus.Document{ID: "short", Text: sentence}
	long := corpus.Document{ID: "long", Text: strings.Repeat(sentence, 200)}
	ctx := context.Background()
	for _, d := range []corpus.Document{short, long} {
		_, err := g.Extract(ctx, d) // warm the buffers
		require.NoError(t, err)
	}
	allocs := func(d corpus.Document) float64 {
		return testing.AllocsPerRun(20, func() { _, _ = g.Extract(ctx, d) })
	}
	assert.Equal(t, allocs(short), allocs(long))
	assert.LessOrEqual(t, allocs(long), 1.0)
}

func TestConcurrentExtract(t *testing.T) {
	g := defaultGazetteer(t)
	text := newsText(t, 16<<10)
	want := extractAll(t, g, text)
	var wg sync.WaitGroup
	for range 4 {
		wg.Go(func() {
			for range 5 {
				got, err := g.Extract(context.Background(), corpus.Document{ID: "news", Text: text})
				assert.NoError(t, err)
				assert.Equal(t, want, got)
			}
		})
	}
	wg.Wait()
}

func TestExtractStopsWhenTheContextIsDone(t *testing.T) {
	g := defaultGazetteer(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	_, err := g.Extract(ctx, corpus.Document{ID: "x", Text: "موسكو"})
	assert.True(t, errors.Is(err, context.Canceled))
}

func FuzzExtract(f *testing.F) {
	for _, s := range []string{
		"", "موسكو", "وواشنطن", "للأمم المتحدة", "موسكووواشنطن", "الاممالمتحدة",
		"\xff\xfeموسكو\xd9", "ﻻفروف", "ﷺ موسكو", "و", "لل", "\u200f\u200fكييف\u2069",
		"مُوسْكُو، وَكِييف", "1,000 موسكو G7",
	} {
		f.Add(s)
	}
	g, err := Default()
	if err != nil {
		f.Fatal(err)
	}
	f.Fuzz(func(t *testing.T, text string) {
		ms, err := g.Extract(context.Background(), corpus.Document{ID: "fuzz", Text: text})
		if err != nil {
			t.Fatal(err)
		}
		checkSpans(t, text, ms)
	})
}
