# arabench — the two commands a new user needs are `make eval` and `make test`.
GO          ?= go
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCHSTAT   ?= golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

.PHONY: eval test lint gold-check report-check bench fuzz bench-compare bench-aa reliability shards-check

## eval: score every registered extractor on the embedded seed corpus and gold
eval:
	$(GO) run ./cmd/arabench eval

## test: go vet, then every test with the race detector (fuzz targets run their seed corpora), the
## allocation tests again without it (the race detector makes sync.Pool drop items on purpose),
## in the main module and in the peers module (bench/peers: lucene preset = Bleve's normalize_ar)
test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...
	$(GO) test -count=1 -run 'Alloc' ./...
	cd bench/peers && $(GO) vet ./... && $(GO) test -race -count=1 ./...

## lint: gofmt, go vet and staticcheck
lint:
	@out="$$(gofmt -l .)"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...
	cd bench/peers && $(GO) vet ./... && $(GO) run $(STATICCHECK) ./...

REV       ?= $(shell git rev-parse --short HEAD 2>/dev/null || echo worktree)$(shell git diff --quiet 2>/dev/null || echo -dirty)
COUNT     ?= 10
FUZZTIME  ?= 10m
FUZZJOBS  ?= $(shell nproc 2>/dev/null || echo 2)
FUZZPKGS  ?= ./...

## bench: every benchmark (-short: without the 64 MiB input), COUNT times, in both modules, into
## bench/out/$(REV).txt and bench/out/$(REV)-peers.txt, then benchstat's view of both
bench:
	@mkdir -p bench/out
	$(GO) test -short -run '^$$' -bench . -count $(COUNT) ./bench/ > bench/out/$(REV).txt
	cd bench/peers && $(GO) test -short -run '^$$' -bench . -count $(COUNT) . > ../out/$(REV)-peers.txt
	$(GO) run $(BENCHSTAT) bench/out/$(REV).txt
	$(GO) run $(BENCHSTAT) bench/out/$(REV)-peers.txt

## fuzz: every fuzz target of the main module (FUZZPKGS="./a ./b" for some) for FUZZTIME each, FUZZJOBS
## at a time on one worker each (make test runs only their seed corpora); logs in fuzz-out/, a line per
## target with the inputs it tried (scripts/fuzz.sh)
fuzz:
	@GO='$(GO)' FUZZTIME='$(FUZZTIME)' FUZZJOBS='$(FUZZJOBS)' PKGS='$(FUZZPKGS)' scripts/fuzz.sh

## gold-check: validate the gold and print its counts
gold-check:
	$(GO) run ./cmd/arabench gold check

## report-check: the report's browser test in headless Chromium (make test skips it when no browser is
## installed; here a missing browser fails), with its timings; screenshots in report/testdata/out
report-check:
	ARABENCH_REQUIRE_BROWSER=1 $(GO) test -count=1 -run 'TestBrowser' -v ./report/

# bench-compare and bench-aa settings; any of them can be given on the command line.
ROUNDS    ?= 10
BENCHTIME ?=
BENCH     ?= .
PKGS      ?= ./bench
RUNS      ?= 1
ORDER_RUNS ?= 10
BIG        ?= 0
BIG_DOCS   ?= 17300
BIG_DIR    ?=
BIG_RSS    ?= 2000000
BENCH_ENV  = ROUNDS='$(ROUNDS)' BENCHTIME='$(BENCHTIME)' BENCH='$(BENCH)' PKGS='$(PKGS)' \
             NEW_TAGS='$(NEW_TAGS)' GATE_FLAGS='$(GATE_FLAGS)' GO='$(GO)'

## bench-compare: benchmark BASE=<rev> against the working tree, interleaved on this machine, and gate the result
bench-compare:
	@$(BENCH_ENV) BASE='$(BASE)' BENCHSTAT='$(BENCHSTAT)' scripts/bench-compare.sh

## bench-aa: run one benchmark binary against itself RUNS times; the gate must report no regression
bench-aa:
	@$(BENCH_ENV) RUNS='$(RUNS)' scripts/bench-aa.sh

## reliability: the external-extractor figures, on a real binary with shell extractors: peak RSS under an
## answer line without end, errors of a program that cannot start, document order over ORDER_RUNS runs,
## the --jobs speed-up, extractor processes left after SIGTERM and SIGKILL; with BIG=1 also the peak RSS and
## time of eval --ci and compare on a corpus of BIG_DOCS (17,300) documents in BIG_DIR, each bounded by
## BIG_RSS KiB (minutes, ~2 GB of memory: opt-in, not in CI) (scripts/reliability.sh)
reliability:
	@GO='$(GO)' ORDER_RUNS='$(ORDER_RUNS)' BIG='$(BIG)' BIG_DOCS='$(BIG_DOCS)' BIG_DIR='$(BIG_DIR)' BIG_RSS='$(BIG_RSS)' \
		scripts/reliability.sh

SHARDS ?= 4

## shards-check: a SHARDS-shard evaluation of the built-in extractors run with GNU parallel and joined
## with `arabench merge` must equal the unsharded run file byte for byte (scripts/shards.sh; needs parallel)
shards-check:
	@GO='$(GO)' SHARDS='$(SHARDS)' scripts/shards.sh
