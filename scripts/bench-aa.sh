#!/usr/bin/env bash
# bench-aa.sh: the A/A check of the regression gate. It builds one
# `go test -c` binary of the benchmark packages from the working tree and
# runs it as both sides, interleaved exactly as bench-compare.sh runs BASE
# and the working tree; any regression the gate reports is a false alarm.
# RUNS repeats the whole check and counts the false alarms.
#
# With NEW_TAGS=gateslow the B side is built with that tag instead, which
# makes BenchmarkGateProbe do 20% more work: then every run must report a
# regression, or the gate misses a real slowdown.
#
# Settings (environment, or make variables through the Makefile):
#   RUNS       A/A checks to run (default 1)
#   ROUNDS     interleaved rounds per check (default 10); fewer than the
#              gate's test needs at its alpha (`arabench bench min-runs`) is
#              refused
#   BENCHTIME  -test.benchtime of each run (default: go test's 1s)
#   BENCH      -test.bench regexp (default .); a top-level | separates whole
#              paths: 'GateProbe|Normalize/preset=search/offsets=false/input=1MiB'
#   PKGS       benchmark packages (default ./bench)
#   NEW_TAGS   build tags for the B side (e.g. gateslow); empty: A/A
#   GATE_FLAGS extra flags for `arabench bench compare`
#   GO         go command (default go)
#
# Exit status: 0 when every run met the expectation (A/A: no regression;
# NEW_TAGS: a regression), 1 when one did not, 2 on a build or run error.
set -euo pipefail

GO=${GO:-go}
RUNS=${RUNS:-1}
ROUNDS=${ROUNDS:-10}
BENCHTIME=${BENCHTIME:-}
BENCH=${BENCH:-.}
PKGS=${PKGS:-./bench}
NEW_TAGS=${NEW_TAGS:-}
GATE_FLAGS=${GATE_FLAGS:-}

die() { echo "bench-aa: $*" >&2; exit 2; }

[[ "$RUNS" =~ ^[1-9][0-9]*$ ]] || die "RUNS=$RUNS is not a positive number"
[[ "$ROUNDS" =~ ^[1-9][0-9]*$ ]] || die "ROUNDS=$ROUNDS is not a positive number"
root=$(git rev-parse --show-toplevel) || die "not inside a git checkout"
cd "$root"
rev=$(git rev-parse --short HEAD)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT

echo "go build -o $tmp/arabench ./cmd/arabench" >&2
"$GO" build -o "$tmp/arabench" ./cmd/arabench || die "building arabench failed"
# With too few runs every check would end in "too few runs" (exit 1),
# counted below as a false alarm.
# shellcheck disable=SC2086
if ! min_runs=$("$tmp/arabench" bench min-runs --runs "$ROUNDS" $GATE_FLAGS); then
	[ -n "$min_runs" ] || die "cannot check ROUNDS against GATE_FLAGS='$GATE_FLAGS' (above)"
	die "ROUNDS=$ROUNDS is below $min_runs: with fewer runs a side the gate can only answer \"too few runs\"; set ROUNDS=$min_runs or more"
fi

read -r -a pkgs <<<"$PKGS"
for i in "${!pkgs[@]}"; do
	[[ "${pkgs[i]}" == ./* ]] || pkgs[i]="./${pkgs[i]}"
	pkg=${pkgs[$i]}
	[ -d "$pkg" ] || die "no benchmark package $pkg in the working tree"
	name=$(echo "${pkg#./}" | tr '/' '_')
	"$GO" test -c -o "$tmp/a-$name.test" "$pkg" || die "building $pkg failed"
	if [ -n "$NEW_TAGS" ]; then
		"$GO" test -c -tags "$NEW_TAGS" -o "$tmp/b-$name.test" "$pkg" || die "building $pkg with tags $NEW_TAGS failed"
	else
		# The very same binary on both sides.
		ln -s "$tmp/a-$name.test" "$tmp/b-$name.test"
	fi
done
args=(-test.run '^$' -test.bench "$BENCH" -test.benchmem -test.cpu 1 -test.count 1)
[ -n "$BENCHTIME" ] && args+=(-test.benchtime "$BENCHTIME")

mkdir -p bench/out
suffix=aa
[ -n "$NEW_TAGS" ] && suffix="ab-${NEW_TAGS//[^A-Za-z0-9]/_}"
alarms=0
for ((run = 1; run <= RUNS; run++)); do
	a="bench/out/$rev-$suffix-$run-a.txt"
	b="bench/out/$rev-$suffix-$run-b.txt"
	: >"$a"
	: >"$b"
	for ((r = 1; r <= ROUNDS; r++)); do
		echo "bench-aa: run $run/$RUNS, round $r/$ROUNDS" >&2
		for pkg in "${pkgs[@]}"; do
			name=$(echo "${pkg#./}" | tr '/' '_')
			(cd "$pkg" && "$tmp/a-$name.test" "${args[@]}") >>"$a" || die "benchmark run failed; see $a"
			(cd "$pkg" && "$tmp/b-$name.test" "${args[@]}") >>"$b" || die "benchmark run failed; see $b"
		done
		if [ "$r" -eq 1 ] && ! grep -q '^Benchmark' "$a"; then
			die "no benchmark in $PKGS matches BENCH='$BENCH'"
		fi
	done
	echo "== run $run: arabench bench compare $a $b"
	set +e
	# shellcheck disable=SC2086
	"$tmp/arabench" bench compare $GATE_FLAGS "$a" "$b"
	code=$?
	set -e
	case $code in
	0) ;;
	1) alarms=$((alarms + 1)) ;;
	*) die "the gate could not compare $a and $b (exit $code)" ;;
	esac
done

if [ -n "$NEW_TAGS" ]; then
	echo "bench-aa: B built with -tags $NEW_TAGS: regression reported in $alarms of $RUNS runs"
	[ "$alarms" -eq "$RUNS" ] || exit 1
else
	echo "bench-aa: A/A false alarms: $alarms of $RUNS runs"
	[ "$alarms" -eq 0 ] || exit 1
fi
