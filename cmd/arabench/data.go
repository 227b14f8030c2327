package main

import (
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/arabench/arabench/conll"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/dataset"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/labelmap"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/predictions"
	"github.com/arabench/arabench/shard"
	"github.com/arabench/arabench/signature"
	"github.com/arabench/arabench/spans"
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

// evalSet is what systems are scored against: a corpus, its gold and the
// label map, with the gold's mentions after the map.
type evalSet struct {
	corpus *corpus.Corpus
	gold   *gold.Gold
	labels *labelmap.Map
	// mentions are the gold mentions of every document, after the map.
	mentions map[string][]corpus.Mention
	// spans, when set, is a JSONL gold read one document at a time (see
	// loadStreaming): corpus, gold and mentions are then nil.
	spans *spans.File
	// credit, for a built-in dataset, credits its authors.
	credit string
	// notes are said on standard error, never fatal.
	notes []string
}

// load returns the evaluation set the flags name. Problems in a gold folder
// are bad input: each is listed and the load fails.
func (d *dataFlags) load(fs *flag.FlagSet) (*evalSet, error) {
	return d.loadSet(fs, false)
}

// loadStreaming is load, except that a JSONL gold is not read into memory:
// the set reads its documents one at a time as batches asks for them, so
// a corpus larger than memory can be scored. The caller closes the set.
func (d *dataFlags) loadStreaming(fs *flag.FlagSet) (*evalSet, error) {
	return d.loadSet(fs, true)
}

func (d *dataFlags) loadSet(fs *flag.FlagSet, stream bool) (*evalSet, error) {
	labels, err := d.labelMap()
	if err != nil {
		return nil, err
	}
	set := &evalSet{labels: labels}
	datasetSet := false
	fs.Visit(func(f *flag.Flag) { datasetSet = datasetSet || f.Name == "dataset" })
	switch {
	case d.goldPath != "" && datasetSet:
		return nil, fmt.Errorf("--dataset %s and --gold %s: give one of them", d.dataset, d.goldPath)
	case d.corpusDir != "" && d.goldPath == "":
		return nil, fmt.Errorf("--corpus %s needs --gold DIR: the built-in gold annotates the built-in corpus only", d.corpusDir)
	case d.goldPath == "":
		ds, err := dataset.Load(d.dataset)
		if err != nil {
			return nil, fmt.Errorf("--dataset: %w", err)
		}
		set.corpus, set.gold, set.credit = ds.Corpus, ds.Gold, ds.Credit
	default:
		if err := d.loadGold(set, stream); err != nil {
			return nil, err
		}
	}
	if set.spans == nil {
		set.mentions = labels.ApplyAll(goldMentions(set.corpus, set.gold))
	}
	return set, nil
}

// loadGold reads --gold into set; a JSONL gold only opened when stream.
func (d *dataFlags) loadGold(set *evalSet, stream bool) error {
	format, err := gold.DetectFormat(d.goldPath)
	if err != nil {
		return fmt.Errorf("--gold: %w", err)
	}
	if format != gold.FormatBrat {
		if d.corpusDir != "" {
			return fmt.Errorf("--corpus %s: a %s gold brings its own corpus (the text of its documents); leave --corpus out", d.corpusDir, format)
		}
		if stream && format == gold.FormatJSONL {
			set.spans, err = spans.Open(d.goldPath)
			return err
		}
		opts, err := d.tokens.options()
		if err != nil {
			return err
		}
		set.corpus, set.gold, err = gold.ReadFile(d.goldPath, format, opts)
		return err
	}
	if set.corpus, err = checkCorpus(d.corpusDir, d.goldPath); err != nil {
		return err
	}
	// Scoring needs the mentions, not the parsed lines: each .ann file's
	// are let go as it is read.
	g, problems := gold.LoadDirCompact(d.goldPath, set.corpus)
	if len(problems) > 0 {
		var b strings.Builder
		for _, p := range problems {
			fmt.Fprintf(&b, "\n  %v", p)
		}
		return fmt.Errorf("gold %s does not load (run `arabench gold check %s`):%s", d.goldPath, d.goldPath, b.String())
	}
	for _, p := range g.Notes() {
		set.notes = append(set.notes, "note: "+strings.Replace(p.Error(), "warning: ", "", 1))
	}
	set.gold = g
	return nil
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

// signature is the signature of scores against the set: the hashes of its
// content, never its names, and of the label map.
func (s *evalSet) signature(scheme metrics.Scheme, avg metrics.Avg) signature.Signature {
	sig := signature.Signature{Norm: "none", Scheme: string(scheme), Avg: string(avg)}
	if s.spans != nil {
		sig.Gold, sig.Corpus = s.spans.Hash(), s.spans.CorpusHash()
	} else {
		sig.Gold, sig.Corpus = s.gold.Hash(), signature.CorpusHash(s.corpus.Documents)
	}
	if !s.labels.Empty() {
		sig.Map = s.labels.Hash()
	}
	return sig
}

// hasLinks reports whether some gold mention carries an entity id.
func (s *evalSet) hasLinks() bool {
	if s.spans != nil {
		return s.spans.HasLinks()
	}
	return s.gold.HasLinks()
}

// hasValues reports whether some gold mention carries a value.
func (s *evalSet) hasValues() bool {
	if s.spans != nil {
		return s.spans.HasValues()
	}
	return s.gold.HasValues()
}

// close closes the file a streamed set reads.
func (s *evalSet) close() {
	if s.spans != nil {
		s.spans.Close()
	}
}

// The batches of a streamed set: at most batchDocs documents, and no more
// than batchBytes of text beyond the first document. Variables so that
// tests can make every document a batch of its own.
var (
	batchDocs  = 256
	batchBytes = 16 << 20
)

// count is the number of documents of the set that spec holds (all when
// spec is nil).
func (s *evalSet) count(spec *shard.Spec) int {
	if s.spans == nil {
		return len(s.shard(spec).corpus.Documents)
	}
	n := 0
	for i := range s.spans.Len() {
		if spec == nil || spec.Holds(s.spans.ID(i)) {
			n++
		}
	}
	return n
}

// batches calls fn with the documents of the set that spec holds (all when
// spec is nil) in corpus order, with their gold mentions after the label
// map. A set read whole is one batch; a streamed set comes in batches of
// at most batchDocs documents and batchBytes of text, read as they are
// needed. An error of fn or of reading ends the batches.
func (s *evalSet) batches(spec *shard.Spec, fn func([]corpus.Document, map[string][]corpus.Mention) error) error {
	if s.spans == nil {
		return fn(s.shard(spec).corpus.Documents, s.mentions)
	}
	var docs []corpus.Document
	golds := map[string][]corpus.Mention{}
	size := 0
	flush := func() error {
		if len(docs) == 0 {
			return nil
		}
		err := fn(docs, s.labels.ApplyAll(golds))
		docs, golds, size = nil, map[string][]corpus.Mention{}, 0
		return err
	}
	for i := range s.spans.Len() {
		if spec != nil && !spec.Holds(s.spans.ID(i)) {
			continue
		}
		d, ms, err := s.spans.Doc(i)
		if err != nil {
			return err
		}
		if len(docs) == batchDocs || (len(docs) > 0 && size+len(d.Text) > batchBytes) {
			if err := flush(); err != nil {
				return err
			}
		}
		docs = append(docs, d)
		size += len(d.Text)
		if len(ms) > 0 {
			golds[d.ID] = ms
		}
	}
	return flush()
}

// docs pairs every document with its gold mentions and preds, after the
// label map; unplaced are predictions without a place (strings found
// nowhere in the text), fold the bag scheme's key function.
func (s *evalSet) docs(preds, unplaced map[string][]corpus.Mention, fold func(string) string) []metrics.Doc {
	preds = s.labels.ApplyAll(preds)
	unplaced = s.labels.ApplyAll(unplaced)
	docs := make([]metrics.Doc, len(s.corpus.Documents))
	for i, d := range s.corpus.Documents {
		docs[i] = metrics.Doc{ID: d.ID, Text: d.Text, Gold: s.mentions[d.ID], Pred: preds[d.ID], Unplaced: unplaced[d.ID], Fold: fold}
	}
	return docs
}

// say prints the set's notes and credit line on standard error.
func (s *evalSet) say(e *env, cmd string) {
	for _, n := range s.notes {
		fmt.Fprintf(e.stderr, "arabench %s: %s\n", cmd, n)
	}
	if s.credit != "" {
		fmt.Fprintf(e.stderr, "arabench %s: data: %s\n", cmd, s.credit)
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

// goldMentions returns the gold mentions of every document of c by id.
// The slices are the gold's own (gold.Shared): scoring reads them and never writes.
func goldMentions(c *corpus.Corpus, g *gold.Gold) map[string][]corpus.Mention {
	out := make(map[string][]corpus.Mention, len(c.Documents))
	for _, d := range c.Documents {
		out[d.ID] = g.Shared(d.ID)
	}
	return out
}

// warnLabels prints, for one system, a warning for every label its
// predictions and the gold do not share (see predictions.CompareLabels), after
// the label map.
func warnLabels(e *env, cmd, name string, s *evalSet, preds map[string][]corpus.Mention) {
	for _, w := range predictions.CompareLabels(s.mentions, s.labels.ApplyAll(preds)).Warnings() {
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

// unscoredParts drops from report the linking and value scores that the gold
// gives nothing to score against, and says so: without gold links every
// predicted link would count as a false positive, without gold values every
// value as unmatched.
func (s *evalSet) unscoredParts(report *metrics.Report) []string {
	links, values := s.hasLinks(), s.hasValues()
	if !links {
		report.Linking = nil
	}
	if !values {
		report.Values = nil
	}
	switch {
	case !links && !values:
		return []string{"linking and values not scored: the gold has no entity links and no values"}
	case !links:
		return []string{"linking not scored: the gold has no entity links"}
	case !values:
		return []string{"values not scored: the gold has no values"}
	}
	return nil
}

// docIDs lists the ids of c's documents in order.
func docIDs(c *corpus.Corpus) []string {
	ids := make([]string, len(c.Documents))
	for i, d := range c.Documents {
		ids[i] = d.ID
	}
	return ids
}
