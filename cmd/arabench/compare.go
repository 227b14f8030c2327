package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/compare"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/evalset"
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
	runs := make([]*comparedRun, 2)
	sigs := make([]signature.Signature, 2)
	covs := make([]metrics.Coverage, 2)
	for i, p := range paths {
		if runs[i], err = checkRun(p, c); err != nil {
			return fail("%v", err)
		}
		defer runs[i].scanner.Close()
		sigs[i] = runs[i].sig
		if strings.HasPrefix(sigs[i].Gold, "conlleval-") {
			return fail("%s is the run of a conlleval file, which carries its own gold: compare reads runs made on a corpus (eval --save, score --pred … --save)", p)
		}
		covs[i] = runs[i].cov
	}
	if code := checkCoverage(e, covs, paths, cf.allowFailed); code != exitOK {
		return code
	}
	sayNotes(e, "compare", set)
	for i := range runs {
		upgradeLegacyCorpus(e, runs[i].header(), paths[i], &sigs[i], c)
	}
	if diffs := comparableDiff(sigs[0], sigs[1]); len(diffs) > 0 {
		msg := fmt.Sprintf("%s and %s were scored differently (%s)", paths[0], paths[1], joinDiffs(diffs, paths[0], paths[1]))
		if !cf.force {
			return fail("%s: compare runs of the same gold, corpus, normalization, scheme and scoring version, or pass --force", msg)
		}
		fmt.Fprintf(e.stderr, "arabench compare: %s; comparing anyway (--force)\n", msg)
	}

	for i, p := range paths {
		if diffs := dataDiff(sigs[i], set); len(diffs) > 0 {
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
		errs := runs[i].mentionErrs
		for _, err := range errs {
			fmt.Fprintf(e.stderr, "arabench compare: %v\n", err)
		}
		if len(errs) > 0 && !cf.force {
			return fail("%s does not fit corpus %s (%s above): give the run's data with --gold (and --corpus) or --dataset, or pass --force to compare what fits", p, c.Name, count(len(errs), "problem", "problems"))
		}
	}

	// With --allow-failed only the documents both runs scored are compared;
	// the signature's corpus part then pins that subset.
	unscored := map[string]bool{}
	for _, cov := range covs {
		for _, id := range cov.Unscored() {
			unscored[id] = true
		}
	}
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
	oldRun, newRun := runs[0].header(), runs[1].header()
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
	cmp, err := compareRuns(e, b, runs, set, unscored)
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

// comparedRun is a run file being compared, read through once.
type comparedRun struct {
	scanner *runfile.Scanner
	sig     signature.Signature
	cov     metrics.Coverage
	// mentionErrs are the problems of its mentions against the corpus
	// (runfile.Run.Mentions).
	mentionErrs []error
	// inOrder is set when its documents come in corpus order.
	inOrder bool
}

func (r *comparedRun) header() *runfile.Run { return r.scanner.Header() }

// checkRun reads the run file at path through, one document at a time: every
// document is checked as runfile.ReadRun checks it and matched with corpus c,
// and the run must be a whole one, not a shard's.
func checkRun(path string, c *corpus.Corpus) (*comparedRun, error) {
	s, err := runfile.Open(path)
	if err != nil {
		return nil, err
	}
	m := runfile.NewMatcher(path, c)
	for s.Scan() {
		m.Match(s.Doc())
	}
	err = s.Err()
	if err == nil {
		err = wholeRun(path, s.Header())
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	// The scanner has checked that the signature parses.
	sig, _ := signature.Parse(s.Header().Signature)
	return &comparedRun{scanner: s, sig: sig, cov: s.Coverage(), mentionErrs: m.Finish(), inOrder: m.InOrder()}, nil
}

// compareRuns reads both runs again side by side, in corpus order, and adds
// every document that is not in unscored to b, then finishes the
// comparison. A run whose documents are in another order than the corpus's
// is read whole first, which takes more memory; the user is told.
func compareRuns(e *env, b *compare.Builder, runs []*comparedRun, set *evalset.Set, unscored map[string]bool) (*compare.Comparison, error) {
	c := set.Corpus
	aligners := make([]*runfile.Aligner, len(runs))
	for i, r := range runs {
		if !r.inOrder {
			fmt.Fprintf(e.stderr, "arabench compare: %s lists its documents in another order than corpus %s: it is read whole, in more memory\n", r.scanner.Name(), c.Name)
		}
		a, err := runfile.NewAligner(r.scanner, c, r.inOrder)
		if err != nil {
			return nil, err
		}
		aligners[i] = a
	}
	var preds [2][]corpus.Mention
	for k, d := range c.Documents {
		for i, a := range aligners {
			ms, err := a.Mentions(k)
			if err != nil {
				return nil, err
			}
			if len(ms) > 0 {
				ms = set.Labels.Apply(ms)
			}
			preds[i] = ms
		}
		if unscored[d.ID] {
			continue
		}
		if err := b.Add(compare.DocPair{ID: d.ID, Text: d.Text, Gold: set.Mentions[d.ID], Old: preds[0], New: preds[1]}); err != nil {
			return nil, err
		}
	}
	return b.Finish()
}

// readRunFile opens and decodes a run file.
func readRunFile(path string) (*runfile.Run, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	run, err := runfile.ReadRun(path, f)
	if err == nil {
		err = wholeRun(path, run)
	}
	return run, err
}

// upgradeLegacyCorpus reads the corpus part of a run file written before
// signatures pinned the corpus's content (format arabench-run/1, whose
// corpus part is a name): when it names the loaded corpus, the part is taken
// as the loaded corpus's hash, and Run.Mentions still checks every mention's
// text against the loaded documents.
func upgradeLegacyCorpus(e *env, run *runfile.Run, path string, sig *signature.Signature, c *corpus.Corpus) {
	if run.Format == runfile.Format || sig.Corpus != c.Name {
		return
	}
	sig.Corpus = signature.CorpusHash(c.Documents)
	fmt.Fprintf(e.stderr, "arabench compare: %s was written in format %s, whose signature names its corpus (%s) rather than pinning its content; its mentions are checked against the loaded texts instead\n",
		path, run.Format, c.Name)
}

// checkCoverage refuses runs with documents that were not scored (failed,
// never ran, missing): their scores count those documents as empty, so a
// comparison would report a change that is not the system's. With
// allowFailed it prints what each run left out and lets the comparison go on.
func checkCoverage(e *env, covs []metrics.Coverage, paths []string, allowFailed bool) int {
	refused := false
	for i, cov := range covs {
		if cov.Complete() {
			continue
		}
		msg := fmt.Sprintf("%s: %s", paths[i], cov.Summary())
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

// comparableDiff lists the parts on which two runs' signatures differ,
// leaving out the bootstrap: a run scored with --ci compares with one scored
// without, since compare runs its own bootstrap.
func comparableDiff(a, b signature.Signature) []signature.FieldDiff {
	a.Boot, b.Boot = "", ""
	return a.Diff(b)
}

// dataDiff lists how a run's signature differs from the loaded data: its
// gold, corpus and label map hashes.
func dataDiff(sig signature.Signature, set *evalset.Set) []signature.FieldDiff {
	loaded := sig
	l := set.Signature("", "")
	loaded.Gold, loaded.Corpus, loaded.Map = l.Gold, l.Corpus, l.Map
	return sig.Diff(loaded)
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
