package cache

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract"
)

// fake answers a LOC on the first two bytes of every document, fails on the
// documents in fail, and records the documents it was sent.
type fake struct {
	name, version string
	fail          map[string]bool

	mu   sync.Mutex
	sent []string
}

func (f *fake) Name() string    { return f.name }
func (f *fake) Version() string { return f.version }
func (f *fake) Types() []string { return []string{"LOC"} }

func (f *fake) Extract(_ context.Context, doc corpus.Document) ([]corpus.Mention, error) {
	f.mu.Lock()
	f.sent = append(f.sent, doc.ID)
	f.mu.Unlock()
	if f.fail[doc.ID] {
		return nil, errors.New("model busy")
	}
	return []corpus.Mention{{Start: 0, End: 2, Type: "LOC"}}, nil
}

// received returns the documents sent so far, sorted, and forgets them.
func (f *fake) received() []string {
	f.mu.Lock()
	defer f.mu.Unlock()
	got := f.sent
	f.sent = nil
	sort.Strings(got)
	return got
}

// pool is fake as a Pool of n workers that records which worker got what.
type pool struct {
	*fake
	n       int
	workers map[string]int
}

func (p *pool) Workers() int { return p.n }

func (p *pool) ExtractOn(ctx context.Context, w int, doc corpus.Document) ([]corpus.Mention, error) {
	p.mu.Lock()
	p.workers[doc.ID] = w
	p.mu.Unlock()
	return p.Extract(ctx, doc)
}

func docs(ids ...string) []corpus.Document {
	var ds []corpus.Document
	for _, id := range ids {
		ds = append(ds, corpus.Document{ID: id, Text: "في " + id})
	}
	return ds
}

func open(t *testing.T) *Cache {
	t.Helper()
	c, err := Open(filepath.Join(t.TempDir(), "cache"))
	require.NoError(t, err)
	return c
}

func run(t *testing.T, c *Cache, ex extract.Extractor, ds []corpus.Document) *extract.Result {
	t.Helper()
	w, err := c.Wrap(ex)
	require.NoError(t, err)
	res := extract.Run(context.Background(), w, ds)
	require.NoError(t, w.(interface{ Close() error }).Close())
	return res
}

func TestASecondRunSendsNothing(t *testing.T) {
	c := open(t)
	f := &fake{name: "tagger", version: "1"}
	ds := docs("a", "b", "c", "d")
	first := run(t, c, f, ds)
	assert.Equal(t, []string{"a", "b", "c", "d"}, f.received())
	second := run(t, c, f, ds)
	assert.Empty(t, f.received(), "every document answered from the cache")
	assert.Equal(t, first, second, "the same result, name, version and types included")
	assert.Equal(t, "tagger", second.Extractor)
	assert.Equal(t, "1", second.Version)
	assert.Equal(t, []string{"LOC"}, second.Types)
}

func TestFailedDocumentsAreSentAgain(t *testing.T) {
	c := open(t)
	f := &fake{name: "tagger", fail: map[string]bool{"b": true, "d": true}}
	res := run(t, c, f, docs("a", "b", "c", "d"))
	assert.Len(t, res.Unscored(), 2)
	f.received()
	f.fail = nil
	res = run(t, c, f, docs("a", "b", "c", "d"))
	assert.Equal(t, []string{"b", "d"}, f.received(), "only the two failed documents")
	assert.Empty(t, res.Unscored())
}

func TestWhatMakesAMiss(t *testing.T) {
	ds := docs("a", "b")
	cases := []struct {
		name   string
		second *fake
		docs   []corpus.Document
		sent   []string
	}{
		{"same identity, same documents", &fake{name: "cmd:tag --model m1", version: "1"}, ds, nil},
		{"another version", &fake{name: "cmd:tag --model m1", version: "2"}, ds, []string{"a", "b"}},
		{"other arguments", &fake{name: "cmd:tag --model m2", version: "1"}, ds, []string{"a", "b"}},
		{"a document whose text changed", &fake{name: "cmd:tag --model m1", version: "1"},
			[]corpus.Document{ds[0], {ID: "b", Text: "في b."}}, []string{"b"}},
		{"a document renamed", &fake{name: "cmd:tag --model m1", version: "1"},
			[]corpus.Document{ds[0], {ID: "c", Text: ds[1].Text}}, []string{"c"}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c := open(t)
			run(t, c, &fake{name: "cmd:tag --model m1", version: "1"}, ds)
			run(t, c, tc.second, tc.docs)
			assert.Equal(t, tc.sent, tc.second.received())
		})
	}
}

func TestPoolWorkersGetOnlyWhatIsNotCached(t *testing.T) {
	c := open(t)
	ds := docs("a", "b", "c", "d", "e", "f")
	p := &pool{fake: &fake{name: "cmd:tag"}, n: 2, workers: map[string]int{}}
	run(t, c, p, ds[:3])
	p.received()
	p.workers = map[string]int{}
	w, err := c.Wrap(p)
	require.NoError(t, err)
	require.Implements(t, (*extract.Pool)(nil), w)
	assert.Equal(t, 2, w.(extract.Pool).Workers())
	extract.Run(context.Background(), w, ds)
	assert.Equal(t, []string{"d", "e", "f"}, p.received())
	// Worker k keeps documents k, k+2, …: d is 3rd, e 4th, f 5th.
	assert.Equal(t, map[string]int{"d": 1, "e": 0, "f": 1}, p.workers)
	hits, misses := w.(*PoolExtractor).Counts()
	assert.Equal(t, [2]int{3, 3}, [2]int{hits, misses})
}

