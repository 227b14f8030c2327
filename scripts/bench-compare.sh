#!/usr/bin/env bash
# bench-compare.sh: benchmark BASE (a git revision) against the working tree
# on this machine and gate the result.
#
# It builds a `go test -c` binary of each benchmark package at BASE (in a
# temporary git worktree) and at the working tree, runs them interleaved
# (A B A B ..., ROUNDS rounds, one run of every benchmark per binary per
# round, GOMAXPROCS 1), writes bench/out/<rev>.txt for each side, prints
# benchstat's view and runs `arabench bench compare`.
#
# Settings (environment, or make variables through the Makefile):
#   BASE       git revision to compare against (required)
#   ROUNDS     interleaved rounds (default 10); fewer than the gate's test
#              needs to ever reach significance at its alpha (5 at 0.01, as
#              `arabench bench min-runs` computes from benchmath) is refused
#   BENCHTIME  -test.benchtime of each run (default: go test's 1s)
#   BENCH      -test.bench regexp (default .); a top-level | separates whole
#              paths: 'GateProbe|Normalize/preset=search/offsets=false/input=1MiB'
#   PKGS       benchmark packages (default ./bench)
#   NEW_TAGS   build tags for the working-tree binary only (e.g. gateslow,
#              which injects a 20% slowdown into BenchmarkGateProbe)
#   GATE_FLAGS extra flags for `arabench bench compare` (e.g. --format markdown)
#   BENCHSTAT  benchstat module to `go run` ("" skips benchstat)
#   GO         go command (default go)
#
# Exit status: the gate's: 0 no regression, 1 a regression or too few runs,
# 2 bad usage (ROUNDS too small included), bad input, or BASE without the
# benchmark package.
set -euo pipefail

GO=${GO:-go}
ROUNDS=${ROUNDS:-10}
BENCHTIME=${BENCHTIME:-}
BENCH=${BENCH:-.}
PKGS=${PKGS:-./bench}
NEW_TAGS=${NEW_TAGS:-}
GATE_FLAGS=${GATE_FLAGS:-}
BENCHSTAT=${BENCHSTAT-golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da}

die() { echo "bench-compare: $*" >&2; exit 2; }

[ -n "${BASE:-}" ] || die "BASE is not set: make bench-compare BASE=<git rev>, e.g. BASE=main or BASE=HEAD~1"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS=$ROUNDS is not a positive number"

root=$(git rev-parse --show-toplevel) || die "not inside a git checkout"
cd "$root"
base_sha=$(git rev-parse --verify --quiet "$BASE^{commit}") || die "BASE=$BASE is not a commit in this repository"
base_name=$(git rev-parse --short "$base_sha")
head_name=$(git rev-parse --short HEAD)
if [ -n "$(git status --porcelain --untracked-files=no)" ]; then
	head_name="$head_name-dirty"
fi
if [ -n "$NEW_TAGS" ]; then
	head_name="$head_name-${NEW_TAGS//[^A-Za-z0-9]/_}"
fi
if [ "$head_name" = "$base_name" ]; then
	head_name="$head_name-worktree"
fi

tmp=$(mktemp -d)
# shellcheck disable=SC2317 # called by the trap
cleanup() {
	git worktree remove --force "$tmp/base" >/dev/null 2>&1 || true
	rm -rf "$tmp"
	# Partial results of a failed run are kept only when they hold something.
	for f in ${old_out:+"$old_out.tmp"} ${new_out:+"$new_out.tmp"}; do
		[ -s "$f" ] || rm -f "$f"
	done
}
trap cleanup EXIT

# The gate is built first: it decides, before minutes of benchmarking,
# whether ROUNDS runs a side can ever show a difference at its alpha.
"$GO" build -o "$tmp/arabench" ./cmd/arabench || die "building arabench failed"
# shellcheck disable=SC2086
if ! min_runs=$("$tmp/arabench" bench min-runs --runs "$ROUNDS" $GATE_FLAGS); then
	[ -n "$min_runs" ] || die "cannot check ROUNDS against GATE_FLAGS='$GATE_FLAGS' (above)"
	die "ROUNDS=$ROUNDS is below $min_runs: with fewer runs a side the gate can only answer \"too few runs\" (exit 1); set ROUNDS=$min_runs or more (10 or more leaves a margin)"
