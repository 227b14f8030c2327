package evalset

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/conll"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/labelmap"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/shard"
	"github.com/arabench/arabench/signature"
)

// goldLines is a JSONL spans gold of four documents, its lines out of id
// order: a streamed gold is read in id order, as a gold read whole is.
const goldLines = `{"doc":"d4","text":"لا شيء هنا","mentions":[]}
{"doc":"d2","text":"زار بوتين موسكو","mentions":[{"start":4,"end":9,"type":"PER","entity":"kb:putin"},{"start":10,"end":15,"type":"LOC"}]}
{"doc":"d1","text":"عقد الاجتماع في 3 مايو","mentions":[{"start":16,"end":22,"type":"DATE","value":"--05-03"}]}
{"doc":"d3","text":"قالت الأمم المتحدة","mentions":[{"start":5,"end":18,"type":"ORG"}]}
`

func jsonlGold(t *testing.T) string {
	t.Helper()
	return writeFile(t, "gold.jsonl", goldLines)
}

func writeFile(t *testing.T, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(content), 0o644))
	return path
}

func load(t *testing.T, opts Options) *Set {
	t.Helper()
	s, err := Load(opts)
	require.NoError(t, err)
	t.Cleanup(s.Close)
	return s
}

// collect returns every batch of s that spec holds.
func collect(t *testing.T, s *Set, spec *shard.Spec) (batches [][]corpus.Document, golds map[string][]corpus.Mention) {
	t.Helper()
	golds = map[string][]corpus.Mention{}
	require.NoError(t, s.Batches(spec, func(docs []corpus.Document, g map[string][]corpus.Mention) error {
		batches = append(batches, docs)
		for _, d := range docs {
			if len(g[d.ID]) > 0 {
				golds[d.ID] = g[d.ID]
			}
		}
		return nil
	}))
	return batches, golds
}

func flatten(batches [][]corpus.Document) []corpus.Document {
	var out []corpus.Document
	for _, b := range batches {
		out = append(out, b...)
	}
	return out
}

func TestLoadRefuses(t *testing.T) {
	jsonl := jsonlGold(t)
	badBrat := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(badBrat, "d1.ann"), []byte("T1\tPER 0 3\txyz\n"), 0o644))
	require.NoError(t, os.WriteFile(filepath.Join(badBrat, "d1.txt"), []byte("abcdef\n"), 0o644))
	tokens := writeFile(t, "t.conll", "محمد\tB-PER\nفي\tO\n\n")
	badTokens := func() (conll.Options, error) { return conll.Options{}, errors.New("bad tokens") }
	tests := []struct {
		name  string
		opts  Options
		check func(t *testing.T, err error)
	}{
		{"a corpus without a gold", Options{Dataset: "seed", Corpus: "texts"}, func(t *testing.T, err error) {
			assert.ErrorIs(t, err, ErrCorpusWithoutGold)
		}},
		{"an unknown dataset", Options{Dataset: "conll2003"}, func(t *testing.T, err error) {
			var ie *InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, "dataset", ie.Input)
		}},
		{"a gold that is not there", Options{Gold: filepath.Join(t.TempDir(), "none")}, func(t *testing.T, err error) {
			var ie *InputError
			require.ErrorAs(t, err, &ie)
			assert.Equal(t, "gold", ie.Input)
		}},
		{"a corpus beside a JSONL gold, which brings its own", Options{Gold: jsonl, Corpus: "texts"}, func(t *testing.T, err error) {
			var oe *OwnCorpusError
			require.ErrorAs(t, err, &oe)
			assert.Equal(t, "texts", oe.Corpus)
			assert.Equal(t, gold.FormatJSONL, oe.Format)
		}},
		{"a brat folder with a wrong mention text", Options{Gold: badBrat}, func(t *testing.T, err error) {
			var pe *ProblemsError
			require.ErrorAs(t, err, &pe)
			assert.Equal(t, badBrat, pe.Gold)
			require.Len(t, pe.Problems, 1)
			assert.Contains(t, pe.Error(), `text "xyz" differs from the document's "abc"`)
		}},
		{"bad token options for a token file", Options{Gold: tokens, Tokens: badTokens}, func(t *testing.T, err error) {
			assert.EqualError(t, err, "bad tokens")
		}},
		{"bad token options for a JSONL file read whole", Options{Gold: jsonl, Tokens: badTokens}, func(t *testing.T, err error) {
			assert.EqualError(t, err, "bad tokens")
		}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			s, err := Load(tc.opts)
			assert.Nil(t, s)
			require.Error(t, err)
			tc.check(t, err)
		})
	}
}

