package seqeval

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEntities(t *testing.T) {
	tests := []struct {
		name string
		tags string
		want []Chunk
	}{
		{"B- I- is one chunk, O closes it", "B-PER I-PER O B-LOC", []Chunk{{"PER", 0, 2}, {"LOC", 3, 4}}},
		{"a stray I- opens a chunk", "O I-ORG I-ORG", []Chunk{{"ORG", 1, 3}}},
		{"B-X B-X are two chunks", "B-LOC B-LOC", []Chunk{{"LOC", 0, 1}, {"LOC", 1, 2}}},
		{"S- is a chunk of its own", "S-PER S-PER", []Chunk{{"PER", 0, 1}, {"PER", 1, 2}}},
		{"E- ends a chunk", "B-ORG E-ORG I-ORG", []Chunk{{"ORG", 0, 2}, {"ORG", 2, 3}}},
		{"IOB1: B- only between touching chunks", "I-LOC B-LOC O", []Chunk{{"LOC", 0, 1}, {"LOC", 1, 2}}},
		{"a change of type closes the chunk", "B-PER I-LOC", []Chunk{{"PER", 0, 1}, {"LOC", 1, 2}}},
		{"no tag, no chunk", "", nil},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, Entities(strings.Fields(tc.tags)))
		})
	}
}

func TestStrictEntities(t *testing.T) {
	got, err := StrictEntities(strings.Fields("I-PER I-PER O B-LOC I-LOC"), IOB2)
	require.NoError(t, err)
	assert.Equal(t, []Chunk{{"LOC", 3, 5}}, got, "IOB2 drops the chunk opened by I-")
	got, err = StrictEntities(strings.Fields("B-PER L-PER U-LOC"), BILOU)
	require.NoError(t, err)
	assert.Equal(t, []Chunk{{"PER", 0, 2}, {"LOC", 2, 3}}, got)
	_, err = StrictEntities(strings.Fields("S-PER"), IOB2)
	var te *TagError
	require.ErrorAs(t, err, &te)
	assert.Equal(t, "S-PER", te.Tag)
}
