package bench

import (
	"testing"

	"github.com/arabench/arabench/normalize"
)

// Data returns the bytes of in for benchmark b, skipping b under -short when
// the input is large. Both the main module's benchmarks and the peers module
// use it, so their inputs are the same bytes.
func Data(b *testing.B, in *Input) []byte {
	b.Helper()
	if testing.Short() && in.Large() {
		b.Skipf("input=%s is skipped under -short", in.Name)
	}
	text, err := in.Text()
	if err != nil {
		b.Fatalf("input=%s: %v", in.Name, err)
	}
	return text
}

// Measure runs f as the loop of benchmark b over src, reporting bytes per
// second (b.SetBytes), allocations and the CPU time per op as cpu-ns/op,
// which a busy machine disturbs far less than the wall clock.
func Measure(b *testing.B, src []byte, f func()) {
	b.Helper()
	b.SetBytes(int64(len(src)))
	b.ReportAllocs()
	clk := StartCPUClock()
	for b.Loop() {
		f()
	}
	if ns, ok := clk.PerOp(b.N); ok {
		b.ReportMetric(ns, "cpu-ns/op")
	}
}

// OffsetModes are the ways BenchmarkNormalize runs a preset, in both
// modules: offsets=false (AppendNormalized), offsets=true
// (AppendNormalizedOffsets: an int32 per output byte) and offsets=map
// (AppendNormalizedMap: an OffsetMap).
var OffsetModes = []string{"false", "true", "map"}

// MeasureNormalizer measures n on src in one of the OffsetModes, with warm
// buffers: the loop measures normalization, not their growth.
func MeasureNormalizer(b *testing.B, n *normalize.Normalizer, mode string, src []byte) {
	b.Helper()
	switch mode {
	case "true":
		dst, offs := n.AppendNormalizedOffsets(nil, nil, src)
		Measure(b, src, func() { dst, offs = n.AppendNormalizedOffsets(dst[:0], offs[:0], src) })
	case "map":
		var m normalize.OffsetMap
		dst := n.AppendNormalizedMap(nil, &m, src)
		Measure(b, src, func() { dst = n.AppendNormalizedMap(dst[:0], &m, src) })
	case "false":
		dst := n.AppendNormalized(nil, src)
		Measure(b, src, func() { dst = n.AppendNormalized(dst[:0], src) })
	default:
		b.Fatalf("offsets=%s: not one of %v", mode, OffsetModes)
	}
}
