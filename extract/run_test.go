package extract

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"runtime"
	"strings"
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
	require.Len(t, res.Errors, 2)
	assert.ErrorIs(t, res.Errors[0], context.Canceled)
	assert.Contains(t, res.Errors[1].Error(), `doc "b": not run: context canceled`)
	assert.Equal(t, NotRun, res.Docs[0].Status)
	assert.Equal(t, "not_run", res.Docs[1].Status.String())
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
