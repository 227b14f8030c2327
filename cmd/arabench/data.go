package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/metrics"
)

// dataFlags are the flags that choose what is scored against: the corpus and
// its gold. Without them, the seed corpus and gold built into the binary.
type dataFlags struct {
	corpusDir string
	goldDir   string
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.corpusDir, "corpus", "", "folder of .txt documents to evaluate on (default: the embedded seed corpus)")
	fs.StringVar(&d.goldDir, "gold", "", "folder of brat .ann gold files for the corpus, with entities.tsv (default: the embedded gold; required with --corpus)")
}

// load returns the corpus and its gold. Problems in a gold folder are bad
// input: each is printed and the load fails.
func (d *dataFlags) load() (*corpus.Corpus, *gold.Gold, error) {
	c := corpus.Seed()
	if d.corpusDir != "" {
		var err error
		if c, err = corpus.Load(d.corpusDir); err != nil {
			return nil, nil, err
		}
		if d.goldDir == "" {
			return nil, nil, fmt.Errorf("--corpus %s needs --gold DIR: the embedded gold annotates the seed corpus only", d.corpusDir)
		}
	}
	if d.goldDir == "" {
		g, err := gold.Seed()
		return c, g, err
	}
	g, problems := gold.LoadDir(d.goldDir, c)
	if len(problems) > 0 {
		var b strings.Builder
		for _, p := range problems {
			fmt.Fprintf(&b, "\n  %v", p)
		}
		return nil, nil, fmt.Errorf("gold %s does not load (run `arabench gold check %s`):%s", d.goldDir, d.goldDir, b.String())
	}
	g.Compact()
	return c, g, nil
}

// schemeList parses a comma-separated list of schemes.
func schemeList(s string) ([]metrics.Scheme, error) {
	var out []metrics.Scheme
	for _, part := range strings.Split(s, ",") {
		sc, err := metrics.ParseScheme(strings.TrimSpace(part))
		if err != nil {
			return nil, err
		}
		out = append(out, sc)
	}
	return out, nil
}

// docsFor pairs every document of c with its gold and predicted mentions.
func docsFor(c *corpus.Corpus, g *gold.Gold, preds map[string][]corpus.Mention) []metrics.Doc {
	docs := make([]metrics.Doc, len(c.Documents))
	for i, d := range c.Documents {
		docs[i] = metrics.Doc{ID: d.ID, Text: d.Text, Gold: g.Shared(d.ID), Pred: preds[d.ID]}
	}
	return docs
}

// signature is the signature of scores on c against g: the hashes of their
// content, never their names.
func signature(c *corpus.Corpus, g *gold.Gold, scheme metrics.Scheme, avg metrics.Avg) metrics.Signature {
	return metrics.Signature{Gold: g.Hash(), Corpus: metrics.CorpusHash(c.Documents), Norm: "none", Scheme: string(scheme), Avg: string(avg)}
}

// goldMentions returns the gold mentions of every document of c by id.
func goldMentions(c *corpus.Corpus, g *gold.Gold) map[string][]corpus.Mention {
	out := make(map[string][]corpus.Mention, len(c.Documents))
	for _, d := range c.Documents {
		out[d.ID] = g.Mentions(d.ID)
	}
	return out
}

// warnLabels prints, for one system, a warning for every label its
// predictions and the gold do not share (see extract.CompareLabels).
func warnLabels(e *env, cmd, name string, c *corpus.Corpus, g *gold.Gold, preds map[string][]corpus.Mention) {
	for _, w := range extract.CompareLabels(goldMentions(c, g), preds).Warnings() {
		fmt.Fprintf(e.stderr, "arabench %s: warning: %s: %s\n", cmd, name, w)
	}
}

// maxProblems is how many problems of one input are printed; the rest are
// counted. A file read in the wrong format has a problem on every line.
const maxProblems = 10

// printProblems prints the first maxProblems of errs, then how many more
// there are.
func printProblems(e *env, cmd string, errs []error) {
	for i, err := range errs {
		if i == maxProblems {
			fmt.Fprintf(e.stderr, "arabench %s: … and %d more problems\n", cmd, len(errs)-maxProblems)
			return
		}
		fmt.Fprintf(e.stderr, "arabench %s: %v\n", cmd, err)
	}
}

// isTerminal reports whether f is a character device (a terminal), where a
// progress line belongs.
func isTerminal(f any) bool {
	file, ok := f.(*os.File)
	if !ok {
		return false
	}
	st, err := file.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
