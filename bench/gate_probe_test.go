package bench

import "testing"

// probeBuf is the probe's input: 4 KiB of words.
var probeBuf = func() []uint64 {
	b := make([]uint64, 512)
	for i := range b {
		b[i] = uint64(i)*0x9E3779B97F4A7C15 + 1
	}
	return b
}()

// probeSink keeps the compiler from discarding the probe's work.
var probeSink uint64

// probeBasePasses is the probe's fixed work per op: passes over probeBuf.
// Built with -tags gateslow, probeExtraPasses adds 2 passes, 20% more work
// in the same code, which the gate must report as a regression.
const probeBasePasses = 10

// probeWork mixes every word of buf (xorshift-multiply) passes times and
// returns the checksum. Its cost is linear in passes and has no
// allocation, cache misses or branches that depend on data.
func probeWork(buf []uint64, passes int) uint64 {
	var h uint64 = 0xCBF29CE484222325
	for p := 0; p < passes; p++ {
		for _, w := range buf {
			h ^= w
			h ^= h >> 29
			h *= 0xBF58476D1CE4E5B9
			h ^= h >> 32
		}
	}
	return h
}

// BenchmarkGateProbe does a fixed amount of work so that the regression
// gate can be checked on its own: an A/A run must find nothing, and the
// gateslow build (20% more work) must be reported as a regression.
func BenchmarkGateProbe(b *testing.B) {
	b.SetBytes(int64(len(probeBuf) * 8))
	b.ReportAllocs()
	passes := probeBasePasses + probeExtraPasses
	clk := StartCPUClock()
	for b.Loop() {
		probeSink += probeWork(probeBuf, passes)
	}
	if ns, ok := clk.PerOp(b.N); ok {
		b.ReportMetric(ns, "cpu-ns/op")
	}
}

func TestProbeWorkScalesWithPasses(t *testing.T) {
	// The checksum depends on every pass, so extra passes are real work the
	// compiler cannot drop.
	if probeWork(probeBuf, probeBasePasses) == probeWork(probeBuf, probeBasePasses+2) {
		t.Fatal("probeWork gives the same checksum for 10 and 12 passes")
	}
}
