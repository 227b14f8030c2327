package main

import (
	"fmt"
	"os"
	"path/filepath"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/conlleval"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/signature"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/metrics"
)

// The --save path in every mode of eval and score.
//
// scoreConlleval saves its run this way:
//
//	if err := checkSavePath(sf.save); err != nil { … exit 2 }     // before any work
//	sig := conllevalSignature(docs, avg)                            // docs := cf.Documents()
//	… score, build the entry …
//	if sf.save != "" {
//		err := saveConllevalRun(sf.save, name, docs, report, sig, schemes[0], entry.CI)
//		…
//	}

// checkSavePath checks, before any work, that a run file can be written at
// path: its folder exists and takes a new file, and path is not a folder. ""
// (no --save) passes.
func checkSavePath(path string) error {
	if path == "" {
		return nil
	}
	if info, err := os.Stat(path); err == nil && info.IsDir() {
		return fmt.Errorf("--save %s: is a folder; give a file name", path)
	}
	f, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".*.check")
	if err != nil {
		return fmt.Errorf("--save %s: cannot write there: %w", path, err)
	}
	name := f.Name()
	f.Close()
	return os.Remove(name)
}

// saveRun writes a run file atomically, readable by all.
func saveRun(path string, run *runfile.Run) error {
	return run.WriteFile(path)
}

// conllevalSignature is the signature of scores on a conlleval file's
// sentences: its gold and corpus parts are hashes of the gold chunks and of
// the tokens (conlleval.Hashes), never of the file's name, so two
// systems' files over the same tokens and gold tags sign alike.
func conllevalSignature(docs []metrics.Doc, avg metrics.Avg) signature.Signature {
	g, c := conlleval.Hashes(docs)
	return signature.Signature{Gold: "conlleval-" + g, Corpus: c, Norm: "none", Avg: string(avg)}
}

// saveConllevalRun writes the run file of a conlleval file's scores to path:
// the file's sentences are its documents (ids "<file>:<line>", texts the
// tokens joined by single spaces) and the chunks of its guessed tags its
// predictions, all scored. headline is the report's signature, scheme the
// headline scheme (the first --scheme), ci the --ci intervals or nil.
func saveConllevalRun(path, name string, docs []metrics.Doc, report *metrics.Report, headline signature.Signature, scheme metrics.Scheme, ci *bootstrap.Intervals) error {
	c := &corpus.Corpus{Name: name, Documents: make([]corpus.Document, len(docs))}
	preds := make(map[string][]corpus.Mention, len(docs))
	for i, d := range docs {
		c.Documents[i] = corpus.Document{ID: d.ID, Text: d.Text}
		preds[d.ID] = d.Pred
	}
	headline.Scheme = string(scheme)
	run, err := runfile.NewRun(name, "", c, preds, report, headline)
	if err != nil {
		return fmt.Errorf("--save %s: %w", path, err)
	}
	run.CI = ci
	if err := saveRun(path, run); err != nil {
		return fmt.Errorf("--save %s: %w", path, err)
	}
	return nil
}
