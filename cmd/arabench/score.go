package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/conlleval"
	"github.com/arabench/arabench/extract"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/render"
	"github.com/arabench/arabench/runfile"
)

func init() {
	commands["score"] = command{summary: "score predictions made elsewhere (JSONL, brat folder, CoNLL) or a conlleval file", run: runScore}
}

const scoreUsage = `usage: arabench score --pred FILE|DIR [flags]
       arabench score --conlleval FILE [flags]

--pred reads predictions of the corpus documents in one of three formats,
told from the content, never the file name (--pred-format forces one):
  jsonl  one JSON object per document per line, code point offsets:
         {"doc":"<id>","mentions":[{"start":12,"end":26,"type":"PER","text":"…"}]}
         (a file whose first line that is not blank starts with "{")
  brat   a folder of <doc>.ann files (T lines; N and Value lines optional)
  conll  token per line, BIO/IOB2/IOBES tag in the last column, blank line
         between sentences, "-DOCSTART- <doc>" lines start documents; tokens
         are aligned to the document text to recover offsets. A stray I- that
         opens a chunk counts as B-, as conlleval does. (any other file)
Every document of the corpus needs predictions (a document without mentions
still needs its line): a missing one, or one the corpus does not have, is an
error (exit 1) that names them; --allow-missing scores missing documents as
empty and says how many. A label the gold never uses (PERS, MISC) is scored
as it is, with a warning that names it.
--conlleval reads conlleval.pl's own input (token columns, gold tag, guessed
tag; "-" reads standard input) and prints conlleval's report byte for byte,
then the other schemes on the same chunks (each sentence a unit, tokens joined
by single spaces). Columns are separated by single spaces as in conlleval.pl
(a tab or a no-break space is part of a token); --delimiter, --raw and --otag
are its -d, -r and -o. A CR before the line feed is dropped, with a note.
`

func runScore(_ context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	pred := fs.String("pred", "", "predictions: a JSONL or CoNLL file, or a folder of brat .ann files")
	predFormat := fs.String("pred-format", "auto", "format of --pred: auto, jsonl, brat or conll (auto: a folder is brat; a file whose first line that is not blank starts with '{' is jsonl; any other file conll)")
	allowMissing := fs.Bool("allow-missing", false, "score the corpus documents that --pred has no predictions for as empty, instead of refusing")
	conll := fs.String("conlleval", "", "a conlleval.pl input file to score (- reads standard input)")
	var copts conlleval.Options
	fs.StringVar(&copts.Delimiter, "delimiter", " ", "with --conlleval: the column separator, a regular expression matched on bytes (conlleval.pl's -d; '\\t' for tab-separated files)")
	fs.BoolVar(&copts.Raw, "raw", false, "with --conlleval: tags have no B-/I- prefix, each token is a chunk of its own type (conlleval.pl's -r)")
	fs.StringVar(&copts.OTag, "otag", "O", "with --conlleval --raw: the outside tag (conlleval.pl's -o)")
	name := fs.String("name", "", "the system's name in the table and run file (default: the file's base name)")
	var data dataFlags
	data.register(fs)
	var sf scoreFlags
	sf.register(fs)
	var sq seqevalFlags
	sq.register(fs)
	fs.Usage = func() {
		fmt.Fprint(e.stderr, scoreUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return exitUsage
	}
	if fs.NArg() > 0 || (*pred == "") == (*conll == "") {
		fs.Usage()
		return exitUsage
	}
	if sq.wanted(&sf) {
		return scoreSeqeval(e, fs, *conll, *name, &sq, &sf)
	}
	schemes, avg, format, err := sf.parsed()
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	if *conll != "" {
		if copts.Delimiter == "" {
			fmt.Fprintln(e.stderr, "arabench score: --delimiter is empty; conlleval.pl would cut every line into single characters: give a separator of one or more characters")
			return exitUsage
		}
		return scoreConlleval(e, *conll, *name, copts, schemes, avg, format, &sf)
	}
	if set := conllevalFlags(fs); set != "" {
		fmt.Fprintf(e.stderr, "arabench score: %s goes with --conlleval\n", set)
		return exitUsage
	}

	if err := checkSavePath(sf.save); err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	c, g, err := data.load()
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	pf, err := extract.ParseFormat(*predFormat)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: --pred-format: %v\n", err)
		return exitUsage
	}
	set, err := extract.ReadFile(*pred, pf, c)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	return scorePredictions(e, set, g, *name, *allowMissing, schemes, avg, format, &sf)
}

