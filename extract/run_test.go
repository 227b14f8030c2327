package extract

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
)

// fixed returns the same mentions for every document.
func fixed(ms ...Mention) func(context.Context, corpus.Document) ([]Mention, error) {
	return func(context.Context, corpus.Document) ([]Mention, error) {
		return append([]Mention(nil), ms...), nil
	}
}

// "زار بوتين" — ز ا ر are 2 bytes each (bytes 0-6), the space is byte 6,
// بوتين is bytes [7,17).
var putinDoc = corpus.Document{ID: "putin", Text: "زار بوتين"}

func TestRunValidatesEveryMention(t *testing.T) {
	cases := []struct {
		name    string
		mention Mention
		want    string // "" when the mention is valid
	}{
		{"a span on character boundaries is kept", Mention{Start: 7, End: 17, Type: "PER"}, ""},
		{"a text equal to the span is kept", Mention{Start: 7, End: 17, Type: "PER", Text: "بوتين"}, ""},
		{"a reversed span", Mention{Start: 17, End: 7, Type: "PER"}, "span [17,7) is reversed"},
		{"an empty span", Mention{Start: 7, End: 7, Type: "PER"}, "span [7,7) is empty"},
		{"a negative start", Mention{Start: -1, End: 7, Type: "PER"}, "span [-1,7) is outside the text, which has 17 bytes"},
		{"an end past the text", Mention{Start: 7, End: 18, Type: "PER"}, "span [7,18) is outside the text, which has 17 bytes"},
		{"a start inside a letter", Mention{Start: 8, End: 17, Type: "PER"}, "start 8 is inside a multi-byte character"},
		{"an end inside a letter", Mention{Start: 7, End: 16, Type: "PER"}, "end 16 is inside a multi-byte character"},
		{"a type outside the five is kept", Mention{Start: 7, End: 17, Type: "PERSON"}, ""},
		{"no type", Mention{Start: 7, End: 17}, "no type"},
		{"a type with a space", Mention{Start: 7, End: 17, Type: "B PER"}, `type "B PER" holds a space or control character`},
		{"a text that is not the span", Mention{Start: 7, End: 17, Type: "PER", Text: "بوش"}, `text "بوش" does not match the span, which reads "بوتين"`},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			ex := funcExtractor{name: "fake", fn: fixed(tc.mention)}
			res := Run(context.Background(), ex, []corpus.Document{putinDoc})
			require.Len(t, res.Docs, 1)
			assert.Equal(t, Done, res.Docs[0].Status, "a bad mention does not fail its document")
			if tc.want == "" {
				assert.Empty(t, res.Errors)
				require.Len(t, res.Docs[0].Mentions, 1)
				assert.Equal(t, "بوتين", res.Docs[0].Mentions[0].Text, "Text is filled in")
				return
			}
			assert.Empty(t, res.Docs[0].Mentions, "the bad mention is left out")
			require.Len(t, res.Errors, 1)
			de := docErr(t, res.Errors[0])
			assert.Equal(t, "fake", de.Extractor)
			assert.Equal(t, "putin", de.Doc)
			require.NotNil(t, de.Mention)
			assert.Equal(t, tc.mention, *de.Mention)
			msg := res.Errors[0].Error()
			assert.True(t, strings.HasPrefix(msg, `extractor "fake": doc "putin": mention `+tc.mention.Type), msg)
			assert.Contains(t, msg, tc.want)
		})
	}
}

func TestRunKeepsGoodMentionsBesideBadOnes(t *testing.T) {
	ex := funcExtractor{name: "fake", fn: fixed(
		Mention{Start: 7, End: 17, Type: "PER"},
		Mention{Start: 7, End: 99, Type: "PER"},
		Mention{Start: 0, End: 6, Type: "LOC"},
	)}
	res := Run(context.Background(), ex, []corpus.Document{putinDoc})
	require.Len(t, res.Errors, 1)
	require.Len(t, res.Docs[0].Mentions, 2)
	assert.Equal(t, "زار", res.Docs[0].Mentions[0].Text)
	assert.Equal(t, "بوتين", res.Docs[0].Mentions[1].Text)
}

