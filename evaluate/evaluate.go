// Package evaluate scores one extractor over an evaluation set (evalset.Set)
// a batch of documents at a time: each batch is run, scored and written to
// the run file, and only what a board, its views and the bootstrap need of
// it is kept — the sum of the documents' scores (each score only when asked),
// the sentence units, the label counts, the count of documents and the ids of
// those not scored — so a streamed corpus is never held in memory.
//
// Running the extractor (and saying how it went) is the caller's: Run is
// given the function that runs one batch.
package evaluate

import (
	"context"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/evalset"
	"github.com/arabench/arabench/extract"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/predictions"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/shard"
	"github.com/arabench/arabench/signature"
)

// Options say what an evaluation covers, keeps and writes.
type Options struct {
	// Name is the system's name, as the run file records it.
	Name string
	// Shard is the part of the set evaluated; nil is all of it.
	Shard *shard.Spec
	// Headline is the scheme of the run file's signature.
	Headline metrics.Scheme
	// Avg is the overall row's average.
	Avg metrics.Avg
	// Bootstrap, when set, gives intervals beside every F1 (Result.CI) and
	// is recorded in the signature.
	Bootstrap *bootstrap.Bootstrap
	// PerDoc keeps every document's score (the Report's Docs).
	PerDoc bool
	// Confusion keeps the type confusion (Eval.Confusion).
	Confusion bool
	// Save is the run file to write; "" writes none.
	Save string
}

// Eval is the evaluation of one extractor over a set: New, Run, Result,
// then Finish to write the run file, and Close when done. Its methods are
// not safe for concurrent use.
type Eval struct {
	set  *evalset.Set
	opts Options
	sig  signature.Signature

	sum       *metrics.Sum
	scores    []metrics.DocScore // kept for Options.PerDoc only
	units     *bootstrap.Units
	confusion *metrics.Confusion
	labels    predictions.LabelTally
	coverage  metrics.Coverage // every document so far, and which were not scored
	version   string
	declared  []string
	save      *runfile.Writer // nil without Options.Save
	saveErr   error
	// interrupted is whether the context of Run was done when it returned.
	interrupted bool
}

// Result is what an evaluation found.
type Result struct {
	// Report is the scores, with the linking and value parts the gold gives
	// nothing to score against dropped (see evalset.Set.UnscoredParts).
	Report *metrics.Report
	// Coverage is every document, and which were not scored; Partial when
	// the run was interrupted before some documents ran.
	Coverage metrics.Coverage
	// CI are the intervals of Options.Bootstrap; nil without one.
	CI *bootstrap.Intervals
	// Notes say which parts of the report were not scored.
	Notes []string
}

// New returns the evaluation of one system over set. With Options.Save it
// creates the run file, to which Run adds every batch and Finish the rest
// (the run file is written to a spool beside the path, and the path itself
// only by Finish); an error is one of creating it. The caller calls Close
// when done.
func New(set *evalset.Set, opts Options) (*Eval, error) {
	ev := &Eval{set: set, opts: opts, sig: set.Signature("", opts.Avg), sum: metrics.NewSum()}
	if opts.Bootstrap != nil {
		ev.sig.Boot = opts.Bootstrap.Spec()
		ev.units = bootstrap.NewUnits()
	}
	if opts.Save != "" {
		var err error
		if ev.save, err = runfile.NewWriter(opts.Save); err != nil {
			return nil, err
		}
	}
	return ev, nil
}

// Count is the number of documents the evaluation covers.
func (ev *Eval) Count() int { return ev.set.Count(ev.opts.Shard) }

// Close removes what New created of the run file, unless Finish wrote it.
// It may be called more than once.
func (ev *Eval) Close() {
	if ev.save != nil {
		ev.save.Abort()
	}
}

// Run calls run on every batch of the set (see evalset.Set.Batches) and
// keeps what the evaluation needs of its result; ctx done when it returns
// makes the run an interrupted one (see Result). An error is one of
// reading the set.
func (ev *Eval) Run(ctx context.Context, run func(context.Context, []corpus.Document) *extract.Result) error {
	err := ev.set.Batches(ev.opts.Shard, func(docs []corpus.Document, gold map[string][]corpus.Mention) error {
		ev.add(docs, gold, run(ctx, docs))
		return nil
	})
	ev.interrupted = ctx.Err() != nil
	return err
}