// scorePredictions scores a predictions file read against the corpus. It
// refuses (exit 1) predictions that name documents the corpus lacks, or lack
// some of its documents unless allowMissing; it scores documents reported
// failed, and with allowMissing missing ones, as empty, says so in the footer
// and the run file, and exits 1 when some failed; other problems in the file
// are printed (the first few) and exit 2 after the table.
func scorePredictions(e *env, set *extract.PredictionSet, g *gold.Gold, name string, allowMissing bool,
	schemes []metrics.Scheme, avg metrics.Avg, format render.Format, sf *scoreFlags) int {
	c := set.Corpus
	printProblems(e, "score", set.Problems)
	var refused bool
	if err := set.UnknownError(); err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		refused = true
	}
	if err := set.MissingError(); err != nil {
		if !allowMissing {
			fmt.Fprintf(e.stderr, "arabench score: %v; or pass --allow-missing to score them as empty\n", err)
			refused = true
		} else if !refused {
			fmt.Fprintf(e.stderr, "arabench score: --allow-missing: scoring %d of %d documents as empty: %s\n",
				len(set.Missing), len(c.Documents), extract.QuoteIDs(set.Missing, 5))
		}
	}
	if refused {
		fmt.Fprintf(e.stderr, "arabench score: %s (%s) does not cover corpus %s: nothing scored\n", set.Path, set.Format, c.Name)
		return exitFailed
	}
	status := map[string]metrics.DocStatus{}
	failed := make([]error, len(set.Failed))
	for i, f := range set.Failed {
		status[f.Doc] = metrics.StatusFailed
		failed[i] = errors.New(f.Err)
	}
	printProblems(e, "score", failed)
	for _, id := range set.Missing {
		status[id] = metrics.StatusMissing
	}
	cov := metrics.NewCoverage(docIDs(c), status)
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(set.Path), filepath.Ext(set.Path))
	}
	warnLabels(e, "score", name, c, g, set.Mentions)
	docs := docsFor(c, g, set.Mentions)
	sig := signature(c, g, "", avg)
	boot := sf.bootstrap(&sig)
	report := metrics.Evaluate(docs, metrics.Options{Signature: sig})
	entry := render.Entry{Name: name, Report: report, Coverage: &cov}
	if boot != nil {
		entry.CI = boot.Intervals(bootstrap.SentenceUnits(docs))
	}
	sf.views.add(name, docs, report)
	if sf.save != "" {
		headline := sig
		headline.Scheme = string(schemes[0])
		run, err := runfile.NewRun(name, "", c, set.Mentions, report, headline)
		for _, f := range set.Failed {
			if err == nil {
				err = run.MarkDoc(f.Doc, metrics.StatusFailed, f.Err)
			}
		}
		for _, id := range set.Missing {
			if err == nil {
				err = run.MarkDoc(id, metrics.StatusMissing, "no predictions in "+set.Path)
			}
		}
		if err == nil {
			run.CI = entry.CI
			err = saveRun(sf.save, run)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "arabench score: --save %s: %v\n", sf.save, err)
			return exitFailed
		}
	}
	board := &render.Board{Entries: []render.Entry{entry}, Schemes: schemes, Avg: avg}
	if code := writeBoard(e, "score", board, format, &sf.views); code != exitOK {
		return code
	}
	switch {
	case len(set.Problems) > 0:
		fmt.Fprintf(e.stderr, "arabench score: %d problems in %s (%s; the first are listed above); the lines and mentions they name were left out\n", len(set.Problems), set.Path, set.Format)
		return exitUsage
	case len(set.Failed) > 0:
		fmt.Fprintf(e.stderr, "arabench score: %s reports failures on %d of %d documents (listed above); the scores count them as %s\n", set.Path, len(set.Failed), len(c.Documents), metrics.UnscoredAs)
		return exitFailed
	}
	return exitOK
}

