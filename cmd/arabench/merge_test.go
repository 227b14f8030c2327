package main

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/arabench/arabench/extract"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/runfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// evalShards runs eval --shard i/n for every i into dir, with the extra
// flags, and returns the part files.
func evalShards(t *testing.T, dir string, n int, flags ...string) []string {
	t.Helper()
	var parts []string
	for i := 0; i < n; i++ {
		p := filepath.Join(dir, fmt.Sprintf("part-%d-of-%d.json", i, n))
		code, _, errs := runCLI(t, "", append([]string{"eval", "--shard", fmt.Sprintf("%d/%d", i, n), "--save", p}, flags...)...)
		require.Equal(t, exitOK, code, errs)
		parts = append(parts, p)
	}
	return parts
}

// readPart reads the run file of a shard, which readRun refuses.
func readPart(t *testing.T, path string) *runfile.Run {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	run, err := runfile.ReadRun(path, f)
	require.NoError(t, err)
	return run
}

func readFile(t *testing.T, path string) string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return string(b)
}

func TestMergeOfShardsIsTheUnshardedRun(t *testing.T) {
	// The merged run file is byte for byte the run file of the same
	// evaluation in one process: metrics, intervals (same seed), signature,
	// every prediction. Nothing is removed before comparing.
	for _, name := range extract.Names() {
		dir := t.TempDir()
		flags := []string{"--extractor", name, "--ci", "--resamples", "200", "--seed", "7"}
		whole := filepath.Join(dir, "whole.json")
		code, _, errs := runCLI(t, "", append([]string{"eval", "--save", whole}, flags...)...)
		require.Equal(t, exitOK, code, errs)
		for _, n := range []int{1, 3, 7} {
			t.Run(fmt.Sprintf("%s/%d shards", name, n), func(t *testing.T) {
				parts := evalShards(t, dir, n, flags...)
				held := 0
				for _, p := range parts {
					run := readPart(t, p)
					require.NotNil(t, run.Shard)
					assert.Equal(t, n, run.Shard.Count)
					held += len(run.Predictions)
				}
				assert.Equal(t, 5, held, "the shards hold the 5 seed documents once each")
				merged := filepath.Join(dir, fmt.Sprintf("merged-%d.json", n))
				code, _, errs := runCLI(t, "", append([]string{"merge", "-o", merged, "--ci", "--resamples", "200", "--seed", "7"}, parts...)...)
				require.Equal(t, exitOK, code, errs)
				assert.Contains(t, errs, fmt.Sprintf("%d shards, 5 documents (5 scored)", n))
				assert.Equal(t, readFile(t, whole), readFile(t, merged))
			})
		}
	}
}

func TestMergeKeepsFailedDocuments(t *testing.T) {
	// The program fails on one document ("000_…") and answers the others
	// with nothing: the merge marks it failed with its error, as one run
	// does, and is the same file.
	ex := script(t, `while read -r line; do
  doc=$(printf '%s' "$line" | sed 's/^{"doc":"\([^"]*\)".*/\1/')
  case "$doc" in 000_*) echo "no model for $doc" >&2; exit 3;; esac
  printf '{"doc":"%s","mentions":[]}\n' "$doc"
done
`)
	dir := t.TempDir()
	whole := filepath.Join(dir, "whole.json")
	code, _, _ := runCLI(t, "", "eval", "--extractor", ex, "--save", whole)
	require.Equal(t, exitFailed, code)
	var parts []string
	for i := 0; i < 3; i++ {
		p := filepath.Join(dir, fmt.Sprintf("p%d.json", i))
		code, _, errs := runCLI(t, "", "eval", "--extractor", ex, "--shard", fmt.Sprintf("%d/3", i), "--save", p)
		require.Contains(t, []int{exitOK, exitFailed}, code, errs)
		parts = append(parts, p)
	}
	merged := filepath.Join(dir, "merged.json")
	code, _, errs := runCLI(t, "", append([]string{"merge", "-o", merged}, parts...)...)
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, errs, "3 shards, 5 documents (4 scored)")
	run := readRun(t, merged)
	assert.Equal(t, metrics.StatusFailed, run.Predictions[0].Status)
	assert.Contains(t, run.Predictions[0].Error, "no model for 000_")
	assert.Equal(t, readFile(t, whole), readFile(t, merged))
}

