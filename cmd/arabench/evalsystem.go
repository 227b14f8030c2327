package main

import (
	"context"
	"fmt"

	"github.com/arabench/arabench/evalset"
	"github.com/arabench/arabench/evaluate"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/render"
	"github.com/arabench/arabench/shard"
)

// systemEval is the evaluation of one extractor over an evaluation set, by
// evaluate.Eval a batch of documents at a time, with its flags and what it
// prints.
type systemEval struct {
	name        string
	set         *evalset.Set
	spec        *shard.Spec
	flags       *scoreFlags
	headline    metrics.Scheme
	savePartial bool
}

// run evaluates the extractor and returns its board entry and the exit
// status it calls for. err is fatal: the extractor could not be built
// (code exitUsage) or the run file not written (exitFailed).
func (s *systemEval) run(ctx context.Context, e *env, proc *procFlags, avg metrics.Avg) (entry render.Entry, code int, err error) {
	xr, err := proc.start(e, s.name, s.set.Count(s.spec))
	if err != nil {
		return entry, exitUsage, err
	}
	ev, err := evaluate.New(s.set, evaluate.Options{Name: s.name, Shard: s.spec, Headline: s.headline, Avg: avg, Bootstrap: s.flags.ciBootstrap(),
		PerDoc: s.flags.views.perDoc, Confusion: s.flags.views.confusion, Save: s.flags.save})
	if err != nil {
		xr.finish(ctx)
		return entry, exitFailed, fmt.Errorf("--save %s: %w", s.flags.save, err)
	}
	defer ev.Close()
	readErr := ev.Run(ctx, xr.run)
	failed := xr.finish(ctx)
	if readErr != nil {
		return entry, exitFailed, readErr
	}
	code = exitOK
	if failed {
		code = exitFailed
	}
	warnExtractorLabels(e, s.name, ev.LabelMismatch(), ev.Declared())

	res := ev.Result()
	cov := res.Coverage
	entry = render.Entry{Name: s.name, Version: ev.Version(), Report: res.Report, Coverage: &cov, Declared: ev.Declared(), Notes: res.Notes, CI: res.CI}
	s.flags.views.addConfusion(s.name, ev.Confusion(), res.Report)
	if s.flags.save == "" {
		return entry, code, nil
	}
	if cov.Partial && !s.savePartial {
		fmt.Fprintf(e.stderr, "arabench eval: interrupted: %s is left as it was (%d of %d documents never ran); pass --save-partial to save the partial run\n",
			s.flags.save, len(cov.NotRun), cov.Documents)
		return entry, exitFailed, nil
	}
	if err := ev.Finish(res); err != nil {
		return entry, exitFailed, fmt.Errorf("--save %s: %w", s.flags.save, err)
	}
	return entry, code, nil
}
