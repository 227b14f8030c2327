package gold

import (
	"errors"
	"fmt"
	"io/fs"
	"slices"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/arabench/arabench/brat"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/internal/syntax"
)

// Problem is something wrong with the gold, located at a file and line (Line
// 0 when it concerns the whole file). A Warning is listed but does not fail
// the check. Problem implements error.
type Problem struct {
	File    string
	Line    int
	Msg     string
	Warning bool
}

// Error formats the problem as "file:line: msg", or "file:line: warning: msg".
func (p Problem) Error() string {
	var b strings.Builder
	b.WriteString(p.File)
	if p.Line > 0 {
		fmt.Fprintf(&b, ":%d", p.Line)
	}
	b.WriteString(": ")
	if p.Warning {
		b.WriteString("warning: ")
	}
	b.WriteString(p.Msg)
	return b.String()
}

// asProblem turns a reader's error into a Problem.
func asProblem(err error) Problem {
	var se *syntax.Error
	if errors.As(err, &se) {
		return Problem{File: se.FileName, Line: se.Line, Msg: se.Msg}
	}
	var ae *brat.AttachError
	if errors.As(err, &ae) {
		return Problem{File: ae.File, Line: ae.Line, Msg: ae.Msg}
	}
	var p Problem
	if errors.As(err, &p) {
		return p
	}
	return Problem{Msg: err.Error()}
}

// sortProblems orders problems by file and line, keeping the order in which
// they were found within a line.
func sortProblems(ps []Problem) {
	sort.SliceStable(ps, func(i, j int) bool {
		if ps[i].File != ps[j].File {
			return ps[i].File < ps[j].File
		}
		return ps[i].Line < ps[j].Line
	})
}

// DocCounts is how many gold mentions one document has per type, and how
// many of them carry a link or a value.
type DocCounts struct {
	Doc    string
	Types  map[string]int
	Links  int
	Values int
}

// Mentions is the document's number of mentions, of every type.
func (d DocCounts) Mentions() int {
	n := 0
	for _, c := range d.Types {
		n += c
	}
	return n
}

// Report is the outcome of Check: the counts per document (in corpus order)
// and every problem found, errors and warnings, ordered by file and line.
type Report struct {
	Docs []DocCounts
	// Types are the gold's types in the order the table prints them (see
	// Gold.Types).
	Types    []string
	Problems []Problem
	// Hash is the checked gold's Gold.Hash, empty when it could not be read.
	Hash string
}

// Failed reports whether any problem is an error rather than a warning.
func (r Report) Failed() bool { return len(r.Errors()) > 0 }

// Errors returns the problems that fail the check.
func (r Report) Errors() []Problem { return r.filter(false) }

// Warnings returns the problems that are listed without failing the check.
func (r Report) Warnings() []Problem { return r.filter(true) }

func (r Report) filter(warning bool) []Problem {
	var out []Problem
	for _, p := range r.Problems {
		if p.Warning == warning {
			out = append(out, p)
		}
	}
	return out
}

// Total sums the counts of every document; its Doc is "total".
func (r Report) Total() DocCounts {
	t := DocCounts{Doc: "total", Types: make(map[string]int)}
	for _, d := range r.Docs {
		for k, n := range d.Types {
			t.Types[k] += n
		}
		t.Links += d.Links
		t.Values += d.Values
	}
	return t
}

// CheckOptions choose the rules Check applies beyond the structure every
// gold must have (see Load).
type CheckOptions struct {
	// Guidelines applies the rules of arabench's own annotation guidelines
	// (see Validate): five types, flat spans, a link on every name, a value
	// on every number. They are for arabench's gold, or a gold made to the
	// same guidelines; ANERcorp, a nested corpus or a gold without links
	// breaks them by design.
	Guidelines bool
}

// Check loads the gold folder fsys against corpus c (see Load), which checks
// the structure of any gold, and with opts.Guidelines validates it against
// the guidelines (see Gold.Validate). Without them, the lines of kinds the
// gold does not score (relations, events, attributes) are one note.
func Check(fsys fs.FS, c *corpus.Corpus, opts CheckOptions) Report {
	g, problems := Load(fsys, c)
	return report(g, problems, opts)
}

// CheckDir is Check on the folder dir.
func CheckDir(dir string, c *corpus.Corpus, opts CheckOptions) Report {
	g, problems := LoadDir(dir, c)
	return report(g, problems, opts)
}

func report(g *Gold, problems []Problem, opts CheckOptions) Report {
	r := Report{Problems: problems}
	if g != nil {
		if opts.Guidelines {
			r.Problems = append(r.Problems, g.Validate()...)
		} else {
			r.Problems = append(r.Problems, g.Notes()...)
		}
		r.Docs = g.Counts()
		r.Types = g.Types()
		r.Hash = g.Hash()
	}
	sortProblems(r.Problems)
	return r
}

