// Package evalset loads what systems are scored against — a corpus, its gold
// and a label map, with the gold's mentions after the map — from a built-in
// dataset or a gold file or folder, and serves it to scoring: whole, or a
// batch of documents at a time from a JSONL gold streamed off disk, so that
// a corpus larger than memory can be scored.
//
// The package knows nothing of flags: an input that cannot be used is a
// typed error (InputError, OwnCorpusError, ProblemsError,
// ErrCorpusWithoutGold) that a command says in the words of its own flags.
package evalset

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/arabench/arabench/conll"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/dataset"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/labelmap"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/signature"
	"github.com/arabench/arabench/spans"
)

// Set is what systems are scored against: a corpus, its gold and the label
// map, with the gold's mentions after the map. A Set is read-only once
// loaded; the caller closes a streamed one.
//
// A streamed set (Options.Stream with a JSONL gold) holds no document:
// its Corpus, Gold and Mentions are nil, and its documents and their gold
// come from Batches; Count, Signature, HasLinks and HasValues serve either
// kind of set.
type Set struct {
	// Corpus is the documents scored; nil for a streamed set
	// (use Batches).
	Corpus *corpus.Corpus
	// Gold is the gold as read, before the label map; nil for a streamed
	// set (use Batches, or HasLinks and HasValues).
	Gold *gold.Gold
	// Labels is the label map applied to the gold and, by Docs, to
	// predictions; never nil (no map is the empty map).
	Labels *labelmap.Map
	// Mentions are the gold mentions of every document of Corpus by id,
	// after the label map; nil for a streamed set (use Batches).
	Mentions map[string][]corpus.Mention
	// Credit, for a built-in dataset, credits its authors; empty for a
	// gold file or folder.
	Credit string
	// Notes are said to the user, never fatal: what was noticed in a brat
	// gold folder.
	Notes []string

	// spans, when set, is a JSONL gold read one document at a time (see
	// Options.Stream): Corpus, Gold and Mentions are then nil.
	spans *spans.File
	// The batches of a streamed set: at most batchDocs documents, and no
	// more than batchBytes of text beyond the first document.
	batchDocs, batchBytes int
}

// The batches of a streamed set unless Options say otherwise.
const (
	DefaultBatchDocs  = 256
	DefaultBatchBytes = 16 << 20
)

// Options say which set Load loads.
type Options struct {
	// Dataset is the name of a built-in dataset (see dataset.Names), read
	// when Gold is empty.
	Dataset string
	// Gold is a gold instead of the dataset: a brat folder of <doc>.ann
	// files, a CoNLL token file or a JSONL spans file, told apart by
	// content (gold.DetectFormat). A file brings its corpus.
	Gold string
	// Corpus is the folder of .txt documents a brat Gold annotates (see
	// BratCorpus); only with a brat Gold.
	Corpus string
	// Tokens returns how a token file is read (conll.Read). It is a
	// function, not the options, so that options that cannot be made (a bad
	// --column or --tagging) are an error only where they would be used:
	// it is called only when the gold is a file read whole (a token file,
	// or a JSONL file not streamed), never for a dataset, a brat folder or
	// a streamed gold, and its error is then Load's. Nil reads with conll's
	// defaults.
	Tokens func() (conll.Options, error)
	// Labels is the label map applied to the gold (and, by the Set's
	// methods, to predictions); nil maps nothing.
	Labels *labelmap.Map
	// Stream leaves a JSONL gold on disk: the set reads its documents a
	// batch at a time as Batches asks for them.
	Stream bool
	// BatchDocs and BatchBytes bound the batches of a streamed set: at most
	// BatchDocs documents and no more than BatchBytes of text beyond the
	// first document; 0 is DefaultBatchDocs, DefaultBatchBytes.
	BatchDocs, BatchBytes int
}

// ErrCorpusWithoutGold is a Corpus given without a Gold: the built-in gold
// annotates the built-in corpus only.
var ErrCorpusWithoutGold = errors.New("a corpus needs a gold: the built-in gold annotates the built-in corpus only")

// An InputError is the Dataset or the Gold of Options that cannot be read:
// an unknown dataset, a gold whose format cannot be told.
type InputError struct {
	Input string // "dataset" or "gold"
	Err   error
}

// Error says which input could not be read, and why.
func (e *InputError) Error() string { return e.Input + ": " + e.Err.Error() }

// Unwrap returns why the input could not be read.
func (e *InputError) Unwrap() error { return e.Err }

// An OwnCorpusError is a Corpus given with a gold that brings its own (the
// text of its documents): a token or a JSONL file.
type OwnCorpusError struct {
	Corpus string
	Format gold.Format
}

// Error names the corpus and the format of the gold that brings its own.
func (e *OwnCorpusError) Error() string {
	return fmt.Sprintf("corpus %s: a %s gold brings its own corpus (the text of its documents)", e.Corpus, e.Format)
}

// A ProblemsError is a brat gold folder that does not load: every problem
// found in it.
type ProblemsError struct {
	Gold     string
	Problems []gold.Problem
}

// Error lists every problem of the gold folder, one a line.
func (e *ProblemsError) Error() string {
	var b strings.Builder
	fmt.Fprintf(&b, "gold %s does not load:", e.Gold)
	for _, p := range e.Problems {
		fmt.Fprintf(&b, "\n  %v", p)
	}
	return b.String()
}

