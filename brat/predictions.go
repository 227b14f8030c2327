package brat

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/arabench/arabench/corpus"
)

// UnknownDocError is an .ann file of a predictions folder that is named for
// no document of the corpus.
type UnknownDocError struct {
	Path   string // the .ann file
	Doc    string // the id its name gives
	Corpus string // the corpus's name
}

// Error names the file, the document its name gives and the corpus.
func (e *UnknownDocError) Error() string {
	return fmt.Sprintf("%s: no document %q in corpus %s: a predictions file is named for the document it annotates", e.Path, e.Doc, e.Corpus)
}

// ReadPredictionDir reads a folder of brat .ann files that a system wrote as
// its predictions on c: <doc>.ann for a document's mentions, from the top
// level of dir (sub-folders and other files are ignored). It returns the
// mentions by document id, in byte offsets, and every problem found, each
// naming the file and, where there is one, the line.
//
// Reading is lenient, as predictions deserve: only T lines are needed; links
// (N lines) and values (Value notes) are kept when present and never
// required, and none of the guidelines' rules apply. An .ann file that names
// no document of c is an *UnknownDocError and is skipped; a document without
// a file is not in the returned map (the caller decides whether that is an
// error: see predictions.ReadFile). A malformed line is reported as "file:line: msg" and the
// rest of the file is still read. A folder without any .ann file is a
// problem too, since it is almost always the wrong folder. The caller owns
// the returned map.
func ReadPredictionDir(dir string, c *corpus.Corpus) (map[string][]corpus.Mention, []error) {
	preds := map[string][]corpus.Mention{}
	if c == nil {
		return preds, []error{fmt.Errorf("%s: no corpus to read the predictions against", dir)}
	}
	entries, err := os.ReadDir(dir)
	if err != nil {
		return preds, []error{fmt.Errorf("%s: cannot read the predictions folder: %w", dir, err)}
	}
	var errs []error
	files := 0
	for _, de := range entries {
		name := de.Name()
		if de.IsDir() || !strings.HasSuffix(name, ".ann") {
			continue
		}
		files++
		path := filepath.Join(dir, name)
		id := strings.TrimSuffix(name, ".ann")
		doc, ok := c.Doc(id)
		if !ok {
			errs = append(errs, &UnknownDocError{Path: path, Doc: id, Corpus: c.Name})
			continue
		}
		data, err := os.ReadFile(path)
		if err != nil {
			errs = append(errs, fmt.Errorf("%s: cannot read: %w", path, err))
			continue
		}
		f, perrs := Parse(path, bytes.NewReader(data))
		errs = append(errs, perrs...)
		ms, merrs := f.Mentions(doc)
		errs = append(errs, merrs...)
		preds[id] = ms
	}
	if files == 0 {
		errs = append(errs, fmt.Errorf("%s: no .ann files: brat predictions are a folder of <doc>.ann files", dir))
	}
	return preds, errs
}
