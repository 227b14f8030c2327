package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/arabench/arabench/runfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// script writes an executable shell script and returns its cmd: spec.
func script(t *testing.T, body string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), "x.sh")
	require.NoError(t, os.WriteFile(p, []byte("#!/bin/sh\n"+body), 0o755))
	return "cmd:" + p
}

func TestEvalExternalProgram(t *testing.T) {
	// The program answers every document with no mentions: recall 0,
	// precision 0, no division error, and a saved run file.
	ex := script(t, `while read -r line; do
  doc=$(printf '%s' "$line" | sed 's/^{"doc":"\([^"]*\)".*/\1/')
  printf '{"doc":"%s","mentions":[]}\n' "$doc"
done
`)
	save := filepath.Join(t.TempDir(), "run.json")
	code, out, errs := runCLI(t, "", "eval", "--extractor", ex, "--save", save)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "│ micro │     525 │   0.0000 │   0.0000 │    0.0000 │")
	assert.Contains(t, out, "|scheme:clitic|avg:micro|boot:none")
	f, err := os.Open(save)
	require.NoError(t, err)
	defer f.Close()
	run, err := runfile.ReadRun(save, f)
	require.NoError(t, err)
	assert.Equal(t, ex, run.Extractor)
	assert.Len(t, run.Predictions, 5)
	assert.Contains(t, run.Signature, "scheme:strict")
}

func TestEvalExternalProgramFailures(t *testing.T) {
	for _, tc := range []struct {
		name, body, want string
	}{
		{"exits non-zero", "echo boom >&2; exit 3\n", "boom"},
		{"prints garbage", "read -r line; echo 'not json'; sleep 5\n", "line 1"},
		{"hangs past the timeout", "sleep 30\n", "timeout"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			code, out, errs := runCLI(t, "", "eval", "--extractor", script(t, tc.body), "--timeout", "300ms", "--startup-timeout", "300ms")
			assert.Equal(t, exitFailed, code)
			assert.Contains(t, errs, "000_54e2bb75203d1eb2", "the error names the document")
			assert.Contains(t, strings.ToLower(errs), tc.want)
			assert.Contains(t, out, "arabench:1.0|", "the table is still printed")
		})
	}
}

func TestEvalUsage(t *testing.T) {
	code, _, errs := runCLI(t, "", "eval", "--extractor", "nope")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "nope")
	code, _, errs = runCLI(t, "", "eval", "--format", "xml")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "xml")
	code, _, errs = runCLI(t, "", "eval", "--extractor", "cmd:true", "--corpus", t.TempDir(), "--gold", t.TempDir())
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "holds no readable .txt files")
}

func TestEvalNormalizers(t *testing.T) {
	code, out, errs := runCLI(t, "", "eval", "--normalizers")
	require.Equal(t, exitOK, code, errs)
	// Raw text keeps every spelling apart: precision 1, recall below 1.
	assert.Contains(t, out, "│ none       │ 1.0000 │")
	for _, preset := range []string{"camel", "lucene", "search", "light"} {
		assert.Contains(t, out, "│ "+preset)
	}
	assert.Contains(t, out, "|scheme:b3|")
}

// TestAbsurdResamplesAreRefusedUpFront: a hundred million resamples once
// ended in the Go runtime's "out of memory" fatal error.
func TestAbsurdResamplesAreRefusedUpFront(t *testing.T) {
	for _, args := range [][]string{
		{"eval", "--ci", "--resamples", "100000000"},
		{"score", "--conlleval", "-", "--ci", "--resamples", "-3"},
	} {
		code, _, errs := runCLI(t, "", args...)
		assert.Equal(t, exitUsage, code, args)
		assert.Contains(t, errs, "must be from 1 to 100000", args)
	}
}
