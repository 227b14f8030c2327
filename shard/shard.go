// Package shard splits the documents of an evaluation into n deterministic
// parts, so that n processes (GNU parallel, a Kubernetes Indexed Job, a
// Slurm array) can each run one and `arabench merge` can join their runs.
//
// A document belongs to shard Of(id, n): the FNV-1a 64-bit hash of its id
// modulo n. The split depends on the id alone, never on the corpus order or
// size, so every process computes the same split without talking to the
// others. Indexes count from 0, as Kubernetes' JOB_COMPLETION_INDEX does and
// a Slurm array --array=0-(n-1) gives in SLURM_ARRAY_TASK_ID.
package shard

import (
	"fmt"
	"hash/fnv"
	"strconv"
	"strings"
)

// MaxCount is the largest number of shards.
const MaxCount = 1 << 20

// Spec names one shard: Index of Count, 0 <= Index < Count.
type Spec struct {
	Index int `json:"index"`
	Count int `json:"count"`
}

// String is the spec as --shard takes it: "index/count".
func (s Spec) String() string { return fmt.Sprintf("%d/%d", s.Index, s.Count) }

// Parse reads "i/n", 0 <= i < n <= MaxCount. The error says what is wrong
// and, for i == n, that indexes count from 0.
func Parse(v string) (Spec, error) {
	is, ns, ok := strings.Cut(strings.TrimSpace(v), "/")
	if !ok {
		return Spec{}, fmt.Errorf("shard %q: want INDEX/COUNT, e.g. 0/4 (indexes count from 0)", v)
	}
	i, err1 := strconv.Atoi(strings.TrimSpace(is))
	n, err2 := strconv.Atoi(strings.TrimSpace(ns))
	switch {
	case err1 != nil || err2 != nil:
		return Spec{}, fmt.Errorf("shard %q: want INDEX/COUNT, two whole numbers, e.g. 0/4", v)
	case n < 1 || n > MaxCount:
		return Spec{}, fmt.Errorf("shard %q: the count must be from 1 to %d", v, MaxCount)
	case i == n:
		return Spec{}, fmt.Errorf("shard %q: indexes count from 0, so shard %d of %d is %d/%d (a Slurm array for %d shards is --array=0-%d)", v, i, n, i-1, n, n, n-1)
	case i < 0 || i > n:
		return Spec{}, fmt.Errorf("shard %q: the index must be from 0 to %d", v, n-1)
	}
	return Spec{Index: i, Count: n}, nil
}

// Of is the shard of document id among n: FNV-1a 64 of id, modulo n.
func Of(id string, n int) int {
	h := fnv.New64a()
	h.Write([]byte(id))
	return int(h.Sum64() % uint64(n))
}

// Holds reports whether document id is in the shard.
func (s Spec) Holds(id string) bool { return Of(id, s.Count) == s.Index }
