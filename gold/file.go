package gold

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"

	"github.com/arabench/arabench/conll"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/spans"
)

// Format is how a gold is written.
type Format string

// The formats of a gold.
const (
	// FormatBrat is a folder of <doc>.ann files (Load), over a corpus of
	// .txt documents.
	FormatBrat Format = "brat"
	// FormatCoNLL is a token file (package conll): the corpus is the text
	// rebuilt from its tokens.
	FormatCoNLL Format = "conll"
	// FormatJSONL is one JSON object per document per line, with the
	// document's text and its mentions' code point spans (package spans).
	FormatJSONL Format = "jsonl"
)

// maxSniff is how much of a file Sniff reads.
const maxSniff = 64 << 10

// standoffLine is the start of a brat .ann line: an id letter, a number and
// a tab.
var standoffLine = regexp.MustCompile(`^[TRENAM#][0-9]+\t`)

// StandoffError is a file whose first line is a brat standoff line
// (`T1<TAB>PER 0 5<TAB>…`): brat annotations are a folder of <doc>.ann files,
// never one file.
type StandoffError struct {
	Path string
	// Line is the first line, without its line end.
	Line string
}

func (e *StandoffError) Error() string {
	return fmt.Sprintf("%s is a brat .ann file: a brat gold is the folder of its <doc>.ann files; give the folder", e.Path)
}

// Sniff tells what path holds from its content, never from its name: a
// folder is FormatBrat; in a file, the first line that is not blank (after a
// UTF-8 byte order mark) decides: `{` starts JSON lines (FormatJSONL),
// anything else is a token file (FormatCoNLL). A file without such a line
// gives "". A first line that is a brat standoff line is a *StandoffError.
// head is the start of the file (at most 64 KiB, the byte order mark
// removed), for callers that tell kinds of JSON or token files apart.
func Sniff(path string) (f Format, head []byte, err error) {
	info, err := os.Stat(path)
	if err != nil {
		return "", nil, err
	}
	if info.IsDir() {
		return FormatBrat, nil, nil
	}
	file, err := os.Open(path)
	if err != nil {
		return "", nil, err
	}
	defer file.Close()
	head, err = io.ReadAll(io.LimitReader(file, maxSniff))
	if err != nil {
		return "", nil, fmt.Errorf("%s: %w", path, err)
	}
	head = bytes.TrimPrefix(head, []byte("\ufeff"))
	for line := range bytes.Lines(head) {
		trimmed := bytes.TrimLeft(line, " \t\r\n")
		switch {
		case len(trimmed) == 0:
			continue
		case trimmed[0] == '{':
			return FormatJSONL, head, nil
		case standoffLine.Match(trimmed):
			return "", head, &StandoffError{Path: path, Line: strings.TrimRight(string(line), "\r\n")}
		}
		return FormatCoNLL, head, nil
	}
	return "", head, nil
}

// DetectFormat tells a gold's format from what path holds (see Sniff); an
// empty file is an error.
func DetectFormat(path string) (Format, error) {
	f, _, err := Sniff(path)
	if err == nil && f == "" {
		err = fmt.Errorf("%s is empty", path)
	}
	return f, err
}

// ReadFile reads a gold given as one file — a CoNLL token file (read with
// opts, see conll.Read) or JSONL spans (spans.Read) — and returns the corpus
// it defines, named after the file, with the gold over it. Every problem is
// in the error, naming the file and line.
func ReadFile(path string, f Format, opts conll.Options) (*corpus.Corpus, *Gold, error) {
	file, err := os.Open(path)
	if err != nil {
		return nil, nil, err
	}
	defer file.Close()
	name := strings.TrimSuffix(filepath.Base(path), filepath.Ext(path))
	r := bufio.NewReaderSize(file, 64<<10)
	var (
		c  *corpus.Corpus
		ms map[string][]corpus.Mention
	)
	switch f {
	case FormatCoNLL:
		cf, err := conll.Read(r, path, opts)
		if err != nil {
			return nil, nil, err
		}
		c, ms = cf.Corpus(name), cf.Mentions()
	case FormatJSONL:
		if c, ms, err = spans.Read(path, r); err != nil {
			return nil, nil, err
		}
		c.Name = name
	default:
		return nil, nil, fmt.Errorf("gold: %s: format %q is not a gold file (want conll or jsonl)", path, f)
	}
	if len(c.Documents) == 0 {
		return nil, nil, fmt.Errorf("gold: %s holds no document", path)
	}
	return c, FromMentions(c, ms), nil
}
