// Package lexicon holds the name lists of the gazetteer extractor, embedded in
// the binary, and parses them.
//
// Every list is a UTF-8 text file that opens with a header naming its source
// (`# source: …`). The names lists (*.tsv) hold one entry a line,
//
//	name<TAB>TYPE[<TAB>kb:id]
//
// where TYPE is PER, ORG or LOC, or Block ("-") for a phrase that is matched
// and consumed but never reported (a title like وزيرة الخارجية, inside which
// الخارجية الأمريكية must not be found), and kb:id, optional, is the entity
// catalogue id: a lowercase ASCII slug of the English name. The list of
// countries and territories (cldr-regions.txt) holds ISO 3166-1 alpha-2 codes
// instead: their Arabic names come from CLDR through
// golang.org/x/text/language/display (see ParseRegions). Lines that start
// with # are comments; blank lines are skipped.
//
// Spelling variants that differ only in what the gazetteer's normalization
// unifies (alef forms, hamza, teh marbuta, alef maqsura, diacritics, tatweel)
// are one entry; transliterations that differ in letters (شويغو/شويجو) are two
// entries with one id.
package lexicon

import (
	"bufio"
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/internal/syntax"
)

// Block is the Type of an entry that the gazetteer matches and consumes but
// never reports.
const Block = "-"

// Entry is one name of a list.
type Entry struct {
	Name   string // as written in the list (for CLDR, as CLDR writes it)
	Type   string // corpus.PER, corpus.ORG, corpus.LOC or Block
	Entity string // "kb:<id>", or "" when the name is not linked
	Line   int    // line of the list the entry comes from, counting from 1
}

// List is one parsed list.
type List struct {
	File    string  // file name, e.g. "cities.tsv"
	Source  string  // the header: where the names come from
	Entries []Entry // in file order
}

// SyntaxError is a problem on one line of a list. It is not fatal: the
// parsers report it and go on with the next line. It is syntax.Error, the
// type every line reader reports.
type SyntaxError = syntax.Error

//go:embed *.tsv cldr-regions.txt
var files embed.FS

// RegionsFile is the embedded list of ISO 3166-1 codes that ParseRegions
// reads; every other embedded file ending in .tsv is a names list.
const RegionsFile = "cldr-regions.txt"

// Load parses every embedded list and returns them sorted by file name. The
// embedded lists are part of the binary and tested to be clean, so any
// problem is returned as one error that joins every SyntaxError.
func Load() ([]*List, error) {
	names, err := fs.Glob(files, "*.tsv")
	if err != nil {
		return nil, fmt.Errorf("lexicon: %w", err)
	}
	names = append(names, RegionsFile)
	sort.Strings(names)
	var (
		lists []*List
		errs  []error
	)
	for _, name := range names {
		data, err := files.ReadFile(name)
		if err != nil {
			return nil, fmt.Errorf("lexicon: %w", err)
		}
		parse := Parse
		if name == RegionsFile {
			parse = ParseRegions
		}
		l, problems := parse(name, bytes.NewReader(data))
		errs = append(errs, problems...)
		lists = append(lists, l)
	}
	if len(errs) > 0 {
		return lists, fmt.Errorf("lexicon: embedded lists: %w", errors.Join(errs...))
	}
	return lists, nil
}

