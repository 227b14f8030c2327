//go:build race

package gazetteer

// raceEnabled is set when the race detector runs, under which sync.Pool drops
// items at random and allocation counts mean nothing.
const raceEnabled = true