// Load returns the evaluation set opts name. Problems in a gold folder are
// bad input: each is listed in a ProblemsError and the load fails.
func Load(opts Options) (*Set, error) {
	labels := opts.Labels
	if labels == nil {
		labels = &labelmap.Map{}
	}
	set := &Set{Labels: labels, batchDocs: opts.BatchDocs, batchBytes: opts.BatchBytes}
	if set.batchDocs == 0 {
		set.batchDocs = DefaultBatchDocs
	}
	if set.batchBytes == 0 {
		set.batchBytes = DefaultBatchBytes
	}
	switch {
	case opts.Corpus != "" && opts.Gold == "":
		return nil, ErrCorpusWithoutGold
	case opts.Gold == "":
		ds, err := dataset.Load(opts.Dataset)
		if err != nil {
			return nil, &InputError{Input: "dataset", Err: err}
		}
		set.Corpus, set.Gold, set.Credit = ds.Corpus, ds.Gold, ds.Credit
	default:
		if err := set.loadGold(opts); err != nil {
			return nil, err
		}
	}
	if set.spans == nil {
		set.Mentions = labels.ApplyAll(goldMentions(set.Corpus, set.Gold))
	}
	return set, nil
}

// loadGold reads opts.Gold into s; a JSONL gold only opened when
// opts.Stream.
func (s *Set) loadGold(opts Options) error {
	format, err := gold.DetectFormat(opts.Gold)
	if err != nil {
		return &InputError{Input: "gold", Err: err}
	}
	if format != gold.FormatBrat {
		if opts.Corpus != "" {
			return &OwnCorpusError{Corpus: opts.Corpus, Format: format}
		}
		if opts.Stream && format == gold.FormatJSONL {
			s.spans, err = spans.Open(opts.Gold)
			return err
		}
		var tokens conll.Options
		if opts.Tokens != nil {
			if tokens, err = opts.Tokens(); err != nil {
				return err
			}
		}
		s.Corpus, s.Gold, err = gold.ReadFile(opts.Gold, format, tokens)
		return err
	}
	if s.Corpus, err = BratCorpus(opts.Corpus, opts.Gold); err != nil {
		return err
	}
	// Scoring needs the mentions, not the parsed lines: each .ann file's
	// are let go as it is read.
	g, problems := gold.LoadDirCompact(opts.Gold, s.Corpus)
	if len(problems) > 0 {
		return &ProblemsError{Gold: opts.Gold, Problems: problems}
	}
	for _, p := range g.Notes() {
		s.Notes = append(s.Notes, "note: "+strings.Replace(p.Error(), "warning: ", "", 1))
	}
	s.Gold = g
	return nil
}

// BratCorpus is the corpus a brat gold folder annotates: dir when given,
// else the folder's own .txt files when it has some, else the seed corpus.
func BratCorpus(dir, goldDir string) (*corpus.Corpus, error) {
	if dir != "" {
		return corpus.Load(dir)
	}
	if goldDir != "" && hasTxt(goldDir) {
		return corpus.Load(goldDir)
	}
	return corpus.Seed(), nil
}

// hasTxt reports whether dir holds a .txt file at its top level.
func hasTxt(dir string) bool {
	m, _ := filepath.Glob(filepath.Join(dir, "*.txt"))
	return len(m) > 0
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

// Signature is the signature of scores against the set: the hashes of its
// content, never its names, and of the label map.
func (s *Set) Signature(scheme metrics.Scheme, avg metrics.Avg) signature.Signature {
	sig := signature.Signature{Norm: "none", Scheme: string(scheme), Avg: string(avg)}
	if s.spans != nil {
		sig.Gold, sig.Corpus = s.spans.Hash(), s.spans.CorpusHash()
	} else {
		sig.Gold, sig.Corpus = s.Gold.Hash(), signature.CorpusHash(s.Corpus.Documents)
	}
	if !s.Labels.Empty() {
		sig.Map = s.Labels.Hash()
	}
	return sig
}

// HasLinks reports whether some gold mention carries an entity id.
func (s *Set) HasLinks() bool {
	if s.spans != nil {
		return s.spans.HasLinks()
	}
	return s.Gold.HasLinks()
}

// HasValues reports whether some gold mention carries a value.
func (s *Set) HasValues() bool {
	if s.spans != nil {
		return s.spans.HasValues()
	}
	return s.Gold.HasValues()
}

// Close closes the file a streamed set reads.
func (s *Set) Close() {
	if s.spans != nil {
		s.spans.Close()
	}
}

// Docs pairs every document with its gold mentions and preds, after the
// label map; unplaced are predictions without a place (strings found
// nowhere in the text), fold the bag scheme's key function. The set must
// not be streamed.
func (s *Set) Docs(preds, unplaced map[string][]corpus.Mention, fold func(string) string) []metrics.Doc {
	preds = s.Labels.ApplyAll(preds)
	unplaced = s.Labels.ApplyAll(unplaced)
	docs := make([]metrics.Doc, len(s.Corpus.Documents))
	for i, d := range s.Corpus.Documents {
		docs[i] = metrics.Doc{ID: d.ID, Text: d.Text, Gold: s.Mentions[d.ID], Pred: preds[d.ID], Unplaced: unplaced[d.ID], Fold: fold}
	}
	return docs
}

// DataDiff lists how the signature sig of a run differs from the set's
// data: its gold, corpus and label map hashes.
func (s *Set) DataDiff(sig signature.Signature) []signature.FieldDiff {
	loaded := sig
	l := s.Signature("", "")
	loaded.Gold, loaded.Corpus, loaded.Map = l.Gold, l.Corpus, l.Map
	return sig.Diff(loaded)
}

// UnscoredParts drops from report the linking and value scores that the gold
// gives nothing to score against, and says so: without gold links every
// predicted link would count as a false positive, without gold values every
// value as unmatched.
func (s *Set) UnscoredParts(report *metrics.Report) []string {
	links, values := s.HasLinks(), s.HasValues()
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
