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
	"slices"
	"strings"

	"github.com/arabench/arabench/anchor"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/evalset"
	"github.com/arabench/arabench/normalize"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/conlleval"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/predictions"
	"github.com/arabench/arabench/render"
	"github.com/arabench/arabench/runfile"
)

func init() {
	commands["score"] = command{summary: "score predictions made elsewhere (JSONL, brat folder, CoNLL) or a conlleval file", run: runScore}
}

const scoreUsage = `usage: arabench score --pred FILE|DIR [flags]
       arabench score --conlleval FILE [flags]

--pred reads predictions of the documents of the dataset (--dataset, default
seed) or of the gold (--gold: a brat folder, a CoNLL token file or a JSONL
spans file), in one of these formats, told from the content, never the file
name (--pred-format forces one):
  jsonl      one JSON object per document per line, code point offsets:
             {"doc":"<id>","mentions":[{"start":12,"end":26,"type":"PER"}]}
  conll      token per line, the tag in the last column (--column N), IOB1,
             IOB2, IOBES or BILOU (--tagging), "-DOCSTART- <doc>" lines start
             documents; tokens are aligned to the document text. Without
             -DOCSTART- the tokens run through the documents in order, so
             score --gold test.conll --pred pred.conll scores two token files
             of the same tokens (a token that differs is an error naming its
             line), with the numbers conlleval prints for the pair
  segmented  conll with clitic-segmented tokens (Farasa, MADAMIRA: و+ واشنطن)
  spacy      spaCy or Prodigy JSONL: {"text":…,"spans":[{"start","end","label"}]},
             matched to documents by "meta":{"doc":…} or "id", else by text
  strings    mentions without offsets, as a language model returns them:
             {"doc":"<id>","mentions":[{"type":"PER","text":"بوتين"}]}; each
             string claims the leftmost unclaimed occurrence of its text after
             normalization (--norm, default search) and every scheme applies;
             a string found nowhere (a hallucination), or more often than the
             text has it, counts as spurious and is listed. --scheme bag
             compares (type, normalized text) multisets instead, per document
  brat       a folder of <doc>.ann files (T lines; N and Value lines optional)
Every document needs predictions (a document without mentions still needs its
line): a missing one, or one the gold does not have, is an error (exit 1) that
names them; --allow-missing scores missing documents as empty and says how
many. A label the gold never uses is scored as it is, with a warning that
names it; --map renames labels in gold and predictions alike.
--conlleval reads conlleval.pl's own input (token columns, gold tag, guessed
tag; "-" reads standard input) and prints conlleval's report byte for byte,
then the other schemes on the same chunks (each sentence a unit, tokens joined
by single spaces). Columns are separated by single spaces as in conlleval.pl
(a tab or a no-break space is part of a token); --delimiter, --raw and --otag
are its -d, -r and -o. A CR before the line feed is dropped, with a note.

flags:
`

