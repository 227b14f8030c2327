package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/normalize"
	"github.com/arabench/arabench/render"
	"github.com/arabench/arabench/runfile"
)

func init() {
	commands["eval"] = command{summary: "score every registered extractor against the gold (the main job)", run: runEval}
}

// stringList is a repeatable string flag.
type stringList []string

func (l *stringList) String() string     { return strings.Join(*l, ",") }
func (l *stringList) Set(v string) error { *l = append(*l, v); return nil }

// scoreFlags are the flags eval and score share: how scores are shown.
type scoreFlags struct {
	schemes   string
	avg       string
	format    string
	save      string
	ci        bool
	seed      int64
	resamples int
	views     viewFlags
}

func (s *scoreFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&s.schemes, "scheme", "strict,clitic", "comma-separated matching schemes to show: strict, exact, type, partial, clitic")
	fs.StringVar(&s.avg, "avg", "micro", "overall row: micro or macro")
	fs.StringVar(&s.format, "format", "table", "output: table, markdown, csv or json")
	fs.StringVar(&s.save, "save", "", "write the run file (system, signature, every prediction and metric) to this path; needs exactly one system")
	fs.BoolVar(&s.ci, "ci", false, "print beside every F1 its 95% interval from a bootstrap over sentence units; the signature's boot part reads resamples@seed")
	fs.Int64Var(&s.seed, "seed", bootstrap.DefaultSeed, "seed of the --ci bootstrap")
	fs.IntVar(&s.resamples, "resamples", bootstrap.DefaultResamples, "resamples of the --ci bootstrap")
	s.views.register(fs)
}

// bootstrap returns the --ci bootstrap and records it in sig; without --ci
// it returns nil and leaves sig alone.
func (s *scoreFlags) bootstrap(sig *metrics.Signature) *bootstrap.Bootstrap {
	if !s.ci {
		return nil
	}
	b := &bootstrap.Bootstrap{Resamples: s.resamples, Seed: s.seed}
	sig.Boot = b.Spec()
	return b
}

// parsed checks the flags' values.
func (s *scoreFlags) parsed() ([]metrics.Scheme, metrics.Avg, render.Format, error) {
	schemes, err := schemeList(s.schemes)
	if err != nil {
		return nil, "", "", err
	}
	avg, err := metrics.ParseAvg(s.avg)
	if err != nil {
		return nil, "", "", err
	}
	if s.resamples < 1 {
		return nil, "", "", fmt.Errorf("--resamples %d: need at least 1", s.resamples)
	}
	f, err := render.ParseFormat(s.format)
	return schemes, avg, f, err
}