func TestAnUnreadableEntryIsAMiss(t *testing.T) {
	c := open(t)
	f := &fake{name: "tagger"}
	ds := docs("a", "b")
	run(t, c, f, ds)
	f.received()
	dir := filepath.Join(c.Dir(), Identity{Name: "tagger"}.key())
	require.NoError(t, os.WriteFile(filepath.Join(dir, DocKey(ds[1])+entryExt), []byte(`{"doc":"b","menti`), 0o644))
	res := run(t, c, f, ds)
	assert.Equal(t, []string{"b"}, f.received())
	assert.Len(t, res.Docs[1].Mentions, 1)
	run(t, c, f, ds)
	assert.Empty(t, f.received(), "the broken file was replaced")
}

func TestOpen(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	cases := []struct {
		path string
		want string
	}{
		{file, "cache " + file + ": is a file, not a folder"},
		{filepath.Join(file, "sub"), "cache " + filepath.Join(file, "sub") + ": "},
		{filepath.Join(dir, "no", "such"), "cannot make the folder"},
	}
	for _, tc := range cases {
		_, err := Open(tc.path)
		require.Error(t, err, tc.path)
		assert.Contains(t, err.Error(), tc.want)
	}
	c, err := Open(filepath.Join(dir, "new"))
	require.NoError(t, err)
	tag, err := os.ReadFile(filepath.Join(c.Dir(), tagFile))
	require.NoError(t, err)
	assert.Equal(t, cacheDirTag, string(tag))
	left, err := os.ReadDir(c.Dir())
	require.NoError(t, err)
	assert.Len(t, left, 1, "only CACHEDIR.TAG: the write check leaves nothing")
}

func TestStatsAndPrune(t *testing.T) {
	defer func(f func() time.Time) { timeNow = f }(timeNow)
	fill := func(t *testing.T) *Cache {
		c := open(t)
		run(t, c, &fake{name: "gazetteer", version: "v1"}, docs("a", "b", "c"))
		run(t, c, &fake{name: "gazetteer", version: "v2"}, docs("a"))
		run(t, c, &fake{name: "cmd:tag"}, docs("a", "b"))
		return c
	}
	c := fill(t)
	st, err := c.Stats()
	require.NoError(t, err)
	assert.Equal(t, 6, st.Entries)
	require.Len(t, st.Extractors, 3)
	assert.Equal(t, Identity{Name: "cmd:tag"}, st.Extractors[0].Identity)
	assert.Equal(t, 2, st.Extractors[0].Entries)
	assert.Equal(t, Identity{Name: "gazetteer", Version: "v1"}, st.Extractors[1].Identity)
	assert.Equal(t, 3, st.Extractors[1].Entries)
	var sum int64
	for _, e := range st.Extractors {
		sum += e.Bytes
	}
	assert.Equal(t, sum, st.Bytes)
	assert.Greater(t, st.Bytes, int64(6*40), "six answers of about 50 bytes and three extractor.json")

	_, err = c.Prune(PruneOptions{})
	assert.ErrorContains(t, err, "prune needs an extractor name or an age")

	p, err := c.Prune(PruneOptions{Extractor: "gazetteer"})
	require.NoError(t, err)
	assert.Equal(t, 4, p.Entries, "both versions")
	assert.Equal(t, 2, p.Extractors)
	st, err = c.Stats()
	require.NoError(t, err)
	assert.Equal(t, 2, st.Entries)
	require.Len(t, st.Extractors, 1)
	assert.Equal(t, "cmd:tag", st.Extractors[0].Name)

	// Two hours on, the answers of cmd:tag used an hour ago stay.
	c = fill(t)
	now := time.Now()
	timeNow = func() time.Time { return now.Add(time.Hour) }
	f := &fake{name: "cmd:tag"}
	run(t, c, f, docs("a"))
	assert.Empty(t, f.received(), "a hit")
	timeNow = func() time.Time { return now.Add(2 * time.Hour) }
	p, err = c.Prune(PruneOptions{OlderThan: 90 * time.Minute})
	require.NoError(t, err)
	assert.Equal(t, 5, p.Entries, "all but the one used an hour before")
	assert.Equal(t, 2, p.Extractors)
	st, err = c.Stats()
	require.NoError(t, err)
	assert.Equal(t, 1, st.Entries)
}

func TestAnswersNotStoredAreKeptAndReportedOnClose(t *testing.T) {
	c := open(t)
	f := &fake{name: "tagger"}
	w, err := c.Wrap(f)
	require.NoError(t, err)
	// The identity's folder turns into a file: no answer can be stored.
	dir := filepath.Join(c.Dir(), Identity{Name: "tagger"}.key())
	require.NoError(t, os.RemoveAll(dir))
	require.NoError(t, os.WriteFile(dir, nil, 0o644))
	res := extract.Run(context.Background(), w, docs("a", "b", "c"))
	assert.Empty(t, res.Unscored(), "the answers still count")
	assert.Len(t, res.Docs[2].Mentions, 1)
	err = w.(*Extractor).Close()
	require.Error(t, err)
	assert.Contains(t, err.Error(), "cache: 3 answers not stored (they will be sent again next time): ")
}