func runScore(_ context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	pred := fs.String("pred", "", "predictions: a JSONL, CoNLL, spaCy or strings file, or a folder of brat .ann files")
	predFormat := fs.String("pred-format", "auto", "format of --pred: auto, jsonl, conll, segmented, spacy, strings or brat (auto: told from the content)")
	normName := fs.String("norm", "search", "with strings predictions and the bag scheme, the normalization preset under which texts are compared: "+strings.Join(normalize.Presets(), ", ")+" or none")
	allowMissing := fs.Bool("allow-missing", false, "score the documents that --pred has no predictions for as empty, instead of refusing")
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
		fmt.Fprint(fs.Output(), scoreUsage)
		fs.PrintDefaults()
	}
	if code, ok := parseFlags(e, fs, args); !ok {
		return code
	}
	sq.tagging = data.tokens.tagging
	switch {
	case fs.NArg() > 0:
		return usageError(e, "score", fmt.Sprintf("unexpected argument %q: give the predictions with --pred FILE", fs.Arg(0)))
	case *pred == "" && *conll == "":
		return usageError(e, "score", "nothing to score: give --pred FILE|DIR, or --conlleval FILE")
	case *pred != "" && *conll != "":
		return usageError(e, "score", "--pred and --conlleval: give one of them (a conlleval file holds its own gold)")
	}
	if *conll != "" && sq.wanted(&sf) {
		return scoreSeqeval(e, fs, *conll, *name, &sq, &sf)
	}
	schemes, avg, format, err := sf.parsed()
	if err != nil {
		return usageError(e, "score", err.Error())
	}
	if *conll != "" {
		if copts.Delimiter == "" {
			fmt.Fprintln(e.stderr, "arabench score: --delimiter is empty; conlleval.pl would cut every line into single characters: give a separator of one or more characters")
			return exitUsage
		}
		return scoreConlleval(e, *conll, *name, copts, schemes, avg, format, &sf)
	}
	if set := conllevalFlags(fs); set != "" {
		return usageError(e, "score", set+" goes with --conlleval")
	}
	if sq.mode != "" {
		return usageError(e, "score", "--mode prints seqeval's report of a conlleval file: give it with --conlleval FILE")
	}

	if err := checkSavePath(sf.save); err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	pf, err := predictions.ParseFormat(*predFormat)
	if err != nil {
		return usageError(e, "score", "--pred-format: "+err.Error())
	}
	norm, err := presetOrNone(*normName)
	if err != nil {
		return usageError(e, "score", "--norm: "+err.Error())
	}
	copt, err := data.tokens.options()
	if err != nil {
		return usageError(e, "score", err.Error())
	}
	set, err := data.load(fs)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	sayNotes(e, "score", set)
	ps, err := predictions.ReadFile(*pred, pf, set.Corpus, predictions.ReadOptions{
		CoNLL:  predictions.CoNLLOptions{Column: copt.Column, Tagging: copt.Tagging},
		Placer: anchor.NewPlacer(norm),
	})
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	var fold func(string) string
	if norm != nil {
		fold = norm.String
	}
	return scorePredictions(e, ps, set, *name, *normName, fold, *allowMissing, schemes, avg, format, &sf)
}

// presetOrNone returns the normalization preset named name, or nil for
// "none".
func presetOrNone(name string) (*normalize.Normalizer, error) {
	if name == "none" {
		return nil, nil
	}
	n, err := normalize.Preset(name)
	if err != nil {
		// The package names itself in its errors; the flag names it here.
		return nil, errors.New(strings.TrimPrefix(err.Error(), "normalize: "))
	}
	return n, nil
}

