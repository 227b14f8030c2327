package compare

import (
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/evalset"
	"github.com/arabench/arabench/labelmap"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/render"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/shard"
	"github.com/arabench/arabench/signature"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runsCorpus is a three-document corpus, its gold and two systems'
// predictions on it.
func runsCorpus(t *testing.T) (c *corpus.Corpus, gold, old, new map[string][]corpus.Mention) {
	t.Helper()
	c = &corpus.Corpus{Name: "runs-3", Documents: []corpus.Document{
		{ID: "a", Text: "قال بوتين إن لافروف زار موسكو."},
		{ID: "b", Text: "Putin met Lavrov in Moscow."},
		{ID: "c", Text: "لا شيء هنا"},
	}}
	m := func(doc int, sub, typ string) corpus.Mention {
		text := c.Documents[doc].Text
		i := strings.Index(text, sub)
		require.GreaterOrEqual(t, i, 0)
		return corpus.Mention{Start: i, End: i + len(sub), Type: typ, Text: sub}
	}
	gold = map[string][]corpus.Mention{
		"a": {m(0, "بوتين", "PER"), m(0, "لافروف", "PER"), m(0, "موسكو", "LOC")},
		"b": {m(1, "Putin", "PER"), m(1, "Lavrov", "PER"), m(1, "Moscow", "LOC")},
	}
	old = map[string][]corpus.Mention{
		"a": {m(0, "بوتين", "PER"), m(0, "موسكو", "ORG")},
		"b": {m(1, "Putin", "PER")},
	}
	new = map[string][]corpus.Mention{
		"a": {m(0, "بوتين", "PER"), m(0, "لافروف", "PER"), m(0, "موسكو", "LOC")},
		"b": {m(1, "Putin", "PER"), m(1, "Moscow", "LOC")},
		"c": {m(2, "شيء", "MISC")},
	}
	return c, gold, old, new
}

// runsSig is the signature the runs of runsCorpus are scored under.
func runsSig(c *corpus.Corpus) signature.Signature {
	return signature.Signature{Gold: "0badc0de", Corpus: signature.CorpusHash(c.Documents), Norm: "none", Scheme: "strict", Avg: "micro"}
}

// writeRun writes the run of preds on c, after edit, and returns its path.
func writeRun(t *testing.T, name string, c *corpus.Corpus, preds map[string][]corpus.Mention, edit func(*runfile.Run)) string {
	t.Helper()
	var docs []metrics.Doc
	for _, d := range c.Documents {
		docs = append(docs, metrics.Doc{ID: d.ID, Text: d.Text, Pred: preds[d.ID]})
	}
	sig := runsSig(c)
	run, err := runfile.NewRun(name, "v1", c, preds, metrics.Evaluate(docs, metrics.Options{Signature: sig}), sig)
	require.NoError(t, err)
	if edit != nil {
		edit(run)
	}
	path := filepath.Join(t.TempDir(), name+".json")
	require.NoError(t, run.WriteFile(path))
	return path
}

func TestCheckRun(t *testing.T) {
	c, _, old, _ := runsCorpus(t)
	without := func(id string) map[string][]corpus.Mention {
		preds := map[string][]corpus.Mention{}
		for k, v := range old {
			if k != id {
				preds[k] = v
			}
		}
		return preds
	}
	for _, tc := range []struct {
		name      string
		preds     map[string][]corpus.Mention
		edit      func(*runfile.Run)
		wantErr   string
		inOrder   bool
		unscored  []string
		mentionOK bool
	}{
		{name: "a whole run in corpus order", preds: old, inOrder: true, mentionOK: true},
		{name: "documents in another order", preds: old, edit: func(r *runfile.Run) { slices.Reverse(r.Predictions) }, mentionOK: true},
		{name: "a failed document", preds: without("b"), edit: func(r *runfile.Run) {
			require.NoError(t, r.MarkDoc("b", metrics.StatusFailed, "boom"))
		}, inOrder: true, unscored: []string{"b"}, mentionOK: true},
		{name: "a mention whose text is not the document's", preds: old, edit: func(r *runfile.Run) {
			r.Predictions[0].Mentions[0].Text = "xyz"
		}, inOrder: true},
		{name: "a shard's run", preds: old, edit: func(r *runfile.Run) { r.Shard = &shard.Spec{Index: 1, Count: 2} },
			wantErr: "is the run of shard 1/2 only"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			path := writeRun(t, "old", c, tc.preds, tc.edit)
			r, err := CheckRun(path, c)
			if tc.wantErr != "" {
				require.Error(t, err)
				assert.Contains(t, err.Error(), tc.wantErr)
				return
			}
			require.NoError(t, err)
			defer r.Close()
			assert.Equal(t, path, r.Name())
			assert.Equal(t, "old", r.Header().Extractor)
			assert.Equal(t, runsSig(c).String(), r.Signature.String())
			assert.Equal(t, tc.inOrder, r.InOrder)
			assert.Equal(t, len(c.Documents), r.Coverage.Documents)
			if len(tc.unscored) > 0 {
				assert.Equal(t, tc.unscored, r.Coverage.Unscored())
			} else {
				assert.Empty(t, r.Coverage.Unscored())
			}
			if tc.mentionOK {
				assert.Empty(t, r.MentionErrs)
			} else {
				assert.NotEmpty(t, r.MentionErrs)
			}
		})
	}

	_, err := CheckRun(filepath.Join(t.TempDir(), "missing.json"), c)
	assert.ErrorContains(t, err, "no such file or directory")
}

