package extract

import (
	"context"
	"errors"
	"fmt"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract/wire"
)

// Result is what one extractor predicted on a list of documents. Everything in
// it is deterministic for a deterministic extractor: documents keep their input
// order, mentions are sorted, errors follow the documents.
type Result struct {
	// Extractor and Version identify the extractor (Version is "" when it
	// does not implement Versioner).
	Extractor string
	Version   string
	// Types are the mention types the extractor declares (see Typer); nil
	// when it declares none.
	Types []string
	// Docs holds one entry per input document, in input order.
	Docs []DocResult
	// Errors lists every *DocError of the run: documents the extractor
	// failed on, and mentions it returned that do not fit their document.
	// Documents that never ran are not in it: Stopped says why they did not.
	Errors []error
	// Stopped is why some documents never ran: the context's error (an
	// interrupted run) or a *FailureLimitError. It is nil when every
	// document ran.
	Stopped error
}

// Status is what became of one document of a run.
type Status int

// The statuses of a document.
const (
	// Done: Extract returned; the document's mentions are its predictions.
	Done Status = iota
	// Failed: Extract returned an error (or panicked), on every attempt.
	Failed
	// NotRun: Extract never returned for the document, because the run
	// stopped first (Result.Stopped): it was never sent, or it was cut
	// short.
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
	// Attempts is how many times the document was sent: 1, more when it
	// was retried (RunOptions.Retries), 0 when it did not run.
	Attempts int
}

// Predictions returns the mentions of every document that was done, by id,
// the shape predictions.ReadJSONL returns; failed documents and those never
// run are not in it (see Unscored). The slices are shared with r.
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

// FailureLimitError is Result.Stopped when a run stopped because
// RunOptions.MaxFailures documents in a row failed.
type FailureLimitError struct {
	Failures int
}

func (e *FailureLimitError) Error() string {
	return fmt.Sprintf("stopped after %d documents in a row failed", e.Failures)
}

// Pool is implemented by extractors made of a fixed number of workers that
// each take one document at a time, such as an external program run as
// several processes (CommandOptions.Jobs). Run gives worker w the documents
// at positions w, w+n, w+2n, … of its input (n = Workers(), positions from
// 0), each worker's in input order: every worker sees its documents in input
// order, and a rerun sends every worker the same documents in the same order.
// The price of this fixed assignment is that a worker whose documents are
// slower finishes last while the others wait.
type Pool interface {
	Extractor
	// Workers returns the number of workers, at least 1.
	Workers() int
	// ExtractOn is Extract on worker w, 0 <= w < Workers().
	ExtractOn(ctx context.Context, w int, doc corpus.Document) ([]Mention, error)
}

// RunOptions tune RunWith. The zero value sends every document once and never
// stops early.
type RunOptions struct {
	// Retries is how many more times a document that failed is sent, right
	// after it failed, before it counts as failed. Only the last attempt's
	// errors are kept.
	Retries int
	// MaxFailures, when positive, stops the run once that many documents in
	// a row (in the order they finish) failed: the documents not done yet
	// are NotRun, and Result.Stopped is a *FailureLimitError. A document
	// that is done resets the count.
	MaxFailures int
	// Progress, when not nil, is called after each document that finished
	// (done or failed) with the number finished so far. Calls do not
	// overlap.
	Progress func(finished int)
}

// Run is RunWith with the zero RunOptions.
func Run(ctx context.Context, ex Extractor, docs []corpus.Document) *Result {
	return RunWith(ctx, ex, docs, RunOptions{})
}

// RunWith applies ex to every document and checks every mention it returns
// against its document: 0 <= start < end <= len(text), both offsets on
// character boundaries, a known type, and a text, when given, equal to the
// span. A document the extractor fails on, or a mention that does not fit,
// is reported in Result.Errors and the run goes on; a panic inside Extract is
// reported the same way. A Pool gets its documents as Pool says; any other
// extractor gets them in input order from GOMAXPROCS goroutines. When ctx
// ends, or opts.MaxFailures documents in a row failed, the documents not done
// are marked NotRun, with the reason in Result.Stopped and their Err.
func RunWith(ctx context.Context, ex Extractor, docs []corpus.Document, opts RunOptions) *Result {
	return NewRunner(ex, opts).Run(ctx, docs)
}

// Runner runs one extractor over documents given in batches, as one run:
// opts.MaxFailures counts failures in a row across batches, opts.Progress
// counts the documents finished since the first batch, and once the run has
// stopped (the context ended or too many documents failed in a row) every
// later batch is marked NotRun with the same cause, without a document sent.
// A Pool's workers take the documents of the whole run in turn, as if it were
// one batch: worker w gets the documents at positions w, w+n, w+2n, … counted
// from the first document of the first batch.
// A Runner is used by one goroutine at a time.
type Runner struct {
	ex          Extractor
	opts        RunOptions
	failedInRow int
	finished    int
	given       int // documents in the batches before this one
	stopped     error
}

// NewRunner returns a Runner of ex with opts.
func NewRunner(ex Extractor, opts RunOptions) *Runner {
	return &Runner{ex: ex, opts: opts}
}