// scorePredictions scores a predictions file read against the set's corpus.
// It refuses (exit 1) predictions that name documents the corpus lacks, or
// lack some of its documents unless allowMissing; it scores documents
// reported failed, and with allowMissing missing ones, as empty, says so in
// the footer and the run file, and exits 1 when some failed; other problems
// in the file are printed (the first few) and exit 2 after the table. Strings
// that found no place in their document are counted spurious and listed.
func scorePredictions(e *env, ps *predictions.Set, set *evalset.Set, name, normName string, fold func(string) string, allowMissing bool,
	schemes []metrics.Scheme, avg metrics.Avg, format render.Format, sf *scoreFlags) int {
	c := set.Corpus
	printProblems(e, "score", ps.Problems)
	var refused bool
	if err := ps.UnknownError(); err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		refused = true
	}
	if err := ps.MissingError(); err != nil {
		if !allowMissing {
			fmt.Fprintf(e.stderr, "arabench score: %v; or pass --allow-missing to score them as empty\n", err)
			refused = true
		} else if !refused {
			fmt.Fprintf(e.stderr, "arabench score: --allow-missing: scoring %d of %d documents as empty: %s\n",
				len(ps.Missing), len(c.Documents), predictions.QuoteIDs(ps.Missing, 5))
		}
	}
	if refused {
		fmt.Fprintf(e.stderr, "arabench score: %s (%s) does not cover corpus %s: nothing scored\n", ps.Path, ps.Format, c.Name)
		return exitFailed
	}
	status := map[string]metrics.DocStatus{}
	failed := make([]error, len(ps.Failed))
	for i, f := range ps.Failed {
		status[f.Doc] = metrics.StatusFailed
		failed[i] = errors.New(f.Err)
	}
	printProblems(e, "score", failed)
	for _, id := range ps.Missing {
		status[id] = metrics.StatusMissing
	}
	cov := metrics.NewCoverage(docIDs(c), status)
	if name == "" {
		name = strings.TrimSuffix(filepath.Base(ps.Path), filepath.Ext(ps.Path))
	}
	var unplaced map[string][]corpus.Mention
	if ps.Strings != nil {
		unplaced = ps.Strings.Unplaced
	}
	warnLabels(e, "score", name, set, ps.Mentions)
	docs := set.Docs(ps.Mentions, unplaced, fold)
	sig := set.Signature("", avg)
	if ps.Format == predictions.FormatStrings || slices.Contains(schemes, metrics.SchemeBag) {
		sig.Norm = normName
	}
	boot := sf.bootstrap(&sig)
	report := metrics.Evaluate(docs, metrics.Options{Signature: sig})
	entry := render.Entry{Name: name, Report: report, Coverage: &cov, Notes: set.UnscoredParts(report)}
	if ps.Strings != nil {
		entry.Notes = append(entry.Notes, reportStrings(e, ps.Strings, normName, &entry)...)
	}
	if boot != nil {
		entry.CI = boot.Intervals(bootstrap.SentenceUnits(docs))
	}
	sf.views.add(name, docs, report)
	if sf.save != "" {
		headline := sig
		headline.Scheme = string(schemes[0])
		run, err := runfile.NewRun(name, "", c, ps.Mentions, report, headline)
		for _, f := range ps.Failed {
			if err == nil {
				err = run.MarkDoc(f.Doc, metrics.StatusFailed, f.Err)
			}
		}
		for _, id := range ps.Missing {
			if err == nil {
				err = run.MarkDoc(id, metrics.StatusMissing, "no predictions in "+ps.Path)
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
	case len(ps.Problems) > 0:
		fmt.Fprintf(e.stderr, "arabench score: %s in %s (%s; listed above, the first %d at most); the lines and mentions they name were left out\n",
			count(len(ps.Problems), "problem", "problems"), ps.Path, ps.Format, maxProblems)
		return exitUsage
	case len(ps.Failed) > 0:
		fmt.Fprintf(e.stderr, "arabench score: %s reports failures on %d of %d documents (listed above); the scores count them as %s\n", ps.Path, len(ps.Failed), len(c.Documents), metrics.UnscoredAs)
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

// reportStrings says what became of predicted strings: how many were
// placed, and which found no place — absent from the text (hallucinated) or
// surplus — on standard error (the first few), in the footer (the counts)
// and in the JSON (all of them).
func reportStrings(e *env, strs *predictions.Strings, normName string, entry *render.Entry) []string {
	absent, surplus := 0, 0
	for _, o := range strs.Outcomes {
		entry.Unplaced = append(entry.Unplaced, render.Unplaced(o))
		if o.Outcome == anchor.Absent.String() {
			absent++
		} else {
			surplus++
		}
		if absent+surplus <= maxProblems {
			fmt.Fprintf(e.stderr, "arabench score: %s: doc %q: %s %q is %s\n", entry.Name, o.Doc, o.Type, o.Text, outcomeWords(o.Outcome))
		}
	}
	if n := absent + surplus; n > maxProblems {
		fmt.Fprintf(e.stderr, "arabench score: … and %s (all are in --format json)\n", count(n-maxProblems, "more string", "more strings"))
	}
	return []string{fmt.Sprintf("strings: %d placed (norm:%s), %d absent from the text (hallucinated), %d surplus; the %s counted as spurious",
		strs.Placed, normName, absent, surplus, count(absent+surplus, "unplaced one is", "unplaced ones are"))}
}

// outcomeWords says what an anchor outcome means.
func outcomeWords(outcome string) string {
	if outcome == anchor.Absent.String() {
		return "absent from the text (hallucinated): counted as spurious"
	}
	return "surplus: every occurrence in the text was claimed by an earlier string; counted as spurious"
}