func TestTokenOptionsAreNotAskedOfADatasetOrAStreamedGold(t *testing.T) {
	asked := false
	tokens := func() (conll.Options, error) { asked = true; return conll.Options{}, errors.New("bad tokens") }
	for _, opts := range []Options{
		{Dataset: "seed", Tokens: tokens},
		{Gold: jsonlGold(t), Stream: true, Tokens: tokens},
	} {
		load(t, opts)
	}
	assert.False(t, asked)
}

func TestLoadDataset(t *testing.T) {
	s := load(t, Options{Dataset: "anercorp"})
	assert.NotEmpty(t, s.Credit, "a built-in dataset credits its authors")
	assert.Len(t, s.Mentions, len(s.Corpus.Documents), "every document has its gold, empty or not")
	assert.NotNil(t, s.Labels, "no map is the empty map")

	m := &labelmap.Map{}
	require.NoError(t, m.Parse("PERS=PER,MISC="))
	mapped := load(t, Options{Dataset: "anercorp", Labels: m})
	for _, ms := range mapped.Mentions {
		for _, x := range ms {
			assert.NotEqual(t, "PERS", x.Type)
			assert.NotEqual(t, "MISC", x.Type)
		}
	}
}

func TestStreamedSetIsTheFileReadWhole(t *testing.T) {
	path := jsonlGold(t)
	whole := load(t, Options{Gold: path})
	wholeDocs, wholeGold := collect(t, whole, nil)
	require.Len(t, wholeDocs, 1, "a set read whole is one batch")
	for _, tc := range []struct {
		name        string
		docs, bytes int
		maxBatch    int
	}{
		{"the default batches", 0, 0, 4},
		{"one document a batch", 1, 0, 1},
		{"two documents a batch", 2, 0, 2},
		{"one byte a batch: a document beyond the first is too many", 0, 1, 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			s := load(t, Options{Gold: path, Stream: true, BatchDocs: tc.docs, BatchBytes: tc.bytes})
			assert.Nil(t, s.Corpus, "a streamed set holds no corpus")
			batches, golds := collect(t, s, nil)
			for _, b := range batches {
				assert.LessOrEqual(t, len(b), tc.maxBatch)
			}
			assert.Equal(t, wholeDocs[0], flatten(batches), "the same documents in the same (id) order")
			for id, ms := range wholeGold {
				assert.Equal(t, ms, golds[id], id)
			}
			assert.Equal(t, len(wholeGold), len(golds))
			assert.Equal(t, whole.Signature(metrics.SchemeStrict, metrics.Micro), s.Signature(metrics.SchemeStrict, metrics.Micro))
			assert.Equal(t, whole.HasLinks(), s.HasLinks())
			assert.Equal(t, whole.HasValues(), s.HasValues())
			assert.Equal(t, whole.Count(nil), s.Count(nil))
		})
	}
}

func TestShardsPartitionTheSet(t *testing.T) {
	path := jsonlGold(t)
	for _, opts := range []Options{{Gold: path}, {Gold: path, Stream: true, BatchDocs: 1}} {
		s := load(t, opts)
		all := flatten(batchesOf(collect(t, s, nil)))
		seen := map[string]int{}
		total := 0
		for i := range 3 {
			spec, err := shard.Parse(fmt.Sprintf("%d/3", i))
			require.NoError(t, err)
			docs := flatten(batchesOf(collect(t, s, &spec)))
			assert.Equal(t, s.Count(&spec), len(docs))
			for _, d := range docs {
				assert.True(t, spec.Holds(d.ID))
				seen[d.ID]++
			}
			total += len(docs)
		}
		assert.Equal(t, len(all), total, "stream %v", opts.Stream)
		for _, d := range all {
			assert.Equal(t, 1, seen[d.ID], "%s in one shard only", d.ID)
		}
		assert.Equal(t, len(all), s.Count(nil))
	}
}

// batchesOf returns the batches of what collect returns, without the gold.
func batchesOf(batches [][]corpus.Document, _ map[string][]corpus.Mention) [][]corpus.Document {
	return batches
}