// Notes returns, as one warning, the lines of the gold's .ann files that are
// read past: relations (R), events (E), modifiers (M), equivalences (*) and
// attributes (A), which no scheme scores. It is empty when there are none.
func (g *Gold) Notes() []Problem {
	n, files := 0, 0
	first := Problem{Warning: true}
	for _, doc := range g.corpus.Documents {
		note, ok := g.skipped[doc.ID]
		if !ok {
			continue
		}
		if files == 0 {
			first.File = note.file
			first.Line = note.line
		}
		files++
		n += note.lines
	}
	if n == 0 {
		return nil
	}
	first.Msg = fmt.Sprintf("%d %s of kinds R, E, M, * or A (relations, events, modifiers, equivalences, attributes) in %d %s read past, the first here: only T, N and # lines are scored",
		n, plural(n, "line", "lines"), files, plural(files, "file", "files"))
	return []Problem{first}
}

// firstSkipped returns the line of f's first relation, event, modifier,
// equivalence or attribute.
func firstSkipped(f *brat.File) int {
	line := 0
	for _, s := range f.Skipped {
		if line == 0 || s.Line < line {
			line = s.Line
		}
	}
	for _, a := range f.Attributes {
		if line == 0 || a.Line < line {
			line = a.Line
		}
	}
	return line
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}

// Types lists the types of the gold's mentions: the guidelines' five in
// their order (PER, ORG, LOC, DATE, NUM) when the gold uses no other, else
// every type in byte order, as seqeval sorts them.
func (g *Gold) Types() []string {
	seen := map[string]bool{}
	var types []string
	known := true
	for _, ms := range g.mentions {
		for _, m := range ms {
			if !seen[m.Type] {
				seen[m.Type] = true
				types = append(types, m.Type)
				known = known && corpus.KnownType(m.Type)
			}
		}
	}
	if len(types) == 0 || known {
		return slices.Clone(corpus.Types)
	}
	slices.Sort(types)
	return types
}

// Counts counts the gold mentions of every document of the corpus, in corpus
// order.
func (g *Gold) Counts() []DocCounts {
	out := make([]DocCounts, 0, len(g.corpus.Documents))
	for _, doc := range g.corpus.Documents {
		d := DocCounts{Doc: doc.ID, Types: make(map[string]int)}
		for _, m := range g.mentions[doc.ID] {
			d.Types[m.Type]++
			if m.Entity != "" {
				d.Links++
			}
			if m.Value != "" {
				d.Values++
			}
		}
		out = append(out, d)
	}
	return out
}

// HasLinks reports whether some gold mention carries an entity link.
func (g *Gold) HasLinks() bool {
	for _, ms := range g.mentions {
		for _, m := range ms {
			if m.Entity != "" {
				return true
			}
		}
	}
	return false
}

// HasValues reports whether some gold mention carries a value.
func (g *Gold) HasValues() bool {
	for _, ms := range g.mentions {
		for _, m := range ms {
			if m.Value != "" {
				return true
			}
		}
	}
	return false
}

// Validate applies every machine-checkable rule of the annotation guidelines
// to the loaded gold and returns what breaks them, ordered by file and line:
//
//   - the entity catalogue entities.tsv is there;
//   - each mention's type is PER, ORG, LOC, DATE or NUM;
//   - no space, punctuation or invisible format character at a span's edge,
//     except a closing bracket whose opening bracket is inside the span, and
//     every bracket opened inside a span is closed inside it;
//   - spans never overlap or nest;
//   - each PER, ORG and LOC mention has exactly one link, a Reference to
//     kb:<id>; DATE and NUM mentions have none;
//   - each link's id is in the catalogue with the mention's type, and every
//     catalogue entry is linked by some mention;
//   - each NUM mention has exactly one Value note, in ASCII digits; other
//     mentions have none;
//   - (warnings) a span that starts with a detachable proclitic (و ف ب ل ك
//     and their stacks) before a name the catalogue or the gold's links know,
//     and lines of kinds the guidelines do not define (R, E, M, *, A), which
//     are read past.
//
// Problems of loading (syntax, unresolved spans, missing files) are Load's and
// are not repeated here.
func (g *Gold) Validate() []Problem {
	v := &validator{g: g, used: make(map[string]bool)}
	if g.Catalogue == nil {
		v.fail(g.display(CatalogueFile), 0, "missing: the gold needs its entity catalogue (id<TAB>type<TAB>name_en<TAB>name_ar)")
	}
	for _, doc := range g.corpus.Documents {
		if f := g.files[doc.ID]; f != nil {
			v.file(f)
		}
	}
	v.unusedEntries()
	v.proclitics()
	sortProblems(v.problems)
	return v.problems
}

