package compare

import (
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/evalset"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/signature"
)

// Run is a run file being compared, read through once by CheckRun and again
// by Runs. The caller closes it.
type Run struct {
	scanner *runfile.Scanner
	// Signature is the run's signature, parsed.
	Signature signature.Signature
	// Coverage is every document of the run, and which were not scored.
	Coverage metrics.Coverage
	// MentionErrs are the problems of its mentions against the corpus
	// (runfile.Run.Mentions).
	MentionErrs []error
	// InOrder is set when its documents come in corpus order.
	InOrder bool
}

// Header is the run file's header: everything but its predictions.
func (r *Run) Header() *runfile.Run { return r.scanner.Header() }

// Name is the run file's name, as given to CheckRun.
func (r *Run) Name() string { return r.scanner.Name() }

// Close closes the run file.
func (r *Run) Close() error { return r.scanner.Close() }

// CheckRun reads the run file at path through, one document at a time: every
// document is checked as runfile.ReadRun checks it and matched with corpus c,
// and the run must be a whole one, not a shard's (runfile.CheckWhole).
func CheckRun(path string, c *corpus.Corpus) (*Run, error) {
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
		err = runfile.CheckWhole(path, s.Header())
	}
	if err != nil {
		s.Close()
		return nil, err
	}
	// The scanner has checked that the signature parses.
	sig, _ := signature.Parse(s.Header().Signature)
	return &Run{scanner: s, Signature: sig, Coverage: s.Coverage(), MentionErrs: m.Finish(), InOrder: m.InOrder()}, nil
}

// Runs reads the runs again side by side, in corpus order, and adds every
// document that is not in unscored to b, with the gold and the predictions
// of the first two runs (old, new) after the set's label map, then finishes
// the comparison. A run whose documents are in another order than the
// corpus's is read whole first, which takes more memory: reordered, when not
// nil, is called with it first.
func Runs(b *Builder, runs []*Run, set *evalset.Set, unscored map[string]bool, reordered func(*Run)) (*Comparison, error) {
	c := set.Corpus
	aligners := make([]*runfile.Aligner, len(runs))
	for i, r := range runs {
		if !r.InOrder && reordered != nil {
			reordered(r)
		}
		a, err := runfile.NewAligner(r.scanner, c, r.InOrder)
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
		if err := b.Add(DocPair{ID: d.ID, Text: d.Text, Gold: set.Mentions[d.ID], Old: preds[0], New: preds[1]}); err != nil {
			return nil, err
		}
	}
	return b.Finish()
}

// Incomplete lists the indexes of the coverages with documents that were
// not scored (failed, never ran, missing): the scores of such a run count
// those documents as empty, so a comparison with it would report a change
// that is not the system's.
func Incomplete(covs []metrics.Coverage) []int {
	var out []int
	for i, cov := range covs {
		if !cov.Complete() {
			out = append(out, i)
		}
	}
	return out
}

// Unscored is the set of the documents that some of covs did not score: a
// comparison of runs with such documents leaves them out.
func Unscored(covs []metrics.Coverage) map[string]bool {
	unscored := map[string]bool{}
	for _, cov := range covs {
		for _, id := range cov.Unscored() {
			unscored[id] = true
		}
	}
	return unscored
}

// ComparableDiff lists the parts on which two runs' signatures differ,
// leaving out the bootstrap: a run scored with --ci compares with one scored
// without, since a comparison runs its own bootstrap.
func ComparableDiff(a, b signature.Signature) []signature.FieldDiff {
	a.Boot, b.Boot = "", ""
	return a.Diff(b)
}
