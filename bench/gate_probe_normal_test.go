//go:build !gateslow

package bench

// probeExtraPasses is 0 in a normal build; see probeBasePasses.
const probeExtraPasses = 0