func TestRunSortsMentionsAndKeepsDocumentOrder(t *testing.T) {
	text := strings.Repeat("أ", 40)
	var docs []corpus.Document
	for i := range 30 {
		docs = append(docs, corpus.Document{ID: fmt.Sprintf("d%02d", 29-i), Text: text})
	}
	// Every call returns the same mentions in a new random order, after a
	// random pause, so documents finish out of order.
	want := []Mention{
		{Start: 0, End: 2, Type: "LOC"},
		{Start: 0, End: 2, Type: "PER"},
		{Start: 0, End: 4, Type: "LOC"},
		{Start: 2, End: 4, Type: "LOC", Entity: "kb:a"},
		{Start: 2, End: 4, Type: "LOC", Entity: "kb:b"},
		{Start: 10, End: 20, Type: "NUM", Value: "5"},
	}
	ex := funcExtractor{name: "shuffler", fn: func(context.Context, corpus.Document) ([]Mention, error) {
		ms := append([]Mention(nil), want...)
		rand.Shuffle(len(ms), func(i, j int) { ms[i], ms[j] = ms[j], ms[i] })
		time.Sleep(time.Duration(rand.IntN(3)) * time.Millisecond)
		return ms, nil
	}}
	for range 3 {
		res := Run(context.Background(), ex, docs)
		require.Empty(t, res.Errors)
		for i, d := range res.Docs {
			assert.Equal(t, docs[i].ID, d.Doc)
			require.Len(t, d.Mentions, len(want))
			for j, m := range d.Mentions {
				assert.Equal(t, want[j].Start, m.Start)
				assert.Equal(t, want[j].End, m.End)
				assert.Equal(t, want[j].Type, m.Type)
				assert.Equal(t, want[j].Entity, m.Entity)
			}
		}
	}
}

func TestRunGoesOnAfterAFailedDocument(t *testing.T) {
	modelCrashed := errors.New("model crashed")
	ex := funcExtractor{name: "flaky", fn: func(_ context.Context, d corpus.Document) ([]Mention, error) {
		switch d.ID {
		case "b":
			return []Mention{{Start: 0, End: 1, Type: "LOC"}}, modelCrashed
		case "c":
			panic("index out of range")
		}
		return []Mention{{Start: 0, End: 1, Type: "LOC"}}, nil
	}}
	docs := []corpus.Document{{ID: "a", Text: "x"}, {ID: "b", Text: "x"}, {ID: "c", Text: "x"}, {ID: "d", Text: "x"}}
	res := Run(context.Background(), ex, docs)
	require.Len(t, res.Errors, 2)
	assert.ErrorIs(t, res.Errors[0], modelCrashed)
	assert.Equal(t, `extractor "flaky": doc "b": model crashed`, res.Errors[0].Error())
	assert.Equal(t, `extractor "flaky": doc "c": panic: index out of range`, res.Errors[1].Error())
	for _, d := range res.Docs {
		failed := d.Doc == "b" || d.Doc == "c"
		if failed {
			assert.Equal(t, Failed, d.Status, d.Doc)
			assert.Error(t, d.Err, d.Doc)
			assert.Empty(t, d.Mentions, "mentions that come with an error are dropped")
		} else {
			assert.Equal(t, Done, d.Status, d.Doc)
			assert.NoError(t, d.Err, d.Doc)
			assert.Len(t, d.Mentions, 1)
		}
	}
	preds := res.Predictions()
	assert.Len(t, preds, 2, "failed documents are not predictions")
	assert.NotContains(t, preds, "b")
	assert.Len(t, preds["d"], 1)
	var unscored []string
	for _, d := range res.Unscored() {
		unscored = append(unscored, d.Doc+" "+d.Status.String())
	}
	assert.Equal(t, []string{"b failed", "c failed"}, unscored)
}

func TestRunIsBoundedByGOMAXPROCS(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2))
	var inFlight, most atomic.Int32
	ex := funcExtractor{name: "slow", fn: func(context.Context, corpus.Document) ([]Mention, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for {
			m := most.Load()
			if n <= m || most.CompareAndSwap(m, n) {
				break
			}
		}
		time.Sleep(5 * time.Millisecond)
		return nil, nil
	}}
	docs := make([]corpus.Document, 16)
	for i := range docs {
		docs[i] = corpus.Document{ID: fmt.Sprint(i), Text: "x"}
	}
	res := Run(context.Background(), ex, docs)
	require.Empty(t, res.Errors)
	assert.Equal(t, int32(2), most.Load(), "two documents at a time, not fewer, not more")
}