func TestRunsComparesWhatCompareDoes(t *testing.T) {
	c, gold, old, new := runsCorpus(t)
	set := &evalset.Set{Corpus: c, Labels: &labelmap.Map{}, Mentions: gold}
	reverse := func(r *runfile.Run) { slices.Reverse(r.Predictions) }
	for _, tc := range []struct {
		name          string
		editNew       func(*runfile.Run)
		unscored      map[string]bool
		wantReordered []string
	}{
		{name: "both in corpus order"},
		{name: "the new run in another order", editNew: reverse, wantReordered: []string{"new"}},
		{name: "a document left out", unscored: map[string]bool{"c": true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			var runs []*Run
			for _, p := range []string{writeRun(t, "old", c, old, nil), writeRun(t, "new", c, new, tc.editNew)} {
				r, err := CheckRun(p, c)
				require.NoError(t, err)
				defer r.Close()
				runs = append(runs, r)
			}
			var reordered []string
			got, err := Runs(NewBuilder(compareOptions()), runs, set, tc.unscored, func(r *Run) {
				reordered = append(reordered, r.Header().Extractor)
			})
			require.NoError(t, err)
			assert.Equal(t, tc.wantReordered, reordered)

			var pairs []DocPair
			for _, d := range c.Documents {
				if !tc.unscored[d.ID] {
					pairs = append(pairs, DocPair{ID: d.ID, Text: d.Text, Gold: gold[d.ID], Old: old[d.ID], New: new[d.ID]})
				}
			}
			want, err := Compare(pairs, compareOptions())
			require.NoError(t, err)
			assert.Equal(t, write(t, want, render.FormatJSON), write(t, got, render.FormatJSON))
		})
	}
}

func TestIncompleteAndUnscored(t *testing.T) {
	cov := func(status map[string]metrics.DocStatus) metrics.Coverage {
		return metrics.NewCoverage([]string{"a", "b", "c"}, status)
	}
	complete := cov(nil)
	failedB := cov(map[string]metrics.DocStatus{"b": metrics.StatusFailed})
	missingAC := cov(map[string]metrics.DocStatus{"a": metrics.StatusMissing, "c": metrics.StatusNotRun})
	for _, tc := range []struct {
		name           string
		covs           []metrics.Coverage
		wantIncomplete []int
		wantUnscored   map[string]bool
	}{
		{"both complete", []metrics.Coverage{complete, complete}, nil, map[string]bool{}},
		{"the new run failed a document", []metrics.Coverage{complete, failedB}, []int{1}, map[string]bool{"b": true}},
		{"both left documents out", []metrics.Coverage{missingAC, failedB}, []int{0, 1}, map[string]bool{"a": true, "b": true, "c": true}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.wantIncomplete, Incomplete(tc.covs))
			assert.Equal(t, tc.wantUnscored, Unscored(tc.covs))
		})
	}
}

func TestComparableDiff(t *testing.T) {
	base := signature.Signature{Gold: "g1", Corpus: "c1", Norm: "none", Scheme: "strict", Avg: "micro"}
	for _, tc := range []struct {
		name string
		edit func(*signature.Signature)
		want []signature.FieldDiff
	}{
		{"the same", func(*signature.Signature) {}, nil},
		{"only the bootstrap differs", func(s *signature.Signature) { s.Boot = "1000@12345" }, nil},
		{"another gold", func(s *signature.Signature) { s.Gold = "g2" }, []signature.FieldDiff{{Key: "gold", Left: "g1", Right: "g2"}}},
		{"another scheme and bootstrap", func(s *signature.Signature) { s.Scheme, s.Boot = "exact", "1000@1" },
			[]signature.FieldDiff{{Key: "scheme", Left: "strict", Right: "exact"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			other := base
			tc.edit(&other)
			assert.Equal(t, tc.want, ComparableDiff(base, other))
		})
	}
}
