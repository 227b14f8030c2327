package gold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
)

// The fixture documents' .ann names, after the seed documents.
const (
	ann000 = "000_54e2bb75203d1eb2.ann"
	ann001 = "001_6498fe370d19e1ff.ann"
	ann002 = "002_8bf56170bc9a3a7f.ann"
	ann004 = "004_88102d76cfe70e6b.ann"
)

// fixture returns testdata/valid as an in-memory folder, with the files of
// testdata/broken/<broken> laid over it when broken is not empty.
func fixture(t *testing.T, broken string) fstest.MapFS {
	t.Helper()
	fsys := fstest.MapFS{}
	read := func(dir string) {
		entries, err := os.ReadDir(dir)
		require.NoError(t, err)
		for _, e := range entries {
			data, err := os.ReadFile(filepath.Join(dir, e.Name()))
			require.NoError(t, err)
			fsys[e.Name()] = &fstest.MapFile{Data: data}
		}
	}
	read(filepath.Join("testdata", "valid"))
	if broken != "" {
		read(filepath.Join("testdata", "broken", broken))
	}
	return fsys
}

func TestValidFixturePassesEveryCheck(t *testing.T) {
	r := Check(fixture(t, ""), corpus.Seed(), guidelines)
	assert.Empty(t, r.Problems)
	assert.False(t, r.Failed())
	require.Len(t, r.Docs, 5)
	total := r.Total()
	assert.Equal(t, map[string]int{"PER": 8, "ORG": 7, "LOC": 7, "DATE": 8, "NUM": 3}, total.Types)
	assert.Equal(t, 22, total.Links, "every PER, ORG and LOC mention is linked: 8+7+7")
	assert.Equal(t, 3, total.Values, "every NUM mention has its value")
}

// want is one problem a broken fixture must produce: where, and a phrase of
// its message.
type want struct {
	file    string
	line    int
	phrase  string
	warning bool
}

