#!/usr/bin/env bash
# shards.sh: a sharded evaluation run with GNU parallel, merged, must be the
# unsharded run to the byte. For every extractor and dataset below it builds
# arabench, runs `eval --shard i/SHARDS` for i = 0 … SHARDS-1 as parallel jobs,
# joins the parts with `arabench merge`, and compares the merged run file with
# the run file of the same eval in one process (cmp: nothing is left out).
#
# Settings (environment, or make variables through the Makefile):
#   SHARDS      number of shards (default 4)
#   JOBS        parallel's --jobs (default 0: as many as parallel likes)
#   EXTRACTORS  space-separated extractors (default: gazetteer rules gazetteer+rules)
#   DATASETS    space-separated --dataset values (default: seed anercorp)
#   FLAGS       further eval flags, given to merge too where merge has them
#               (default: --ci --resamples 200 --seed 7)
#   GO          go command (default go)
#
# Exit status: 0 when every merge equals its unsharded run, 1 on any
# difference or failed step, 2 on a build error or a missing tool.
set -euo pipefail

GO=${GO:-go}
SHARDS=${SHARDS:-4}
JOBS=${JOBS:-0}
EXTRACTORS=${EXTRACTORS:-gazetteer rules gazetteer+rules}
DATASETS=${DATASETS:-seed anercorp}
FLAGS=${FLAGS:---ci --resamples 200 --seed 7}

die() { echo "shards: $*" >&2; exit 2; }
command -v parallel >/dev/null || die "GNU parallel is not installed (Debian: apt-get install parallel)"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
cd "$(dirname "$0")/.."
"$GO" build -o "$tmp/arabench" ./cmd/arabench || die "go build failed"
ab="$tmp/arabench"

status=0
for ds in $DATASETS; do
  for ex in $EXTRACTORS; do
    dir="$tmp/$ds/$ex"
    mkdir -p "$dir"
    # shellcheck disable=SC2086 # FLAGS is a list of words
    "$ab" eval --dataset "$ds" --extractor "$ex" $FLAGS --save "$dir/whole.json" >/dev/null 2>"$dir/whole.err" ||
      { cat "$dir/whole.err" >&2; echo "shards: $ds $ex: the unsharded eval failed" >&2; status=1; continue; }
    # One job a shard; {} is the shard index. --halt stops the others at the
    # first failure, and parallel then exits non-zero.
    if ! seq 0 $((SHARDS - 1)) | parallel --jobs "$JOBS" --halt now,fail=1 \
        "'$ab' eval --dataset '$ds' --extractor '$ex' $FLAGS --shard {}/$SHARDS --save '$dir/part-{}.json' >/dev/null 2>'$dir/part-{}.err'"; then
      cat "$dir"/part-*.err >&2
      echo "shards: $ds $ex: a shard failed" >&2
      status=1
      continue
    fi
    # shellcheck disable=SC2086
    if ! "$ab" merge --dataset "$ds" $FLAGS -o "$dir/merged.json" "$dir"/part-*.json 2>"$dir/merge.err"; then
      cat "$dir/merge.err" >&2
      echo "shards: $ds $ex: merge failed" >&2
      status=1
      continue
    fi
    if cmp -s "$dir/whole.json" "$dir/merged.json"; then
      echo "shards: $ds $ex: $SHARDS shards merged = unsharded run ($(wc -c <"$dir/whole.json") bytes)"
    else
      echo "shards: $ds $ex: the merged run differs from the unsharded run:" >&2
      diff "$dir/whole.json" "$dir/merged.json" | head -20 >&2 || true
      status=1
    fi
  done
done
exit $status
