package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"slices"
	"strings"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/extract"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/normalize"
	"github.com/arabench/arabench/predictions"
	"github.com/arabench/arabench/render"
	"github.com/arabench/arabench/signature"
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
func (s *scoreFlags) bootstrap(sig *signature.Signature) *bootstrap.Bootstrap {
	b := s.ciBootstrap()
	if b != nil {
		sig.Boot = b.Spec()
	}
	return b
}

// ciBootstrap returns the --ci bootstrap; nil without --ci.
func (s *scoreFlags) ciBootstrap() *bootstrap.Bootstrap {
	if !s.ci {
		return nil
	}
	return &bootstrap.Bootstrap{Resamples: s.resamples, Seed: s.seed}
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
	if err := bootstrap.CheckResamples(s.resamples); err != nil {
		return nil, "", "", err
	}
	f, err := render.ParseFormat(s.format)
	return schemes, avg, f, err
}

const evalUsage = `usage: arabench eval [flags]

Runs extractors on the documents of a dataset or a gold and scores them; prints
one table and its signature. By default the built-in seed set and every
built-in extractor: first the pipeline of all of them (one system, their
mentions merged), then each alone. A type an extractor does not produce shows
"–" in its rows, not 0.

Data: --dataset seed (default) or anercorp (the ANERcorp CAMeL Lab test split,
labels PERS LOC ORG MISC as published), or --gold PATH: a brat folder, a CoNLL
token file or a JSONL spans file; the extractors run on the text rebuilt from
a token file's tokens (one space between tokens, one line per sentence).
A JSONL spans file is streamed: checked whole first, then read, run, scored
and saved a batch of documents at a time, so a corpus larger than memory
fits (see docs/scale.md).
--map renames labels in gold and predictions alike (PERS=PER,MISC=).

flags:
`

func runEval(ctx context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("eval", flag.ContinueOnError)
	var names stringList
	fs.Var(&names, "extractor", "extractor to run (repeatable): a registered name, names joined by '+' (one pipeline), or 'cmd:<program> [args]' (default: the pipeline of every registered extractor, then each)")
	normalizers := fs.Bool("normalizers", false, "instead of extractors, score every normalization preset (and none): B³ of the clustering its keys induce on the gold PER/ORG/LOC mentions against the gold links")
	var proc procFlags
	proc.register(fs)
	shardFlag := fs.String("shard", "", "evaluate only shard INDEX/COUNT of the documents (INDEX from 0, as JOB_COMPLETION_INDEX and SLURM_ARRAY_TASK_ID with --array=0-N give; a document's shard is the FNV-1a 64 hash of its id mod COUNT) and save it as a partial run; needs --save; join the parts with `arabench merge`")
	savePartial := fs.Bool("save-partial", false, "when the run is interrupted, still write --save, marked partial (without it an interrupted run writes nothing)")
	var data dataFlags
	data.register(fs)
	var sf scoreFlags
	sf.register(fs)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), evalUsage)
		fmt.Fprintf(fs.Output(), "Registered extractors: %s\n\n", strings.Join(extract.Names(), ", "))
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	if fs.NArg() > 0 {
		return usageError(e, "eval", fmt.Sprintf("unexpected argument %q: eval takes flags only", fs.Arg(0)))
	}
	schemes, avg, format, err := sf.parsed()
	if err == nil {
		err = proc.check()
	}
	if err != nil {
		return usageError(e, "eval", err.Error())
	}
	if *normalizers && *shardFlag != "" {
		return usageError(e, "eval", "--shard splits the documents of an extractor's run; --normalizers runs none")
	}
	if *normalizers {
		return evalNormalizers(e, fs, data, format)
	}
	if len(names) == 0 {
		names = defaultExtractors()
	}
	if len(names) == 0 {
		fmt.Fprintln(e.stderr, "arabench eval: no extractor registered; give one with --extractor 'cmd:<program>'")
		return exitUsage
	}
	if sf.save != "" && len(names) != 1 {
		return usageError(e, "eval", fmt.Sprintf("--save writes the run of one extractor; choose it with --extractor (got %d)", len(names)))
	}
	spec, err := shardFlags(*shardFlag, sf.save)
	if err != nil {
		return usageError(e, "eval", err.Error())
	}
	if err := checkSavePath(sf.save); err != nil {
		fmt.Fprintf(e.stderr, "arabench eval: %v\n", err)
		return exitUsage
	}
	set, err := data.loadStreaming(fs)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench eval: %v\n", err)
		return exitUsage
	}
	defer set.Close()
	sayNotes(e, "eval", set)

	board := &render.Board{Schemes: schemes, Avg: avg}
	code := exitOK
	for _, name := range names {
		sys := &systemEval{name: name, set: set, spec: spec, flags: &sf, headline: schemes[0], savePartial: *savePartial}
		entry, sysCode, err := sys.run(ctx, e, &proc, avg)
		if err != nil {
			fmt.Fprintf(e.stderr, "arabench eval: %v\n", err)
			return sysCode
		}
		code = max(code, sysCode)
		board.Entries = append(board.Entries, entry)
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

// defaultExtractors is what eval runs without --extractor: the pipeline of
// every registered extractor, scored as one system, then each on its own.
func defaultExtractors() []string {
	names := extract.Names()
	if len(names) < 2 {
		return names
	}
	return append([]string{strings.Join(names, extract.PipelineSep)}, names...)
}

// warnExtractorLabels warns about the labels the predictions and the gold do
// not share, leaving out the gold types an extractor declares it does not
// produce (declared not nil): a gazetteer of PER, ORG and LOC is not
// misnaming DATE.
func warnExtractorLabels(e *env, name string, m predictions.LabelMismatch, declared []string) {
	if declared != nil {
		var goldOnly []predictions.LabelCount
		for _, l := range m.GoldOnly {
			if slices.Contains(declared, l.Label) {
				goldOnly = append(goldOnly, l)
			}
		}
		m.GoldOnly = goldOnly
	}
	for _, w := range m.Warnings() {
		fmt.Fprintf(e.stderr, "arabench eval: warning: %s: %s\n", name, w)
	}
}

// evalNormalizers prints the B³ board of every normalization preset.
func evalNormalizers(e *env, fs *flag.FlagSet, data dataFlags, format render.Format) int {
	set, err := data.load(fs)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench eval: %v\n", err)
		return exitUsage
	}
	if !set.HasLinks() {
		fmt.Fprintln(e.stderr, "arabench eval: --normalizers scores the clusters of each preset against the gold's entity links, and this gold has none: nothing to score")
		return exitUsage
	}
	docs := set.Docs(nil, nil, nil)
	rows := []metrics.NormRow{metrics.ScoreNormalizer("none", docs, func(s string) string { return s })}
	for _, name := range normalize.Presets() {
		n, err := normalize.Preset(name)
		if err != nil {
			fmt.Fprintf(e.stderr, "arabench eval: %v\n", err)
			return exitFailed
		}
		rows = append(rows, metrics.ScoreNormalizer(name, docs, n.String))
	}
	sig := set.Signature("b3", "micro")
	sig.Norm = "each"
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
