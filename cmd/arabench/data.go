package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/arabench/arabench/conll"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/dataset"
	"github.com/arabench/arabench/evalset"
	"github.com/arabench/arabench/labelmap"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/predictions"
)

// dataFlags are the flags that choose what is scored against: a built-in
// dataset, or a gold (a brat folder over a corpus of .txt files, a CoNLL
// file or JSONL spans), and the label map applied to gold and predictions.
type dataFlags struct {
	dataset   string
	corpusDir string
	goldPath  string
	tokens    tokenFlags
	mapSpec   string
	mapFile   string
	types     string
}

func (d *dataFlags) register(fs *flag.FlagSet) {
	fs.StringVar(&d.dataset, "dataset", dataset.Default, "built-in evaluation set: "+strings.Join(dataset.Names(), " or ")+" (anercorp: the ANERcorp CAMeL Lab test split, CC BY-SA 4.0)")
	fs.StringVar(&d.goldPath, "gold", "", "the gold instead of a dataset: a brat folder of <doc>.ann files (entities.tsv optional), a CoNLL token file or a JSONL spans file, told apart by content; a file brings its corpus (the text rebuilt from its tokens)")
	fs.StringVar(&d.corpusDir, "corpus", "", "folder of .txt documents that a brat --gold annotates (default: the .txt files beside the .ann files, else the seed corpus)")
	d.tokens.register(fs)
	fs.StringVar(&d.mapSpec, "map", "", "rename labels in gold and predictions, after decoding: FROM=TO,… (TO empty drops FROM), e.g. PERS=PER,MISC=")
	fs.StringVar(&d.mapFile, "map-file", "", "rename labels as --map does, from a file of FROM<TAB>TO lines")
	fs.StringVar(&d.types, "types", "", "keep only mentions of these types (after --map), comma-separated")
}

// tokenFlags say how token files (CoNLL gold and predictions) are read.
type tokenFlags struct {
	column  int
	tagging string
}

func (t *tokenFlags) register(fs *flag.FlagSet) {
	fs.IntVar(&t.column, "column", 0, "in token files, the 1-based column of the tag (default: the last)")
	fs.StringVar(&t.tagging, "tagging", "", "in token files, the tagging scheme: iob1, iob2, iobes or bilou (default: any prefix B I O E S L U); with score --mode strict, seqeval's strict scheme")
}

// options returns the options of conll.Read.
func (t *tokenFlags) options() (conll.Options, error) {
	if t.column < 0 {
		return conll.Options{}, fmt.Errorf("--column %d: columns count from 1", t.column)
	}
	tagging, err := conll.ParseTagging(t.tagging)
	if err != nil {
		return conll.Options{}, fmt.Errorf("--tagging: %w", err)
	}
	return conll.Options{Column: t.column, Tagging: tagging}, nil
}

// batchDocs is how many documents a batch of a streamed gold holds at most:
// a variable so that tests can make every document a batch of its own.
var batchDocs = evalset.DefaultBatchDocs

// load returns the evaluation set the flags name. Problems in a gold folder
// are bad input: each is listed and the load fails.
func (d *dataFlags) load(fs *flag.FlagSet) (*evalset.Set, error) {
	return d.loadSet(fs, false)
}

// loadStreaming is load, except that a JSONL gold is not read into memory:
// the set reads its documents one at a time as batches asks for them, so
// a corpus larger than memory can be scored. The caller closes the set.
func (d *dataFlags) loadStreaming(fs *flag.FlagSet) (*evalset.Set, error) {
	return d.loadSet(fs, true)
}

func (d *dataFlags) loadSet(fs *flag.FlagSet, stream bool) (*evalset.Set, error) {
	labels, err := d.labelMap()
	if err != nil {
		return nil, err
	}
	datasetSet := false
	fs.Visit(func(f *flag.Flag) { datasetSet = datasetSet || f.Name == "dataset" })
	if d.goldPath != "" && datasetSet {
		return nil, fmt.Errorf("--dataset %s and --gold %s: give one of them", d.dataset, d.goldPath)
	}
	set, err := evalset.Load(evalset.Options{Dataset: d.dataset, Gold: d.goldPath, Corpus: d.corpusDir, Tokens: d.tokens.options,
		Labels: labels, Stream: stream, BatchDocs: batchDocs})
	if err != nil {
		return nil, d.flagError(err)
	}
	return set, nil
}

// flagError says an error of evalset.Load in the words of the flags.
func (d *dataFlags) flagError(err error) error {
	var input *evalset.InputError
	var own *evalset.OwnCorpusError
	var problems *evalset.ProblemsError
	switch {
	case errors.Is(err, evalset.ErrCorpusWithoutGold):
		return fmt.Errorf("--corpus %s needs --gold DIR: the built-in gold annotates the built-in corpus only", d.corpusDir)
	case errors.As(err, &input):
		return fmt.Errorf("--%s: %w", input.Input, input.Err)
	case errors.As(err, &own):
		return fmt.Errorf("--corpus %s: a %s gold brings its own corpus (the text of its documents); leave --corpus out", own.Corpus, own.Format)
	case errors.As(err, &problems):
		var b strings.Builder
		for _, p := range problems.Problems {
			fmt.Fprintf(&b, "\n  %v", p)
		}
		return fmt.Errorf("gold %s does not load (run `arabench gold check %s`):%s", problems.Gold, problems.Gold, b.String())
	}
	return err
}

// labelMap builds the map of --map, --map-file and --types.
func (d *dataFlags) labelMap() (*labelmap.Map, error) {
	m := &labelmap.Map{}
	if d.mapFile != "" {
		f, err := os.Open(d.mapFile)
		if err != nil {
			return nil, fmt.Errorf("--map-file: %w", err)
		}
		defer f.Close()
		if err := m.ReadTSV(f, d.mapFile); err != nil {
			return nil, fmt.Errorf("--map-file: %w", err)
		}
	}
	if err := m.Parse(d.mapSpec); err != nil {
		return nil, err
	}
	if d.types != "" {
		var types []string
		for _, t := range strings.Split(d.types, ",") {
			if t = strings.TrimSpace(t); t != "" {
				types = append(types, t)
			}
		}
		if err := m.Keep(types); err != nil {
			return nil, err
		}
	}
	return m, nil
}

// sayNotes prints the set's notes and credit line on standard error.
func sayNotes(e *env, cmd string, s *evalset.Set) {
	for _, n := range s.Notes {
		fmt.Fprintf(e.stderr, "arabench %s: %s\n", cmd, n)
	}
	if s.Credit != "" {
		fmt.Fprintf(e.stderr, "arabench %s: data: %s\n", cmd, s.Credit)
	}
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

// warnLabels prints, for one system, a warning for every label its
// predictions and the gold do not share (see predictions.CompareLabels), after
// the label map.
func warnLabels(e *env, cmd, name string, s *evalset.Set, preds map[string][]corpus.Mention) {
	for _, w := range predictions.CompareLabels(s.Mentions, s.Labels.ApplyAll(preds)).Warnings() {
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
			fmt.Fprintf(e.stderr, "arabench %s: … and %s\n", cmd, count(len(errs)-maxProblems, "more problem", "more problems"))
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

// docIDs lists the ids of c's documents in order.
func docIDs(c *corpus.Corpus) []string {
	ids := make([]string, len(c.Documents))
	for i, d := range c.Documents {
		ids[i] = d.ID
	}
	return ids
}
