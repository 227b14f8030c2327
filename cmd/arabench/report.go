package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/erroranalysis"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/render"
	"github.com/arabench/arabench/report"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/signature"
)

func init() {
	commands["report"] = command{summary: "write an HTML page of a run's errors, or of two runs compared: marked documents, scores, confusion, frequent errors", run: runReport}
}

const reportUsage = `usage: arabench report [flags] RUN.json [-o report.html]
       arabench report [flags] OLD.json NEW.json [-o report.html]

Writes one self-contained HTML page (no network, opens from disk) for error
analysis of a run file written by 'eval --save' or 'score --save':
  - every document right to left, each gold and predicted mention marked by
    what the scheme makes of it: correct, wrong type, wrong boundary, wrong
    type and boundary, missed, spurious (a colour and a text marker; hover or
    focus a mark for the types, code point offsets and entity ids), with
    filters by outcome, type and document;
  - the run's signature, the per-type scores, the error categories, the type
    confusion matrix, the most frequent errors grouped by surface form and
    the scores of every document (sortable).
With two runs, as compare: OLD then NEW. The page shows NEW's marks, the
per-type F1 deltas with paired-bootstrap p-values, and the mentions gained,
lost and changed since OLD.
The runs are rescored against the loaded corpus and gold (the embedded seed,
or --corpus DIR --gold DIR); a run made on other data is refused. Flags may
come before or after the files.
`

func runReport(_ context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("report", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	out := fs.String("o", "report.html", "the HTML file to write; - writes to standard output")
	schemeName := fs.String("scheme", "strict", "the scheme that judges every mention: strict, exact, type, partial or clitic")
	seed := fs.Int64("seed", bootstrap.DefaultSeed, "seed of the comparison's paired bootstrap")
	resamples := fs.Int("resamples", bootstrap.DefaultResamples, "resamples of the comparison's paired bootstrap")
	groups := fs.Int("groups", report.DefaultMaxGroups, "how many of the most frequent errors to list")
	var data dataFlags
	data.register(fs)
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), reportUsage)
		fs.PrintDefaults()
	}
	paths, code, ok := parseInterleavedFlags(e, fs, args)
	if !ok {
		return code
	}
	if len(paths) < 1 || len(paths) > 2 {
		return usageError(e, "report", wantFiles(paths, 1, "one run file, or two to compare (OLD.json NEW.json)"))
	}
	fail := func(code int, format string, a ...any) int {
		fmt.Fprintf(e.stderr, "arabench report: "+format+"\n", a...)
		return code
	}
	scheme, err := metrics.ParseScheme(*schemeName)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	if err := bootstrap.CheckResamples(*resamples); err != nil {
		return fail(exitUsage, "%v", err)
	}
	if *groups < 1 {
		return fail(exitUsage, "--groups %d: need at least 1", *groups)
	}
	if *out != "-" {
		if err := checkSavePath(*out); err != nil {
			return fail(exitUsage, "%v", strings.Replace(err.Error(), "--save", "-o", 1))
		}
	}
	set, err := data.load(fs)
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	sayNotes(e, "report", set)
	c := set.Corpus

	systems := make([]report.System, len(paths))
	var sig signature.Signature
	for i, p := range paths {
		run, err := runfile.ReadFile(p)
		if err != nil {
			return fail(exitUsage, "%v", err)
		}
		// ReadRun has checked that the signature parses.
		runSig, _ := signature.Parse(run.Signature)
		if diffs := set.DataDiff(runSig); len(diffs) > 0 {
			return fail(exitUsage, "%s was scored on other data than the loaded corpus and gold (%s): give the run's data with --corpus DIR --gold DIR",
				p, joinDiffs(diffs, p, "the loaded data"))
		}
		if v := runSig.Version; v != signature.Version {
			fmt.Fprintf(e.stderr, "arabench report: %s was scored by scoring version %s; it is rescored with version %s\n", p, v, signature.Version)
		}
		preds, errs := run.Mentions(p, c)
		preds = set.Labels.ApplyAll(preds)
		for _, err := range errs {
			fmt.Fprintf(e.stderr, "arabench report: %v\n", err)
		}
		if len(errs) > 0 {
			return fail(exitUsage, "%s does not fit corpus %s (%d problems above): give the run's data with --corpus DIR --gold DIR", p, c.Name, len(errs))
		}
		status := report.StatusesOf(run)
		systems[i] = report.System{Name: run.Extractor, Version: run.ExtractorVersion, Source: filepath.Base(p),
			Signature: run.Signature, Pred: preds, Status: status}
		if i == 0 {
			sig = set.Signature("", metrics.Avg(runSig.Avg))
			sig.Norm = runSig.Norm
		}
	}

	start := time.Now()
	rep, err := report.Build(c, goldOf(set.Mentions), systems, report.Options{Scheme: scheme, Signature: sig,
		Bootstrap: bootstrap.Bootstrap{Resamples: *resamples, Seed: *seed}, MaxGroups: *groups})
	if err != nil {
		return fail(exitUsage, "%v", err)
	}
	size, err := writeReport(*out, e.stdout, rep)
	if err != nil {
		return fail(exitFailed, "%v", err)
	}
	if *out != "-" {
		fmt.Fprintf(e.stderr, "arabench report: wrote %s (%d documents, %d marks, %.1f MB) in %s\n",
			*out, rep.Docs, rep.Counts.Wrong()+rep.Counts[erroranalysis.Correct]+rep.Counts[erroranalysis.Missed]+rep.Counts[erroranalysis.Spurious],
			float64(size)/(1<<20), time.Since(start).Round(time.Millisecond))
	}
	return exitOK
}

