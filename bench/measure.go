package bench

import "testing"

// Data returns the bytes of in for benchmark b, skipping b under -short when
// the input is large. Both the main module's benchmarks and the peers module
// use it, so their inputs are the same bytes.
func Data(b *testing.B, in *Input) []byte {
	b.Helper()
	if testing.Short() && in.Large() {
		b.Skipf("input=%s is skipped under -short", in.Name)
	}
	return in.Bytes()
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
