package extract

import (
	"context"
	"os/exec"
	"regexp"
	"strconv"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/internal/proctest"
)

func TestCommandKillsWhatTheProgramLeft(t *testing.T) {
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run the program")
	}
	childPID := regexp.MustCompile(`child (\d+)`)
	cases := []struct {
		name, spec, want string
	}{
		// The sleep holds the output open after the shell exited.
		{"a child left running after an exit", `cmd:sh -c 'sleep 30 & echo "child $!" >&2; exit 7'`, "exit status 7"},
		// The sleep keeps the shell waiting past the timeout.
		{"a child running at a timeout", `cmd:sh -c 'sleep 30 & echo "child $!" >&2; wait'`, "no first answer within 300ms"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			c, err := NewCommand(tc.spec, CommandOptions{Timeout: 300 * time.Millisecond, StartupTimeout: 300 * time.Millisecond, Grace: 300 * time.Millisecond})
			require.NoError(t, err)
			defer c.Close()
			_, err = c.Extract(context.Background(), corpus.Document{ID: "d", Text: "x"})
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
			m := childPID.FindStringSubmatch(err.Error())
			require.NotNil(t, m, "the program's stderr names its child: %v", err)
			pid, err := strconv.Atoi(m[1])
			require.NoError(t, err)
			assert.Empty(t, proctest.Leftovers([]int{pid}, 3*time.Second), "the program's child")
		})
	}
}
