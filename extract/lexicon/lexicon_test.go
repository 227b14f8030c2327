package lexicon

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

const header = "# source: test lists written for these tests\n"

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		rule    string
		text    string
		want    []Entry
		problem string // a substring of the one error, "" for none
	}{
		{"a linked entry", header + "موسكو\tLOC\tkb:moscow\n",
			[]Entry{{Name: "موسكو", Type: "LOC", Entity: "kb:moscow", Line: 2}}, ""},
		{"an unlinked entry", header + "وزارة الدفاع\tORG\n",
			[]Entry{{Name: "وزارة الدفاع", Type: "ORG", Line: 2}}, ""},
		{"a blocked phrase", header + "وزير الخارجية\t-\n",
			[]Entry{{Name: "وزير الخارجية", Type: Block, Line: 2}}, ""},
		{"comments and blank lines are skipped", header + "\n# a note\n\nبوتين\tPER\tkb:vladimir-putin\n",
			[]Entry{{Name: "بوتين", Type: "PER", Entity: "kb:vladimir-putin", Line: 5}}, ""},
		{"spaces around fields and a CRLF ending are trimmed", header + " كييف \t LOC \tkb:kyiv\r\n",
			[]Entry{{Name: "كييف", Type: "LOC", Entity: "kb:kyiv", Line: 2}}, ""},
		{"a list must name its source", "موسكو\tLOC\tkb:moscow\n",
			[]Entry{{Name: "موسكو", Type: "LOC", Entity: "kb:moscow", Line: 1}}, `must open with a "# source: …" header`},
		{"a comment is not a source", "# cities\nموسكو\tLOC\n",
			[]Entry{{Name: "موسكو", Type: "LOC", Line: 2}}, "1: the list must open"},
		{"an empty list has no source", "", nil, "empty list"},
		{"a line without a type", header + "موسكو\n", nil, "2: want name<TAB>TYPE"},
		{"four fields", header + "موسكو\tLOC\tkb:moscow\tx\n", nil, "got 4 tab-separated fields"},
		{"an unknown type", header + "موسكو\tCITY\n", nil, `unknown type "CITY"`},
		{"an entity without kb:", header + "موسكو\tLOC\tmoscow\n", nil, `entity "moscow" is not kb:<slug>`},
		{"an entity that is not a slug", header + "موسكو\tLOC\tkb:Moscow City\n", nil, "is not kb:<slug>"},
		{"a blocked phrase takes no entity", header + "وزير الخارجية\t-\tkb:x\n", nil, "takes no entity id"},
		{"a name without a letter", header + "123\tLOC\n", nil, "has no letter"},
		{"a name listed twice", header + "موسكو\tLOC\nموسكو\tLOC\n",
			[]Entry{{Name: "موسكو", Type: "LOC", Line: 2}}, "3: \"موسكو\" listed again (first at line 2)"},
		{"invalid UTF-8", header + "\xffموسكو\tLOC\n", nil, "not valid UTF-8"},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			l, errs := Parse("test.tsv", strings.NewReader(tc.text))
			assert.Equal(t, tc.want, l.Entries)
			if tc.problem == "" {
				assert.Empty(t, errs)
				return
			}
			require.Len(t, errs, 1)
			var se *SyntaxError
			require.True(t, errors.As(errs[0], &se))
			assert.Equal(t, "test.tsv", se.FileName)
			assert.Contains(t, errs[0].Error(), tc.problem)
		})
	}
}

func TestParseKeepsTheHeaderAsSource(t *testing.T) {
	text := "# source: general knowledge,\n# compiled by hand.\n# Format: name<TAB>TYPE\n# a later note\nموسكو\tLOC\n"
	l, errs := Parse("cities.tsv", strings.NewReader(text))
	require.Empty(t, errs)
	assert.Equal(t, "general knowledge, compiled by hand.", l.Source)
}

