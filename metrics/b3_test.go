package metrics

import (
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/assert"
)

func TestB3WorkedExample(t *testing.T) {
	// Five mentions of two entities. Gold: {a1 a2 a3} = shoigu, {b1 b2} = peskov.
	// The keys merge a1 a2 (one spelling), leave a3 apart (another spelling),
	// and wrongly merge a3 with b1.
	keys := []string{"شويغو", "شويغو", "X", "X", "بيسكوف"}
	gold := []string{"shoigu", "shoigu", "shoigu", "peskov", "peskov"}
	// Precision per mention: a1 2/2, a2 2/2, a3 1/2, b1 1/2, b2 1/1 → (1+1+.5+.5+1)/5 = 0.8
	// Recall per mention:    a1 2/3, a2 2/3, a3 1/3, b1 1/2, b2 1/2 → (2/3+2/3+1/3+1/2+1/2)/5 = 8/15 ≈ 0.5333
	// F1 = 2·0.8·(8/15)/(0.8+8/15) = 0.64
	s := B3(keys, gold)
	assert.InDelta(t, 0.8, s.Precision, 1e-12)
	assert.InDelta(t, 8.0/15, s.Recall, 1e-12)
	assert.InDelta(t, 0.64, s.F1, 1e-12)
	assert.Equal(t, 5, s.Support)
}

func TestB3Extremes(t *testing.T) {
	gold := []string{"a", "a", "b"}
	assert.Equal(t, 1.0, B3([]string{"x", "x", "y"}, gold).F1, "the gold clustering itself")
	one := B3([]string{"k", "k", "k"}, gold)
	// All in one cluster: P = (2/3+2/3+1/3)/3 = 5/9, R = 1.
	assert.InDelta(t, 5.0/9, one.Precision, 1e-12)
	assert.Equal(t, 1.0, one.Recall)
	single := B3([]string{"1", "2", "3"}, gold)
	// All apart: P = 1, R = (1/2+1/2+1)/3 = 2/3.
	assert.Equal(t, 1.0, single.Precision)
	assert.InDelta(t, 2.0/3, single.Recall, 1e-12)
	assert.Equal(t, Score{}, B3(nil, nil))
}

func TestScoreNormalizerMergesSpellingsOfOneEntity(t *testing.T) {
	text := "شويغو شويجو بيسكوف 2022"
	docs := []Doc{{ID: "d", Text: text, Gold: []corpus.Mention{
		{Start: 0, End: 10, Type: "PER", Entity: "kb:sergei-shoigu"},
		{Start: 11, End: 21, Type: "PER", Entity: "kb:sergei-shoigu"},
		{Start: 22, End: 34, Type: "PER", Entity: "kb:dmitry-peskov"},
		{Start: 35, End: 39, Type: "DATE"},
	}}}
	raw := ScoreNormalizer("none", docs, func(s string) string { return s })
	// Three singletons: P = 1, R = (1/2+1/2+1)/3 = 2/3.
	assert.Equal(t, 1.0, raw.Score.Precision)
	assert.InDelta(t, 2.0/3, raw.Score.Recall, 1e-12)
	assert.Equal(t, 3, raw.Clusters)
	assert.Equal(t, 2, raw.Entities)
	// A key that folds غ and ج together merges the two spellings: perfect.
	fold := ScoreNormalizer("fold", docs, func(s string) string { return strings.ReplaceAll(s, "ج", "غ") })
	assert.Equal(t, 1.0, fold.Score.F1)
	assert.Equal(t, 2, fold.Clusters)
}
