package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"strings"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/compare"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/render"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/signature"
)

func init() {
	commands["compare"] = command{summary: "compare two run files: score deltas with paired-bootstrap p-values, and the mentions that changed", run: runCompare}
}

const compareUsage = `usage: arabench compare [flags] OLD.json NEW.json

Compares two run files written by 'arabench eval --save' or 'score --save' on
the same corpus and gold. It rescores both runs' predictions against the gold
and prints:
  - per scheme, per type, micro and macro: OLD, NEW and delta of P, R and F1;
    for each F1 delta its 95% interval and two-sided p-value from a paired
    bootstrap over sentence units (Koehn 2004), and a verdict (better or
    worse) only where p < 0.05. The headline, micro F1 under the first
    --scheme, is tested on its own; every other row's p-value is
    Holm-Bonferroni adjusted over all of them (column "p Holm"), and its
    verdict uses the adjusted p;
  - every mention that changed, judged under the first --scheme: newly
    correct, newly wrong, changed type (same span, another type), changed
    boundary, new false positive, false positive removed; first grouped by
    text and change ("روسيا LOC→ORG ×44"), then one by one with document,
    code point offsets and the text around it.
With --fail-on worse the exit status is 1 when the headline is significantly
worse: an accuracy gate for CI.
Runs scored differently (another gold, corpus, normalization, scheme or
scoring version) are refused unless --force, and so is a run whose gold or
corpus is not the loaded one: the embedded seed corpus and gold, or those of
--corpus DIR --gold DIR (signatures pin their content, not folder names). A
run with documents that failed, never ran or had no predictions is refused
(exit 1) unless --allow-failed, which compares only the documents both runs
scored. Flags may come before or after the two files.
`

// compareFlags are compare's flags.
type compareFlags struct {
	format      string
	schemes     string
	seed        int64
	resamples   int
	force       bool
	allowFailed bool
	limit       int
	failOn      string
	data        dataFlags
}

// defaultLimit keeps the Markdown of compare with the default flags on the
// seed corpus, the rules extractor's run against the gazetteer's, under
// 10 KB (9.4 KB; TestCompareMarkdownFitsAComment).
const defaultLimit = 5

func (f *compareFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&f.format, "format", "table", "output: table, markdown (fits a pull-request comment) or json")
	fs.StringVar(&f.schemes, "scheme", "strict,clitic", "comma-separated schemes to show (strict, exact, type, partial, clitic); the headline and the mention diff are under the first")
	fs.Int64Var(&f.seed, "seed", bootstrap.DefaultSeed, "seed of the bootstrap's draws: the same seed gives the same p-values and intervals")
	fs.IntVar(&f.resamples, "resamples", bootstrap.DefaultResamples, "number of bootstrap resamples")
	fs.BoolVar(&f.force, "force", false, "compare even when the runs' signatures differ or do not match the loaded corpus and gold")
	fs.BoolVar(&f.allowFailed, "allow-failed", false, "compare runs with documents that failed, never ran or had no predictions, on the documents both runs scored only")
	fs.IntVar(&f.limit, "limit", defaultLimit, "list at most this many groups and this many changed mentions per kind in table and markdown output (0: all; json lists all)")
	fs.StringVar(&f.failOn, "fail-on", "none", "exit 1 when the headline (micro F1 under the first scheme) is significantly 'worse', or never ('none')")
	f.data.register(fs)
}