func TestRunStopsWhenTheContextEnds(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	called := false
	ex := funcExtractor{name: "never", fn: func(context.Context, corpus.Document) ([]Mention, error) {
		called = true
		return nil, nil
	}}
	res := Run(ctx, ex, []corpus.Document{{ID: "a", Text: "x"}, {ID: "b", Text: "y"}})
	assert.False(t, called)
	assert.Empty(t, res.Errors, "documents never run are not errors of the extractor")
	assert.ErrorIs(t, res.Stopped, context.Canceled)
	require.Len(t, res.Docs, 2)
	assert.ErrorIs(t, res.Docs[0].Err, context.Canceled)
	assert.EqualError(t, res.Docs[1].Err, `extractor "never": doc "b": not run: context canceled`)
	assert.Equal(t, NotRun, res.Docs[0].Status)
	assert.Equal(t, "not_run", res.Docs[1].Status.String())
	assert.Equal(t, 0, res.Docs[1].Attempts)
	assert.Empty(t, res.Predictions(), "documents never run are not predictions")
}

func TestRunDoesNotRepeatACommandsOwnNaming(t *testing.T) {
	c := newHelper(t, "tag", CommandOptions{})
	res := Run(context.Background(), c, []corpus.Document{{ID: "g", Text: "GARBAGE"}})
	require.Len(t, res.Errors, 1)
	msg := res.Errors[0].Error()
	assert.Equal(t, 1, strings.Count(msg, "extractor "), msg)
	assert.Equal(t, 1, strings.Count(msg, `doc "g"`), msg)
}

func TestRunRecordsTheVersion(t *testing.T) {
	res := Run(context.Background(), versioned{funcExtractor{name: "v", fn: none}}, nil)
	assert.Equal(t, "v", res.Extractor)
	assert.Equal(t, "lexicon:3f2a", res.Version)
	assert.Empty(t, res.Docs)
}

// fakePool is a Pool whose workers record the documents they get.
type fakePool struct {
	n  int
	fn func(ctx context.Context, w int, doc corpus.Document) ([]Mention, error)

	mu   sync.Mutex
	seen [][]string // per worker, document ids in the order received
}

func (p *fakePool) Name() string { return "pool" }
func (p *fakePool) Workers() int { return p.n }
func (p *fakePool) Extract(context.Context, corpus.Document) ([]Mention, error) {
	panic("Run must use ExtractOn")
}
func (p *fakePool) ExtractOn(ctx context.Context, w int, doc corpus.Document) ([]Mention, error) {
	p.mu.Lock()
	if p.seen == nil {
		p.seen = make([][]string, p.n)
	}
	p.seen[w] = append(p.seen[w], doc.ID)
	p.mu.Unlock()
	if p.fn == nil {
		return nil, nil
	}
	return p.fn(ctx, w, doc)
}

// numbered makes n documents with ids d00, d01, … and text "x".
func numbered(n int) []corpus.Document {
	docs := make([]corpus.Document, n)
	for i := range docs {
		docs[i] = corpus.Document{ID: fmt.Sprintf("d%02d", i), Text: "x"}
	}
	return docs
}

func TestRunGivesPoolWorkersEveryNthDocumentInOrder(t *testing.T) {
	var inFlight, most atomic.Int32
	pool := &fakePool{n: 3, fn: func(context.Context, int, corpus.Document) ([]Mention, error) {
		n := inFlight.Add(1)
		defer inFlight.Add(-1)
		for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
		}
		time.Sleep(2 * time.Millisecond)
		return nil, nil
	}}
	res := Run(context.Background(), pool, numbered(8))
	require.Empty(t, res.Errors)
	assert.Equal(t, [][]string{
		{"d00", "d03", "d06"},
		{"d01", "d04", "d07"},
		{"d02", "d05"},
	}, pool.seen, "worker w gets documents w, w+3, w+6, in order")
	assert.Equal(t, int32(3), most.Load(), "the three workers run side by side")
}

func TestRunnerGivesPoolWorkersTheirTurnAcrossBatches(t *testing.T) {
	// Batches of 4, 1 and 3 documents to 3 workers: each worker gets every
	// third document of the whole run, as one batch of 8 would give them.
	pool := &fakePool{n: 3}
	docs := numbered(8)
	rn := NewRunner(pool, RunOptions{})
	for _, batch := range [][]corpus.Document{docs[:4], docs[4:5], docs[5:]} {
		require.Empty(t, rn.Run(context.Background(), batch).Errors)
	}
	assert.Equal(t, [][]string{
		{"d00", "d03", "d06"},
		{"d01", "d04", "d07"},
		{"d02", "d05"},
	}, pool.seen)
}

