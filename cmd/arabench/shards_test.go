package main

import (
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// TestShardsWithGNUParallel runs scripts/shards.sh (make shards-check) on the
// seed set: 4 shards run by GNU parallel, merged, equal the unsharded run.
func TestShardsWithGNUParallel(t *testing.T) {
	if _, err := exec.LookPath("parallel"); err != nil {
		t.Skip("GNU parallel is not installed (Debian: apt-get install parallel); make shards-check and CI run this check")
	}
	if testing.Short() {
		t.Skip("-short: builds arabench and runs it 6 times")
	}
	script, err := filepath.Abs("../../scripts/shards.sh")
	require.NoError(t, err)
	cmd := exec.Command("bash", script)
	cmd.Env = append(os.Environ(), "SHARDS=4", "DATASETS=seed", "EXTRACTORS=rules", "FLAGS=--ci --resamples 100")
	out, err := cmd.CombinedOutput()
	require.NoError(t, err, "%s", out)
	assert.Equal(t, 1, strings.Count(string(out), "shards: seed rules: 4 shards merged = unsharded run ("), "%s", out)
}
