package predictions

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/arabench/arabench/anchor"
	"github.com/arabench/arabench/brat"
	"github.com/arabench/arabench/conll"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/internal/syntax"
)

// Format is the format of a predictions file or folder.
type Format string

// The formats ReadFile reads.
const (
	// FormatAuto detects the format from the content (see DetectFormat).
	FormatAuto Format = "auto"
	// FormatJSONL is one JSON object per document per line, with code point
	// offsets (ReadJSONL).
	FormatJSONL Format = "jsonl"
	// FormatCoNLL is token per line with a BIO/IOBES/BILOU tag (ReadCoNLL).
	FormatCoNLL Format = "conll"
	// FormatBrat is a folder of <doc>.ann files (brat.ReadPredictionDir).
	FormatBrat Format = "brat"
	// FormatSpaCy is spaCy or Prodigy JSONL, {"text","spans":[{"start",
	// "end","label"}]} (ReadSpaCy).
	FormatSpaCy Format = "spacy"
	// FormatSegmented is CoNLL with clitic-segmented tokens, Farasa's and
	// MADAMIRA's "و+ واشنطن" (ReadCoNLL with Segmented).
	FormatSegmented Format = "segmented"
	// FormatStrings is mentions given as strings without offsets, as a
	// language model returns them, {"doc","mentions":[{"type","text"}]},
	// placed in the text (ReadStrings).
	FormatStrings Format = "strings"
)

// formats lists the formats in the order messages name them.
var formats = []Format{FormatAuto, FormatJSONL, FormatCoNLL, FormatBrat, FormatSpaCy, FormatSegmented, FormatStrings}

// ParseFormat returns the format named s: auto, jsonl, conll, brat, spacy,
// segmented or strings.
func ParseFormat(s string) (Format, error) {
	f := Format(strings.ToLower(strings.TrimSpace(s)))
	if slices.Contains(formats, f) {
		return f, nil
	}
	return "", fmt.Errorf("unknown predictions format %q (want %s)", s, formatList())
}

func formatList() string {
	names := make([]string, len(formats))
	for i, f := range formats {
		names[i] = string(f)
	}
	return strings.Join(names, ", ")
}

// DetectFormat tells the format of path from its content, never from its
// name (see gold.Sniff): a folder is brat; in a file, the first line that is
// not blank decides between JSON and tokens. A JSON file is spaCy when its
// objects hold "spans" or "ents", strings when its mentions have a "text" and
// no "start", else JSONL (the first line with a mention decides). A token
// file is segmented when some token longer than one character starts or ends
// with '+', else CoNLL (so a CoNLL file named .txt or .jsonl is read as
// CoNLL). A file whose first line is a brat standoff line
// (`T1<TAB>PER 0 5<TAB>…`) is an error: brat predictions are a folder of
// <doc>.ann files. An empty file is JSONL, with no documents.
func DetectFormat(path string) (Format, error) {
	kind, head, err := gold.Sniff(path)
	var se *gold.StandoffError
	switch {
	case errors.As(err, &se):
		return "", fmt.Errorf("%s: line %s is a brat standoff line: brat predictions are a folder of <doc>.ann files; give the folder", path, syntax.QuoteShort(se.Line))
	case err != nil:
		return "", err
	}
	switch kind {
	case gold.FormatBrat:
		return FormatBrat, nil
	case gold.FormatJSONL:
		return sniffJSON(head), nil
	case gold.FormatCoNLL:
		return sniffTokens(head), nil
	}
	return FormatJSONL, nil
}

// sniffJSON tells spaCy, strings and JSONL apart by the first line that has
// spans or mentions.
func sniffJSON(head []byte) Format {
	for line := range bytes.Lines(head) {
		var obj struct {
			Spans    json.RawMessage   `json:"spans"`
			Ents     json.RawMessage   `json:"ents"`
			Mentions []json.RawMessage `json:"mentions"`
		}
		if json.Unmarshal(line, &obj) != nil {
			continue
		}
		if obj.Spans != nil || obj.Ents != nil {
			return FormatSpaCy
		}
		for _, m := range obj.Mentions {
			var keys map[string]json.RawMessage
			if json.Unmarshal(m, &keys) != nil {
				continue
			}
			_, start := keys["start"]
			_, text := keys["text"]
			if !start && text {
				return FormatStrings
			}
			return FormatJSONL
		}
	}
	return FormatJSONL
}

