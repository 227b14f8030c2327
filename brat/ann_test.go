package brat

import (
	"errors"
	"strings"
	"testing"
	"testing/iotest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParseReadsEveryLineKind(t *testing.T) {
	// The line shapes of brat's standoff format, with the gold's Value note.
	src := "T1\tPER 130 144\tفلاديمير بوتين\n" +
		"N1\tReference T1 kb:vladimir-putin\tVladimir Putin\n" +
		"#1\tAnnotatorNotes T1\ttitle stays outside\n" +
		"T2\tNUM 12 18\t14 ألف\r\n" + // a CRLF line ending is not part of the text
		"#2\tValue T2\t14000\n" +
		"\n" +
		"A1\tNegation T2\n" +
		"A2\tConfidence T1 L1\n" +
		"R1\tOrigin Arg1:T1 Arg2:T2\n" +
		"E1\tMERGE-ORG:T1 Org1:T2\n" +
		"M1\tSpeculation E1\n" +
		"*\tEquiv T1 T2\n" +
		"*\tEquiv T1 T2" // no final newline
	f, errs := Parse("x.ann", strings.NewReader(src))
	require.Empty(t, errs)
	assert.Equal(t, "x.ann", f.Name)
	assert.Equal(t, []Entity{
		{Line: 1, ID: "T1", Type: "PER", CPStart: 130, CPEnd: 144, Text: "فلاديمير بوتين", Start: -1, End: -1},
		{Line: 4, ID: "T2", Type: "NUM", CPStart: 12, CPEnd: 18, Text: "14 ألف", Start: -1, End: -1},
	}, f.Entities)
	assert.Equal(t, []Normalization{
		{Line: 2, ID: "N1", Type: "Reference", Target: "T1", RefDB: "kb", RefID: "vladimir-putin", Text: "Vladimir Putin"},
	}, f.Normalizations)
	assert.Equal(t, "kb:vladimir-putin", f.Normalizations[0].Ref())
	assert.Equal(t, []Note{
		{Line: 3, ID: "#1", Type: "AnnotatorNotes", Target: "T1", Text: "title stays outside"},
		{Line: 5, ID: "#2", Type: "Value", Target: "T2", Text: "14000"},
	}, f.Notes)
	assert.Equal(t, []Attribute{
		{Line: 7, ID: "A1", Type: "Negation", Target: "T2"},
		{Line: 8, ID: "A2", Type: "Confidence", Target: "T1", Value: "L1"},
	}, f.Attributes)
	assert.Equal(t, []Skipped{
		{Line: 9, ID: "R1", Kind: 'R'},
		{Line: 10, ID: "E1", Kind: 'E'},
		{Line: 11, ID: "M1", Kind: 'M'},
		{Line: 12, ID: "*", Kind: '*'},
		{Line: 13, ID: "*", Kind: '*'},
	}, f.Skipped)
}

func TestParseReportsSyntaxErrorsAndGoesOn(t *testing.T) {
	for _, tc := range []struct {
		name, line, msg string
	}{
		{"a line needs a tab after its id", "T1 PER 0 5 موسكو", "no tab after the annotation id"},
		{"an id has a number", "T\tPER 0 5\tموسكو", `annotation id "T" has no number`},
		{"an id has no spaces", "T 1\tPER 0 5\tموسكو", `bad annotation id "T 1"`},
		{"an unknown kind is refused", "Q1\tPER 0 5\tموسكو", `unknown annotation kind "Q"`},
		{"a T line has a text field", "T1\tPER 0 5", "T1 has no text field"},
		{"a T line has type, start and end", "T1\tPER 0\tموسكو", `T1: want TYPE START END, got "PER 0"`},
		{"a T line has no extra fields", "T1\tPER 0 5 9\tموسكو", `T1: want TYPE START END, got "PER 0 5 9"`},
		{"a span is contiguous", "T1\tLOC 0 5;6 12\tموسكو واشنطن", "discontinuous span"},
		{"an offset is an integer", "T1\tPER 0 five\tموسكو", `offset "five" is not a non-negative integer`},
		{"an offset is not negative", "T1\tPER -1 5\tموسكو", `offset "-1" is not a non-negative integer`},
		{"an offset has no sign", "T1\tPER +1 5\tموسكو", `offset "+1" is not a non-negative integer`},
		{"an offset fits an int", "T1\tPER 0 99999999999999999999\tموسكو", "is not a non-negative integer"},
		{"a link has type, target and reference", "N1\tReference T1\tMoscow", "want Reference TARGET DB:ID"},
		{"a reference is DB:ID", "N1\tReference T1 moscow\tMoscow", `reference "moscow" is not DB:ID`},
		{"a reference has a DB", "N1\tReference T1 :moscow\tMoscow", `reference ":moscow" is not DB:ID`},
		{"a reference has an ID", "N1\tReference T1 kb:\tMoscow", `reference "kb:" is not DB:ID`},
		{"a note has type and target", "#1\tValue\t100", "want NOTETYPE TARGET<TAB>TEXT"},
		{"an attribute has type and target", "A1\tNegation", "want ATTRIBUTE TARGET [VALUE]"},
		{"an attribute has at most a value", "A1\tConfidence T1 L1 L2", "want ATTRIBUTE TARGET [VALUE]"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			// The broken line sits between two good ones: both are kept.
			src := "T8\tLOC 51 56\tموسكو\n" + tc.line + "\nT9\tDATE 57 60\tامس\n"
			f, errs := Parse("doc.ann", strings.NewReader(src))
			require.Len(t, errs, 1)
			var se *SyntaxError
			require.True(t, errors.As(errs[0], &se))
			assert.Equal(t, "doc.ann", se.FileName)
			assert.Equal(t, 2, se.Line)
			assert.Contains(t, se.Msg, tc.msg)
			assert.True(t, strings.HasPrefix(se.Error(), "doc.ann:2: "), se.Error())
			require.Len(t, f.Entities, 2)
			assert.Equal(t, "T9", f.Entities[1].ID)
			assert.Equal(t, 3, f.Entities[1].Line)
		})
	}
}

