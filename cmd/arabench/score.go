package main

import (
	"bufio"
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/metrics"
)

func init() {
	commands["score"] = command{summary: "score predictions made elsewhere (JSONL, brat folder, CoNLL) or a conlleval file", run: runScore}
}

const scoreUsage = `usage: arabench score --pred FILE|DIR [flags]
       arabench score --conlleval FILE [flags]

--pred reads predictions of the corpus documents in one of three formats
(--pred-format, guessed from the path by default):
  jsonl  one JSON object per document per line, code point offsets:
         {"doc":"<id>","mentions":[{"start":12,"end":26,"type":"PER","text":"…"}]}
  brat   a folder of <doc>.ann files (T lines; N and Value lines optional)
  conll  token per line, BIO/IOB2/IOBES tag in the last column, blank line
         between sentences, "-DOCSTART- <doc>" lines start documents; tokens
         are aligned to the document text to recover offsets. A stray I- that
         opens a chunk counts as B-, as conlleval does.
--conlleval reads conlleval.pl's own input (token columns, gold tag, guessed
tag) and prints conlleval's accuracy and strict P/R/F1, then the other schemes
on the same chunks (each sentence a unit, tokens joined by single spaces).
`

func runScore(_ context.Context, e *env, args []string) int {
	fs := flag.NewFlagSet("score", flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	pred := fs.String("pred", "", "predictions: a JSONL or CoNLL file, or a folder of brat .ann files")
	predFormat := fs.String("pred-format", "auto", "format of --pred: auto, jsonl, brat or conll (auto: a folder is brat; .conll, .bio, .iob, .iob2, .tsv are conll; anything else jsonl)")
	conll := fs.String("conlleval", "", "a conlleval.pl input file to score")
	name := fs.String("name", "", "the system's name in the table and run file (default: the file's base name)")
	var data dataFlags
	data.register(fs)
	var sf scoreFlags
	sf.register(fs)
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
	schemes, avg, format, err := sf.parsed()
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	if *conll != "" {
		return scoreConlleval(e, *conll, *name, schemes, avg, format, &sf)
	}

	c, g, err := data.load()
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	preds, errs, err := readPredictions(*pred, *predFormat, c)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	for _, err := range errs {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
	}
	if *name == "" {
		*name = strings.TrimSuffix(filepath.Base(*pred), filepath.Ext(*pred))
	}
	docs := docsFor(c, g, preds)
	sig := signature(c, g, "", avg)
	boot := sf.bootstrap(&sig)
	report := metrics.Evaluate(docs, metrics.Options{Signature: sig})
	entry := metrics.Entry{Name: *name, Report: report}
	if boot != nil {
		entry.CI = boot.Intervals(metrics.SentenceUnits(docs))
	}
	sf.views.add(*name, docs, report)
	if sf.save != "" {
		headline := sig
		headline.Scheme = string(schemes[0])
		run, err := metrics.NewRun(*name, "", c, preds, report, headline)
		if err == nil {
			run.CI = entry.CI
			err = saveRun(sf.save, run)
		}
		if err != nil {
			fmt.Fprintf(e.stderr, "arabench score: --save %s: %v\n", sf.save, err)
			return exitFailed
		}
	}
	board := &metrics.Board{Entries: []metrics.Entry{entry}, Schemes: schemes, Avg: avg}
	if code := writeBoard(e, "score", board, format, &sf.views); code != exitOK {
		return code
	}
	if len(errs) > 0 {
		fmt.Fprintf(e.stderr, "arabench score: %d problems in %s (listed above); the lines and mentions they name were left out\n", len(errs), *pred)
		return exitUsage
	}
	return exitOK
}

// readPredictions reads path in the given format. The error is for a path
// that cannot be read at all; errs lists the problems inside it.
func readPredictions(path, format string, c *corpus.Corpus) (map[string][]corpus.Mention, []error, error) {
	info, err := os.Stat(path)
	if err != nil {
		return nil, nil, err
	}
	if format == "auto" {
		switch ext := strings.ToLower(filepath.Ext(path)); {
		case info.IsDir():
			format = "brat"
		case ext == ".conll" || ext == ".bio" || ext == ".iob" || ext == ".iob2" || ext == ".tsv":
			format = "conll"
		default:
			format = "jsonl"
		}
	}
	switch format {
	case "brat":
		if !info.IsDir() {
			return nil, nil, fmt.Errorf("%s: brat predictions are a folder of <doc>.ann files", path)
		}
		preds, errs := gold.ReadPredictionDir(path, c)
		return preds, errs, nil
	case "jsonl", "conll":
		f, err := os.Open(path)
		if err != nil {
			return nil, nil, err
		}
		defer f.Close()
		if format == "conll" {
			preds, errs := extract.ReadCoNLL(path, f, c)
			return preds, errs, nil
		}
		preds, errs := extract.ReadPredictions(path, f, c)
		return preds, errs, nil
	}
	return nil, nil, fmt.Errorf("unknown --pred-format %q (want auto, jsonl, brat or conll)", format)
}

// scoreConlleval prints conlleval.pl's report of a file, then the board of the
// other schemes over its sentences. With --ci, the bootstrap resamples the
// file's sentences.
func scoreConlleval(e *env, path, name string, schemes []metrics.Scheme, avg metrics.Avg, format metrics.Format, sf *scoreFlags) int {
	f, err := os.Open(path)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	defer f.Close()
	cf, err := metrics.ReadConll(f, path)
	if err != nil {
		fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
		return exitUsage
	}
	if name == "" {
		name = filepath.Base(path)
	}
	if sf.save != "" {
		fmt.Fprintln(e.stderr, "arabench score: --save is not available with --conlleval: a conlleval file carries its own gold, not a corpus")
		return exitUsage
	}
	if format == metrics.FormatTable {
		if err := cf.Eval().WriteText(e.stdout); err != nil {
			fmt.Fprintf(e.stderr, "arabench score: %v\n", err)
			return exitFailed
		}
		fmt.Fprintln(e.stdout)
	}
	docs := cf.Documents()
	sig := metrics.Signature{Gold: "conlleval:" + name, Corpus: fmt.Sprintf("%d-sentences", len(docs)), Norm: "none", Avg: string(avg)}
	boot := sf.bootstrap(&sig)
	scores := make([]metrics.DocScore, len(docs))
	for i, d := range docs {
		scores[i] = metrics.ScoreDoc(d)
	}
	report := metrics.Summarize(scores, metrics.Options{Signature: sig})
	entry := metrics.Entry{Name: name, Report: report}
	if boot != nil {
		entry.CI = boot.Intervals(scores)
	}
	sf.views.add(name, docs, report)
	board := &metrics.Board{Entries: []metrics.Entry{entry}, Schemes: schemes, Avg: avg}
	return writeBoard(e, "score", board, format, &sf.views)
}

// writeBoard prints a board and the views asked for through a buffered writer.
func writeBoard(e *env, cmd string, b *metrics.Board, f metrics.Format, views *viewFlags) int {
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
