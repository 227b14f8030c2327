package extract

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"

	"github.com/arabench/arabench/corpus"
)

// Result is what one extractor predicted on a list of documents. Everything in
// it is deterministic for a deterministic extractor: documents keep their input
// order, mentions are sorted, errors follow the documents.
type Result struct {
	// Extractor and Version identify the extractor (Version is "" when it
	// does not implement Versioner).
	Extractor string
	Version   string
	// Docs holds one entry per input document, in input order.
	Docs []DocResult
	// Errors lists every *DocError of the run: documents the extractor
	// failed on, and mentions it returned that do not fit their document.
	Errors []error
}

// Status is what became of one document of a run.
type Status int

// The statuses of a document.
const (
	// Done: Extract returned; the document's mentions are its predictions.
	Done Status = iota
	// Failed: Extract returned an error (or panicked).
	Failed
	// NotRun: Extract was never called, because the context ended first
	// (an interrupted run).
	NotRun
)

// String names the status as run files do: "scored", "failed", "not_run".
func (s Status) String() string {
	switch s {
	case Done:
		return "scored"
	case Failed:
		return "failed"
	case NotRun:
		return "not_run"
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// DocResult is the outcome of one document.
type DocResult struct {
	Doc string
	// Mentions are the valid mentions, sorted by start, end and type, each
	// with Text set to the span it covers. Invalid mentions are left out and
	// reported in Result.Errors.
	Mentions []Mention
	// Status says whether Extract returned, failed or was never called;
	// Mentions is empty unless it is Done.
	Status Status
	// Err is why the document failed or did not run; nil when Done.
	Err error
}

// Predictions returns the mentions of every document that was done, by id,
// the shape ReadPredictions returns; failed documents and those never run
// are not in it (see Unscored). The slices are shared with r.
func (r *Result) Predictions() map[string][]Mention {
	p := make(map[string][]Mention, len(r.Docs))
	for _, d := range r.Docs {
		if d.Status == Done {
			p[d.Doc] = d.Mentions
		}
	}
	return p
}

// Unscored returns the documents that failed or never ran, in input order.
func (r *Result) Unscored() []DocResult {
	var out []DocResult
	for _, d := range r.Docs {
		if d.Status != Done {
			out = append(out, d)
		}
	}
	return out
}

// DocError is a failure of an extractor on one document: Extract returned an
// error (Mention is nil), or a mention it returned does not fit the document
// (Mention is that mention).
type DocError struct {
	Extractor string
	Doc       string
	Mention   *Mention
	Err       error
}

func (e *DocError) Error() string {
	if e.Mention != nil {
		return fmt.Sprintf("extractor %q: doc %q: mention %s: %v", e.Extractor, e.Doc, e.Mention, e.Err)
	}
	return fmt.Sprintf("extractor %q: doc %q: %v", e.Extractor, e.Doc, e.Err)
}

func (e *DocError) Unwrap() error { return e.Err }

// Run applies ex to every document, at most GOMAXPROCS documents at a time,
// and checks every mention it returns against its document: 0 <= start < end
// <= len(text), both offsets on character boundaries, a known type, and a
// text, when given, equal to the span. A document the extractor fails on, or
// a mention that does not fit, is reported in Result.Errors and the run goes
// on; a panic inside Extract is reported the same way. When ctx ends, the
// documents not yet started are marked NotRun with ctx's error.
func Run(ctx context.Context, ex Extractor, docs []corpus.Document) *Result {
	name := ex.Name()
	res := &Result{Extractor: name, Version: Version(ex), Docs: make([]DocResult, len(docs))}
	errs := make([][]error, len(docs))

	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for i, doc := range docs {
		res.Docs[i].Doc = doc.ID
		select {
		case sem <- struct{}{}:
		case <-ctx.Done():
		}
		if err := ctx.Err(); err != nil {
			de := &DocError{Extractor: name, Doc: doc.ID, Err: fmt.Errorf("not run: %w", err)}
			res.Docs[i].Status, res.Docs[i].Err = NotRun, de
			errs[i] = []error{de}
			continue
		}
		wg.Go(func() {
			defer func() { <-sem }()
			var failure error
			res.Docs[i].Mentions, errs[i], failure = runOne(ctx, ex, name, doc)
			if failure != nil {
				res.Docs[i].Status, res.Docs[i].Err = Failed, failure
			}
		})
	}
	wg.Wait()
	for _, e := range errs {
		res.Errors = append(res.Errors, e...)
	}
	return res
}

// runOne extracts the mentions of one document and keeps the valid ones.
// failure is the *DocError of a document Extract failed on, nil otherwise.
func runOne(ctx context.Context, ex Extractor, name string, doc corpus.Document) (valid []Mention, errs []error, failure error) {
	ms, err := safeExtract(ctx, ex, doc)
	if err != nil {
		var de *DocError
		if !errors.As(err, &de) || de.Extractor != name || de.Doc != doc.ID {
			de = &DocError{Extractor: name, Doc: doc.ID, Err: err}
		}
		return nil, []error{de}, de
	}
	if len(ms) == 0 {
		return nil, nil, nil
	}
	ix := corpus.NewIndex(doc.Text)
	valid = make([]Mention, 0, len(ms))
	for _, m := range ms {
		if problem := checkMention(doc.Text, ix, m); problem != "" {
			errs = append(errs, &DocError{Extractor: name, Doc: doc.ID, Mention: &m, Err: errors.New(problem)})
			continue
		}
		m.Text = doc.Text[m.Start:m.End]
		valid = append(valid, m)
	}
	sortMentions(valid)
	return valid, errs, nil
}

// safeExtract calls ex.Extract and turns a panic into an error, so that one
// broken document cannot take the whole evaluation down.
func safeExtract(ctx context.Context, ex Extractor, doc corpus.Document) (ms []Mention, err error) {
	defer func() {
		if r := recover(); r != nil {
			ms, err = nil, fmt.Errorf("panic: %v", r)
		}
	}()
	return ex.Extract(ctx, doc)
}

// checkMention reports what is wrong with a byte-offset mention of text, or "".
func checkMention(text string, ix *corpus.Index, m Mention) string {
	if p := checkSpan(text, ix, m.Start, m.End); p != "" {
		return p
	}
	if p := checkType(m.Type); p != "" {
		return p
	}
	if m.Text != "" {
		return checkText(m.Text, text[m.Start:m.End])
	}
	return ""
}