func TestParseRefusesARepeatedID(t *testing.T) {
	src := "T1\tLOC 51 56\tموسكو\nT1\tDATE 57 60\tامس\nN1\tReference T1 kb:moscow\tMoscow\nN1\tReference T1 kb:moscow\tMoscow\n"
	f, errs := Parse("doc.ann", strings.NewReader(src))
	require.Len(t, errs, 2)
	assert.EqualError(t, errs[0], "doc.ann:2: annotation id T1 already used on line 1")
	assert.EqualError(t, errs[1], "doc.ann:4: annotation id N1 already used on line 3")
	assert.Len(t, f.Entities, 1)
	assert.Len(t, f.Normalizations, 1)
}

func TestParseKeepsALongLine(t *testing.T) {
	text := strings.Repeat("ب", 1<<20)
	f, errs := Parse("big.ann", strings.NewReader("T1\tPER 0 1048576\t"+text+"\n"))
	require.Empty(t, errs)
	require.Len(t, f.Entities, 1)
	assert.Equal(t, text, f.Entities[0].Text)
}

func TestParseReportsAReadFailure(t *testing.T) {
	r := iotest.TimeoutReader(strings.NewReader("T1\tLOC 51 56\tموسكو\nT2\tDATE 57 60\tامس\n"))
	f, errs := Parse("doc.ann", r)
	require.Len(t, errs, 1)
	assert.Contains(t, errs[0].Error(), "read failed")
	assert.NotNil(t, f)
}

func FuzzParse(f *testing.F) {
	f.Add("T1\tPER 130 144\tفلاديمير بوتين\nN1\tReference T1 kb:vladimir-putin\tVladimir Putin\n#1\tValue T1\t5\n")
	f.Add("A1\tNegation T2\nR1\tOrigin Arg1:T1 Arg2:T2\n*\tEquiv T1 T2\n\r\n")
	f.Add("T1\tPER 0 5;6 7\t\x00\xff\nT1\tX\n\t\t\n")
	f.Fuzz(func(t *testing.T, src string) {
		file, errs := Parse("fuzz.ann", strings.NewReader(src))
		lines := strings.Count(src, "\n") + 1
		for _, err := range errs {
			var se *SyntaxError
			if !errors.As(err, &se) {
				t.Fatalf("error %v is not a *SyntaxError", err)
			}
			if se.Line < 1 || se.Line > lines {
				t.Fatalf("error line %d outside 1..%d", se.Line, lines)
			}
		}
		for _, e := range file.Entities {
			if e.CPStart < 0 || e.CPEnd < 0 || e.Line < 1 || e.Line > lines {
				t.Fatalf("bad entity %+v", e)
			}
		}
	})
}

// TestParseSkipsALeadingBOM: editors on Windows write a UTF-8 BOM; the .ann
// reader skips it, as every other reader does.
func TestParseSkipsALeadingBOM(t *testing.T) {
	f, errs := Parse("doc.ann", strings.NewReader("\ufeffT1\tLOC 51 56\tموسكو\n"))
	require.Empty(t, errs)
	require.Len(t, f.Entities, 1)
	assert.Equal(t, "T1", f.Entities[0].ID)
}