func TestMergeRefuses(t *testing.T) {
	dir := t.TempDir()
	three := evalShards(t, dir, 3, "--extractor", "rules")
	rules := evalShards(t, filepath.Join(dir), 2, "--extractor", "rules")
	gaz := evalShards(t, t.TempDir(), 3, "--extractor", "gazetteer")
	ci := evalShards(t, t.TempDir(), 3, "--extractor", "rules", "--ci", "--resamples", "50")
	whole := filepath.Join(dir, "whole.json")
	code, _, errs := runCLI(t, "", "eval", "--extractor", "rules", "--save", whole)
	require.Equal(t, exitOK, code, errs)
	out := filepath.Join(dir, "merged.json")
	for _, tc := range []struct {
		name  string
		args  []string
		wants []string
	}{
		{"a missing shard", []string{three[0], three[2]}, []string{"missing 1 of 3 shards: 1/3 (got 2 run files)"}},
		{"two missing shards", []string{three[1]}, []string{"missing 2 of 3 shards: 0/3, 2/3"}},
		{"a shard twice", []string{three[0], three[1], three[2], three[1]}, []string{"shard 1/3 given twice: " + three[1] + " and " + three[1]}},
		{"another extractor", []string{three[0], three[1], gaz[2]}, []string{"not shards of the same run: extractor \"rules\" ≠ \"gazetteer\"", gaz[2]}},
		{"another shard count", []string{three[0], rules[1]}, []string{"shard count \"3\" ≠ \"2\""}},
		{"another signature", []string{three[0], three[1], ci[2]}, []string{"signature", "boot:none", "boot:50@12345"}},
		{"a whole run", []string{whole, three[0]}, []string{whole + ": not the run of a shard"}},
		{"a --ci run merged without --ci", ci, []string{"the parts were scored as", "boot: 50@12345 ≠ none", "--ci --seed --resamples"}},
		{"another dataset", three, []string{"in none of the parts: were they made on another corpus?"}},
		{"no files", nil, []string{"no run files"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			args := append([]string{"merge", "-o", out}, tc.args...)
			if tc.name == "another dataset" {
				args = append(args, "--dataset", "anercorp")
			}
			code, _, errs := runCLI(t, "", args...)
			assert.Equal(t, exitUsage, code, errs)
			for _, w := range tc.wants {
				assert.Contains(t, errs, w)
			}
			assert.NoFileExists(t, out, "nothing is written")
		})
	}
}

func TestEvalShardFlag(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want string
	}{
		{[]string{"--shard", "0/2", "--extractor", "rules"}, "--shard 0/2 needs --save FILE"},
		{[]string{"--shard", "2/2", "--extractor", "rules", "--save", "x.json"}, "indexes count from 0, so shard 2 of 2 is 1/2"},
		{[]string{"--shard", "1", "--extractor", "rules", "--save", "x.json"}, "want INDEX/COUNT"},
		{[]string{"--shard", "0/2", "--normalizers"}, "--normalizers runs none"},
	} {
		code, _, errs := runCLI(t, "", append([]string{"eval"}, tc.args...)...)
		assert.Equal(t, exitUsage, code, tc.args)
		assert.Contains(t, errs, tc.want, tc.args)
	}
}

func TestCompareAndReportRefuseAShard(t *testing.T) {
	dir := t.TempDir()
	parts := evalShards(t, dir, 2, "--extractor", "rules")
	for _, args := range [][]string{
		{"compare", parts[0], parts[1]},
		{"report", "-o", filepath.Join(dir, "r.html"), parts[0]},
	} {
		code, _, errs := runCLI(t, "", args...)
		assert.Equal(t, exitUsage, code, args)
		assert.Contains(t, errs, parts[0]+" is the run of shard 0/2 only: join the shards first with `arabench merge", args)
	}
}
