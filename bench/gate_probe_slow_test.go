//go:build gateslow

package bench

// probeExtraPasses injects a 20% slowdown (2 passes on top of 10) into
// BenchmarkGateProbe, for checking that the gate catches it.
const probeExtraPasses = 2
