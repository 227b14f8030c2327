//go:build linux

package proctest

import (
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRunning(t *testing.T) {
	assert.True(t, Running(os.Getpid()), "this test")
	if _, err := exec.LookPath("sleep"); err != nil {
		t.Skip("no sleep to start")
	}
	cmd := exec.Command("sleep", "30")
	require.NoError(t, cmd.Start())
	pid := cmd.Process.Pid
	assert.Equal(t, []int{pid}, Leftovers([]int{pid}, 0), "a sleeping child runs")
	require.NoError(t, cmd.Process.Kill())
	// Killed but not reaped: a zombie, which runs no more.
	assert.Empty(t, Leftovers([]int{pid}, 3*time.Second))
	_ = cmd.Wait()
	assert.False(t, Running(pid), "reaped")
}