func TestRulesCatchBrokenFixtures(t *testing.T) {
	const cat = CatalogueFile
	for _, tc := range []struct {
		name, broken string
		want         []want
	}{
		// Syntax (Parse).
		{"a line of unknown kind is a syntax error", "unknown-line-kind",
			[]want{{ann000, 15, `unknown annotation kind "X"`, false}}},
		{"a T line has its text field", "entity-without-text",
			[]want{{ann000, 3, "T2 has no text field", false}}},
		{"offsets are non-negative integers", "offset-not-a-number",
			[]want{{ann000, 3, `offset "sixty" is not a non-negative integer`, false}}},
		{"a mention is one contiguous span", "discontinuous-span",
			[]want{
				{ann000, 4, "discontinuous span", false},
				{ann000, 5, "N2: link target T3 is not a T line", false},
				{ann000, 6, "#1: note target T3 is not a T line", false},
			}},
		{"annotation ids are unique", "duplicate-id",
			[]want{{ann000, 3, "annotation id T1 already used on line 1", false}}},

		// Spans (Mentions).
		{"offsets stay inside the document", "offset-beyond-document",
			[]want{{ann000, 3, "span [5000,5003) is out of range: document 000_54e2bb75203d1eb2 has 2581 code points", false}}},
		{"a span is not reversed", "reversed-span",
			[]want{{ann000, 3, "reversed", false}}},
		{"a span is not empty", "empty-span",
			[]want{{ann000, 3, "T2: empty span [57,57)", false}}},
		{"the text equals the document's substring", "text-mismatch",
			[]want{{ann000, 3, `T2: text "امس" differs from the document's " ام" at [56,59)`, false}}},
		{"links point at a T line of the file", "dangling-target",
			[]want{
				{ann000, 1, `T1: LOC mention "موسكو" has no link`, false},
				{ann000, 2, "N1: link target T99 is not a T line", false},
			}},

		// Types and span boundaries.
		{"a mention's type is PER, ORG, LOC, DATE or NUM", "unknown-type",
			[]want{{ann000, 3, `T2: unknown type "TIME"`, false}}},
		{"no space at a span's edge", "space-at-edge",
			[]want{{ann000, 1, `starts with space ' ' (U+0020)`, false}}},
		{"no punctuation at a span's edge", "punctuation-at-edge",
			[]want{{ann000, 7, `ends with punctuation '،' (U+060C)`, false}}},
		{"a bracket opened inside a span is closed inside it", "unclosed-bracket",
			[]want{{ann004, 13, `opens '(' without closing it`, false}}},
		{"spans never overlap or nest", "nested-spans",
			[]want{{ann000, 13, "T7 [571,581) overlaps T8 [571,575)", false}}},

		// Links.
		{"every PER, ORG and LOC mention has a link", "missing-link",
			[]want{
				{ann000, 7, `T4: PER mention "جورج بوش" has no link`, false},
				{cat, 2, "kb:george-w-bush (George W. Bush) is linked by no mention", false},
			}},
		{"a mention has exactly one link", "two-links",
			[]want{{ann000, 15, "N7: T4 has 2 links (N3, N7); want exactly one", false}}},
		{"DATE and NUM mentions are not linked", "link-on-date",
			[]want{{ann000, 15, "N7 links DATE mention T2", false}}},
		{"a link is a Reference", "link-not-reference",
			[]want{{ann000, 2, `N1: normalization type "Equiv", want Reference`, false}}},
		{"a link names the kb catalogue", "link-outside-kb",
			[]want{{ann000, 2, `reference "wiki:Moscow" is not a catalogue link`, false}}},
		{"every link is in the catalogue", "link-not-in-catalogue",
			[]want{{ann000, 2, "N1: kb:moskva is not in entities.tsv", false}}},
		{"the catalogue type equals the mention type", "catalogue-type-differs",
			[]want{{ann000, 8, "N3: kb:george-w-bush is ORG in entities.tsv but T4 is a PER mention", false}}},

		// The catalogue.
		{"every catalogue row is used", "catalogue-row-unused",
			[]want{{cat, 16, "kb:kyiv (Kyiv) is linked by no mention", false}}},
		{"a catalogue row has four fields", "catalogue-row-three-fields",
			[]want{{cat, 16, "want 4 tab-separated fields", false}}},
		{"a catalogue id is a lowercase ASCII slug", "catalogue-id-not-slug",
			[]want{{cat, 16, `id "Kyiv City" is not a lowercase ASCII slug`, false}}},
		{"a catalogue entry is PER, ORG or LOC", "catalogue-type-unlinked",
			[]want{{cat, 16, `kyiv: type "DATE", want PER, ORG or LOC`, false}}},
		{"catalogue ids are unique", "catalogue-duplicate-id",
			[]want{{cat, 16, "id moscow already listed on line 6", false}}},

		// Values.
		{"every NUM mention has a value", "missing-value",
			[]want{{ann001, 11, `T7: NUM mention "14 ألف" has no value`, false}}},
		{"a NUM mention has exactly one value", "two-values",
			[]want{{ann001, 15, "#3: T7 has 2 values (#1, #3); want exactly one", false}}},
		{"a value is ASCII digits", "value-not-digits",
			[]want{{ann001, 12, `#1: value "14,000" is not ASCII digits`, false}}},
		{"only NUM mentions carry values", "value-on-date",
			[]want{{ann000, 15, "#2: Value note on DATE mention T2", false}}},

		// Warnings: listed, not failing.
		{"a proclitic before a known name stays outside the span (warning)", "proclitic-inside-span",
			[]want{{ann002, 8, `T5: span "وواشنطن" starts with the proclitic "و" before "واشنطن", a name the gold knows (kb:washington)`, true}}},
		{"relations are read past, not dropped (warning)", "relation-read-past",
			[]want{{ann000, 15, "R1 read past", true}}},
		{"attributes are read past, not dropped (warning)", "attribute-read-past",
			[]want{{ann000, 15, "A1: attribute Negation read past", true}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := Check(fixture(t, tc.broken), corpus.Seed(), guidelines)
			require.Len(t, r.Problems, len(tc.want), "problems: %v", r.Problems)
			failed := false
			for i, w := range tc.want {
				p := r.Problems[i]
				assert.Equal(t, w.file, p.File, "problem %d: %v", i, p)
				assert.Equal(t, w.line, p.Line, "problem %d: %v", i, p)
				assert.Contains(t, p.Msg, w.phrase, "problem %d", i)
				assert.Equal(t, w.warning, p.Warning, "problem %d: %v", i, p)
				failed = failed || !w.warning
			}
			assert.Equal(t, failed, r.Failed())
		})
	}
}

