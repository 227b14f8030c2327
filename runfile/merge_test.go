package runfile

import (
	"bytes"
	"testing"

	"github.com/arabench/arabench/shard"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// shardRun is the run of shard i/n holding the documents ids.
func shardRun(i, n int, ids ...string) *Run {
	r := &Run{Format: Format, Arabench: "1.0", Extractor: "rules", Signature: "arabench:1.0|gold:g|corpus:c|norm:none|scheme:strict|avg:micro", Shard: &shard.Spec{Index: i, Count: n}, Predictions: []Doc{}}
	for _, id := range ids {
		r.Predictions = append(r.Predictions, Doc{Doc: id})
	}
	return r
}

func TestUnion(t *testing.T) {
	// Of 2 shards, "a" and "c" hash to 0 and "b" to 1 (FNV-1a 64 mod 2).
	require.Equal(t, []int{0, 1, 0}, []int{shard.Of("a", 2), shard.Of("b", 2), shard.Of("c", 2)})
	u, err := Union([]Part{{"p1", shardRun(1, 2, "b")}, {"p0", shardRun(0, 2, "a", "c")}})
	require.NoError(t, err)
	assert.Nil(t, u.Shard, "the union is a whole run")
	assert.Equal(t, []Doc{{Doc: "a"}, {Doc: "c"}, {Doc: "b"}}, u.Predictions, "in shard order")

	partial := shardRun(0, 2, "a")
	partial.Partial = true
	u, err = Union([]Part{{"p0", partial}, {"p1", shardRun(1, 2, "d")}})
	require.NoError(t, err)
	assert.True(t, u.Partial, "a partial part makes a partial union")

	for _, tc := range []struct {
		name  string
		parts []Part
		want  string
	}{
		{"a document in two parts", []Part{{"p0", shardRun(0, 2, "a")}, {"p1", shardRun(1, 2, "b", "b")}}, `doc "b" is in p1 and in p1`},
		{"a document in the wrong shard", []Part{{"p0", shardRun(0, 2, "b")}, {"p1", shardRun(1, 2)}}, `p0: doc "b" belongs to shard 1/2, not 0/2`},
		{"an index out of range", []Part{{"p0", shardRun(0, 2)}, {"p5", shardRun(5, 2)}}, "p5: shard 5/2: the index must be from 0 to 1: the file is damaged"},
		{"another extractor version", []Part{{"p0", shardRun(0, 2)}, {"p1", func() *Run { r := shardRun(1, 2); r.ExtractorVersion = "v2"; return r }()}}, `p0 and p1 are not shards of the same run: extractor version "" ≠ "v2"`},
		{"nothing", nil, "no run files to merge"},
	} {
		_, err := Union(tc.parts)
		assert.EqualError(t, err, tc.want, tc.name)
	}
}

func TestShardRoundTrip(t *testing.T) {
	// A shard's file says which shard it is; a whole run's file, of this
	// format or an older one, has no "shard" and reads as a whole run.
	var buf bytes.Buffer
	require.NoError(t, shardRun(2, 7, "x").Write(&buf))
	assert.Contains(t, buf.String(), `"shard": {`+"\n"+`  "index": 2,`+"\n"+`  "count": 7`+"\n"+` }`)
	run, err := ReadRun("part.json", &buf)
	require.NoError(t, err)
	assert.Equal(t, &shard.Spec{Index: 2, Count: 7}, run.Shard)

	_, _, whole := runFixture(t)
	assert.NotContains(t, string(whole), `"shard"`)
	run, err = ReadRun("run.json", bytes.NewReader(whole))
	require.NoError(t, err)
	assert.Nil(t, run.Shard)
}