func runEval(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	var names stringList
	fs.Var(&names, "extractor", "extractor to run (repeatable): a registered name or 'cmd:<program> [args]' (default: every registered extractor)")
	normalizers := fs.Bool("normalizers", false, "instead of extractors, score every normalization preset (and none): B³ of the clustering its keys induce on the gold PER/ORG/LOC mentions against the gold links")
	var proc procFlags
	proc.register(fs)
	savePartial := fs.Bool("save-partial", false, "when the run is interrupted, still write --save, marked partial (without it an interrupted run writes nothing)")
	var data dataFlags
	data.register(fs)
	var sf scoreFlags
	sf.register(fs)
	fs.Usage = func() {
		fmt.Fprintln(e.stderr, "usage: arabench eval [flags]")
		fmt.Fprintln(e.stderr, "Runs extractors on the corpus and scores them against the gold; prints one table and its signature.")
		fmt.Fprintf(e.stderr, "Registered extractors: %s\n", strings.Join(extract.Names(), ", "))
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 {
		fs.Usage()
		return exitUsage
	}
	schemes, avg, format, err := sf.parsed()
	if err == nil {
		err = proc.check()
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench eval: %v\n", err)
		return exitUsage
	}
	if *normalizers {
		return evalNormalizers(e, data, format)
	}
	if len(names) == 0 {
		names = extract.Names()
	}
	if len(names) == 0 {
		fmt.Fprintln(e.stderr, "arabench eval: no extractor registered; give one with --extractor 'cmd:<program>'")
		return exitUsage
	}
	if sf.save != "" && len(names) != 1 {
		fmt.Fprintf(e.stderr, "arabench eval: --save writes the run of one extractor; choose it with --extractor (got %d)\n", len(names))
		return exitUsage
	}
	if err := checkSavePath(sf.save); err != nil {
		fmt.Fprintf(e.stderr, "arabench eval: %v\n", err)
		return exitUsage
	}
	c, g, err := data.load()
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench eval: %v\n", err)
		return exitUsage
	}

	board := &render.Board{Schemes: schemes, Avg: avg}
	code := exitOK
	for _, name := range names {
		res, failed, err := proc.run(ctx, e, name, c.Documents)
		if err != nil {
			fmt.Fprintf(e.stderr, "arabench eval: %v\n", err)
			return exitUsage
		}
		if failed {
			code = exitFailed
		}
		interrupted := ctx.Err() != nil
		// Documents that failed or never ran have no predictions: they are
		// scored as empty, and the footer, the JSON and the run file say so.
		preds := res.Predictions()
		status := map[string]metrics.DocStatus{}
		for _, d := range res.Unscored() {
			status[d.Doc] = runStatus(d.Status)
		}
		cov := metrics.NewCoverage(docIDs(c), status)
		cov.Partial = interrupted && len(cov.NotRun) > 0
		warnLabels(e, "eval", name, c, g, preds)
		docs := docsFor(c, g, preds)
		sig := signature(c, g, "", avg)
		boot := sf.bootstrap(&sig)
		report := metrics.Evaluate(docs, metrics.Options{Signature: sig})
		entry := render.Entry{Name: name, Version: res.Version, Report: report, Coverage: &cov}
		if boot != nil {
			entry.CI = boot.Intervals(bootstrap.SentenceUnits(docs))
		}
		board.Entries = append(board.Entries, entry)
		sf.views.add(name, docs, report)
		if sf.save != "" {
			if cov.Partial && !*savePartial {
				fmt.Fprintf(e.stderr, "arabench eval: interrupted: %s is left as it was (%d of %d documents never ran); pass --save-partial to save the partial run\n",
					sf.save, len(cov.NotRun), cov.Documents)
				code = exitFailed
				continue
			}
			if err := saveEvalRun(sf.save, name, c, res, report, sig, schemes[0], entry.CI, cov.Partial); err != nil {
				fmt.Fprintf(e.stderr, "arabench eval: --save %s: %v\n", sf.save, err)
				return exitFailed
			}
		}
	}
	w := bufio.NewWriter(e.stdout)
	if err := sf.views.write(w, board, format); err != nil {
		fmt.Fprintf(e.stderr, "arabench eval: %v\n", err)
		return exitFailed
	}
	if err := w.Flush(); err != nil {
		fmt.Fprintf(e.stderr, "arabench eval: writing output: %v\n", err)
		return exitFailed
	}
	if code != exitOK {
		fmt.Fprintf(e.stderr, "arabench eval: some documents failed (listed above); the scores count them as %s\n", metrics.UnscoredAs)
	}
	return code
}

// runStatus is the run file status of a document the extractor did not do.
func runStatus(s extract.Status) metrics.DocStatus {
	if s == extract.NotRun {
		return metrics.StatusNotRun
	}
	return metrics.StatusFailed
}

// docIDs lists the ids of c's documents in order.
func docIDs(c *corpus.Corpus) []string {
	ids := make([]string, len(c.Documents))
	for i, d := range c.Documents {
		ids[i] = d.ID
	}
	return ids
}

// saveEvalRun writes the run file of one extractor's run, every document
// that failed or never ran marked with its status and error.
func saveEvalRun(path, name string, c *corpus.Corpus, res *extract.Result, report *metrics.Report, sig metrics.Signature, headline metrics.Scheme, ci *bootstrap.Intervals, partial bool) error {
	sig.Scheme = string(headline)
	run, err := runfile.NewRun(name, res.Version, c, res.Predictions(), report, sig)
	if err != nil {
		return err
	}
	for _, d := range res.Unscored() {
		why := ""
		if d.Err != nil {
			why = d.Err.Error()
		}
		if err := run.MarkDoc(d.Doc, runStatus(d.Status), why); err != nil {
			return err
		}
	}
	run.CI, run.Partial = ci, partial
	return saveRun(path, run)
}

// evalNormalizers prints the B³ board of every normalization preset.
func evalNormalizers(e *env, data dataFlags, format render.Format) int {
	c, g, err := data.load()
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench eval: %v\n", err)
		return exitUsage
	}
	docs := docsFor(c, g, nil)
	rows := []metrics.NormRow{metrics.ScoreNormalizer("none", docs, func(s string) string { return s })}
	for _, name := range normalize.Presets() {
		n, err := normalize.Preset(name)
		if err != nil {
			fmt.Fprintf(e.stderr, "arabench eval: %v\n", err)
			return exitFailed
		}
		rows = append(rows, metrics.ScoreNormalizer(name, docs, n.String))
	}
	sig := metrics.Signature{Gold: g.Hash(), Corpus: metrics.CorpusHash(c.Documents), Norm: "each", Scheme: "b3", Avg: "micro"}
	w := bufio.NewWriter(e.stdout)
	err = render.WriteNormBoard(w, rows, format, sig)
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench eval: %v\n", err)
		return exitFailed
	}
	return exitOK
}
