package gold

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/internal/syntax"
)

// CatalogueDB is the resource name that links into the catalogue use
// ("kb:moscow"); gold/tools.conf declares it to brat under that name.
const CatalogueDB = "kb"

// CatalogueFile is the catalogue's file name inside a gold folder.
const CatalogueFile = "entities.tsv"

// Entry is one row of the entity catalogue:
// id<TAB>type<TAB>name_en<TAB>name_ar.
type Entry struct {
	Line   int
	ID     string
	Type   string
	NameEn string
	NameAr string
}

// Catalogue is the entity catalogue that PER, ORG and LOC mentions link into,
// in file order.
type Catalogue struct {
	Name    string
	Entries []Entry
	byID    map[string]int
}

// Lookup returns the entry with the given id (without the "kb:" prefix).
func (c *Catalogue) Lookup(id string) (Entry, bool) {
	i, ok := c.byID[id]
	if !ok {
		return Entry{}, false
	}
	return c.Entries[i], true
}

// ReadCatalogue reads an entities.tsv file: one entity per line, four
// tab-separated fields id, type, name_en, name_ar. An optional first line
// "id<TAB>type<TAB>name_en<TAB>name_ar" is a header; blank lines are skipped.
// A malformed row — wrong field count, an id that is not a lowercase ASCII
// slug (vladimir-putin), a type other than PER, ORG or LOC, an empty name, a
// repeated id — yields a *syntax.Error and is left out; reading goes on.
func ReadCatalogue(name string, r io.Reader) (*Catalogue, []error) {
	c := &Catalogue{Name: name, byID: make(map[string]int)}
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, &syntax.Error{FileName: name, Line: line, Msg: fmt.Sprintf(format, args...)})
	}
	br := bufio.NewReader(r)
	for lineNo := 1; ; lineNo++ {
		line, err := br.ReadString('\n')
		if lineNo == 1 {
			line = strings.TrimPrefix(line, "\ufeff") // a UTF-8 BOM some editors write
		}
		if line = syntax.TrimEOL(line); strings.TrimSpace(line) != "" {
			c.addRow(lineNo, line, fail)
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				fail(lineNo, "read failed: %v", err)
			}
			break
		}
	}
	return c, errs
}

func (c *Catalogue) addRow(lineNo int, line string, fail func(int, string, ...any)) {
	fields := strings.Split(line, "\t")
	if lineNo == 1 && len(fields) == 4 && fields[0] == "id" && fields[1] == "type" {
		return
	}
	if len(fields) != 4 {
		fail(lineNo, "want 4 tab-separated fields id, type, name_en, name_ar; got %d", len(fields))
		return
	}
	e := Entry{Line: lineNo, ID: fields[0], Type: fields[1], NameEn: fields[2], NameAr: fields[3]}
	switch {
	case !isSlug(e.ID):
		fail(lineNo, "id %q is not a lowercase ASCII slug (letters, digits and single hyphens, e.g. vladimir-putin)", e.ID)
	case e.Type != corpus.PER && e.Type != corpus.ORG && e.Type != corpus.LOC:
		fail(lineNo, "%s: type %q, want PER, ORG or LOC (only they are linked)", e.ID, e.Type)
	case strings.TrimSpace(e.NameEn) == "" || strings.TrimSpace(e.NameAr) == "":
		fail(lineNo, "%s: empty name_en or name_ar", e.ID)
	default:
		if prev, dup := c.byID[e.ID]; dup {
			fail(lineNo, "id %s already listed on line %d", e.ID, c.Entries[prev].Line)
			return
		}
		c.byID[e.ID] = len(c.Entries)
		c.Entries = append(c.Entries, e)
	}
}

// isSlug reports whether s is lowercase ASCII letters and digits in runs
// joined by single hyphens.
func isSlug(s string) bool {
	if s == "" || s[0] == '-' || s[len(s)-1] == '-' || strings.Contains(s, "--") {
		return false
	}
	for i := 0; i < len(s); i++ {
		b := s[i]
		if (b < 'a' || b > 'z') && (b < '0' || b > '9') && b != '-' {
			return false
		}
	}
	return true
}
