package main

import (
	"encoding/json"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func gateData(name string) string {
	return filepath.Join("..", "..", "bench", "testdata", "gate", name)
}

func TestBenchCompareExitCodes(t *testing.T) {
	cases := []struct {
		rule       string
		args       []string
		want       int
		wantOut    string
		wantStderr string
	}{
		{"a regression exits 1", []string{gateData("old.txt"), gateData("new.txt")}, exitFailed, "gate: FAIL: 5 regressions", ""},
		{"an A/A run exits 0", []string{gateData("probe_aa_a.txt"), gateData("probe_aa_b.txt")}, exitOK, "gate: ok: 0 regressions", ""},
		{"too few runs warns and exits 0", []string{gateData("few_old.txt"), gateData("few_new.txt")}, exitOK, "too few runs", "warning: Tokenize/input=seed sec/op: need >= 5 samples"},
		{"a larger minimum effect lets 19% pass", []string{"--min-effect", "25%", "--alloc-slack", "0.01", gateData("old.txt"), gateData("new.txt")}, exitOK, "min effect 25%, alloc slack 1%", ""},
		{"malformed lines are bad input, named by file:line", []string{gateData("old.txt"), gateData("malformed.txt")}, exitUsage, "", gateData("malformed.txt") + ":6: parsing iteration count: invalid syntax"},
		{"a missing file is bad input", []string{gateData("old.txt"), gateData("nope.txt")}, exitUsage, "", "nope.txt: no such file"},
		{"files with no benchmark in common are bad input", []string{gateData("few_old.txt"), gateData("probe_aa_a.txt")}, exitUsage, "", "no benchmark appears in both"},
		{"one file is not enough", []string{gateData("old.txt")}, exitUsage, "", "usage: arabench bench compare"},
		{"an unknown format is bad usage", []string{"--format", "csv", gateData("old.txt"), gateData("new.txt")}, exitUsage, "", `unknown format "csv"`},
		{"alpha outside (0,1) is bad usage", []string{"--alpha", "1.5", gateData("old.txt"), gateData("new.txt")}, exitUsage, "", "alpha 1.5 is not in (0, 1)"},
		{"a minimum effect that is no number is bad usage", []string{"--min-effect", "five", gateData("old.txt"), gateData("new.txt")}, exitUsage, "", "want a percentage like 5%"},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			code, out, errs := runCLI(t, "", append([]string{"bench", "compare"}, c.args...)...)
			assert.Equal(t, c.want, code, "stderr: %s", errs)
			assert.Contains(t, out, c.wantOut)
			assert.Contains(t, errs, c.wantStderr)
		})
	}
}

func TestBenchCompareJSON(t *testing.T) {
	code, out, _ := runCLI(t, "", "bench", "compare", "--format", "json", gateData("probe_slow_a.txt"), gateData("probe_slow_b.txt"))
	assert.Equal(t, exitFailed, code)
	var rep struct {
		Failed bool `json:"failed"`
		Rows   []struct {
			Unit    string `json:"unit"`
			Verdict string `json:"verdict"`
		} `json:"rows"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &rep))
	assert.True(t, rep.Failed)
	verdicts := map[string]string{}
	for _, r := range rep.Rows {
		verdicts[r.Unit] = r.Verdict
	}
	assert.Equal(t, "REGRESSION", verdicts["cpu-sec/op"])
	assert.Equal(t, "~", verdicts["sec/op"])
}

func TestBenchUsage(t *testing.T) {
	code, _, errs := runCLI(t, "", "bench")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "usage: arabench bench compare")
	code, _, errs = runCLI(t, "", "bench", "frob")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, `unknown subcommand "frob"`)
}