func TestRunRetriesAFailedDocumentAtOnce(t *testing.T) {
	flaky := errors.New("flaky")
	never := func(int, corpus.Document) bool { return false }
	cases := []struct {
		name         string
		retries      int
		fails        func(attempt int, doc corpus.Document) bool
		wantSeen     []string
		wantStatus   []Status
		wantAttempts []int
	}{
		{"no retries: a failure is final", 0,
			func(attempt int, d corpus.Document) bool { return d.ID == "d01" && attempt == 1 },
			[]string{"d00", "d01", "d02"}, []Status{Done, Failed, Done}, []int{1, 1, 1}},
		{"one retry rescues a document that fails once, right after it failed", 1,
			func(attempt int, d corpus.Document) bool { return d.ID == "d01" && attempt == 1 },
			[]string{"d00", "d01", "d01", "d02"}, []Status{Done, Done, Done}, []int{1, 2, 1}},
		{"two retries of a document that always fails", 2,
			func(_ int, d corpus.Document) bool { return d.ID == "d01" },
			[]string{"d00", "d01", "d01", "d01", "d02"}, []Status{Done, Failed, Done}, []int{1, 3, 1}},
		{"documents that do not fail are sent once", 3, never,
			[]string{"d00", "d01", "d02"}, []Status{Done, Done, Done}, []int{1, 1, 1}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			attempts := map[string]int{}
			pool := &fakePool{n: 1, fn: func(_ context.Context, _ int, d corpus.Document) ([]Mention, error) {
				attempts[d.ID]++
				if tc.fails(attempts[d.ID], d) {
					return nil, flaky
				}
				return nil, nil
			}}
			res := RunWith(context.Background(), pool, numbered(3), RunOptions{Retries: tc.retries})
			assert.Equal(t, tc.wantSeen, pool.seen[0])
			for i, d := range res.Docs {
				assert.Equal(t, tc.wantStatus[i], d.Status, d.Doc)
				assert.Equal(t, tc.wantAttempts[i], d.Attempts, d.Doc)
			}
			failed := 0
			for _, s := range tc.wantStatus {
				if s == Failed {
					failed++
				}
			}
			assert.Len(t, res.Errors, failed, "only a final failure is an error")
			assert.NoError(t, res.Stopped)
		})
	}
}

func TestRunStopsAfterMaxFailuresInARow(t *testing.T) {
	boom := errors.New("boom")
	cases := []struct {
		name        string
		maxFailures int
		fails       string // per document: F fails, . is done
		wantStatus  string // per document: F failed, . done, - not run
	}{
		{"stops at the third failure in a row", 3, "FFFFFFFFFF", "FFF-------"},
		{"a document done resets the count", 3, "FF.FF.FFF.", "FF.FF.FFF-"},
		{"0 never stops", 0, "FFFFFFFFFF", "FFFFFFFFFF"},
		{"1 stops at the first failure", 1, "..F.......", "..F-------"},
		{"fewer failures than the limit", 3, "FF.FF.FF..", "FF.FF.FF.."},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			docs := numbered(len(tc.fails))
			pool := &fakePool{n: 1, fn: func(_ context.Context, _ int, d corpus.Document) ([]Mention, error) {
				var i int
				_, _ = fmt.Sscanf(d.ID, "d%d", &i)
				if tc.fails[i] == 'F' {
					return nil, boom
				}
				return nil, nil
			}}
			var progress []int
			res := RunWith(context.Background(), pool, docs, RunOptions{MaxFailures: tc.maxFailures, Progress: func(n int) { progress = append(progress, n) }})
			// The same run given in batches of 3 stops at the same document:
			// the count of failures in a row and the progress go across batches.
			var batchProgress []int
			rn := NewRunner(&fakePool{n: 1, fn: pool.fn}, RunOptions{MaxFailures: tc.maxFailures, Progress: func(n int) { batchProgress = append(batchProgress, n) }})
			var batched strings.Builder
			for i := 0; i < len(docs); i += 3 {
				for _, d := range rn.Run(context.Background(), docs[i:min(i+3, len(docs))]).Docs {
					batched.WriteByte(map[Status]byte{Done: '.', Failed: 'F', NotRun: '-'}[d.Status])
				}
			}
			assert.Equal(t, tc.wantStatus, batched.String(), "in batches of 3")
			var got strings.Builder
			for _, d := range res.Docs {
				got.WriteByte(map[Status]byte{Done: '.', Failed: 'F', NotRun: '-'}[d.Status])
			}
			assert.Equal(t, tc.wantStatus, got.String())
			ran := strings.Count(tc.wantStatus, ".") + strings.Count(tc.wantStatus, "F")
			assert.Len(t, pool.seen[0], ran, "documents after the stop are never sent")
			assert.Len(t, res.Errors, strings.Count(tc.wantStatus, "F"), "one error per failed document, none per document not run")
			assert.Len(t, progress, ran)
			assert.Equal(t, progress, batchProgress, "in batches of 3")
			if len(progress) > 0 {
				assert.Equal(t, ran, progress[len(progress)-1])
			}
			if !strings.Contains(tc.wantStatus, "-") {
				assert.NoError(t, res.Stopped)
				return
			}
			var fl *FailureLimitError
			require.ErrorAs(t, res.Stopped, &fl)
			assert.Equal(t, tc.maxFailures, fl.Failures)
			first := strings.IndexByte(tc.wantStatus, '-')
			assert.EqualError(t, res.Docs[first].Err, fmt.Sprintf(`extractor "pool": doc "d%02d": not run: stopped after %d documents in a row failed`, first, tc.maxFailures))
		})
	}
}