func TestEveryBrokenFixtureHasACase(t *testing.T) {
	// A fixture folder that no case names would be a rule left untested.
	src, err := os.ReadFile("check_test.go")
	require.NoError(t, err)
	entries, err := os.ReadDir(filepath.Join("testdata", "broken"))
	require.NoError(t, err)
	for _, e := range entries {
		assert.Contains(t, string(src), `"`+e.Name()+`"`, "testdata/broken/%s is used by no case", e.Name())
	}
}

func TestFilesPairWithDocuments(t *testing.T) {
	for _, tc := range []struct {
		name   string
		change func(fstest.MapFS)
		want   []want
	}{
		{"a document without an .ann file is a problem",
			func(fs fstest.MapFS) { delete(fs, ann001) },
			[]want{
				{ann001, 0, "missing: document 001_6498fe370d19e1ff of corpus seed-5 has no annotation file", false},
				// Only 001 names Lloyd Austin, so his catalogue row goes unused.
				{CatalogueFile, 5, "kb:lloyd-austin (Lloyd Austin) is linked by no mention", false},
			}},
		{"an .ann file without a document is a problem",
			func(fs fstest.MapFS) { fs["005_unknown.ann"] = fs[ann000] },
			[]want{{"005_unknown.ann", 0, "no document 005_unknown in corpus seed-5", false}}},
		{"the catalogue is required",
			func(fs fstest.MapFS) { delete(fs, CatalogueFile) },
			[]want{{CatalogueFile, 0, "missing: the gold needs its entity catalogue", false}}},
		{"a .txt beside the .ann files equals the corpus document",
			func(fs fstest.MapFS) {
				fs["000_54e2bb75203d1eb2.txt"] = &fstest.MapFile{Data: []byte("في موسكو امس")}
			},
			[]want{{"000_54e2bb75203d1eb2.txt", 0, "differs from document 000_54e2bb75203d1eb2", false}}},
		{"a .txt equal to the corpus document is fine, and sub-folders are ignored",
			func(fs fstest.MapFS) {
				doc, _ := corpus.Seed().Doc("000_54e2bb75203d1eb2")
				fs["000_54e2bb75203d1eb2.txt"] = &fstest.MapFile{Data: []byte(doc.Text)}
				fs["iaa/a/"+ann000] = &fstest.MapFile{Data: []byte("garbage\n")}
			},
			nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			fsys := fixture(t, "")
			tc.change(fsys)
			r := Check(fsys, corpus.Seed(), guidelines)
			require.Len(t, r.Problems, len(tc.want), "problems: %v", r.Problems)
			for i, w := range tc.want {
				assert.Equal(t, w.file, r.Problems[i].File)
				assert.Equal(t, w.line, r.Problems[i].Line)
				assert.Contains(t, r.Problems[i].Msg, w.phrase)
			}
		})
	}
}

