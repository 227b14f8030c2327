#!/usr/bin/env bash
# reliability.sh: the figures of the external-extractor reliability checks,
# measured on a real arabench binary with small shell extractors, outside the
# timed unit tests:
#
#   memory    peak RSS (/usr/bin/time -v) of an eval whose extractor writes
#             without newlines: bounded by --max-line, not by the timeout
#   failures  lines of errors of an extractor that cannot start (its model
#             is missing) on 40 documents, with the default --max-failures
#   order     distinct document streams an extractor sees over ORDER_RUNS runs
#             with --jobs 1 (must be 1)
#   jobs      wall time of an extractor that takes 0.1 s a document, on 40
#             documents, with --jobs 1 and --jobs 4, and whether the output
#             is the same
#   signals   processes of the extractor left running after SIGTERM and after
#             SIGKILL of arabench (Linux)
#   big       only with BIG=1: peak RSS and wall time (/usr/bin/time -v) of
#             eval --ci of the gazetteer and of the rules extractors, and of
#             compare of their two run files, on a corpus of BIG_DOCS
#             documents made by scripts/bigcorpus (17,300: 221 MB of text,
#             run files of about 300 and 40 MB); each must peak under
#             BIG_RSS KiB. It takes minutes, about 2 GB of memory and 1.5 GB
#             of disk, which is why it is opt-in (and CI does not run
#             make reliability)
#
# The 40 documents are the seed corpus and its gold copied 8 times.
#
# Settings (environment, or make variables through the Makefile):
#   ORDER_RUNS  runs of the order check (default 10)
#   BIG         1 to run the big check (default 0)
#   BIG_DOCS    documents of the big corpus (default 17300)
#   BIG_DIR     folder of the big corpus, reused when it holds BIG_DOCS
#               documents (default: made in a temporary folder, removed after)
#   BIG_RSS     bound of each one's peak RSS in KiB (default 2000000)
#   GO          go command (default go)
#
# Exit status: 0 when every check met its bound, 1 when one did not, 2 on a
# build error or a missing tool.
set -euo pipefail

GO=${GO:-go}
ORDER_RUNS=${ORDER_RUNS:-10}
BIG=${BIG:-0}
BIG_DOCS=${BIG_DOCS:-17300}
BIG_RSS=${BIG_RSS:-2000000}

die() { echo "reliability: $*" >&2; exit 2; }
command -v sh >/dev/null || die "no sh to run the extractors"

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$GO" build -o "$tmp/arabench" ./cmd/arabench || die "go build failed"
ab="$tmp/arabench"
mkdir -p "$tmp/texts" "$tmp/gold"
for i in 0 1 2 3 4 5 6 7; do
  for f in corpus/*.txt; do
    b=$(basename "$f" .txt)
    cp "$f" "$tmp/texts/r${i}_$b.txt"
    cp "gold/$b.ann" "$tmp/gold/r${i}_$b.ann"
  done
done
cp gold/annotation.conf "$tmp/gold/"
: > "$tmp/gold/entities.tsv"
data=(--corpus "$tmp/texts" --gold "$tmp/gold")
status=0
fail() { echo "  FAIL: $*"; status=1; }

# An extractor that answers every document with no mentions, and appends each
# document id to $REC.
cat > "$tmp/record.sh" <<'EOF'
#!/bin/sh
while read -r line; do
  doc=$(printf '%s' "$line" | sed 's/^{"doc":"\([^"]*\)".*/\1/')
  [ -n "${REC:-}" ] && echo "$doc" >> "$REC"
  [ -n "${DELAY:-}" ] && sleep "$DELAY"
  printf '{"doc":"%s","mentions":[]}\n' "$doc"
done
EOF
chmod +x "$tmp/record.sh"

echo "== memory: an extractor writing without newlines (--timeout 30s)"
if [ -x /usr/bin/time ]; then
  /usr/bin/time -v "$ab" eval --extractor "cmd:sh -c 'yes | tr -d \"\\n\"'" --max-failures 0 \
    >/dev/null 2>"$tmp/time.txt" || true
  rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$tmp/time.txt")
  wall=$(awk -F': ' '/Elapsed \(wall/ {print $2}' "$tmp/time.txt")
  echo "  peak RSS ${rss} KiB, wall ${wall} for 5 documents"
  grep -m1 -o 'longer than [^,]*' "$tmp/time.txt" | sed 's/^/  error: /'
  [ "${rss:-0}" -lt 400000 ] || fail "peak RSS ${rss} KiB is over 400 MB"
else
  echo "  skipped: no /usr/bin/time"
fi

echo "== failures: an extractor whose model is missing, 40 documents"
"$ab" eval "${data[@]}" --extractor "cmd:sh -c 'echo cannot open model.bin >&2; exit 2'" >/dev/null 2>"$tmp/err.txt" || true
n=$(wc -l < "$tmp/err.txt")
echo "  $n lines of errors, ending:"
tail -2 "$tmp/err.txt" | sed 's/^/  /'
[ "$n" -le 20 ] || fail "$n lines of errors"

