package main

import (
	"context"
	"fmt"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/predictions"
	"github.com/arabench/arabench/render"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/shard"
	"github.com/arabench/arabench/signature"
)

// systemEval is the evaluation of one extractor over an evaluation set,
// a batch of documents at a time (see evalSet.batches): each batch is run,
// scored and written to the run file, and only what the board, the views
// and the bootstrap need of it is kept — the sum of the documents' scores
// (each score only for --per-doc), the sentence units, the label counts, the
// count of documents and the ids of those not scored — so a streamed corpus
// is never held in memory.
type systemEval struct {
	name        string
	set         *evalSet
	spec        *shard.Spec
	flags       *scoreFlags
	headline    metrics.Scheme
	savePartial bool

	sum       *metrics.Sum
	scores    []metrics.DocScore // kept for --per-doc only
	units     *bootstrap.Units
	confusion *metrics.Confusion
	labels    predictions.LabelTally
	coverage  metrics.Coverage // every document so far, and which were not scored
	version   string
	declared  []string
	save      *runfile.Writer
	saveErr   error
}

// run evaluates the extractor and returns its board entry and the exit
// status it calls for. err is fatal: the extractor could not be built
// (code exitUsage) or the run file not written (exitFailed).
func (s *systemEval) run(ctx context.Context, e *env, proc *procFlags, avg metrics.Avg) (entry render.Entry, code int, err error) {
	sig := s.set.signature("", avg)
	boot := s.flags.bootstrap(&sig)
	if boot != nil {
		s.units = bootstrap.NewUnits()
	}
	s.sum = metrics.NewSum()
	xr, err := proc.start(e, s.name, s.set.count(s.spec))
	if err != nil {
		return entry, exitUsage, err
	}
	if s.flags.save != "" {
		if s.save, err = runfile.NewWriter(s.flags.save); err != nil {
			xr.finish(ctx)
			return entry, exitFailed, fmt.Errorf("--save %s: %w", s.flags.save, err)
		}
		defer s.save.Abort()
	}
	readErr := s.set.batches(s.spec, func(docs []corpus.Document, gold map[string][]corpus.Mention) error {
		s.add(docs, gold, xr.run(ctx, docs))
		return nil
	})
	failed := xr.finish(ctx)
	if readErr != nil {
		return entry, exitFailed, readErr
	}
	code = exitOK
	if failed {
		code = exitFailed
	}
	warnExtractorLabels(e, s.name, s.labels.Mismatch(), s.declared)

	// Documents that failed or never ran have no predictions: they are
	// scored as empty, and the footer, the JSON and the run file say so.
	cov := s.coverage
	cov.Partial = ctx.Err() != nil && len(cov.NotRun) > 0
	report := s.sum.Report(metrics.Options{Signature: sig})
	report.Docs = s.scores
	entry = render.Entry{Name: s.name, Version: s.version, Report: report, Coverage: &cov, Declared: s.declared, Notes: s.set.unscoredParts(report)}
	if boot != nil {
		entry.CI = boot.Intervals(s.units)
	}
	s.flags.views.addConfusion(s.name, s.confusion, report)
	if s.save == nil {
		return entry, code, nil
	}
	if cov.Partial && !s.savePartial {
		fmt.Fprintf(e.stderr, "arabench eval: interrupted: %s is left as it was (%d of %d documents never ran); pass --save-partial to save the partial run\n",
			s.flags.save, len(cov.NotRun), cov.Documents)
		return entry, exitFailed, nil
	}
	if err := s.finishRun(report, sig, entry.CI, cov.Partial); err != nil {
		return entry, exitFailed, fmt.Errorf("--save %s: %w", s.flags.save, err)
	}
	return entry, code, nil
}

// add keeps what the evaluation needs of one batch and its result.
func (s *systemEval) add(docs []corpus.Document, gold map[string][]corpus.Mention, res *extract.Result) {
	s.version, s.declared = res.Version, res.Types
	preds := res.Predictions()
	status := map[string]metrics.DocStatus{}
	for _, d := range res.Unscored() {
		status[d.Doc] = runStatus(d.Status)
	}
	labels := s.set.labels
	mapped := labels.ApplyAll(preds)
	s.labels.Add(gold, mapped)
	batch := make([]metrics.Doc, len(docs))
	pairs := make([][]metrics.Pair, len(docs))
	for i, d := range docs {
		s.coverage.Documents++
		s.coverage.Add(d.ID, status[d.ID])
		batch[i] = metrics.Doc{ID: d.ID, Text: d.Text, Gold: gold[d.ID], Pred: mapped[d.ID]}
		ds := metrics.ScoreDoc(batch[i])
		pairs[i] = ds.Pairs
		if !s.flags.views.confusion {
			ds.Pairs = nil // only the confusion matrix reads them
		}
		s.sum.Add(ds)
		if s.flags.views.perDoc {
			s.scores = append(s.scores, ds)
		}
		if s.units != nil {
			s.units.AddScored(batch[i], ds)
		}
	}
	if s.flags.views.confusion {
		s.confusion = s.confusion.Add(metrics.NewConfusion(batch, pairs))
	}
	if s.save != nil && s.saveErr == nil {
		s.saveErr = s.saveBatch(docs, res)
	}
}

// saveBatch adds a batch's documents to the run file, with the
// extractor's own labels: those not scored marked with their status and
// error.
func (s *systemEval) saveBatch(docs []corpus.Document, res *extract.Result) error {
	for i, d := range docs {
		r := res.Docs[i]
		var rd runfile.Doc
		var err error
		if r.Status == extract.Done {
			rd, err = runfile.NewDoc(s.name, d, r.Mentions)
		} else {
			why := ""
			if r.Err != nil {
				why = r.Err.Error()
			}
			rd, err = runfile.UnscoredDoc(d.ID, runStatus(r.Status), why)
		}
		if err == nil {
			err = s.save.Add(rd)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

// finishRun writes the run file: its predictions were added batch by
// batch; report, the headline signature and the intervals come last.
func (s *systemEval) finishRun(report *metrics.Report, sig signature.Signature, ci *bootstrap.Intervals, partial bool) error {
	if s.saveErr != nil {
		return s.saveErr
	}
	sig.Scheme = string(s.headline)
	run, err := runfile.NewRun(s.name, s.version, &corpus.Corpus{}, nil, report, sig)
	if err != nil {
		return err
	}
	run.CI, run.Partial, run.Shard = ci, partial, s.spec
	return s.save.Finish(run)
}
