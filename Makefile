# arabench — the two commands a new user needs are `make eval` and `make test`.
GO          ?= go
STATICCHECK ?= honnef.co/go/tools/cmd/staticcheck@v0.8.2
BENCHSTAT   ?= golang.org/x/perf/cmd/benchstat@v0.0.0-20260908200009-22c9c6c9d4da

.PHONY: eval test lint gold-check bench-compare bench-aa

## eval: score every registered extractor on the embedded seed corpus and gold
eval:
	$(GO) run ./cmd/arabench eval

## test: go vet, then every test with the race detector (fuzz targets run their seed corpora)
test:
	$(GO) vet ./...
	$(GO) test -race -count=1 ./...

## lint: gofmt, go vet and staticcheck
lint:
	@out="$$(gofmt -l .)"; if [ -n "$$out" ]; then echo "gofmt needed:"; echo "$$out"; exit 1; fi
	$(GO) vet ./...
	$(GO) run $(STATICCHECK) ./...

## gold-check: validate the gold and print its counts
gold-check:
	$(GO) run ./cmd/arabench gold check

# bench-compare and bench-aa settings; any of them can be given on the command line.
ROUNDS    ?= 10
BENCHTIME ?=
BENCH     ?= .
PKGS      ?= ./bench
RUNS      ?= 1
BENCH_ENV  = ROUNDS='$(ROUNDS)' BENCHTIME='$(BENCHTIME)' BENCH='$(BENCH)' PKGS='$(PKGS)' \
             NEW_TAGS='$(NEW_TAGS)' GATE_FLAGS='$(GATE_FLAGS)' GO='$(GO)'

## bench-compare: benchmark BASE=<rev> against the working tree, interleaved on this machine, and gate the result
bench-compare:
	@$(BENCH_ENV) BASE='$(BASE)' BENCHSTAT='$(BENCHSTAT)' scripts/bench-compare.sh

## bench-aa: run one benchmark binary against itself RUNS times; the gate must report no regression
bench-aa:
	@$(BENCH_ENV) RUNS='$(RUNS)' scripts/bench-aa.sh
