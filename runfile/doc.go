// Package runfile reads and writes run files, what `arabench eval --save`
// and `score --save` write and `compare` reads: which system ran, the
// signature of its score, every prediction with code point offsets, what
// became of each document, and the report under every scheme. ReadRun
// refuses, naming the file, line and column, anything that is not a whole run
// file of a format it knows; a Scanner reads a run one document at a time,
// for runs too large to hold. Union checks that the run files of the shards
// of one evaluation (eval --shard) fit together and joins their predictions
// for `arabench merge` to rescore.
package runfile
