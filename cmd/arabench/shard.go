package main

import (
	"fmt"

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
