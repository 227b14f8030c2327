package main

import (
	"fmt"

	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/shard"
)

// shardFlags checks eval's --shard: "" is no shard; a shard needs --save,
// where its partial run goes.
func shardFlags(v, save string) (*shard.Spec, error) {
	if v == "" {
		return nil, nil
	}
	spec, err := shard.Parse(v)
	if err != nil {
		return nil, fmt.Errorf("--shard: %w", err)
	}
	if save == "" {
		return nil, fmt.Errorf("--shard %s needs --save FILE: a shard's run is only useful to `arabench merge`", spec)
	}
	return &spec, nil
}

// wholeRun refuses the run file of one shard where a whole run is needed
// (compare, report): it lacks every document of the other shards.
func wholeRun(path string, run *runfile.Run) error {
	if run.Shard == nil {
		return nil
	}
	return fmt.Errorf("%s is the run of shard %s only: join the shards first with `arabench merge PART... -o RUN.json`", path, run.Shard)
}
