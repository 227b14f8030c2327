package brat

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/arabench/arabench/internal/syntax"
)

// SyntaxError is a malformed line of an .ann file. It is not fatal: the
// reader reports it and goes on with the next line. It is syntax.Error, the
// type of every line reader's syntax errors (spans.SyntaxError, and gold's
// entities.tsv and annotation.conf readers), so that one errors.As finds them
// all.
type SyntaxError = syntax.Error

// File is one parsed brat .ann file. Every item records the line it came from
// so that later checks can point at it. Lines of kinds the gold does not use
// (relations R, events E, modifiers M, equivalences *) are kept in Skipped
// rather than dropped.
type File struct {
	Name           string
	Entities       []Entity
	Normalizations []Normalization
	Notes          []Note
	Attributes     []Attribute
	Skipped        []Skipped
}

// Entity is a text-bound annotation (a T line): a typed span and the text it
// claims to cover. CPStart and CPEnd are the code point offsets as written;
// Start and End are the byte offsets into the document text, set by
// File.Mentions when the span resolves (Resolved reports whether it did).
type Entity struct {
	Line           int
	ID             string
	Type           string
	CPStart, CPEnd int
	Text           string
	Start, End     int
	Resolved       bool
}

// Normalization is an N line: a link from annotation Target to entry RefID
// of resource RefDB, e.g. "N1<TAB>Reference T1 kb:moscow<TAB>Moscow".
type Normalization struct {
	Line   int
	ID     string
	Type   string
	Target string
	RefDB  string
	RefID  string
	Text   string
}

// Ref is the link as written, "RefDB:RefID" (for example "kb:moscow").
func (n Normalization) Ref() string { return n.RefDB + ":" + n.RefID }

// Note is a # line: brat's AnnotatorNotes, and the gold's Value notes that
// carry a NUM mention's number ("#1<TAB>Value T9<TAB>100000").
type Note struct {
	Line   int
	ID     string
	Type   string
	Target string
	Text   string
}

// Attribute is an A line: a binary flag ("A1<TAB>Negation E1") or a valued
// attribute ("A2<TAB>Confidence E2 L1", Value "L1").
type Attribute struct {
	Line   int
	ID     string
	Type   string
	Target string
	Value  string
}

// Skipped is a line of a kind the gold does not use: a relation (R), an event
// (E), a modifier (M) or an equivalence (*). Kind is that letter.
type Skipped struct {
	Line int
	ID   string
	Kind byte
}

// NoteValue is the note type that carries a NUM mention's value.
const NoteValue = "Value"

// NormReference is brat's normalization type, the only one the gold uses.
const NormReference = "Reference"

// Parse reads one brat .ann file. It checks syntax only: each line's kind,
// its fields, numeric offsets and unique ids. A malformed line yields a
// *SyntaxError naming name and the line, and parsing goes on; the returned
// File holds every line that parsed. Only a read failure stops it early.
func Parse(name string, r io.Reader) (*File, []error) {
	f := &File{Name: name}
	var errs []error
	seen := make(map[string]int)
	br := bufio.NewReader(r)
	for lineNo := 1; ; lineNo++ {
		line, err := br.ReadString('\n')
		if lineNo == 1 {
			line = strings.TrimPrefix(line, "\ufeff") // a UTF-8 BOM some editors write
		}
		if line != "" {
			if msg := f.parseLine(lineNo, syntax.TrimEOL(line), seen); msg != "" {
				errs = append(errs, &SyntaxError{FileName: name, Line: lineNo, Msg: msg})
			}
		}
		if err != nil {
			if !errors.Is(err, io.EOF) {
				errs = append(errs, &SyntaxError{FileName: name, Line: lineNo, Msg: "read failed: " + err.Error()})
			}
			break
		}
	}
	return f, errs
}

