// Package predictions reads and writes an extractor's predictions from files,
// in every format arabench supports, checked against the corpus: JSONL (one
// line per document, the line of the external protocol), CoNLL tokens, brat
// folders, spaCy or Prodigy JSONL, clitic-segmented tokens and strings without
// offsets as a large language model returns them.
//
// Files count Unicode code points (or carry tokens or strings without
// offsets); the mentions read come out with byte offsets into the document
// text, sorted, each with Text set to its span, as package extract's runner
// returns them.
//
// ReadJSONL and WriteJSONL read and write the line format of package
// extract/wire, one line per document (what `arabench score --pred FILE`
// reads); ReadCoNLL reads token-per-line BIO/IOB2/IOBES files and aligns their
// tokens to the document text to recover offsets; ReadSpaCy reads spaCy's and
// Prodigy's spans and ReadStrings places strings in their text (package
// anchor); brat folders are brat.ReadPredictionDir's. ReadFile reads a file
// or brat folder in the format its content shows (DetectFormat) and sorts
// what it found into documents predicted, failed, missing from it and unknown
// to the corpus (a Set), so that a caller can refuse predictions that do not
// cover the corpus. A problem inside a file is reported as a *SyntaxError
// naming the file and line, and reading goes on. Labels are kept as they are;
// CompareLabels names those the gold never uses.
package predictions

import (
	"errors"
	"fmt"
)

// SyntaxError is a problem on one line of a predictions or CoNLL file. It is
// not fatal: the readers report it and go on with the next line.
type SyntaxError struct {
	FileName string
	Line     int
	Doc      string // "" when the line names no document
	Msg      string
	// Err, when not nil, is errUnknownDoc or errFailedDoc: the kind of
	// problem a caller sorts the errors by (see ReadFile).
	Err error
}

// errUnknownDoc is the Err of a SyntaxError about a document the corpus does
// not have.
var errUnknownDoc = errors.New("unknown document")

// errFailedDoc is the Err of a SyntaxError about a document the extractor
// reported it failed on ({"doc":"<id>","error":"…"}).
var errFailedDoc = errors.New("the extractor failed on the document")

// Unwrap returns Err.
func (e *SyntaxError) Unwrap() error { return e.Err }

// Error formats the error as "file:line: doc \"id\": msg", without the doc
// part for a line that names none.
func (e *SyntaxError) Error() string {
	if e.Doc != "" {
		return fmt.Sprintf("%s:%d: doc %q: %s", e.FileName, e.Line, e.Doc, e.Msg)
	}
	return fmt.Sprintf("%s:%d: %s", e.FileName, e.Line, e.Msg)
}