// writeReport writes the page to path, or to stdout for "-", and returns
// its size. A file is written next to path first and renamed over it, so
// that a failed write leaves no half page.
func writeReport(path string, stdout io.Writer, rep *report.Report) (int64, error) {
	if path == "-" {
		cw := &countingWriter{w: stdout}
		w := bufio.NewWriter(cw)
		err := rep.Write(w)
		if err == nil {
			err = w.Flush()
		}
		return cw.n, err
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.tmp")
	if err != nil {
		return 0, err
	}
	cw := &countingWriter{w: f}
	w := bufio.NewWriter(cw)
	err = rep.Write(w)
	if err == nil {
		err = w.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(f.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(f.Name(), path)
	}
	if err != nil {
		os.Remove(f.Name())
		return 0, fmt.Errorf("%s: %w", path, err)
	}
	return cw.n, nil
}

type countingWriter struct {
	w io.Writer
	n int64
}

func (c *countingWriter) Write(p []byte) (int, error) {
	n, err := c.w.Write(p)
	c.n += int64(n)
	return n, err
}

// viewFlags are the error analysis views eval and score print after their
// board: --counts adds the MUC counts to the board, --per-doc and
// --confusion print a table per system. The views judge under the first
// --scheme.
type viewFlags struct {
	perDoc, confusion, counts bool
	systems                   []viewSystem
}

type viewSystem struct {
	name      string
	confusion *metrics.Confusion
	report    *metrics.Report
}

func (v *viewFlags) register(fs *flag.FlagSet) {
	fs.BoolVar(&v.perDoc, "per-doc", false, "after the board, print each system's scores per document under the first --scheme")
	fs.BoolVar(&v.confusion, "confusion", false, "after the board, print each system's type confusion matrix, with a no-match row and column")
	fs.BoolVar(&v.counts, "counts", false, "add COR, INC, PAR, MIS, SPU, POS and ACT columns after each scheme's F1, as nervaluate reports them")
}

// add keeps what the views of one system need: the report, and the
// confusion matrix of docs, which the report scored in order.
func (v *viewFlags) add(name string, docs []metrics.Doc, r *metrics.Report) {
	var c *metrics.Confusion
	if v.confusion {
		pairs := make([][]metrics.Pair, len(r.Docs))
		for i, ds := range r.Docs {
			pairs[i] = ds.Pairs
		}
		c = metrics.NewConfusion(docs, pairs)
	}
	v.addConfusion(name, c, r)
}

// addConfusion keeps what the views of one system need: the report and
// the confusion matrix, nil when --confusion is not given.
func (v *viewFlags) addConfusion(name string, c *metrics.Confusion, r *metrics.Report) {
	if v.perDoc || v.confusion {
		v.systems = append(v.systems, viewSystem{name, c, r})
	}
}

// write prints the board, with the counts if asked, then the views asked for.
func (v *viewFlags) write(w io.Writer, b *render.Board, f render.Format) error {
	var err error
	if v.counts {
		err = render.WriteBoardCounts(w, b, f)
	} else {
		err = b.Write(w, f)
	}
	for _, s := range v.systems {
		if err != nil {
			return err
		}
		if v.perDoc {
			var rows []erroranalysis.DocRow
			if rows, err = erroranalysis.PerDoc(s.report, b.Schemes[0]); err == nil {
				err = render.WritePerDoc(w, s.name, b.Schemes[0], rows, f)
			}
		}
		if v.confusion && err == nil {
			err = render.WriteConfusion(w, s.name, s.confusion, f)
		}
	}
	return err
}

// goldOf lends a set's gold mentions (after the label map) to the report.
type goldOf map[string][]corpus.Mention

// Mentions returns the gold mentions of document doc.
func (g goldOf) Mentions(doc string) []corpus.Mention { return g[doc] }