func TestCheckDirNamesFilesByPath(t *testing.T) {
	dir := t.TempDir()
	for name, f := range fixture(t, "two-values") {
		require.NoError(t, os.WriteFile(filepath.Join(dir, name), f.Data, 0o644))
	}
	r := CheckDir(dir, corpus.Seed(), guidelines)
	require.Len(t, r.Errors(), 1)
	assert.Equal(t, filepath.Join(dir, ann001)+":15: #3: T7 has 2 values (#1, #3); want exactly one", r.Errors()[0].Error())

	r = CheckDir(filepath.Join(dir, "nope"), corpus.Seed(), guidelines)
	require.Len(t, r.Problems, 1)
	assert.Contains(t, r.Problems[0].Error(), "cannot read the gold folder")
	assert.Empty(t, r.Docs)
}

func TestProblemPrintsFileLineMessage(t *testing.T) {
	for _, tc := range []struct {
		name string
		p    Problem
		want string
	}{
		{"an error at a line", Problem{File: "a.ann", Line: 3, Msg: "bad"}, "a.ann:3: bad"},
		{"a warning says so", Problem{File: "a.ann", Line: 3, Msg: "odd", Warning: true}, "a.ann:3: warning: odd"},
		{"a whole-file problem has no line", Problem{File: "b.ann", Msg: "missing"}, "b.ann: missing"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.p.Error())
		})
	}
}

func TestProcliticBeforeAKnownName(t *testing.T) {
	k := &knownNames{ids: map[string]string{}, catalogue: map[string]bool{}}
	for name, id := range map[string]string{
		"واشنطن":        "washington",
		"موسكو":         "moscow",
		"الأمم المتحدة": "united-nations",
		"الكرملين":      "kremlin",
		"وليد المعلم":   "walid-muallem",
		"لافروف":        "sergey-lavrov",
		"بغداد":         "baghdad",
	} {
		k.add(name, id, true)
	}
	for _, tc := range []struct {
		name, span     string
		prefix, before string
	}{
		{"proclitic wa outside", "وواشنطن", "و", "واشنطن"},
		{"preposition bi outside", "بموسكو", "ب", "موسكو"},
		{"stack wa+li outside", "ولموسكو", "ول", "موسكو"},
		{"stack fa+bi outside", "فبموسكو", "فب", "موسكو"},
		{"li before the article keeps only one lam outside", "للأمم المتحدة", "ل", "لأمم المتحدة"},
		{"spellings fold: alef with hamza and bare alef", "والامم المتحدة", "و", "الامم المتحدة"},
		{"lam-lam rule span is right", "لأمم المتحدة", "", ""},
		{"li before the kremlin, article swallowed, is right", "لكرملين", "", ""},
		{"a name that begins with waw keeps it", "واشنطن", "", ""},
		{"a catalogued name that begins with waw is never flagged", "وليد المعلم", "", ""},
		{"a name that begins with lam keeps it", "لافروف", "", ""},
		{"a name that begins with ba keeps it", "بغداد", "", ""},
		{"an unknown rest is not flagged", "وكييف", "", ""},
		{"a bare proclitic letter is not flagged", "و", "", ""},
	} {
		t.Run(tc.name, func(t *testing.T) {
			p, name, _, ok := k.detached(tc.span)
			assert.Equal(t, tc.prefix != "", ok)
			assert.Equal(t, tc.prefix, p)
			assert.Equal(t, tc.before, name)
		})
	}
}

func TestFoldNameIgnoresSpellingVariation(t *testing.T) {
	for _, tc := range []struct{ name, a, b string }{
		{"hamza on alef", "الأمم", "الامم"},
		{"madda", "آب", "اب"},
		{"diacritics and tatweel", "مُوسـكو", "موسكو"},
		{"alef maqsura", "موسى", "موسي"},
		{"teh marbuta", "الجزيرة", "الجزيره"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, foldName(tc.a), foldName(tc.b))
		})
	}
	assert.NotEqual(t, foldName("موسكو"), foldName("واشنطن"))
	assert.True(t, strings.HasPrefix(foldName("أوكرانيا"), "ا"))
}