type validator struct {
	g        *Gold
	used     map[string]bool
	problems []Problem
}

func (v *validator) fail(file string, line int, format string, args ...any) {
	v.problems = append(v.problems, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...)})
}

func (v *validator) warn(file string, line int, format string, args ...any) {
	v.problems = append(v.problems, Problem{File: file, Line: line, Msg: fmt.Sprintf(format, args...), Warning: true})
}

func isLinked(typ string) bool {
	return typ == corpus.PER || typ == corpus.ORG || typ == corpus.LOC
}

func (v *validator) file(f *brat.File) {
	entities := make(map[string]*brat.Entity, len(f.Entities))
	for i := range f.Entities {
		entities[f.Entities[i].ID] = &f.Entities[i]
	}
	links := make(map[string][]brat.Normalization)
	for _, n := range f.Normalizations {
		links[n.Target] = append(links[n.Target], n)
	}
	values := make(map[string][]brat.Note)
	for _, n := range f.Notes {
		if n.Type == brat.NoteValue {
			values[n.Target] = append(values[n.Target], n)
		}
	}

	for i := range f.Entities {
		e := &f.Entities[i]
		if !corpus.KnownType(e.Type) {
			v.fail(f.Name, e.Line, "%s: unknown type %q (want PER, ORG, LOC, DATE or NUM)", e.ID, e.Type)
			continue
		}
		if e.Resolved {
			v.edges(f, e)
		}
		v.linkCount(f, e, links[e.ID])
		v.valueCount(f, e, values[e.ID])
	}
	for _, n := range f.Normalizations {
		v.link(f, n, entities[n.Target])
	}
	for _, n := range f.Notes {
		if n.Type == brat.NoteValue && !isDigits(n.Text) {
			v.fail(f.Name, n.Line, "%s: value %q is not ASCII digits without separators (100 ألف → 100000)", n.ID, n.Text)
		}
	}
	v.overlaps(f)
	for _, s := range f.Skipped {
		v.warn(f.Name, s.Line, "%s read past: the guidelines define no relations, events, modifiers or equivalences", s.ID)
	}
	for _, a := range f.Attributes {
		v.warn(f.Name, a.Line, "%s: attribute %s read past: the guidelines define no attributes", a.ID, a.Type)
	}
}

func (v *validator) linkCount(f *brat.File, e *brat.Entity, links []brat.Normalization) {
	switch {
	case isLinked(e.Type) && len(links) == 0:
		v.fail(f.Name, e.Line, "%s: %s mention %q has no link: every PER, ORG and LOC mention needs one line N<n><TAB>Reference %s kb:<id>",
			e.ID, e.Type, e.Text, e.ID)
	case isLinked(e.Type) && len(links) > 1:
		v.fail(f.Name, links[1].Line, "%s: %s has %d links (%s); want exactly one", links[1].ID, e.ID, len(links), normIDs(links))
	case !isLinked(e.Type):
		for _, n := range links {
			v.fail(f.Name, n.Line, "%s links %s mention %s; only PER, ORG and LOC mentions are linked", n.ID, e.Type, e.ID)
		}
	}
}

func (v *validator) valueCount(f *brat.File, e *brat.Entity, values []brat.Note) {
	switch {
	case e.Type == corpus.NUM && len(values) == 0:
		v.fail(f.Name, e.Line, "%s: NUM mention %q has no value: add #<n><TAB>Value %s<TAB><digits>", e.ID, e.Text, e.ID)
	case e.Type == corpus.NUM && len(values) > 1:
		v.fail(f.Name, values[1].Line, "%s: %s has %d values (%s); want exactly one", values[1].ID, e.ID, len(values), noteIDs(values))
	case e.Type != corpus.NUM:
		for _, n := range values {
			v.fail(f.Name, n.Line, "%s: Value note on %s mention %s; only NUM mentions carry values", n.ID, e.Type, e.ID)
		}
	}
}

