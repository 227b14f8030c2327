package brat

import (
	"fmt"
	"sort"
	"strings"

	"github.com/arabench/arabench/corpus"
)

// AttachError is an annotation of a File that File.Mentions cannot attach to
// the document, located at the file's line.
type AttachError struct {
	File string // the file's name, File.Name
	Line int
	Msg  string
}

// Error formats the error as "file:line: msg", or "file: msg" without a line.
func (e *AttachError) Error() string {
	if e.Line == 0 {
		return e.File + ": " + e.Msg
	}
	return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg)
}

// Mentions resolves f's text-bound annotations against doc and returns them as
// mentions with byte offsets, sorted by (Start, End). It records each
// entity's byte span in f.Entities (Start, End, Resolved).
//
// A mention's Entity is the first N line on it ("kb:moscow" as written) and its
// Value the text of the first Value note on it. Mentions is lenient about both
// — a missing, doubled or unknown link is for gold.Check to judge — so it
// also reads brat folders of predictions. It reports, as *AttachError naming
// the file and line, what keeps an annotation from attaching: a span out of
// the document's range, reversed or empty, a text that differs from the
// document's, and an N, # or A line whose target is no T line of the file. An
// entity with such a problem is left out of the result.
func (f *File) Mentions(doc corpus.Document) ([]corpus.Mention, []error) {
	var errs []error
	fail := func(line int, format string, args ...any) {
		errs = append(errs, &AttachError{File: f.Name, Line: line, Msg: fmt.Sprintf(format, args...)})
	}

	ix := corpus.NewIndex(doc.Text)
	byID := make(map[string]int, len(f.Entities))
	for i := range f.Entities {
		e := &f.Entities[i]
		byID[e.ID] = i
		e.Start, e.End, e.Resolved = -1, -1, false
		switch {
		case e.CPStart == e.CPEnd:
			fail(e.Line, "%s: empty span [%d,%d)", e.ID, e.CPStart, e.CPEnd)
			continue
		case e.CPStart > e.CPEnd:
			fail(e.Line, "%s: span [%d,%d) is reversed: its start is after its end", e.ID, e.CPStart, e.CPEnd)
			continue
		}
		start, end, err := ix.Span(e.CPStart, e.CPEnd)
		if err != nil {
			// Parse refused negative offsets and the span is not reversed,
			// so the only failure left is an end past the text.
			fail(e.Line, "%s: span [%d,%d) is out of range: document %s has %d code points (%v)",
				e.ID, e.CPStart, e.CPEnd, doc.ID, ix.Len(), err)
			continue
		}
		if got := doc.Text[start:end]; got != e.Text {
			fail(e.Line, "%s: text %q differs from the document's %q at [%d,%d)",
				e.ID, e.Text, got, e.CPStart, e.CPEnd)
			continue
		}
		e.Start, e.End, e.Resolved = start, end, true
	}

	target := func(kind, id, t string, line int) (int, bool) {
		i, ok := byID[t]
		if !ok {
			fail(line, "%s: %s target %s is not a T line of this file", id, kind, t)
		}
		return i, ok
	}
	entity := make(map[int]string)
	for _, n := range f.Normalizations {
		if i, ok := target("link", n.ID, n.Target, n.Line); ok {
			if _, dup := entity[i]; !dup {
				entity[i] = n.Ref()
			}
		}
	}
	value := make(map[int]string)
	for _, n := range f.Notes {
		if i, ok := target("note", n.ID, n.Target, n.Line); ok && n.Type == NoteValue {
			if _, dup := value[i]; !dup {
				value[i] = n.Text
			}
		}
	}
	for _, a := range f.Attributes {
		target("attribute", a.ID, a.Target, a.Line)
	}

	// The mentions hold no piece of the .ann lines (their text is the
	// document's, their type one shared string), so that a gold compacted
	// for scoring lets the parsed lines go (see gold.LoadDirCompact).
	types := map[string]string{}
	ms := make([]corpus.Mention, 0, len(f.Entities))
	for i, e := range f.Entities {
		if !e.Resolved {
			continue
		}
		typ, ok := types[e.Type]
		if !ok {
			typ = strings.Clone(e.Type)
			types[e.Type] = typ
		}
		ms = append(ms, corpus.Mention{
			Start: e.Start, End: e.End, Type: typ, Text: doc.Text[e.Start:e.End],
			Entity: entity[i], Value: strings.Clone(value[i]),
		})
	}
	sortMentions(ms)
	return ms, errs
}

// sortMentions sorts mentions by (Start, End, Type), the order Mentions
// returns them in.
func sortMentions(ms []corpus.Mention) {
	sort.SliceStable(ms, func(i, j int) bool {
		a, b := ms[i], ms[j]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.Type < b.Type
	})
}
