package runfile

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/metrics"
)

// NewDoc is the run file entry of a document scored with preds (byte
// offsets into d.Text), converted to code points.
func NewDoc(extractor string, d corpus.Document, preds []corpus.Mention) (Doc, error) {
	ix := corpus.NewIndex(d.Text)
	rd := Doc{Doc: d.ID, Status: metrics.StatusScored, Mentions: []Mention{}}
	for _, m := range preds {
		s, e, err := ix.CodePointSpan(m.Start, m.End)
		if err != nil {
			return Doc{}, fmt.Errorf("run of %s: doc %q: mention %s: %w", extractor, d.ID, m, err)
		}
		rd.Mentions = append(rd.Mentions, Mention{s, e, m.Type, d.Text[m.Start:m.End], m.Entity, m.Value})
	}
	return rd, nil
}

// UnscoredDoc is the run file entry of a document that was not scored:
// status is failed, not run or missing, why the error.
func UnscoredDoc(id string, status metrics.DocStatus, why string) (Doc, error) {
	if status == metrics.StatusScored || !validStatus(status) || status == "" {
		return Doc{}, fmt.Errorf("doc %q: %q is not the status of a document that was not scored", id, status)
	}
	return Doc{Doc: id, Status: status, Error: why, Mentions: []Mention{}}, nil
}

// Writer writes a run file whose predictions come one document at a time,
// so that a run over a corpus larger than memory never holds them all: they
// are encoded as they come into a temporary file beside the run file, and
// Finish writes the run file, byte for byte what Run.Write writes of the
// same run, and renames it into place atomically (see Run.WriteFile).
type Writer struct {
	path  string
	spool *os.File
	buf   *bufio.Writer
	doc   bytes.Buffer // one document, encoded
	enc   *json.Encoder
	n     int
}

// NewWriter starts the run file at path. Its folder must take a new file.
func NewWriter(path string) (*Writer, error) {
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.docs")
	if err != nil {
		return nil, err
	}
	w := &Writer{path: path, spool: f, buf: bufio.NewWriterSize(f, 1<<20)}
	w.enc = json.NewEncoder(&w.doc)
	w.enc.SetEscapeHTML(false)
	// A document is an element of the run's "predictions", two levels deep.
	w.enc.SetIndent("  ", " ")
	return w, nil
}

// Add appends the next document, in corpus order.
func (w *Writer) Add(d Doc) error {
	sep := ",\n  "
	if w.n == 0 {
		sep = "\n  "
	}
	w.doc.Reset()
	if err := w.enc.Encode(d); err != nil {
		return err
	}
	if _, err := w.buf.WriteString(sep); err != nil {
		return err
	}
	w.n++
	// Encode ends the value with a newline, which the next separator or
	// Finish replaces.
	_, err := w.buf.Write(bytes.TrimSuffix(w.doc.Bytes(), []byte("\n")))
	return err
}

// Finish writes the run file: run's fields with the documents added as its
// predictions (run.Predictions must be empty). On failure nothing is left
// but what was at path before.
func (w *Writer) Finish(run *Run) (err error) {
	defer w.Abort()
	if len(run.Predictions) > 0 {
		return fmt.Errorf("%s: the run's predictions come from Add, not from the run", w.path)
	}
	if err := w.buf.Flush(); err != nil {
		return err
	}
	head := *run
	head.Predictions = []Doc{}
	var b bytes.Buffer
	if err := head.Write(&b); err != nil {
		return err
	}
	const empty = `"predictions": []`
	// String values are escaped, so the key with its quotes appears once.
	i := bytes.Index(b.Bytes(), []byte(empty))
	if i < 0 {
		return fmt.Errorf("%s: no predictions in the encoded run", w.path)
	}
	return writeAtomically(w.path, func(out io.Writer) error {
		if _, err := out.Write(b.Bytes()[:i+len(empty)-1]); err != nil {
			return err
		}
		if w.n > 0 {
			if _, err := w.spool.Seek(0, io.SeekStart); err != nil {
				return err
			}
			if _, err := io.Copy(out, w.spool); err != nil {
				return err
			}
			if _, err := io.WriteString(out, "\n "); err != nil {
				return err
			}
		}
		_, err := out.Write(b.Bytes()[i+len(empty)-1:])
		return err
	})
}

// Abort removes the temporary file; the run file is not written. Finish
// calls it; calling it again does nothing.
func (w *Writer) Abort() {
	if w.spool != nil {
		w.spool.Close()
		os.Remove(w.spool.Name())
		w.spool = nil
	}
}