func runCompare(_ context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("compare", flag.ContinueOnError)
	var cf compareFlags
	cf.register(fs)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), compareUsage)
		fs.PrintDefaults()
	}
	paths, code, ok := parseInterleavedFlags(e, fs, args)
	if !ok {
		return code
	}
	if len(paths) != 2 {
		return usageError(e, "compare", wantFiles(paths, 2, "two run files, OLD.json NEW.json"))
	}
	fail := func(format string, a ...any) int {
		fmt.Fprintf(e.stderr, "arabench compare: "+format+"\n", a...)
		return exitUsage
	}
	format, err := render.ParseFormat(cf.format)
	if err == nil && format == render.FormatCSV {
		err = fmt.Errorf("--format csv: compare prints several tables; use table, markdown or json")
	}
	if err != nil {
		return fail("%v", err)
	}
	schemes, err := schemeList(cf.schemes)
	if err != nil {
		return fail("%v", err)
	}
	if err := bootstrap.CheckResamples(cf.resamples); err != nil {
		return fail("%v", err)
	}
	if cf.limit < 0 {
		return fail("--limit %d: need 0 (all) or more", cf.limit)
	}
	if cf.failOn != "none" && cf.failOn != "worse" {
		return fail("--fail-on %q: use worse or none", cf.failOn)
	}

	// The data first: each run is then read through once, one document at
	// a time, to check it and count its documents, and read again side by
	// side with the other for the comparison, so that neither run is ever
	// held whole.
	set, err := cf.data.load(fs)
	if err != nil {
		return fail("%v", err)
	}
	c := set.Corpus
	runs := make([]*compare.Run, 2)
	sigs := make([]signature.Signature, 2)
	covs := make([]metrics.Coverage, 2)
	for i, p := range paths {
		if runs[i], err = compare.CheckRun(p, c); err != nil {
			return fail("%v", err)
		}
		defer runs[i].Close()
		sigs[i] = runs[i].Signature
		if strings.HasPrefix(sigs[i].Gold, "conlleval-") {
			return fail("%s is the run of a conlleval file, which carries its own gold: compare reads runs made on a corpus (eval --save, score --pred … --save)", p)
		}
		covs[i] = runs[i].Coverage
	}
	if code := checkCoverage(e, covs, paths, cf.allowFailed); code != exitOK {
		return code
	}
	sayNotes(e, "compare", set)
	for i := range runs {
		if run := runs[i].Header(); runfile.UpgradeLegacyCorpus(run, &sigs[i], c) {
			fmt.Fprintf(e.stderr, "arabench compare: %s was written in format %s, whose signature names its corpus (%s) rather than pinning its content; its mentions are checked against the loaded texts instead\n",
				paths[i], run.Format, c.Name)
		}
	}
	if diffs := compare.ComparableDiff(sigs[0], sigs[1]); len(diffs) > 0 {
		msg := fmt.Sprintf("%s and %s were scored differently (%s)", paths[0], paths[1], joinDiffs(diffs, paths[0], paths[1]))
		if !cf.force {
			return fail("%s: compare runs of the same gold, corpus, normalization, scheme and scoring version, or pass --force", msg)
		}
		fmt.Fprintf(e.stderr, "arabench compare: %s; comparing anyway (--force)\n", msg)
	}

	for i, p := range paths {
		if diffs := set.DataDiff(sigs[i]); len(diffs) > 0 {
			msg := fmt.Sprintf("%s was scored on other data than the loaded corpus and gold (%s)", p, joinDiffs(diffs, p, "the loaded data"))
			if !cf.force {
				return fail("%s: give the run's data with --corpus DIR --gold DIR, or pass --force", msg)
			}
			fmt.Fprintf(e.stderr, "arabench compare: %s; comparing anyway (--force)\n", msg)
		}
		if v := sigs[i].Version; v != signature.Version {
			fmt.Fprintf(e.stderr, "arabench compare: %s was scored by scoring version %s; both runs are rescored with version %s\n", p, v, signature.Version)
		}
	}
	for i, p := range paths {
		errs := runs[i].MentionErrs
		for _, err := range errs {
			fmt.Fprintf(e.stderr, "arabench compare: %v\n", err)
		}
		if len(errs) > 0 && !cf.force {
			return fail("%s does not fit corpus %s (%s above): give the run's data with --gold (and --corpus) or --dataset, or pass --force to compare what fits", p, c.Name, count(len(errs), "problem", "problems"))
		}
	}

	// With --allow-failed only the documents both runs scored are compared;
	// the signature's corpus part then pins that subset.
	unscored := compare.Unscored(covs)
	var compared []corpus.Document
	for _, d := range c.Documents {
		if !unscored[d.ID] {
			compared = append(compared, d)
		}
	}
	if len(compared) == 0 {
		fmt.Fprintf(e.stderr, "arabench compare: no document was scored by both runs: nothing to compare\n")
		return exitFailed
	}
	sig := set.Signature("", metrics.Avg(sigs[0].Avg))
	sig.Norm = sigs[0].Norm
	if len(compared) < len(c.Documents) {
		sig.Corpus = signature.CorpusHash(compared)
		fmt.Fprintf(e.stderr, "arabench compare: --allow-failed: comparing only the %d of %d documents both runs scored; the signature's corpus part pins those %d\n",
			len(compared), len(c.Documents), len(compared))
	}
	oldRun, newRun := runs[0].Header(), runs[1].Header()
	b := compare.NewBuilder(compare.Options{
		Old:        compare.System{Name: oldRun.Extractor, Version: oldRun.ExtractorVersion, Signature: oldRun.Signature},
		New:        compare.System{Name: newRun.Extractor, Version: newRun.ExtractorVersion, Signature: newRun.Signature},
		Signature:  sig,
		Schemes:    schemes,
		Bootstrap:  bootstrap.Bootstrap{Resamples: cf.resamples, Seed: cf.seed},
		MaxChanges: cf.limit,
		SumOnly:    true,
		// JSON lists every change; the table and Markdown the first
		// --limit of each kind.
		ListedOnly: format != render.FormatJSON,
	})
	cmp, err := compare.Runs(b, runs, set, unscored, func(r *compare.Run) {
		fmt.Fprintf(e.stderr, "arabench compare: %s lists its documents in another order than corpus %s: it is read whole, in more memory\n", r.Name(), c.Name)
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench compare: %v\n", err)
		return exitFailed
	}
	w := bufio.NewWriter(e.stdout)
	err = cmp.Write(w, format)
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench compare: %v\n", err)
		return exitFailed
	}
	if h := cmp.Headline(); cf.failOn == "worse" && h.Verdict() == "worse" {
		fmt.Fprintf(e.stderr, "arabench compare: %s is significantly worse than %s: micro F1 under %s %.4f → %.4f (ΔF1 %+.4f, p %.4f < %g); exit 1 for --fail-on worse\n",
			paths[1], paths[0], schemes[0], h.Old.F1, h.New.F1, h.F1.Delta, h.F1.P, bootstrap.Alpha)
		return exitFailed
	}
	return exitOK
}

