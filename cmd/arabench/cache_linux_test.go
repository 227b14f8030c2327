package main

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// stallingRecorder is recorder that, when STALL is set in its environment,
// stops answering at the third document it receives, as a model that hangs.
func stallingRecorder(rec string) string {
	return `while read -r line; do
  doc=$(printf '%s' "$line" | sed 's/^{"doc":"\([^"]*\)".*/\1/')
  echo "$doc" >> '` + rec + `'
  if [ -n "$STALL" ] && [ "$(wc -l < '` + rec + `')" -ge 3 ]; then exec sleep 300; fi
  case $doc in
    000_*) printf '{"doc":"%s","mentions":[{"start":51,"end":56,"type":"LOC"}]}\n' "$doc" ;;
    *) printf '{"doc":"%s","mentions":[]}\n' "$doc" ;;
  esac
done
`
}

// TestEvalCacheResumesAfterSIGKILL (Linux, where the kernel ends the hanging
// extractor with arabench) kills a real arabench process (this test
// binary running main) while its extractor hangs on the third document, then
// runs again with the same --cache: only the three documents not answered
// are sent. Scoring again with other schemes and a label map sends none.
func TestEvalCacheResumesAfterSIGKILL(t *testing.T) {
	needSh(t)
	dir := t.TempDir()
	rec, cacheDir := filepath.Join(dir, "received"), filepath.Join(dir, "cache")
	ex := script(t, stallingRecorder(rec))

	cmd := exec.Command(os.Args[0], "eval", "--extractor", ex, "--cache", cacheDir, "--scheme", "strict")
	cmd.Env = append(os.Environ(), mainEnv+"=1", "STALL=1", "GORACE=atexit_sleep_ms=0")
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	require.NoError(t, cmd.Start())
	deadline := time.Now().Add(10 * time.Second)
	for {
		b, _ := os.ReadFile(rec)
		if strings.Count(string(b), "\n") >= 3 {
			break
		}
		if time.Now().After(deadline) {
			_ = cmd.Process.Kill()
			_ = cmd.Wait()
			t.Fatalf("the extractor did not get three documents: %s", stderr.String())
		}
		time.Sleep(10 * time.Millisecond)
	}
	require.NoError(t, cmd.Process.Kill())
	_ = cmd.Wait()
	ids := seedIDs()
	require.Equal(t, ids[:3], lines(t, rec))

	require.NoError(t, os.Remove(rec))
	code, out, errs := runCLI(t, "", "eval", "--extractor", ex, "--cache", cacheDir, "--scheme", "strict", "--format", "json")
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, ids[2:], lines(t, rec), "only the documents not answered before the kill")
	assert.Contains(t, errs, "arabench eval: "+ex+": 2 documents from the cache, 3 documents sent\n")
	assert.Contains(t, out, `"COR": 1,`, "the answer of document 000, from the cache, is scored")

	require.NoError(t, os.Remove(rec))
	code, out, errs = runCLI(t, "", "eval", "--extractor", ex, "--cache", cacheDir, "--scheme", "exact,partial", "--map", "LOC=GPE", "--format", "json")
	require.Equal(t, exitOK, code, errs)
	assert.NoFileExists(t, rec, "scoring again sends no document")
	assert.Contains(t, errs, "5 documents from the cache, 0 documents sent\n")
	assert.Contains(t, out, `"COR": 1,`)

	code, out, errs = runCLI(t, "", "cache", "stats", cacheDir)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "       5 ")
	assert.Contains(t, out, "  "+ex+"\n")
	assert.Contains(t, out, "total, 1 extractor\n")

	code, out, errs = runCLI(t, "", "cache", "prune", cacheDir, "--extractor", "gazetteer")
	require.Equal(t, exitOK, code, errs)
	assert.True(t, strings.HasPrefix(out, "removed 0 answers (0 bytes), 0 extractors emptied"), out)
	code, out, errs = runCLI(t, "", "cache", "prune", "--extractor", ex, cacheDir)
	require.Equal(t, exitOK, code, errs)
	assert.True(t, strings.HasPrefix(out, "removed 5 answers ("), out)
	assert.True(t, strings.HasSuffix(out, "bytes), 1 extractor emptied\n"), out)

	code, _, errs = runCLI(t, "", "eval", "--extractor", ex, "--cache", cacheDir, "--scheme", "strict")
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, ids, lines(t, rec), "pruned: every document is sent again")
}