func TestRunCountsADocumentCutShortAsNotRun(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	started := make(chan struct{})
	pool := &fakePool{n: 1, fn: func(ctx context.Context, _ int, d corpus.Document) ([]Mention, error) {
		if d.ID == "d01" {
			close(started)
			<-ctx.Done()
			return nil, ctx.Err()
		}
		return nil, nil
	}}
	go func() { <-started; cancel() }()
	res := Run(ctx, pool, numbered(3))
	assert.Equal(t, []Status{Done, NotRun, NotRun}, []Status{res.Docs[0].Status, res.Docs[1].Status, res.Docs[2].Status})
	assert.Empty(t, res.Errors, "an interrupted document is not the extractor's failure")
	assert.ErrorIs(t, res.Stopped, context.Canceled)
	assert.Equal(t, []string{"d00", "d01"}, pool.seen[0])
}

// streams reads the documents each helper process of a run recorded in dir,
// sorted by their first document.
func streams(t *testing.T, dir string) [][]string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var out [][]string
	for _, e := range entries {
		b, err := os.ReadFile(filepath.Join(dir, e.Name()))
		require.NoError(t, err)
		out = append(out, strings.Fields(string(b)))
	}
	sort.Slice(out, func(i, j int) bool { return out[i][0] < out[j][0] })
	return out
}

func TestCommandStreamsAreInCorpusOrderAndRepeat(t *testing.T) {
	docs := numbered(10)
	for i := range docs {
		docs[i].Text = strings.Repeat("رقم 7 ", i+1)
	}
	docs[4].Text = "ONCE " + docs[4].Text // fails once, then answered on a retry
	cases := []struct {
		jobs int
		want [][]string
	}{
		{1, [][]string{{"d00", "d01", "d02", "d03", "d04", "d04", "d05", "d06", "d07", "d08", "d09"}}},
		{3, [][]string{{"d00", "d03", "d06", "d09"}, {"d01", "d04", "d04", "d07"}, {"d02", "d05", "d08"}}},
	}
	var first *Result
	for _, tc := range cases {
		for run := range 2 {
			dir := t.TempDir()
			c := newHelper(t, "record "+quoteArg(dir), CommandOptions{Jobs: tc.jobs})
			res := RunWith(context.Background(), c, docs, RunOptions{Retries: 1})
			require.NoError(t, c.Close())
			require.Empty(t, res.Errors)
			assert.Equal(t, tc.want, streams(t, dir), "jobs %d, run %d: one process per job, each sent its documents in corpus order", tc.jobs, run+1)
			assert.Equal(t, 2, res.Docs[4].Attempts)
			if first == nil {
				first = res
				continue
			}
			assert.Equal(t, first.Docs, res.Docs, "jobs %d, run %d: the same result as with one job", tc.jobs, run+1)
		}
	}
}