// conllevalFlags returns the first flag set that only --conlleval reads.
func conllevalFlags(fs *flag.FlagSet) string {
	set := ""
	fs.Visit(func(f *flag.Flag) {
		if set == "" && (f.Name == "delimiter" || f.Name == "raw" || f.Name == "otag") {
			set = "--" + f.Name
		}
	})
	return set
}

// scoreConlleval prints conlleval.pl's report of a file, then the board of the
// other schemes over its sentences; with --format json, one object holding
// both. With --ci, the bootstrap resamples the file's sentences.
func scoreConlleval(e *env, path, name string, opts conlleval.Options, schemes []metrics.Scheme, avg metrics.Avg, format render.Format, sf *scoreFlags) int {
	if err := checkSavePath(sf.save); err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	in, fileName := e.stdin, "stdin"
	if path != "-" {
		f, err := os.Open(path)
		if err != nil {
			fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
			return exitUsage
		}
		defer f.Close()
		in, fileName = f, path
	}
	cf, err := conlleval.Read(in, fileName, opts)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	if cf.CRLines > 0 {
		fmt.Fprintf(e.stderr, "arabench score: note: %s: %d lines end in CR LF; their CR was dropped (conlleval.pl keeps it in the guessed tag, and refuses a blank CR LF line)\n", fileName, cf.CRLines)
	}
	if opts.OTag != "O" && !opts.Raw {
		fmt.Fprintln(e.stderr, "arabench score: note: --otag is read only with --raw, as in conlleval.pl")
	}
	if name == "" {
		name = filepath.Base(fileName)
	}
	rep := cf.Evaluate()
	if format == render.FormatTable {
		if err := rep.WriteText(e.stdout); err != nil {
			fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
			return exitFailed
		}
		fmt.Fprintln(e.stdout)
	}
	docs := cf.Documents()
	sig := conllevalSignature(docs, avg)
	boot := sf.bootstrap(&sig)
	scores := make([]metrics.DocScore, len(docs))
	for i, d := range docs {
		scores[i] = metrics.ScoreDoc(d)
	}
	report := metrics.Summarize(scores, metrics.Options{Signature: sig})
	entry := render.Entry{Name: name, Report: report}
	if boot != nil {
		entry.CI = boot.Intervals(bootstrap.UnitsOf(scores))
	}
	if sf.save != "" {
		if err := saveConllevalRun(sf.save, name, docs, report, sig, schemes[0], entry.CI); err != nil {
			fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
			return exitFailed
		}
	}
	board := &render.Board{Entries: []render.Entry{entry}, Schemes: schemes, Avg: avg}
	if format == render.FormatJSON {
		return writeConllevalJSON(e, rep, board)
	}
	sf.views.add(name, docs, report)
	return writeBoard(e, "score", board, format, &sf.views)
}

// writeConllevalJSON prints the board's JSON object with conlleval's report
// added under "conlleval".
func writeConllevalJSON(e *env, rep *conlleval.Report, b *render.Board) int {
	var buf bytes.Buffer
	obj := map[string]json.RawMessage{}
	err := b.Write(&buf, render.FormatJSON)
	if err == nil {
		err = json.Unmarshal(buf.Bytes(), &obj)
	}
	if err == nil {
		obj["conlleval"], err = json.Marshal(rep)
	}
	if err == nil {
		enc := json.NewEncoder(e.stdout)
		enc.SetIndent("", "  ")
		err = enc.Encode(obj)
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitFailed
	}
	return exitOK
}

// writeBoard prints a board and the views asked for through a buffered writer.
func writeBoard(e *env, cmd string, b *render.Board, f render.Format, views *viewFlags) int {
	w := bufio.NewWriter(e.stdout)
	err := views.write(w, b, f)
	if err == nil {
		err = w.Flush()
	}
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench %s: %v\n", cmd, err)
		return exitFailed
	}
	return exitOK
}
