package main

import (
	"bytes"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/internal/proctest"
)

// TestEvalStopsItsExtractorOnSignals signals a real arabench process (this
// test binary running main) in the middle of a run, and counts the processes
// of its extractor left running, by pid. The extractor, a shell, writes its
// pid and those of its children to a file, then reads every document and
// never answers, so arabench is waiting for the first answer when the signal
// comes.
func TestEvalStopsItsExtractorOnSignals(t *testing.T) {
	needSh(t)
	// A child that reads the documents, beside the shell that waits for it.
	reader := `sh -c 'echo $$ >> "$PIDS"; while read -r line; do :; done'`
	cases := []struct {
		name     string
		sig      syscall.Signal
		body     string
		pids     int
		wantCode int // -1: killed by the signal
		wantErr  string
	}{
		// SIGINT and SIGTERM stop the run: the extractor's whole process
		// group is killed, including a child that never reads.
		{"SIGINT", syscall.SIGINT, "echo $$ >> \"$PIDS\"\nsleep 300 &\necho $! >> \"$PIDS\"\n" + reader + "\n", 3,
			exitFailed, "interrupted: 5 of 5 documents not run"},
		{"SIGTERM", syscall.SIGTERM, "echo $$ >> \"$PIDS\"\nsleep 300 &\necho $! >> \"$PIDS\"\n" + reader + "\n", 3,
			exitFailed, "interrupted: 5 of 5 documents not run"},
		// SIGKILL leaves arabench no say: the kernel kills the extractor
		// (the parent-death signal; here the extractor is a sleep that
		// never reads), and its child sees the end of its input.
		{"SIGKILL", syscall.SIGKILL, "echo $$ >> \"$PIDS\"\n" + reader + " <&0 &\nexec sleep 300\n", 2, -1, ""},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			pidFile := filepath.Join(t.TempDir(), "pids")
			ex := script(t, tc.body)
			cmd := exec.Command(os.Args[0], "eval", "--extractor", ex, "--scheme", "strict")
			cmd.Env = append(os.Environ(), mainEnv+"=1", "PIDS="+pidFile, "GORACE=atexit_sleep_ms=0")
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			require.NoError(t, cmd.Start())
			exited := make(chan error, 1)
			go func() { exited <- cmd.Wait() }()

			var pids []int
			deadline := time.Now().Add(5 * time.Second)
			for len(pids) < tc.pids {
				if time.Now().After(deadline) {
					_ = cmd.Process.Kill()
					<-exited
					t.Fatalf("the extractor did not start: %s", stderr.String())
				}
				time.Sleep(10 * time.Millisecond)
				b, _ := os.ReadFile(pidFile)
				pids = pids[:0]
				for _, f := range strings.Fields(string(b)) {
					pid, err := strconv.Atoi(f)
					require.NoError(t, err)
					pids = append(pids, pid)
				}
			}
			require.NoError(t, cmd.Process.Signal(tc.sig))

			var err error
			select {
			case err = <-exited:
			case <-time.After(10 * time.Second):
				_ = cmd.Process.Kill()
				t.Fatalf("arabench did not end within 10s of %v", tc.sig)
			}
			if tc.wantCode < 0 {
				var ee *exec.ExitError
				require.True(t, errors.As(err, &ee), "%v", err)
				ws := ee.Sys().(syscall.WaitStatus)
				assert.True(t, ws.Signaled() && ws.Signal() == tc.sig, "ended by %v", tc.sig)
			} else {
				assert.Equal(t, tc.wantCode, cmd.ProcessState.ExitCode(), stderr.String())
				assert.Contains(t, stderr.String(), tc.wantErr)
			}
			assert.Empty(t, proctest.Leftovers(pids, 3*time.Second), "of the extractor's processes %v", pids)
		})
	}
}
