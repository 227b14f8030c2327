package conlleval

import (
	"bufio"
	"bytes"
	"fmt"
	"io"
	"strconv"
)

// Options are conlleval.pl's command-line options (all but -l, its LaTeX
// output). The zero value is the script's default.
type Options struct {
	// Delimiter is -d: the pattern that separates columns, a regular
	// expression in RE2 syntax matched on bytes as perl matches it; "" means
	// a single space, conlleval.pl's default. "\t" reads tab-separated files.
	Delimiter string
	// Raw is -r: the tags carry no chunk prefix. Every tag other than OTag
	// becomes B-<tag>, so each token is a chunk of its own, typed by its tag.
	Raw bool
	// OTag is -o: the outside tag of raw tags ("" means "O"). As in
	// conlleval.pl, it is read only when Raw is set.
	OTag string
}

// Boundary is conlleval.pl's sentence boundary token: a line whose first
// column is -X- ends the sentence whatever its other columns hold.
const Boundary = "-X-"

// Item is one line of a conlleval input file: a token with its gold and
// guessed tags, or a sentence boundary.
type Item struct {
	// Line is the 1-based line number in the file.
	Line int
	// Boundary is set for a line without columns (empty, or delimiters only)
	// and for a line whose first column is -X-.
	Boundary bool
	// Word is the first column; empty when the file has only the two tag
	// columns.
	Word string
	// Gold and Guess are the second-to-last and last columns; with
	// Options.Raw, already turned into B-<tag> or O.
	Gold, Guess string
}

// File is a conlleval input file: columns separated by a delimiter, one token
// a line, the gold tag second to last and the guessed tag last, sentences
// separated by empty lines or -X- lines.
type File struct {
	// Name is the file name used in errors and document ids.
	Name string
	// Columns is the number of columns of every line that has some (fixed by
	// the first such line); 0 when no line has any.
	Columns int
	// Items are the file's tokens and boundaries in order.
	Items []Item
	// CRLines counts the lines whose final carriage return was dropped
	// (conlleval.pl keeps it; see the package doc).
	CRLines int
}

// SyntaxError is a line of an input file that conlleval.pl refuses. It
// prints as "file:line: msg".
type SyntaxError struct {
	FileName string
	Line     int
	Msg      string
}

// Error formats the error as "file:line: msg".
func (e *SyntaxError) Error() string { return fmt.Sprintf("%s:%d: %s", e.FileName, e.Line, e.Msg) }

// Read reads a conlleval input file as conlleval.pl does. It stops at the
// first line the script refuses and returns a *SyntaxError naming it:
//
//   - a line with another number of columns than the first line with
//     columns (conlleval.pl: "unexpected number of features", exit status 1);
//   - a token line with fewer than two columns (conlleval.pl: "unexpected
//     number of features in line"), so a file of one column is an error and
//     not a score of zero.
//
// A delimiter that is not a valid pattern is an error before any reading; an
// I/O error is returned wrapped with the file name.
func Read(r io.Reader, name string, opts Options) (*File, error) {
	delim := opts.Delimiter
	if delim == "" {
		delim = " "
	}
	sp, err := newSplitter(delim)
	if err != nil {
		return nil, err
	}
	oTag := opts.OTag
	if oTag == "" {
		oTag = "O"
	}
	f := &File{Name: name}
	br := bufio.NewReaderSize(r, 64<<10)
	var line []byte
	var cols [][]byte
	firstLine := 0
	for n := 1; ; n++ {
		line, err = readLine(br, line)
		if len(line) == 0 && err == io.EOF {
			break
		}
		if err != nil && err != io.EOF {
			return nil, fmt.Errorf("%s: %w", name, err)
		}
		text := bytes.TrimSuffix(line, []byte("\n"))
		if t, ok := bytes.CutSuffix(text, []byte("\r")); ok {
			text = t
			f.CRLines++
		}
		cols = sp.split(cols, text)
		switch {
		case len(cols) == 0:
		case f.Columns == 0:
			f.Columns, firstLine = len(cols), n
		case len(cols) != f.Columns:
			return nil, &SyntaxError{FileName: name, Line: n, Msg: fmt.Sprintf(
				"%s where line %d has %d; conlleval.pl stops here (unexpected number of features: %d (%d))%s",
				columns(len(cols)), firstLine, f.Columns, len(cols), f.Columns, hint(text, opts.Delimiter))}
		}
		if len(cols) == 0 || string(cols[0]) == Boundary {
			f.Items = append(f.Items, Item{Line: n, Boundary: true})
		} else if len(cols) < 2 {
			return nil, &SyntaxError{FileName: name, Line: n, Msg: fmt.Sprintf(
				"1 column; conlleval needs at least two, the gold tag and the guessed tag last%s", hint(text, opts.Delimiter))}
		} else {
			it := Item{Line: n, Gold: string(cols[len(cols)-2]), Guess: string(cols[len(cols)-1])}
			if len(cols) > 2 {
				it.Word = string(cols[0])
			}
			if opts.Raw {
				it.Gold, it.Guess = rawTag(it.Gold, oTag), rawTag(it.Guess, oTag)
			}
			f.Items = append(f.Items, it)
		}
		if err == io.EOF {
			break
		}
	}
	return f, nil
}

// rawTag is conlleval.pl's -r: the outside tag becomes O and any other tag
// but O the beginning of a chunk of its own type.
func rawTag(tag, oTag string) string {
	if tag == oTag {
		tag = "O"
	}
	if tag != "O" {
		tag = "B-" + tag
	}
	return tag
}

func columns(n int) string {
	if n == 1 {
		return "1 column"
	}
	return strconv.Itoa(n) + " columns"
}

// hint explains the usual cause of a wrong number of columns with the
// default delimiter: a tab, or spaces that make empty columns.
func hint(line []byte, delimiter string) string {
	if delimiter != "" && delimiter != " " {
		return ""
	}
	switch {
	case bytes.IndexByte(line, '\t') >= 0:
		return `: columns are separated by single spaces, as in conlleval.pl, and this line has tabs (a tab-separated file needs --delimiter '\t')`
	case bytes.Contains(line, []byte("  ")) || bytes.HasPrefix(line, []byte(" ")):
		return ": columns are separated by single spaces, as in conlleval.pl, so two spaces in a row, or a space first, make an empty column"
	}
	return ""
}

// readLine reads one line, with its line feed, into buf[:0], whatever its
// length.
func readLine(br *bufio.Reader, buf []byte) ([]byte, error) {
	buf = buf[:0]
	for {
		chunk, err := br.ReadSlice('\n')
		buf = append(buf, chunk...)
		if err != bufio.ErrBufferFull {
			return buf, err
		}
	}
}