// Parse reads a names list (see the package documentation). file is the name
// used in errors and in the returned List. It returns every valid entry and
// one *SyntaxError per problem: a missing source header, a line without a
// type, an unknown type, a malformed entity id, a linked Block entry, or a
// name listed twice in the file. A read error ends the reading and is the
// last error.
func Parse(file string, r io.Reader) (*List, []error) {
	l := &List{File: file}
	seen := map[string]int{}
	errs := scanLines(l, r, func(n int, line string) []string {
		if k := strings.Count(line, "\t"); k < 1 || k > 2 {
			return []string{fmt.Sprintf("want name<TAB>TYPE[<TAB>kb:id], got %d tab-separated fields", k+1)}
		}
		name, rest, _ := strings.Cut(line, "\t")
		typ, entity, _ := strings.Cut(rest, "\t")
		e := Entry{Name: strings.TrimSpace(name), Type: strings.TrimSpace(typ), Entity: strings.TrimSpace(entity), Line: n}
		var problems []string
		if p := checkName(e.Name); p != "" {
			problems = append(problems, p)
		}
		switch {
		case e.Type != corpus.PER && e.Type != corpus.ORG && e.Type != corpus.LOC && e.Type != Block:
			problems = append(problems, fmt.Sprintf("unknown type %q (want PER, ORG, LOC or %s)", e.Type, Block))
		case e.Type == Block && e.Entity != "":
			problems = append(problems, fmt.Sprintf("a %s entry is never reported and takes no entity id", Block))
		}
		if e.Entity != "" {
			if p := checkEntity(e.Entity); p != "" {
				problems = append(problems, p)
			}
		}
		if first, dup := seen[e.Name]; dup {
			problems = append(problems, fmt.Sprintf("%q listed again (first at line %d)", e.Name, first))
		}
		if len(problems) > 0 {
			return problems
		}
		seen[e.Name] = n
		l.Entries = append(l.Entries, e)
		return nil
	})
	return l, errs
}

// scanLines reads r line by line. It collects the source header into l and
// hands every other non-blank, non-comment line to entry, which returns what
// is wrong with it. The header is the first non-blank line, which must read
// "# source: …", and the comment lines right after it, up to a blank line,
// an entry or a "# Format:" line.
func scanLines(l *List, r io.Reader, entry func(n int, line string) []string) []error {
	const (
		beforeHeader = iota
		inHeader
		afterHeader
	)
	var (
		errs   []error
		header []string
		state  = beforeHeader
	)
	fail := func(n int, msg string) {
		errs = append(errs, &SyntaxError{FileName: l.File, Line: n, Msg: msg})
	}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 0, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), " \r")
		if n == 1 {
			line = strings.TrimPrefix(line, "\ufeff")
		}
		if strings.TrimSpace(line) == "" {
			if state == inHeader {
				state = afterHeader
			}
			continue
		}
		comment, isComment := strings.CutPrefix(line, "#")
		comment = strings.TrimSpace(comment)
		if state == beforeHeader {
			if src, ok := strings.CutPrefix(comment, "source:"); isComment && ok {
				header, state = append(header, strings.TrimSpace(src)), inHeader
				continue
			}
			fail(n, `the list must open with a "# source: …" header that names where its entries come from`)
			state = afterHeader
		}
		if isComment {
			if state == inHeader && !strings.HasPrefix(comment, "Format:") {
				header = append(header, comment)
			} else {
				state = afterHeader
			}
			continue
		}
		state = afterHeader
		if !utf8.ValidString(line) {
			fail(n, "not valid UTF-8")
			continue
		}
		for _, p := range entry(n, line) {
			fail(n, p)
		}
	}
	l.Source = strings.Join(header, " ")
	if err := sc.Err(); err != nil {
		errs = append(errs, fmt.Errorf("%s:%d: %w", l.File, n+1, err))
	} else if state == beforeHeader {
		fail(1, `empty list: no "# source: …" header and no entries`)
	}
	return errs
}

// checkName reports a name without a letter, or "".
func checkName(name string) string {
	if name == "" {
		return "empty name"
	}
	if strings.IndexFunc(name, unicode.IsLetter) < 0 {
		return fmt.Sprintf("name %q has no letter", name)
	}
	return ""
}

// checkEntity reports an entity that is not "kb:" and a slug, or "".
func checkEntity(entity string) string {
	id, ok := strings.CutPrefix(entity, "kb:")
	if !ok || !isSlug(id) {
		return fmt.Sprintf("entity %q is not kb:<slug> (lowercase ASCII letters and digits joined by single hyphens)", entity)
	}
	return ""
}

// isSlug reports whether id is what Slug makes: lowercase ASCII letters and
// digits in runs joined by single hyphens.
func isSlug(id string) bool {
	if id == "" || id[0] == '-' || id[len(id)-1] == '-' {
		return false
	}
	for i := 0; i < len(id); i++ {
		switch c := id[i]; {
		case c >= 'a' && c <= 'z', c >= '0' && c <= '9':
		case c == '-' && id[i-1] != '-':
		default:
			return false
		}
	}
	return true
}