func TestBatchesStopAtAnError(t *testing.T) {
	s := load(t, Options{Gold: jsonlGold(t), Stream: true, BatchDocs: 1})
	stop := errors.New("stop")
	calls := 0
	err := s.Batches(nil, func([]corpus.Document, map[string][]corpus.Mention) error {
		calls++
		return stop
	})
	assert.ErrorIs(t, err, stop)
	assert.Equal(t, 1, calls)
}

func TestSignatureHashesTheMap(t *testing.T) {
	plain := load(t, Options{Dataset: "seed"}).Signature(metrics.SchemeStrict, metrics.Micro)
	assert.Empty(t, plain.Map, "no map, no map hash")
	assert.Equal(t, "none", plain.Norm)
	m := &labelmap.Map{}
	require.NoError(t, m.Parse("PER=PERSON"))
	mapped := load(t, Options{Dataset: "seed", Labels: m}).Signature(metrics.SchemeStrict, metrics.Micro)
	assert.Equal(t, m.Hash(), mapped.Map)
	assert.Equal(t, plain.Gold, mapped.Gold, "the map is hashed apart from the gold")
}

func TestUnscoredParts(t *testing.T) {
	// The seed gold has links and values; a token file has neither.
	seed := load(t, Options{Dataset: "seed"})
	require.True(t, seed.HasLinks())
	require.True(t, seed.HasValues())
	report := &metrics.Report{}
	assert.Nil(t, seed.UnscoredParts(report))

	tokens := load(t, Options{Gold: writeFile(t, "t.conll", "محمد\tB-PER\nفي\tO\n\n")})
	assert.Equal(t, []string{"linking and values not scored: the gold has no entity links and no values"}, tokens.UnscoredParts(report))
	assert.Nil(t, report.Linking)
	assert.Nil(t, report.Values)
}

func TestDocsPairGoldAndMappedPredictions(t *testing.T) {
	m := &labelmap.Map{}
	require.NoError(t, m.Parse("PERSON=PER"))
	s := load(t, Options{Dataset: "seed", Labels: m})
	id := s.Corpus.Documents[0].ID
	docs := s.Docs(map[string][]corpus.Mention{id: {{Start: 0, End: 1, Type: "PERSON"}}}, nil, nil)
	require.Len(t, docs, len(s.Corpus.Documents))
	assert.Equal(t, id, docs[0].ID)
	assert.Equal(t, s.Mentions[id], docs[0].Gold)
	require.Len(t, docs[0].Pred, 1)
	assert.Equal(t, "PER", docs[0].Pred[0].Type, "predictions go through the map")
}

func TestBratCorpus(t *testing.T) {
	c, err := BratCorpus("", "")
	require.NoError(t, err)
	assert.Equal(t, corpus.Seed().Name, c.Name, "no folder: the seed corpus")

	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "d1.txt"), []byte("abc\n"), 0o644))
	c, err = BratCorpus("", dir)
	require.NoError(t, err)
	require.Len(t, c.Documents, 1, "the .txt files beside the .ann files")
	assert.Equal(t, "d1", c.Documents[0].ID)

	_, err = BratCorpus(filepath.Join(dir, "none"), dir)
	assert.Error(t, err, "a corpus folder that is not there")
}

func TestDataDiff(t *testing.T) {
	seed := load(t, Options{Dataset: "seed"})
	own := seed.Signature(metrics.SchemeStrict, metrics.Micro)
	m := &labelmap.Map{}
	require.NoError(t, m.Parse("PER=PERSON"))
	mapHash := m.Hash()
	for _, tc := range []struct {
		name string
		edit func(*signature.Signature)
		want []signature.FieldDiff
	}{
		{"the set's own data", func(*signature.Signature) {}, nil},
		{"another scheme, average, norm and boot are not data", func(s *signature.Signature) {
			s.Scheme, s.Avg, s.Norm, s.Boot = "exact", "macro", "search", "1000@1"
		}, nil},
		{"another gold", func(s *signature.Signature) { s.Gold = "0badc0de" },
			[]signature.FieldDiff{{Key: "gold", Left: "0badc0de", Right: own.Gold}}},
		{"another corpus", func(s *signature.Signature) { s.Corpus = "seed-5" },
			[]signature.FieldDiff{{Key: "corpus", Left: "seed-5", Right: own.Corpus}}},
		{"a label map the set has not", func(s *signature.Signature) { s.Map = mapHash },
			[]signature.FieldDiff{{Key: "map", Left: mapHash, Right: "none"}}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sig := own
			tc.edit(&sig)
			assert.Equal(t, tc.want, seed.DataDiff(sig))
		})
	}
}