// link checks one N line: its type, its resource and its catalogue entry.
// An unknown target was reported by brat.File.Mentions.
func (v *validator) link(f *brat.File, n brat.Normalization, e *brat.Entity) {
	if n.Type != brat.NormReference {
		v.fail(f.Name, n.Line, "%s: normalization type %q, want %s", n.ID, n.Type, brat.NormReference)
	}
	if n.RefDB != CatalogueDB {
		v.fail(f.Name, n.Line, "%s: reference %q is not a catalogue link (want %s:<id>)", n.ID, n.Ref(), CatalogueDB)
		return
	}
	cat := v.g.Catalogue
	if cat == nil {
		return
	}
	entry, ok := cat.Lookup(n.RefID)
	if !ok {
		v.fail(f.Name, n.Line, "%s: %s is not in %s", n.ID, n.Ref(), CatalogueFile)
		return
	}
	v.used[entry.ID] = true
	if e != nil && isLinked(e.Type) && entry.Type != e.Type {
		v.fail(f.Name, n.Line, "%s: %s is %s in %s but %s is a %s mention", n.ID, n.Ref(), entry.Type, CatalogueFile, e.ID, e.Type)
	}
}

func (v *validator) unusedEntries() {
	cat := v.g.Catalogue
	if cat == nil {
		return
	}
	for _, e := range cat.Entries {
		if !v.used[e.ID] {
			v.fail(cat.Name, e.Line, "%s:%s (%s) is linked by no mention: the catalogue holds only entities that the gold names",
				CatalogueDB, e.ID, e.NameEn)
		}
	}
}

// overlaps reports every resolved span that starts before the end of an
// earlier one (rule 7: flat and outermost).
func (v *validator) overlaps(f *brat.File) {
	var spans []*brat.Entity
	for i := range f.Entities {
		if f.Entities[i].Resolved {
			spans = append(spans, &f.Entities[i])
		}
	}
	sort.SliceStable(spans, func(i, j int) bool {
		if spans[i].CPStart != spans[j].CPStart {
			return spans[i].CPStart < spans[j].CPStart
		}
		return spans[i].CPEnd < spans[j].CPEnd
	})
	var open *brat.Entity
	for _, e := range spans {
		if open != nil && e.CPStart < open.CPEnd {
			v.fail(f.Name, e.Line, "%s [%d,%d) overlaps %s [%d,%d): spans never overlap or nest (mark only the outer name)",
				e.ID, e.CPStart, e.CPEnd, open.ID, open.CPStart, open.CPEnd)
		}
		if open == nil || e.CPEnd > open.CPEnd {
			open = e
		}
	}
}

// edges checks that a span neither starts nor ends with a space, punctuation
// or an invisible format character (rule 3), and that brackets opened inside
// it close inside it: the guidelines' DATE `11 سبتمبر (2001)` ends with its own
// closing bracket, which is allowed.
func (v *validator) edges(f *brat.File, e *brat.Entity) {
	first, _ := utf8.DecodeRuneInString(e.Text)
	if what := edgeKind(first); what != "" {
		v.fail(f.Name, e.Line, "%s: span %q starts with %s %q (%U): spaces and punctuation stay outside a span",
			e.ID, e.Text, what, first, first)
	}
	last, _ := utf8.DecodeLastRuneInString(e.Text)
	if _, closer := openerOf[last]; !closer {
		if what := edgeKind(last); what != "" {
			v.fail(f.Name, e.Line, "%s: span %q ends with %s %q (%U): spaces and punctuation stay outside a span",
				e.ID, e.Text, what, last, last)
		}
	}
	if msg := unbalanced(e.Text); msg != "" {
		v.fail(f.Name, e.Line, "%s: span %q %s: a bracket opened inside a span is closed inside it, and brackets around a name stay outside",
			e.ID, e.Text, msg)
	}
}

// edgeKind names what r is when it may not stand at a span's edge, or "".
func edgeKind(r rune) string {
	switch {
	case unicode.IsSpace(r):
		return "space"
	case unicode.IsPunct(r):
		return "punctuation"
	case unicode.Is(unicode.Cf, r):
		return "invisible format character"
	}
	return ""
}

var openerOf = map[rune]rune{')': '(', ']': '[', '}': '{', '»': '«'}

var isOpener = map[rune]bool{'(': true, '[': true, '{': true, '«': true}

// unbalanced describes the first bracket of s that is not matched inside s,
// or returns "".
func unbalanced(s string) string {
	var stack []rune
	for _, r := range s {
		if isOpener[r] {
			stack = append(stack, r)
			continue
		}
		if open, ok := openerOf[r]; ok {
			if len(stack) == 0 || stack[len(stack)-1] != open {
				return fmt.Sprintf("closes %q that it did not open", r)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if len(stack) > 0 {
		return fmt.Sprintf("opens %q without closing it", stack[len(stack)-1])
	}
	return ""
}

func isDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}

func normIDs(ns []brat.Normalization) string {
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
	}
	return strings.Join(ids, ", ")
}

func noteIDs(ns []brat.Note) string {
	ids := make([]string, len(ns))
	for i, n := range ns {
		ids[i] = n.ID
	}
	return strings.Join(ids, ", ")
}