echo "== order: $ORDER_RUNS runs with --jobs 1"
for i in $(seq "$ORDER_RUNS"); do
  rm -f "$tmp/rec"
  REC="$tmp/rec" "$ab" eval "${data[@]}" --extractor "cmd:$tmp/record.sh" >/dev/null 2>&1
  md5sum < "$tmp/rec"
done | sort -u > "$tmp/orders"
orders=$(wc -l < "$tmp/orders")
echo "  $orders distinct stream(s) in $ORDER_RUNS runs"
[ "$orders" -eq 1 ] || fail "$orders orders"

echo "== jobs: 0.1 s a document, 40 documents"
for jobs in 1 4; do
  start=$(date +%s%N)
  DELAY=0.1 "$ab" eval "${data[@]}" --extractor "cmd:$tmp/record.sh" --jobs "$jobs" >"$tmp/out$jobs.txt" 2>/dev/null
  end=$(date +%s%N)
  echo "  --jobs $jobs: $(( (end - start) / 1000000 )) ms"
done
cmp -s "$tmp/out1.txt" "$tmp/out4.txt" && echo "  the same output" || fail "--jobs 4 prints another table"

echo "== signals: leftover extractor processes"
if [ -d /proc/self ]; then
  cat > "$tmp/hold.sh" <<'EOF'
#!/bin/sh
echo $$ >> "$PIDS"
sh -c 'echo $$ >> "$PIDS"; while read -r line; do :; done' <&0 &
exec sleep 300
EOF
  chmod +x "$tmp/hold.sh"
  for sig in TERM KILL; do
    rm -f "$tmp/pids"
    PIDS="$tmp/pids" "$ab" eval --extractor "cmd:$tmp/hold.sh" >/dev/null 2>&1 &
    pid=$!
    for _ in $(seq 100); do
      [ -f "$tmp/pids" ] && [ "$(wc -l < "$tmp/pids")" -ge 2 ] && break
      sleep 0.05
    done
    kill -"$sig" "$pid"
    wait "$pid" 2>/dev/null || true
    sleep 0.5
    left=0
    for p in $(cat "$tmp/pids"); do
      if [ -r "/proc/$p/stat" ] && [ "$(awk '{print $3}' "/proc/$p/stat")" != Z ]; then
        left=$((left + 1)); kill -KILL "$p" 2>/dev/null || true
      fi
    done
    echo "  SIG$sig: $left of $(wc -l < "$tmp/pids") extractor processes left running"
    [ "$left" -eq 0 ] || fail "SIG$sig left $left processes"
  done
else
  echo "  skipped: no /proc"
fi

if [ "$BIG" = 1 ]; then
  echo "== big: eval --ci and compare on $BIG_DOCS documents"
  if [ -x /usr/bin/time ]; then
    big=${BIG_DIR:-$tmp/big}
    if [ "$(find "$big/corpus" -name '*.txt' 2>/dev/null | wc -l)" -ne "$BIG_DOCS" ]; then
      "$GO" run ./scripts/bigcorpus -docs "$BIG_DOCS" -out "$big" | sed 's/^/  /' || die "bigcorpus failed"
    fi
    bigdata=(--corpus "$big/corpus" --gold "$big/gold")
    # measure LABEL COMMAND...: runs COMMAND under /usr/bin/time -v, prints
    # its peak RSS and wall time and leaves the RSS in $rss.
    measure() {
      local label=$1
      shift
      /usr/bin/time -v "$@" >"$tmp/big.out" 2>"$tmp/big.time" || fail "$label: $(grep -m1 'exit\|status' "$tmp/big.time")"
      rss=$(awk -F': ' '/Maximum resident/ {print $2}' "$tmp/big.time")
      echo "  $label: peak RSS ${rss} KiB, wall $(awk -F': ' '/Elapsed \(wall/ {print $2}' "$tmp/big.time")"
    }
    measure "eval --ci gazetteer" "$ab" eval "${bigdata[@]}" --ci --extractor gazetteer --save "$tmp/big-a.json"
    [ "${rss:-0}" -lt "$BIG_RSS" ] || fail "eval --ci gazetteer peaked at ${rss} KiB, over ${BIG_RSS} KiB"
    measure "eval --ci rules" "$ab" eval "${bigdata[@]}" --ci --extractor rules --save "$tmp/big-b.json"
    [ "${rss:-0}" -lt "$BIG_RSS" ] || fail "eval --ci rules peaked at ${rss} KiB, over ${BIG_RSS} KiB"
    echo "  run files: $(du -h "$tmp/big-a.json" | cut -f1) and $(du -h "$tmp/big-b.json" | cut -f1)"
    measure "compare" "$ab" compare "${bigdata[@]}" "$tmp/big-a.json" "$tmp/big-b.json"
    [ "${rss:-0}" -lt "$BIG_RSS" ] || fail "compare peaked at ${rss} KiB, over ${BIG_RSS} KiB"
  else
    echo "  skipped: no /usr/bin/time"
  fi
fi

exit $status