// Run is RunWith on the next batch of the run: its Result holds the
// documents of docs only.
func (rn *Runner) Run(ctx context.Context, docs []corpus.Document) *Result {
	ex := rn.ex
	r := &runner{
		name:        ex.Name(),
		docs:        docs,
		opts:        rn.opts,
		res:         &Result{Extractor: ex.Name(), Version: Version(ex), Types: Types(ex), Docs: make([]DocResult, len(docs))},
		errs:        make([][]error, len(docs)),
		finished:    rn.finished,
		failedInRow: rn.failedInRow,
	}
	for i, doc := range docs {
		r.res.Docs[i] = DocResult{Doc: doc.ID, Status: NotRun}
	}
	runCtx, stop := context.WithCancelCause(ctx)
	defer stop(nil)
	r.stop = stop
	if rn.stopped != nil {
		stop(rn.stopped)
	}

	var wg sync.WaitGroup
	if pool, ok := ex.(Pool); ok {
		n := max(pool.Workers(), 1)
		for w := range n {
			first := ((w-rn.given)%n + n) % n // the batch's first position that is w's
			wg.Go(func() {
				for i := first; i < len(docs) && runCtx.Err() == nil; i += n {
					r.do(runCtx, i, func(ctx context.Context, doc corpus.Document) ([]Mention, error) {
						return pool.ExtractOn(ctx, w, doc)
					})
				}
			})
		}
	} else {
		var next atomic.Int64
		for range min(runtime.GOMAXPROCS(0), len(docs)) {
			wg.Go(func() {
				for runCtx.Err() == nil {
					i := int(next.Add(1) - 1)
					if i >= len(docs) {
						return
					}
					r.do(runCtx, i, ex.Extract)
				}
			})
		}
	}
	wg.Wait()

	for _, e := range r.errs {
		r.res.Errors = append(r.res.Errors, e...)
	}
	cause := context.Cause(runCtx)
	for i := range r.res.Docs {
		if d := &r.res.Docs[i]; d.Status == NotRun {
			d.Err = &DocError{Extractor: r.name, Doc: d.Doc, Err: fmt.Errorf("not run: %w", cause)}
			r.res.Stopped = cause
		}
	}
	// A run stopped on the last document of a batch stops the next batches.
	rn.finished, rn.failedInRow, rn.stopped = r.finished, r.failedInRow, cause
	rn.given += len(docs)
	return r.res
}

// runner is the state of one RunWith.
type runner struct {
	name string
	docs []corpus.Document
	opts RunOptions
	stop context.CancelCauseFunc

	mu          sync.Mutex // guards what follows, and res.Docs[i] once written
	res         *Result
	errs        [][]error // per document
	finished    int
	failedInRow int
}

// do runs document i, with its retries, and records the outcome.
func (r *runner) do(ctx context.Context, i int, extract func(context.Context, corpus.Document) ([]Mention, error)) {
	doc := r.docs[i]
	var (
		ms       []Mention
		errs     []error
		failure  error
		attempts int
	)
	for attempts = 1; ; attempts++ {
		ms, errs, failure = runOne(ctx, extract, r.name, doc)
		if failure == nil || attempts > r.opts.Retries || ctx.Err() != nil {
			break
		}
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	if failure != nil && ctx.Err() != nil {
		// Cut short by the end of the run: not the extractor's failure.
		return
	}
	d := &r.res.Docs[i]
	d.Mentions, d.Attempts, d.Status = ms, attempts, Done
	r.errs[i] = errs
	if failure != nil {
		d.Status, d.Err = Failed, failure
		r.failedInRow++
		if r.opts.MaxFailures > 0 && r.failedInRow >= r.opts.MaxFailures {
			r.stop(&FailureLimitError{Failures: r.failedInRow})
		}
	} else {
		r.failedInRow = 0
	}
	r.finished++
	if r.opts.Progress != nil {
		r.opts.Progress(r.finished)
	}
}

// runOne extracts the mentions of one document and keeps the valid ones.
// failure is the *DocError of a document Extract failed on, nil otherwise.
func runOne(ctx context.Context, extract func(context.Context, corpus.Document) ([]Mention, error), name string, doc corpus.Document) (valid []Mention, errs []error, failure error) {
	ms, err := safeExtract(ctx, extract, doc)
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
		if problem := wire.CheckMention(doc.Text, ix, m); problem != "" {
			errs = append(errs, &DocError{Extractor: name, Doc: doc.ID, Mention: &m, Err: errors.New(problem)})
			continue
		}
		m.Text = doc.Text[m.Start:m.End]
		valid = append(valid, m)
	}
	wire.SortMentions(valid)
	return valid, errs, nil
}

// safeExtract calls extract and turns a panic into an error, so that one
// broken document cannot take the whole evaluation down.
func safeExtract(ctx context.Context, extract func(context.Context, corpus.Document) ([]Mention, error), doc corpus.Document) (ms []Mention, err error) {
	defer func() {
		if r := recover(); r != nil {
			ms, err = nil, fmt.Errorf("panic: %v", r)
		}
	}()
	return extract(ctx, doc)
}
