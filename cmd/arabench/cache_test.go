package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestEvalCacheFailedDocumentsAreNotKept(t *testing.T) {
	needSh(t)
	dir := t.TempDir()
	rec, cacheDir := filepath.Join(dir, "received"), filepath.Join(dir, "cache")
	// Fails on documents 001 and 003 while FAIL is set.
	ex := script(t, `while read -r line; do
  doc=$(printf '%s' "$line" | sed 's/^{"doc":"\([^"]*\)".*/\1/')
  echo "$doc" >> '`+rec+`'
  case $doc in
    001_*|003_*) if [ -n "$FAIL" ]; then printf '{"doc":"%s","error":"busy"}\n' "$doc"; continue; fi ;;
  esac
  printf '{"doc":"%s","mentions":[]}\n' "$doc"
done
`)
	t.Setenv("FAIL", "1")
	code, _, errs := runCLI(t, "", "eval", "--extractor", ex, "--cache", cacheDir)
	assert.Equal(t, exitFailed, code, errs)
	assert.Equal(t, 2, strings.Count(errs, "busy"))
	require.NoError(t, os.Remove(rec))
	t.Setenv("FAIL", "")
	code, _, errs = runCLI(t, "", "eval", "--extractor", ex, "--cache", cacheDir)
	require.Equal(t, exitOK, code, errs)
	ids := seedIDs()
	assert.Equal(t, []string{ids[1], ids[3]}, lines(t, rec))
}

func TestEvalCacheBuiltIn(t *testing.T) {
	cacheDir := filepath.Join(t.TempDir(), "cache")
	code, first, errs := runCLI(t, "", "eval", "--extractor", "gazetteer", "--cache", cacheDir, "--format", "json")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, errs, "gazetteer: 0 documents from the cache, 5 documents sent\n")
	code, second, errs := runCLI(t, "", "eval", "--extractor", "gazetteer", "--cache", cacheDir, "--format", "json")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, errs, "gazetteer: 5 documents from the cache, 0 documents sent\n")
	assert.Equal(t, first, second, "the same table from the cache")
}

func TestEvalRefusesACacheItCannotWrite(t *testing.T) {
	dir := t.TempDir()
	file := filepath.Join(dir, "file")
	require.NoError(t, os.WriteFile(file, nil, 0o644))
	cases := []struct {
		path, want string
	}{
		{file, "--cache " + file + ": is a file, not a folder"},
		{filepath.Join(dir, "no", "such"), "--cache " + filepath.Join(dir, "no", "such") + ": cannot make the folder"},
	}
	for _, tc := range cases {
		marker := filepath.Join(t.TempDir(), "started")
		code, out, errs := runCLI(t, "", "eval", "--extractor", "cmd:touch "+marker, "--cache", tc.path)
		assert.Equal(t, exitUsage, code)
		assert.Contains(t, errs, tc.want)
		assert.Empty(t, out)
		assert.NoFileExists(t, marker, "refused before anything runs")
	}
}

func TestCacheCommandUsage(t *testing.T) {
	dir := t.TempDir()
	code, out, errs := runCLI(t, "", "cache", "-h")
	assert.Equal(t, exitOK, code)
	assert.Contains(t, out, "usage: arabench cache stats DIR")
	assert.Contains(t, out, "-older-than")
	assert.Empty(t, errs)

	cases := []struct {
		args []string
		code int
		want string
	}{
		{[]string{"cache"}, exitUsage, "want stats DIR or prune DIR, got none"},
		{[]string{"cache", "list", dir}, exitUsage, "want stats DIR or prune DIR, got 2: list " + dir},
		{[]string{"cache", "prune", dir}, exitUsage, "prune needs --extractor NAME or --older-than DURATION"},
		{[]string{"cache", "stats", dir, "--older-than", "1h"}, exitUsage, "--extractor and --older-than are flags of prune"},
		{[]string{"cache", "stats", filepath.Join(dir, "none")}, exitUsage, "arabench cache: cache " + filepath.Join(dir, "none") + ": "},
		{[]string{"cache", "prune", dir, "--older-than", "soon"}, exitUsage, `invalid value "soon" for flag -older-than`},
	}
	for _, tc := range cases {
		code, out, errs := runCLI(t, "", tc.args...)
		assert.Equal(t, tc.code, code, tc.args)
		assert.Contains(t, errs, tc.want, tc.args)
		assert.Empty(t, out, tc.args)
	}

	code, out, errs = runCLI(t, "", "cache", "stats", dir)
	require.Equal(t, exitOK, code, errs)
	assert.Equal(t, " entries        bytes  extractor\n       0            0  total, 0 extractors\n", out)
}