// sniffTokens tells segmented tokens from plain CoNLL: a token longer than
// one character with a '+' at an edge is a clitic cut from its word.
func sniffTokens(head []byte) Format {
	for line := range bytes.Lines(head) {
		f := conll.Fields(string(line))
		if len(f) < 2 || len(f[0]) < 2 || strings.Trim(f[0], "+") == "" {
			continue
		}
		if f[0][0] == '+' || f[0][len(f[0])-1] == '+' {
			return FormatSegmented
		}
	}
	return FormatCoNLL
}

// ReadOptions control ReadFile.
type ReadOptions struct {
	// CoNLL controls the CoNLL and segmented readers; ReadFile sets its
	// Segmented from the format.
	CoNLL CoNLLOptions
	// Placer places the mentions of the strings format (nil: texts are
	// compared as they are).
	Placer *anchor.Placer
}

// Set is a predictions file or folder read against a corpus, with how it
// covers the corpus.
type Set struct {
	// Path and Format are what was read and how.
	Path   string
	Format Format
	// Corpus is the corpus read against.
	Corpus *corpus.Corpus
	// Mentions holds the predictions of every document the file lists, by
	// id, in byte offsets. A listed document without mentions is present
	// with none.
	Mentions map[string][]corpus.Mention
	// Failed lists the documents the file reports failed on (a JSONL line
	// {"doc":"<id>","error":"…"}), in file order, each with its message.
	Failed []FailedDoc
	// Missing lists the corpus's documents the file neither lists nor
	// reports failed, in corpus order.
	Missing []string
	// Unknown lists the ids the file names that the corpus does not have,
	// in file order, each once; an unnamed CoNLL document past the end of
	// the corpus is "#<n>".
	Unknown []string
	// Problems are the other problems: lines and mentions that were
	// skipped, each naming file, line and document.
	Problems []error
	// Strings, for the strings format, holds the strings that found no
	// place in their document; nil for the other formats.
	Strings *Strings
}

// FailedDoc is a document an extractor failed on, with why.
type FailedDoc struct {
	Doc string
	Err string
}

// ReadFile reads the predictions at path in format f (FormatAuto: see
// DetectFormat) against c: JSONL with ReadJSONL, CoNLL and segmented
// tokens with ReadCoNLL, spaCy with ReadSpaCy, strings with ReadStrings, a
// brat folder with brat.ReadPredictionDir. The error is for a path that
// cannot be read at all or does not fit the format (a file given as brat, a
// folder given as JSONL); everything found inside is in the set, sorted into
// failed, missing and unknown documents and other problems.
func ReadFile(path string, f Format, c *corpus.Corpus, opts ReadOptions) (*Set, error) {
	if f == FormatAuto || f == "" {
		var err error
		if f, err = DetectFormat(path); err != nil {
			return nil, err
		}
	}
	info, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	set := &Set{Path: path, Format: f, Corpus: c}
	var errs []error
	switch f {
	case FormatBrat:
		if !info.IsDir() {
			return nil, fmt.Errorf("%s: brat predictions are a folder of <doc>.ann files, not a file", path)
		}
		set.Mentions, errs = brat.ReadPredictionDir(path, c)
	case FormatJSONL, FormatCoNLL, FormatSegmented, FormatSpaCy, FormatStrings:
		if info.IsDir() {
			return nil, fmt.Errorf("%s is a folder: %s predictions are one file (a folder of .ann files is brat)", path, f)
		}
		file, err := os.Open(path)
		if err != nil {
			return nil, err
		}
		defer file.Close()
		r := bufio.NewReaderSize(file, 64<<10)
		switch f {
		case FormatCoNLL, FormatSegmented:
			copts := opts.CoNLL
			copts.Segmented = f == FormatSegmented
			set.Mentions, errs = ReadCoNLL(path, r, c, copts)
		case FormatSpaCy:
			set.Mentions, errs = ReadSpaCy(path, r, c)
		case FormatStrings:
			var strs Strings
			set.Mentions, strs, errs = ReadStrings(path, r, c, opts.Placer)
			set.Strings = &strs
		default:
			set.Mentions, errs = ReadJSONL(path, r, c)
		}
	default:
		return nil, fmt.Errorf("unknown predictions format %q (want %s)", f, formatList())
	}
	set.sort(errs)
	return set, nil
}

