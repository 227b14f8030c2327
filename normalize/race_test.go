//go:build race

package normalize

// raceEnabled is set when the tests run under the race detector, which
// makes sync.Pool drop items at random on purpose.
const raceEnabled = true
