package main

import (
	"context"
	"flag"
	"fmt"
	"os"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/shard"
	"github.com/arabench/arabench/signature"
)

func init() {
	commands["merge"] = command{summary: "join the run files of eval --shard i/n into the whole run, rescored", run: runMerge}
}

const mergeUsage = `usage: arabench merge [flags] PART.json... -o RUN.json

Joins the run files that 'arabench eval --shard i/n --save PART.json' wrote
for i = 0 … n-1 into the run file of the whole evaluation, as if it had run
in one process: the predictions of every part are rescored against the
loaded data (the same --dataset, --gold, --corpus, --map… as the parts), with
the bootstrap of --ci --seed --resamples, and written to -o. Its metrics,
intervals and signature are those of the unsharded run.

It refuses (exit 2), naming the files, parts that are not shards of one run
(another extractor, extractor version, signature or shard count), a shard
given twice or missing, a document in two parts, and a corpus document in
none; and a signature of the loaded data and flags that differs from the
parts' (another gold, corpus, map, or --ci). Flags may come before or after
the files.

flags:
`

func runMerge(_ context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("merge", flag.ContinueOnError)
	out := fs.String("o", "", "write the merged run file here (required)")
	var data dataFlags
	data.register(fs)
	ci := fs.Bool("ci", false, "rescore with the bootstrap intervals, as the parts were (eval --ci); their signature's boot part must match")
	seed := fs.Int64("seed", bootstrap.DefaultSeed, "seed of the --ci bootstrap")
	resamples := fs.Int("resamples", bootstrap.DefaultResamples, "resamples of the --ci bootstrap")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), mergeUsage)
		fs.PrintDefaults()
	}
	files, code, ok := parseInterleavedFlags(e, fs, args)
	if !ok {
		return code
	}
	switch {
	case len(files) == 0:
		return usageError(e, "merge", "no run files: give the parts, PART.json…")
	case *out == "":
		return usageError(e, "merge", "-o RUN.json is required: where the merged run goes")
	}
	if err := bootstrap.CheckResamples(*resamples); err != nil {
		return usageError(e, "merge", err.Error())
	}
	if err := checkSavePath(*out); err != nil {
		fmt.Fprintf(e.stderr, "arabench merge: %v\n", err)
		return exitUsage
	}
	parts := make([]runfile.Part, 0, len(files))
	for _, name := range files {
		f, err := os.Open(name)
		if err != nil {
			fmt.Fprintf(e.stderr, "arabench merge: %v\n", err)
			return exitUsage
		}
		run, err := runfile.ReadRun(name, f)
		f.Close()
		if err != nil {
			fmt.Fprintf(e.stderr, "arabench merge: %v\n", err)
			return exitUsage
		}
		parts = append(parts, runfile.Part{Name: name, Run: run})
	}
	union, err := runfile.Union(parts)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench merge: %v\n", err)
		return exitUsage
	}
	partSig, err := signature.Parse(union.Signature)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench merge: %s: bad signature: %v\n", files[0], err)
		return exitUsage
	}
	set, err := data.load(fs)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench merge: %v\n", err)
		return exitUsage
	}
	sayNotes(e, "merge", set)
	c := set.Corpus
	// Every document of the loaded corpus must be in a part: the parts
	// cover every shard, so a document in none was not in their corpus.
	held := make(map[string]bool, len(union.Predictions))
	for _, d := range union.Predictions {
		held[d.Doc] = true
	}
	var missing []string
	for _, d := range c.Documents {
		if !held[d.ID] {
			missing = append(missing, fmt.Sprintf("%q (shard %d/%d)", d.ID, shard.Of(d.ID, parts[0].Run.Shard.Count), parts[0].Run.Shard.Count))
		}
	}
	if len(missing) > 0 {
		fmt.Fprintf(e.stderr, "arabench merge: %s of corpus %s in none of the parts: were they made on another corpus?\n", count(len(missing), "document is", "documents are"), c.Name)
		errs := make([]error, len(missing))
		for i, m := range missing {
			errs[i] = fmt.Errorf("missing doc %s", m)
		}
		printProblems(e, "merge", errs)
		return exitUsage
	}
	preds, problems := union.Mentions("merge of "+files[0]+"…", c)
	if len(problems) > 0 {
		printProblems(e, "merge", problems)
		return exitUsage
	}
	avg, err := metrics.ParseAvg(partSig.Avg)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench merge: %s: signature: %v\n", files[0], err)
		return exitUsage
	}
	// As eval scores a run: the whole set, its signature without a scheme
	// in the report and with the headline scheme in the file.
	docs := set.Docs(preds, nil, nil)
	sig := set.Signature("", avg)
	var boot *bootstrap.Bootstrap
	if *ci {
		boot = &bootstrap.Bootstrap{Resamples: *resamples, Seed: *seed}
		sig.Boot = boot.Spec()
	}
	headline := sig
	headline.Scheme = partSig.Scheme
	if got := headline.String(); got != union.Signature {
		fmt.Fprintf(e.stderr, "arabench merge: the parts were scored as\n  %s\nbut the loaded data and flags give\n  %s\n", union.Signature, got)
		for _, d := range partSig.Diff(headline) {
			fmt.Fprintf(e.stderr, "  %s\n", d)
		}
		fmt.Fprintln(e.stderr, "arabench merge: give merge the data flags and --ci --seed --resamples the parts were evaluated with")
		return exitUsage
	}
	report := metrics.Evaluate(docs, metrics.Options{Signature: sig})
	set.UnscoredParts(report)
	run, err := runfile.NewRun(union.Extractor, union.ExtractorVersion, c, preds, report, headline)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench merge: %v\n", err)
		return exitFailed
	}
	for _, d := range union.Predictions {
		if d.Scored() {
			continue
		}
		if err := run.MarkDoc(d.Doc, d.Status, d.Error); err != nil {
			fmt.Fprintf(e.stderr, "arabench merge: %v\n", err)
			return exitFailed
		}
	}
	if boot != nil {
		run.CI = boot.Intervals(bootstrap.SentenceUnits(docs))
	}
	run.Partial = union.Partial
	if err := saveRun(*out, run); err != nil {
		fmt.Fprintf(e.stderr, "arabench merge: -o %s: %v\n", *out, err)
		return exitFailed
	}
	cov := run.Coverage()
	fmt.Fprintf(e.stderr, "arabench merge: %d shards, %d documents (%d scored) → %s\n", len(parts), cov.Documents, cov.Scored, *out)
	return exitOK
}
