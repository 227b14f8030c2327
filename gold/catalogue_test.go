package gold

import (
	"errors"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/internal/syntax"
)

func TestReadCatalogue(t *testing.T) {
	src := "id\ttype\tname_en\tname_ar\n" + // an optional header
		"moscow\tLOC\tMoscow\tموسكو\n" +
		"\n" +
		"vladimir-putin\tPER\tVladimir Putin\tفلاديمير بوتين\r\n" +
		"un-security-council\tORG\tUnited Nations Security Council\tمجلس الأمن"
	c, errs := ReadCatalogue("entities.tsv", strings.NewReader(src))
	require.Empty(t, errs)
	assert.Equal(t, []Entry{
		{Line: 2, ID: "moscow", Type: "LOC", NameEn: "Moscow", NameAr: "موسكو"},
		{Line: 4, ID: "vladimir-putin", Type: "PER", NameEn: "Vladimir Putin", NameAr: "فلاديمير بوتين"},
		{Line: 5, ID: "un-security-council", Type: "ORG", NameEn: "United Nations Security Council", NameAr: "مجلس الأمن"},
	}, c.Entries)
	e, ok := c.Lookup("vladimir-putin")
	assert.True(t, ok)
	assert.Equal(t, "PER", e.Type)
	_, ok = c.Lookup("kb:vladimir-putin")
	assert.False(t, ok, "ids are looked up without the kb: prefix")
}

func TestReadCatalogueReportsBadRows(t *testing.T) {
	for _, tc := range []struct{ name, row, msg string }{
		{"a row has four fields", "kyiv\tLOC\tKyiv", "want 4 tab-separated fields id, type, name_en, name_ar; got 3"},
		{"a row has no more than four fields", "kyiv\tLOC\tKyiv\tكييف\textra", "got 5"},
		{"an id is lowercase", "Kyiv\tLOC\tKyiv\tكييف", `id "Kyiv" is not a lowercase ASCII slug`},
		{"an id is ASCII", "كييف\tLOC\tKyiv\tكييف", "is not a lowercase ASCII slug"},
		{"an id has no space", "kyiv city\tLOC\tKyiv\tكييف", "is not a lowercase ASCII slug"},
		{"an id has single hyphens", "kyiv--city\tLOC\tKyiv\tكييف", "is not a lowercase ASCII slug"},
		{"an id does not end with a hyphen", "kyiv-\tLOC\tKyiv\tكييف", "is not a lowercase ASCII slug"},
		{"an entity is PER, ORG or LOC", "kyiv\tGPE\tKyiv\tكييف", `kyiv: type "GPE", want PER, ORG or LOC`},
		{"an entity has an English name", "kyiv\tLOC\t \tكييف", "kyiv: empty name_en or name_ar"},
		{"an entity has an Arabic name", "kyiv\tLOC\tKyiv\t", "kyiv: empty name_en or name_ar"},
		{"an id is listed once", "moscow\tLOC\tMoscow\tموسكو", "id moscow already listed on line 1"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			src := "moscow\tLOC\tMoscow\tموسكو\n" + tc.row + "\nkyiv-2\tLOC\tKyiv\tكييف\n"
			c, errs := ReadCatalogue("entities.tsv", strings.NewReader(src))
			require.Len(t, errs, 1)
			var se *syntax.Error
			require.True(t, errors.As(errs[0], &se))
			assert.Equal(t, 2, se.Line)
			assert.Contains(t, se.Msg, tc.msg)
			assert.Len(t, c.Entries, 2, "the bad row is left out, the rest is read")
		})
	}
}

func FuzzReadCatalogue(f *testing.F) {
	f.Add("moscow\tLOC\tMoscow\tموسكو\nmoscow\tLOC\tMoscow\tموسكو\n")
	f.Add("id\ttype\tname_en\tname_ar\n\n-\tX\t\t\n\xff\t\t\t")
	f.Fuzz(func(t *testing.T, src string) {
		c, _ := ReadCatalogue("fuzz.tsv", strings.NewReader(src))
		seen := map[string]bool{}
		for _, e := range c.Entries {
			if !isSlug(e.ID) || !isLinked(e.Type) || seen[e.ID] {
				t.Fatalf("bad entry kept: %+v", e)
			}
			seen[e.ID] = true
			if got, ok := c.Lookup(e.ID); !ok || got != e {
				t.Fatalf("Lookup(%q) = %+v, %v", e.ID, got, ok)
			}
		}
	})
}

// TestReadCatalogueSkipsALeadingBOM: editors on Windows write a UTF-8 BOM;
// the entities.tsv reader skips it, as every other reader does.
func TestReadCatalogueSkipsALeadingBOM(t *testing.T) {
	plain, errs := ReadCatalogue("entities.tsv", strings.NewReader("moscow\tLOC\tMoscow\tموسكو\n"))
	require.Empty(t, errs)
	withBOM, errs := ReadCatalogue("entities.tsv", strings.NewReader("\ufeffmoscow\tLOC\tMoscow\tموسكو\n"))
	require.Empty(t, errs)
	assert.Equal(t, plain, withBOM)
}