func TestParseRegions(t *testing.T) {
	for _, tc := range []struct {
		rule    string
		line    string
		want    []Entry
		problem string
	}{
		{"the Arabic CLDR name, the id from the English one", "UA",
			[]Entry{{Name: "أوكرانيا", Type: "LOC", Entity: "kb:ukraine", Line: 2}}, ""},
		{"a two-word name", "US",
			[]Entry{{Name: "الولايات المتحدة", Type: "LOC", Entity: "kb:united-states", Line: 2}}, ""},
		{"a bracketed qualifier is dropped", "MM",
			[]Entry{{Name: "ميانمار", Type: "LOC", Entity: "kb:myanmar", Line: 2}}, ""},
		{"an id given on the line wins", "CD\tkb:democratic-republic-of-the-congo",
			[]Entry{{Name: "الكونغو - كينشاسا", Type: "LOC", Entity: "kb:democratic-republic-of-the-congo", Line: 2}}, ""},
		{"not a code", "XYZ", nil, `"XYZ" is not an ISO 3166-1 region code`},
		{"a code in lower case", "ua", nil, "not a canonical"},
		{"a group is not a country", "EU", nil, "EU is not a country or territory"},
		{"a bad id", "UA\tukraine", nil, "is not kb:<slug>"},
		{"three fields", "UA\tkb:ukraine\tx", nil, "got 3 tab-separated fields"},
	} {
		t.Run(tc.rule, func(t *testing.T) {
			l, errs := ParseRegions("regions.txt", strings.NewReader(header+tc.line+"\n"))
			assert.Equal(t, tc.want, l.Entries)
			if tc.problem == "" {
				assert.Empty(t, errs)
				return
			}
			require.Len(t, errs, 1)
			assert.Contains(t, errs[0].Error(), "regions.txt:2: ")
			assert.Contains(t, errs[0].Error(), tc.problem)
		})
	}
	_, errs := ParseRegions("regions.txt", strings.NewReader(header+"UA\nUA\n"))
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), "regions.txt:3: UA listed again (first at line 2)")
}

func TestSlug(t *testing.T) {
	for in, want := range map[string]string{
		"Germany":                "germany",
		"United States":          "united-states",
		"Côte d’Ivoire":          "cote-d-ivoire",
		"Bosnia & Herzegovina":   "bosnia-and-herzegovina",
		"St. Kitts & Nevis":      "st-kitts-and-nevis",
		"São Tomé & Príncipe":    "sao-tome-and-principe",
		"  Åland Islands  ":      "aland-islands",
		"G7":                     "g7",
		"already-a-slug":         "already-a-slug",
		"موسكو":                  "",
		"Guinea-Bissau (Africa)": "guinea-bissau-africa",
	} {
		assert.Equal(t, want, Slug(in), in)
	}
}

// The embedded lists load without a problem, each names its source, and the
// CLDR list gives every ISO 3166-1 code its Arabic name.
func TestLoad(t *testing.T) {
	lists, err := Load()
	require.NoError(t, err)
	files := map[string]*List{}
	for _, l := range lists {
		assert.NotEmpty(t, l.Source, l.File)
		assert.NotEmpty(t, l.Entries, l.File)
		files[l.File] = l
	}
	for _, name := range []string{RegionsFile, "cities.tsv", "countries.tsv", "government.tsv", "media.tsv",
		"nonnames.tsv", "organizations.tsv", "people.tsv", "regions.tsv"} {
		assert.Contains(t, files, name)
	}
	regions := files[RegionsFile]
	require.NotNil(t, regions)
	assert.Len(t, regions.Entries, 250, "the 249 ISO 3166-1 codes and XK")
	byEntity := map[string]string{}
	for _, e := range regions.Entries {
		byEntity[e.Entity] = e.Name
	}
	assert.Equal(t, "أوكرانيا", byEntity["kb:ukraine"])
	assert.Equal(t, "ألمانيا", byEntity["kb:germany"])
	assert.Equal(t, "روسيا", byEntity["kb:russia"])
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{
		header + "موسكو\tLOC\tkb:moscow\n",
		header + "وزير الخارجية\t-\n",
		"موسكو\tLOC\n",
		header + "\tLOC\n\t\t\n",
		header + "x\tPER\tkb:-\n",
		"\ufeff" + header + "a\tORG\tkb:a-b\r\n",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, text string) {
		l, errs := Parse("fuzz.tsv", strings.NewReader(text))
		for _, e := range l.Entries {
			require.Empty(t, checkName(e.Name))
			require.Contains(t, []string{"PER", "ORG", "LOC", Block}, e.Type)
			if e.Entity != "" {
				require.Empty(t, checkEntity(e.Entity))
			}
			require.Positive(t, e.Line)
		}
		for _, err := range errs {
			var se *SyntaxError
			if errors.As(err, &se) {
				require.Positive(t, se.Line)
			}
		}
	})
}