// sort files the readers' errors by kind and lists the missing documents.
func (s *Set) sort(errs []error) {
	unknown := map[string]bool{}
	failed := map[string]bool{}
	for _, err := range errs {
		var se *SyntaxError
		var ue *brat.UnknownDocError
		switch {
		case errors.As(err, &se) && errors.Is(se.Err, errUnknownDoc):
			id := se.Doc
			if id == "" {
				id = fmt.Sprintf("#%d", len(s.Corpus.Documents)+1+countUnnamed(s.Unknown))
			}
			if !unknown[id] {
				unknown[id] = true
				s.Unknown = append(s.Unknown, id)
			}
		case errors.As(err, &ue):
			if !unknown[ue.Doc] {
				unknown[ue.Doc] = true
				s.Unknown = append(s.Unknown, ue.Doc)
			}
		case errors.As(err, &se) && errors.Is(se.Err, errFailedDoc):
			failed[se.Doc] = true
			s.Failed = append(s.Failed, FailedDoc{Doc: se.Doc, Err: se.Error()})
		default:
			s.Problems = append(s.Problems, err)
		}
	}
	for _, d := range s.Corpus.Documents {
		if _, ok := s.Mentions[d.ID]; !ok && !failed[d.ID] {
			s.Missing = append(s.Missing, d.ID)
		}
	}
}

// countUnnamed counts the "#<n>" ids of unnamed documents past the corpus.
func countUnnamed(ids []string) int {
	n := 0
	for _, id := range ids {
		if strings.HasPrefix(id, "#") {
			n++
		}
	}
	return n
}

// UnknownError says which documents the file names that the corpus lacks,
// or is nil when there are none.
func (s *Set) UnknownError() error {
	if len(s.Unknown) == 0 {
		return nil
	}
	return fmt.Errorf("%s names %s that %s not in corpus %s (%d documents): %s; score it against the corpus it was made on (--corpus DIR --gold DIR)",
		s.Path, plural(len(s.Unknown), "a document", fmt.Sprintf("%d documents", len(s.Unknown))), plural(len(s.Unknown), "is", "are"),
		s.Corpus.Name, len(s.Corpus.Documents), QuoteIDs(s.Unknown, maxIDs))
}

// MissingError says which documents of the corpus the file has no
// predictions for, or is nil when it covers them all.
func (s *Set) MissingError() error {
	if len(s.Missing) == 0 {
		return nil
	}
	return fmt.Errorf("%s has no predictions for %d of the %d documents of corpus %s: %s (a document without mentions still needs its line, %s)",
		s.Path, len(s.Missing), len(s.Corpus.Documents), s.Corpus.Name, QuoteIDs(s.Missing, maxIDs), emptyLine(s.Format))
}

// emptyLine says how a format writes a document without mentions.
func emptyLine(f Format) string {
	switch f {
	case FormatBrat:
		return "an empty <doc>.ann file"
	case FormatCoNLL, FormatSegmented:
		return "its tokens tagged O"
	case FormatSpaCy:
		return `{"text":"…","spans":[]}`
	}
	return `{"doc":"<id>","mentions":[]}`
}

// maxIDs is how many document ids a message names before "and N more".
const maxIDs = 5

// QuoteIDs lists ids quoted and comma-separated, the first max of them, then
// "and N more" for the rest.
func QuoteIDs(ids []string, max int) string {
	var b strings.Builder
	for i, id := range ids {
		if i == max {
			fmt.Fprintf(&b, " and %d more", len(ids)-max)
			break
		}
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%q", id)
	}
	return b.String()
}