// parseLine adds the annotation on line to f, or returns what is wrong with it.
func (f *File) parseLine(lineNo int, line string, seen map[string]int) string {
	if strings.TrimSpace(line) == "" {
		return ""
	}
	id, rest, ok := strings.Cut(line, "\t")
	if !ok {
		return fmt.Sprintf("no tab after the annotation id in %q", syntax.Clip(line))
	}
	if id == "" || strings.ContainsAny(id, " ") {
		return fmt.Sprintf("bad annotation id %q", id)
	}
	kind := id[0]
	if kind != '*' {
		if len(id) < 2 {
			return fmt.Sprintf("annotation id %q has no number", id)
		}
		if prev, dup := seen[id]; dup {
			return fmt.Sprintf("annotation id %s already used on line %d", id, prev)
		}
	}
	var msg string
	switch kind {
	case 'T':
		msg = f.parseEntity(lineNo, id, rest)
	case 'N':
		msg = f.parseNormalization(lineNo, id, rest)
	case '#':
		msg = f.parseNote(lineNo, id, rest)
	case 'A':
		msg = f.parseAttribute(lineNo, id, rest)
	case 'R', 'E', 'M', '*':
		f.Skipped = append(f.Skipped, Skipped{Line: lineNo, ID: id, Kind: kind})
	default:
		return fmt.Sprintf("unknown annotation kind %q in id %q (want T, N, A, #, or R, E, M, *)", string(kind), id)
	}
	if msg == "" && kind != '*' {
		seen[id] = lineNo
	}
	return msg
}

// parseEntity parses "TYPE START END<TAB>TEXT".
func (f *File) parseEntity(lineNo int, id, rest string) string {
	head, text, ok := strings.Cut(rest, "\t")
	if !ok {
		return fmt.Sprintf("%s has no text field (want %s<TAB>TYPE START END<TAB>TEXT)", id, id)
	}
	if strings.Contains(head, ";") {
		return fmt.Sprintf("%s has a discontinuous span %q: a mention is one contiguous span", id, head)
	}
	fields := strings.Fields(head)
	if len(fields) != 3 {
		return fmt.Sprintf("%s: want TYPE START END, got %q", id, head)
	}
	start, msg := parseOffset(id, fields[1])
	if msg != "" {
		return msg
	}
	end, msg := parseOffset(id, fields[2])
	if msg != "" {
		return msg
	}
	f.Entities = append(f.Entities, Entity{
		Line: lineNo, ID: id, Type: fields[0],
		CPStart: start, CPEnd: end, Text: text,
		Start: -1, End: -1,
	})
	return ""
}

func parseOffset(id, s string) (int, string) {
	n, err := strconv.Atoi(s)
	if err != nil || n < 0 || s[0] == '+' {
		return 0, fmt.Sprintf("%s: offset %q is not a non-negative integer", id, s)
	}
	return n, ""
}

// parseNormalization parses "TYPE TARGET DB:ID[<TAB>TEXT]".
func (f *File) parseNormalization(lineNo int, id, rest string) string {
	head, text, _ := strings.Cut(rest, "\t")
	fields := strings.Fields(head)
	if len(fields) != 3 {
		return fmt.Sprintf("%s: want Reference TARGET DB:ID, got %q", id, head)
	}
	db, key, ok := strings.Cut(fields[2], ":")
	if !ok || db == "" || key == "" {
		return fmt.Sprintf("%s: reference %q is not DB:ID (for example kb:moscow)", id, fields[2])
	}
	f.Normalizations = append(f.Normalizations, Normalization{
		Line: lineNo, ID: id, Type: fields[0], Target: fields[1],
		RefDB: db, RefID: key, Text: text,
	})
	return ""
}

// parseNote parses "TYPE TARGET<TAB>TEXT".
func (f *File) parseNote(lineNo int, id, rest string) string {
	head, text, _ := strings.Cut(rest, "\t")
	fields := strings.Fields(head)
	if len(fields) != 2 {
		return fmt.Sprintf("%s: want NOTETYPE TARGET<TAB>TEXT (for example Value T9<TAB>100000), got %q", id, head)
	}
	f.Notes = append(f.Notes, Note{Line: lineNo, ID: id, Type: fields[0], Target: fields[1], Text: text})
	return ""
}

// parseAttribute parses "TYPE TARGET [VALUE]".
func (f *File) parseAttribute(lineNo int, id, rest string) string {
	fields := strings.Fields(rest)
	if len(fields) != 2 && len(fields) != 3 {
		return fmt.Sprintf("%s: want ATTRIBUTE TARGET [VALUE], got %q", id, rest)
	}
	a := Attribute{Line: lineNo, ID: id, Type: fields[0], Target: fields[1]}
	if len(fields) == 3 {
		a.Value = fields[2]
	}
	f.Attributes = append(f.Attributes, a)
	return ""
}