// LabelMismatch is the labels the predictions and the gold do not share,
// after the label map.
func (ev *Eval) LabelMismatch() predictions.LabelMismatch { return ev.labels.Mismatch() }

// Version is the extractor's version (extract.Result.Version).
func (ev *Eval) Version() string { return ev.version }

// Declared are the types the extractor declares (extract.Result.Types).
func (ev *Eval) Declared() []string { return ev.declared }

// Confusion is the type confusion of every document, when
// Options.Confusion.
func (ev *Eval) Confusion() *metrics.Confusion { return ev.confusion }

// Result is what the evaluation found. Documents that failed or never ran
// have no predictions: they are scored as empty, and Coverage says so; an
// interrupted run (the context of Run was done) is partial when some
// documents never ran.
func (ev *Eval) Result() Result {
	cov := ev.coverage
	cov.Partial = ev.interrupted && len(cov.NotRun) > 0
	report := ev.sum.Report(metrics.Options{Signature: ev.sig})
	report.Docs = ev.scores
	res := Result{Report: report, Coverage: cov, Notes: ev.set.UnscoredParts(report)}
	if ev.opts.Bootstrap != nil {
		res.CI = ev.opts.Bootstrap.Intervals(ev.units)
	}
	return res
}

// add keeps what the evaluation needs of one batch and its result.
func (ev *Eval) add(docs []corpus.Document, gold map[string][]corpus.Mention, res *extract.Result) {
	ev.version, ev.declared = res.Version, res.Types
	preds := res.Predictions()
	unscored := map[string]metrics.DocStatus{}
	for _, d := range res.Unscored() {
		unscored[d.Doc] = status(d.Status)
	}
	mapped := ev.set.Labels.ApplyAll(preds)
	ev.labels.Add(gold, mapped)
	batch := make([]metrics.Doc, len(docs))
	pairs := make([][]metrics.Pair, len(docs))
	for i, d := range docs {
		ev.coverage.Documents++
		ev.coverage.Add(d.ID, unscored[d.ID])
		batch[i] = metrics.Doc{ID: d.ID, Text: d.Text, Gold: gold[d.ID], Pred: mapped[d.ID]}
		ds := metrics.ScoreDoc(batch[i])
		pairs[i] = ds.Pairs
		if !ev.opts.Confusion {
			ds.Pairs = nil // only the confusion matrix reads them
		}
		ev.sum.Add(ds)
		if ev.opts.PerDoc {
			ev.scores = append(ev.scores, ds)
		}
		if ev.units != nil {
			ev.units.AddScored(batch[i], ds)
		}
	}
	if ev.opts.Confusion {
		ev.confusion = ev.confusion.Add(metrics.NewConfusion(batch, pairs))
	}
	if ev.save != nil && ev.saveErr == nil {
		ev.saveErr = ev.saveBatch(docs, res)
	}
}

// saveBatch adds a batch's documents to the run file, with the
// extractor's own labels: those not scored marked with their status and
// error.
func (ev *Eval) saveBatch(docs []corpus.Document, res *extract.Result) error {
	for i, d := range docs {
		r := res.Docs[i]
		var rd runfile.Doc
		var err error
		if r.Status == extract.Done {
			rd, err = runfile.NewDoc(ev.opts.Name, d, r.Mentions)
		} else {
			why := ""
			if r.Err != nil {
				why = r.Err.Error()
			}
			rd, err = runfile.UnscoredDoc(d.ID, status(r.Status), why)
		}
		if err == nil {
			err = ev.save.Add(rd)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// Finish writes the run file of res: its predictions were added batch by
// batch; the report, the headline signature and the intervals come last.
// Without Options.Save it writes nothing and returns nil.
func (ev *Eval) Finish(res Result) error {
	if ev.save == nil {
		return nil
	}
	if ev.saveErr != nil {
		return ev.saveErr
	}
	sig := ev.sig
	sig.Scheme = string(ev.opts.Headline)
	run, err := runfile.NewRun(ev.opts.Name, ev.version, &corpus.Corpus{}, nil, res.Report, sig)
	if err != nil {
		return err
	}
	run.CI, run.Partial, run.Shard = res.CI, res.Coverage.Partial, ev.opts.Shard
	return ev.save.Finish(run)
}

// status is the run file status of a document the extractor did not do.
func status(s extract.Status) metrics.DocStatus {
	if s == extract.NotRun {
		return metrics.StatusNotRun
	}
	return metrics.StatusFailed
}
