package bench

import "time"

// A CPUClock measures the CPU time (user + system) the benchmark process
// spends, for a per-op metric that a shared machine disturbs far less than
// the wall-clock ns/op: time the process waits for a core while other jobs
// run is not counted. A benchmark run with -cpu 1 is, but for the garbage
// collector and the runtime, its only user of CPU. Use it around the loop
// and report "cpu-ns/op", which the gate judges lower-is-better:
//
//	clk := bench.StartCPUClock()
//	for b.Loop() { ... }
//	if ns, ok := clk.PerOp(b.N); ok {
//		b.ReportMetric(ns, "cpu-ns/op")
//	}
type CPUClock struct {
	start time.Duration
	ok    bool
}

// StartCPUClock starts a CPUClock.
func StartCPUClock() CPUClock {
	t, ok := processCPUTime()
	return CPUClock{start: t, ok: ok}
}

// PerOp returns the CPU nanoseconds spent since StartCPUClock divided by
// n; ok is false where the platform cannot tell the process's CPU time or
// n is not positive.
func (c CPUClock) PerOp(n int) (ns float64, ok bool) {
	t, ok := processCPUTime()
	if !ok || !c.ok || n <= 0 {
		return 0, false
	}
	return float64(t-c.start) / float64(n), true
}
