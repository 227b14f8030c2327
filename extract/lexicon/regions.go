package lexicon

import (
	"fmt"
	"io"
	"strings"
	"unicode"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
	"golang.org/x/text/runes"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"

	"github.com/arabench/arabench/corpus"
)

// Namers of CLDR's region names: Arabic for the entries, English for their ids.
var (
	arabicRegions  = display.Regions(language.Arabic)
	englishRegions = display.Regions(language.English)
)

// ParseRegions reads a list of ISO 3166-1 alpha-2 codes, one a line with an
// optional entity id (CODE[<TAB>kb:id]), after the same source header as a
// names list, and returns one LOC entry per code: its name is CLDR's Arabic
// name of the region, display.Regions(language.Arabic).Name(region), without
// a bracketed qualifier (ميانمار (بورما) → ميانمار); its entity is the id the
// line gives, else kb: and the Slug of CLDR's English name (Germany →
// kb:germany). A code that language.ParseRegion rejects, that is not a
// country or territory, that CLDR has no Arabic name for, or that is listed
// twice is a *SyntaxError, and the reading goes on.
func ParseRegions(file string, r io.Reader) (*List, []error) {
	l := &List{File: file}
	seen := map[string]int{}
	errs := scanLines(l, r, func(n int, line string) []string {
		fields := strings.Split(line, "\t")
		if len(fields) > 2 {
			return []string{fmt.Sprintf("want CODE[<TAB>kb:id], got %d tab-separated fields", len(fields))}
		}
		code := strings.TrimSpace(fields[0])
		region, err := language.ParseRegion(code)
		switch {
		case err != nil:
			return []string{fmt.Sprintf("%q is not an ISO 3166-1 region code: %v", code, err)}
		case region.String() != code:
			return []string{fmt.Sprintf("%q is not a canonical ISO 3166-1 alpha-2 code (CLDR reads it as %s)", code, region)}
		case !region.IsCountry():
			return []string{fmt.Sprintf("%s is not a country or territory", code)}
		}
		if first, dup := seen[code]; dup {
			return []string{fmt.Sprintf("%s listed again (first at line %d)", code, first)}
		}
		name := stripQualifier(arabicRegions.Name(region))
		if name == "" {
			return []string{fmt.Sprintf("CLDR has no Arabic name for %s", code)}
		}
		e := Entry{Name: name, Type: corpus.LOC, Line: n}
		if len(fields) == 2 {
			e.Entity = strings.TrimSpace(fields[1])
			if p := checkEntity(e.Entity); p != "" {
				return []string{p}
			}
		} else {
			id := Slug(stripQualifier(englishRegions.Name(region)))
			if id == "" {
				return []string{fmt.Sprintf("CLDR has no English name for %s to make an id of: give one (%s<TAB>kb:id)", code, code)}
			}
			e.Entity = "kb:" + id
		}
		seen[code] = n
		l.Entries = append(l.Entries, e)
		return nil
	})
	return l, errs
}

// stripQualifier removes a trailing bracketed qualifier from a CLDR name:
// "Myanmar (Burma)" → "Myanmar", "هونغ كونغ الصينية (منطقة إدارية خاصة)" →
// "هونغ كونغ الصينية".
func stripQualifier(name string) string {
	if i := strings.IndexByte(name, '('); i > 0 {
		name = name[:i]
	}
	return strings.TrimSpace(name)
}

// Slug makes a catalogue id of an English name: accents removed, lowercase
// ASCII letters and digits, every other run of characters one hyphen, "&"
// spelled "and", no hyphen at either end. "Côte d’Ivoire" → "cote-d-ivoire",
// "Bosnia & Herzegovina" → "bosnia-and-herzegovina". A name with no ASCII
// letter or digit has the empty slug.
func Slug(name string) string {
	name = strings.ReplaceAll(name, "&", " and ")
	if plain, _, err := transform.String(transform.Chain(norm.NFD, runes.Remove(runes.In(unicode.Mn))), name); err == nil {
		name = plain
	}
	var b strings.Builder
	hyphen := false
	for _, r := range strings.ToLower(name) {
		if r < 0x80 && (r >= 'a' && r <= 'z' || r >= '0' && r <= '9') {
			if hyphen && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			hyphen = false
			continue
		}
		hyphen = true
	}
	return b.String()
}
