//go:build unix

package corpus

import (
	"os"
	"path/filepath"
	"syscall"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestLoadSkipsFilesThatAreNotRegular: a FIFO named x.txt would block a
// read forever; it is left out with a note, and so is a link to one.
func TestLoadSkipsFilesThatAreNotRegular(t *testing.T) {
	dir := t.TempDir()
	require.NoError(t, os.WriteFile(filepath.Join(dir, "a.txt"), []byte("بوتين"), 0o644))
	if err := syscall.Mkfifo(filepath.Join(dir, "x.txt"), 0o644); err != nil {
		t.Skipf("cannot make a FIFO here: %v", err)
	}
	require.NoError(t, os.Symlink("x.txt", filepath.Join(dir, "y.txt")))
	c, err := Load(dir)
	require.NoError(t, err)
	require.Len(t, c.Documents, 1)
	assert.Equal(t, "a", c.Documents[0].ID)
	require.Len(t, c.Notes, 2)
	assert.Contains(t, c.Notes[0], "x.txt: skipped: not a regular file")
	assert.Contains(t, c.Notes[1], "y.txt: skipped: a link to something that is not a regular file")
}
