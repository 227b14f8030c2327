package shard

import (
	"fmt"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestParse(t *testing.T) {
	for _, tc := range []struct {
		in   string
		want Spec
		err  string
	}{
		{"0/1", Spec{0, 1}, ""},
		{"3/4", Spec{3, 4}, ""},
		{" 2 / 7 ", Spec{2, 7}, ""},
		{"4/4", Spec{}, "indexes count from 0, so shard 4 of 4 is 3/4 (a Slurm array for 4 shards is --array=0-3)"},
		{"5/4", Spec{}, "the index must be from 0 to 3"},
		{"-1/4", Spec{}, "the index must be from 0 to 3"},
		{"0/0", Spec{}, "the count must be from 1 to 1048576"},
		{"1", Spec{}, "want INDEX/COUNT"},
		{"a/4", Spec{}, "two whole numbers"},
	} {
		got, err := Parse(tc.in)
		if tc.err != "" {
			assert.ErrorContains(t, err, tc.err, tc.in)
			continue
		}
		require.NoError(t, err, tc.in)
		assert.Equal(t, tc.want, got, tc.in)
		assert.Equal(t, fmt.Sprintf("%d/%d", tc.want.Index, tc.want.Count), got.String())
	}
}

func TestOfIsFNV1a64ModN(t *testing.T) {
	// FNV-1a 64 of "" is the offset basis 0xcbf29ce484222325 =
	// 14695981039346656037; of "a" it is 0xaf63dc4c8601ec8c.
	assert.Equal(t, int(uint64(14695981039346656037)%7), Of("", 7))
	assert.Equal(t, int(uint64(0xaf63dc4c8601ec8c)%3), Of("a", 3))
	assert.Equal(t, 0, Of("anything", 1), "one shard holds everything")
}

func TestEveryDocumentInExactlyOneShard(t *testing.T) {
	const docs, n = 10000, 7
	counts := make([]int, n)
	for d := 0; d < docs; d++ {
		id := fmt.Sprintf("doc-%05d", d)
		held := 0
		for i := 0; i < n; i++ {
			if (Spec{i, n}).Holds(id) {
				held++
				counts[i]++
			}
		}
		require.Equal(t, 1, held, id)
	}
	for i, c := range counts {
		// 10000/7 ≈ 1429; a fair hash keeps every shard within ±15%.
		assert.InDelta(t, docs/n, c, docs/n*0.15, "shard %d", i)
	}
}