// checkCoverage refuses runs with documents that were not scored
// (compare.Incomplete), saying what each left out. With allowFailed it
// prints what each run left out and lets the comparison go on.
func checkCoverage(e *env, covs []metrics.Coverage, paths []string, allowFailed bool) int {
	refused := false
	for _, i := range compare.Incomplete(covs) {
		msg := fmt.Sprintf("%s: %s", paths[i], covs[i].Summary())
		if !allowFailed {
			fmt.Fprintf(e.stderr, "arabench compare: %s\n", msg)
			refused = true
			continue
		}
		fmt.Fprintf(e.stderr, "arabench compare: %s; --allow-failed: left out of the comparison\n", msg)
	}
	if refused {
		fmt.Fprintln(e.stderr, "arabench compare: refusing runs with documents that were not scored: their scores count those documents as empty, so the difference would not be the systems'; re-run them, or pass --allow-failed to compare only the documents both runs scored")
		return exitFailed
	}
	return exitOK
}

// joinDiffs says how two signatures differ, e.g. "gold 3f2a9c1e in
// old.json, 9b1c2d3e in new.json".
func joinDiffs(diffs []signature.FieldDiff, left, right string) string {
	parts := make([]string, len(diffs))
	for i, d := range diffs {
		parts[i] = fmt.Sprintf("%s %s in %s, %s in %s", d.Key, d.Left, left, d.Right, right)
	}
	return strings.Join(parts, "; ")
}
