//go:build linux

// Package proctest counts the processes a test left running, by pid, for the
// tests of extractor processes in extract and cmd/arabench.
package proctest

import (
	"os"
	"strconv"
	"strings"
	"time"
)

// Running reports whether process pid exists and is not a zombie: an exited
// process nobody reaped yet (orphans go to init, which in a container may
// never reap them) runs no more.
func Running(pid int) bool {
	b, err := os.ReadFile("/proc/" + strconv.Itoa(pid) + "/stat")
	if err != nil {
		return false
	}
	// The state follows the command name, which is in parentheses and may
	// hold anything.
	s := string(b)
	i := strings.LastIndexByte(s, ')')
	return i < 0 || i+2 >= len(s) || s[i+2] != 'Z'
}

// Leftovers waits up to wait for the processes to end and returns those still
// running then, in the order given.
func Leftovers(pids []int, wait time.Duration) []int {
	deadline := time.Now().Add(wait)
	for {
		var left []int
		for _, pid := range pids {
			if Running(pid) {
				left = append(left, pid)
			}
		}
		if len(left) == 0 || time.Now().After(deadline) {
			return left
		}
		time.Sleep(10 * time.Millisecond)
	}
}
