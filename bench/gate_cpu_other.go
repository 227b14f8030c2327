//go:build !unix

package bench

import "time"

// processCPUTime is not available here; CPUClock.PerOp reports !ok.
func processCPUTime() (time.Duration, bool) { return 0, false }