fi

git worktree add --detach --quiet "$tmp/base" "$base_sha" || die "cannot check out $BASE in a worktree"

# build SRC_DIR PKG OUT TAGS SIDE: compile PKG's test binary; fail with
# exit 2 when the package does not exist or has no benchmark at all.
build() {
	local src=$1 pkg=$2 out=$3 tags=$4 side=$5
	if [ ! -d "$src/$pkg" ]; then
		die "$side has no benchmark package $pkg (no ${pkg#./}/ directory at that revision): nothing to compare; pick a BASE that has it"
	fi
	(cd "$src" && "$GO" test -c -o "$out" ${tags:+-tags "$tags"} "$pkg") || die "$side: building $pkg failed"
	[ -x "$out" ] || die "$side has no test files in $pkg: nothing to benchmark"
	local list
	list=$(cd "$src/$pkg" && "$out" -test.list .) || die "$side: listing the benchmarks of $pkg failed"
	grep -q '^Benchmark' <<<"$list" || die "$side has no benchmark in $pkg: nothing to compare"
}

# run DIR BIN OUT SIDE ROUND: one run of BIN in DIR (tests find their
# testdata there, as under go test), appended to OUT. The first round
# checks that BENCH selected something.
run() {
	local dir=$1 bin=$2 out=$3 side=$4 round=$5 res
	res=$(cd "$dir" && "$bin" "${args[@]}") || {
		printf '%s\n' "$res" >>"$out"
		die "$side: benchmark run failed (round $round); see $out"
	}
	if [ "$round" -eq 1 ] && ! grep -q '^Benchmark' <<<"$res"; then
		die "$side: no benchmark matches BENCH='$BENCH'"
	fi
	printf '%s\n' "$res" >>"$out"
}

read -r -a pkgs <<<"$PKGS"
for i in "${!pkgs[@]}"; do
	[[ "${pkgs[i]}" == ./* ]] || pkgs[i]="./${pkgs[i]}"
done
for pkg in "${pkgs[@]}"; do
	name=$(echo "${pkg#./}" | tr '/' '_')
	echo "bench-compare: building $pkg at $BASE ($base_name) and in the working tree${NEW_TAGS:+ (tags $NEW_TAGS)}" >&2
	build "$tmp/base" "$pkg" "$tmp/old-$name.test" "" "BASE=$BASE ($base_name)"
	build "$root" "$pkg" "$tmp/new-$name.test" "$NEW_TAGS" "the working tree"
done

old_out="bench/out/$base_name.txt"
new_out="bench/out/$head_name.txt"
mkdir -p bench/out
: >"$old_out.tmp"
: >"$new_out.tmp"

args=(-test.run '^$' -test.bench "$BENCH" -test.benchmem -test.cpu 1 -test.count 1)
[ -n "$BENCHTIME" ] && args+=(-test.benchtime "$BENCHTIME")

# Interleave so that whatever else the machine does during the run (other
# jobs, thermal state, frequency changes) falls on both sides alike.
for ((r = 1; r <= ROUNDS; r++)); do
	echo "bench-compare: round $r/$ROUNDS" >&2
	for pkg in "${pkgs[@]}"; do
		name=$(echo "${pkg#./}" | tr '/' '_')
		run "$tmp/base/$pkg" "$tmp/old-$name.test" "$old_out.tmp" "BASE=$BASE ($base_name)" "$r"
		run "$root/$pkg" "$tmp/new-$name.test" "$new_out.tmp" "the working tree" "$r"
	done
done
mv "$old_out.tmp" "$old_out"
mv "$new_out.tmp" "$new_out"
echo "bench-compare: wrote $old_out (BASE=$BASE) and $new_out (working tree)" >&2

if [ -n "$BENCHSTAT" ]; then
	echo
	echo "== benchstat $old_out $new_out"
	"$GO" run "$BENCHSTAT" "$old_out" "$new_out" || echo "bench-compare: benchstat failed; the gate below does not depend on it" >&2
fi
echo
echo "== arabench bench compare $old_out $new_out"
set +e
# shellcheck disable=SC2086
"$tmp/arabench" bench compare $GATE_FLAGS "$old_out" "$new_out"
code=$?
set -e
exit "$code"
