package extract

import (
	"context"
	"errors"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stage is an extractor that returns the same mentions for every document.
type stage struct {
	name  string
	types []string
	ms    []Mention
	err   error
}

func (f stage) Name() string    { return f.name }
func (f stage) Types() []string { return f.types }
func (f stage) Version() string { return f.name + "-1" }
func (f stage) Extract(context.Context, corpus.Document) ([]Mention, error) {
	return f.ms, f.err
}

func TestPipelineResolvesOverlapsBetweenStages(t *testing.T) {
	m := func(s, e int, typ string) Mention { return Mention{Start: s, End: e, Type: typ} }
	tests := []struct {
		name string
		a, b []Mention
		want []Mention
	}{
		{"no overlap: the union", []Mention{m(0, 5, "PER")}, []Mention{m(10, 14, "DATE")}, []Mention{m(0, 5, "PER"), m(10, 14, "DATE")}},
		{"the longer span wins", []Mention{m(0, 5, "LOC")}, []Mention{m(0, 9, "DATE")}, []Mention{m(0, 9, "DATE")}},
		{"equal length: the stage listed first wins", []Mention{m(0, 5, "LOC")}, []Mention{m(2, 7, "NUM")}, []Mention{m(0, 5, "LOC")}},
		{"a stage's own overlaps are kept", []Mention{m(0, 9, "ORG"), m(4, 9, "LOC")}, nil, []Mention{m(0, 9, "ORG"), m(4, 9, "LOC")}},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			p := NewPipeline(stage{name: "a", ms: tc.a}, stage{name: "b", ms: tc.b})
			got, err := p.Extract(context.Background(), corpus.Document{})
			require.NoError(t, err)
			assert.ElementsMatch(t, tc.want, got)
		})
	}
}

func TestPipelineIdentity(t *testing.T) {
	p := NewPipeline(stage{name: "a", types: []string{"PER", "LOC"}}, stage{name: "b", types: []string{"DATE", "LOC"}})
	assert.Equal(t, "a+b", p.Name())
	assert.Equal(t, "a-1+b-1", p.Version())
	assert.Equal(t, []string{"PER", "LOC", "DATE"}, p.Types())
	assert.Nil(t, NewPipeline(stage{name: "a", types: []string{"PER"}}, stage{name: "b"}).Types(), "a stage that declares nothing may produce anything")

	_, err := NewPipeline(stage{name: "a"}, stage{name: "b", err: errors.New("boom")}).Extract(context.Background(), corpus.Document{})
	assert.EqualError(t, err, "stage b: boom")
}

func TestSplitPipeline(t *testing.T) {
	assert.Equal(t, []string{"gazetteer", "rules"}, splitPipeline("gazetteer+rules"))
	assert.Equal(t, []string{"gazetteer", "cmd:python3 tag.py --x a+b"}, splitPipeline("gazetteer+cmd:python3 tag.py --x a+b"))
	assert.Equal(t, []string{"cmd:a+b"}, splitPipeline("cmd:a+b"))
	assert.Equal(t, []string{"rules"}, splitPipeline("rules"))
}

func TestNewBuildsAPipeline(t *testing.T) {
	r := &registry{factories: map[string]Factory{}}
	r.register("a", func() (Extractor, error) { return stage{name: "a"}, nil })
	r.register("b", func() (Extractor, error) { return stage{name: "b"}, nil })
	ex, err := r.new("a+b")
	require.NoError(t, err)
	assert.Equal(t, "a+b", ex.Name())
	_, err = r.new("a+c")
	assert.ErrorContains(t, err, `unknown extractor "c"`)
	_, err = r.new("a+")
	assert.ErrorContains(t, err, "an empty stage")
}
