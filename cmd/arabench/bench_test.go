package main

import (
	"encoding/json"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func gateData(name string) string {
	return filepath.Join("..", "..", "bench", "testdata", "gate", name)
}

// A cliCase is one command line and what it must give: exit status, a
// part of stdout and a part of stderr.
type cliCase struct {
	rule       string
	args       []string
	want       int
	wantOut    string
	wantStderr string
}

func TestBenchCompareExitCodes(t *testing.T) {
	cases := []cliCase{
		{"a regression exits 1", []string{gateData("old.txt"), gateData("new.txt")}, exitFailed, "gate: FAIL: 5 regressions",
			"regression: Tokenize/input=seed sec/op: 99.72µ -> 118.9µ (+19.27%, p = 0.000)"},
		{"an A/A run exits 0", []string{gateData("probe_aa_a.txt"), gateData("probe_aa_b.txt")}, exitOK, "gate: ok: 0 regressions", ""},

		// 3+3 runs: even fully separated samples give p = 0.1, never < 0.01.
		{"too few runs is no pass: exit 1 with the reason", []string{gateData("few_old.txt"), gateData("few_new.txt")}, exitFailed,
			"gate: FAIL: 0 regressions, 3 with too few runs (need 5+5)",
			"too few runs: 3 comparisons (first: Tokenize/input=seed sec/op, 3+3 runs) cannot reach p < 0.01 whatever the results; " +
				"benchmath's Mann-Whitney U test needs at least 5 runs a side"},
		{"too few runs passes only with --allow-few-runs", []string{"--allow-few-runs", gateData("few_old.txt"), gateData("few_new.txt")}, exitOK,
			"gate: ok: 0 regressions, 3 with too few runs (need 5+5), allowed", "warning: Tokenize/input=seed sec/op: need >= 5 samples"},
		// At alpha 0.2, 3 runs a side are enough (p = 0.1 < 0.2) and the +20% is a regression.
		{"a larger alpha makes 3 runs enough", []string{"--alpha", "0.2", gateData("few_old.txt"), gateData("few_new.txt")}, exitFailed,
			"gate: FAIL: 3 regressions in 5 comparisons (alpha 0.2", ""},

		{"flags after the file names are flags", []string{gateData("few_old.txt"), gateData("few_new.txt"), "--alpha", "0.2"}, exitFailed,
			"gate: FAIL: 3 regressions in 5 comparisons (alpha 0.2", ""},
		{"flags between the file names are flags", []string{gateData("old.txt"), "--min-effect", "25%", gateData("new.txt"), "--alloc-slack=0.01"}, exitOK,
			"min effect 25%, alloc slack 1%", ""},
		{"a boolean flag after the file names is a flag", []string{gateData("few_old.txt"), gateData("few_new.txt"), "--allow-few-runs"}, exitOK,
			"gate: ok: 0 regressions, 3 with too few runs", ""},
		{"after -- a name that looks like a flag is a file", []string{gateData("old.txt"), "--", "--alpha"}, exitUsage, "", "--alpha: no such file"},
		{"a third file name is bad usage", []string{gateData("old.txt"), gateData("new.txt"), gateData("few_old.txt")}, exitUsage, "", "arabench bench compare: want two files of benchmark output, OLD.txt NEW.txt, got 3"},

		// The peer=copy benchmark is 20% slower (6+6 separated runs: p = 2/C(12,6) = 0.002); the preset and the other peer did not move.
		{"a peer's regression is reported but not gated", []string{gateData("peers_old.txt"), gateData("peers_new.txt")}, exitOK,
			"gate: ok: 0 regressions, 1 peer regression not gated in 3 comparisons", ""},
		{"the table says the peer's regression is not gated", []string{gateData("peers_old.txt"), gateData("peers_new.txt")}, exitOK,
			"REGRESSION (peer, not gated)", ""},
		{"--gate-peers gates the peers", []string{gateData("peers_old.txt"), gateData("peers_new.txt"), "--gate-peers"}, exitFailed,
			"gate: FAIL: 1 regression in 3 comparisons", "regression: Normalize/peer=copy/input=1MiB sec/op: 45.02µ -> 54.03µ (+20.00%, p = 0.002)"},

		// 100µs in ns/op against 100ms in ms/op: a 1000x slowdown, in one unit.
		{"ms/op against ns/op compares as time: a 1000x slowdown regresses", []string{gateData("units_ns.txt"), gateData("units_ms_slow.txt")}, exitFailed,
			"gate: FAIL: 1 regression in 1 comparison", "regression: Tokenize/input=seed sec/op: 100.1µ -> 100.0m (+99900.00%, p = 0.002)"},
		{"ms/op against ns/op compares as time: the same speed is no change", []string{gateData("units_ns.txt"), gateData("units_ms_same.txt")}, exitOK,
			"gate: ok: 0 regressions in 1 comparison", ""},
		{"a benchmark in incompatible units on the two sides is an error", []string{gateData("units_ns.txt"), gateData("units_bs.txt")}, exitUsage,
			"gate: ERROR: 1 input error, 0 regressions, 2 in incompatible units in 0 comparisons",
			"Tokenize/input=seed is measured in sec/op (" + gateData("units_ns.txt") + ":5) in " + gateData("units_ns.txt") +
				" but in B/s (" + gateData("units_bs.txt") + ":5) in " + gateData("units_bs.txt") + ": incompatible units"},
		{"incompatible units are never one side only", []string{gateData("units_ns.txt"), gateData("units_bs.txt")}, exitUsage,
			"incompatible units", ""},
		{"a negative timing is refused, named by file:line", []string{gateData("units_ns.txt"), gateData("negative.txt")}, exitUsage,
			"gate: ERROR: 1 input error, 0 regressions",
			gateData("negative.txt") + ":7: negative timing -99800 ns/op: a duration cannot be below zero"},

		{"a larger minimum effect lets 19% pass", []string{"--min-effect", "25%", "--alloc-slack", "0.01", gateData("old.txt"), gateData("new.txt")}, exitOK, "min effect 25%, alloc slack 1%", ""},
		{"malformed lines are bad input, named by file:line", []string{gateData("old.txt"), gateData("malformed.txt")}, exitUsage,
			"gate: ERROR: 1 input error", gateData("malformed.txt") + ":6: parsing iteration count: invalid syntax"},
		{"a missing file is bad input", []string{gateData("old.txt"), gateData("nope.txt")}, exitUsage, "", "nope.txt: no such file"},
		{"files with no benchmark in common are bad input", []string{gateData("few_old.txt"), gateData("probe_aa_a.txt")}, exitUsage,
			"gate: ERROR", "no benchmark appears in both"},
		{"one file is not enough", []string{gateData("old.txt")}, exitUsage, "", "arabench bench compare: want two files of benchmark output, OLD.txt NEW.txt, got 1"},
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
			// The printed verdict says "ok" exactly when the exit status is 0.
			if out != "" {
				assert.Equal(t, code == exitOK, strings.Contains(out, "gate: ok:"), "exit %d, verdict %q", code, lastLine(out))
			}
		})
	}
}

// lastLine is the verdict line of a table.
func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	return lines[len(lines)-1]
}

func TestBenchCompareVerdictLineMatchesExitStatus(t *testing.T) {
	// One pair per situation, in every format: the summary line (and JSON's
	// status and exit_status) says ok exactly when the exit status is 0.
	// bench's TestSummarySaysOkOnlyWhenTheGatePasses runs every pair.
	cases := []struct {
		args []string
		want int
	}{
		{[]string{"probe_aa_a.txt", "probe_aa_b.txt"}, exitOK},
		{[]string{"old.txt", "new.txt"}, exitFailed},
		{[]string{"few_old.txt", "few_new.txt"}, exitFailed},
		{[]string{"few_old.txt", "few_new.txt", "--allow-few-runs"}, exitOK},
		{[]string{"peers_old.txt", "peers_new.txt"}, exitOK},
		{[]string{"peers_old.txt", "peers_new.txt", "--gate-peers"}, exitFailed},
		{[]string{"units_ns.txt", "units_ms_slow.txt"}, exitFailed},
		{[]string{"units_ns.txt", "units_ms_same.txt"}, exitOK},
		{[]string{"units_ns.txt", "units_bs.txt"}, exitUsage},
		{[]string{"units_ns.txt", "negative.txt"}, exitUsage},
		{[]string{"old.txt", "malformed.txt"}, exitUsage},
		{[]string{"few_old.txt", "probe_aa_a.txt"}, exitUsage},
	}
	for _, c := range cases {
		args := []string{"bench", "compare"}
		for _, a := range c.args {
			if strings.HasSuffix(a, ".txt") {
				a = gateData(a)
			}
			args = append(args, a)
		}
		t.Run(strings.Join(c.args, " "), func(t *testing.T) {
			for _, format := range []string{"table", "markdown"} {
				code, out, _ := runCLI(t, "", append(args, "--format", format)...)
				assert.Equal(t, c.want, code)
				assert.Equal(t, code == exitOK, strings.HasPrefix(lastLine(out), "gate: ok:"), "%s: exit %d, %q", format, code, lastLine(out))
				assert.Equal(t, code != exitOK, strings.HasPrefix(lastLine(out), "gate: FAIL:") || strings.HasPrefix(lastLine(out), "gate: ERROR:"))
			}
			code, out, _ := runCLI(t, "", append(args, "--format", "json")...)
			assert.Equal(t, c.want, code)
			var rep struct {
				Status     string   `json:"status"`
				ExitStatus int      `json:"exit_status"`
				Failed     bool     `json:"failed"`
				Summary    string   `json:"summary"`
				Reasons    []string `json:"reasons"`
			}
			require.NoError(t, json.Unmarshal([]byte(out), &rep))
			assert.Equal(t, code, rep.ExitStatus)
			assert.Equal(t, code != exitOK, rep.Failed)
			assert.Equal(t, code == exitOK, rep.Status == "ok")
			assert.Equal(t, code == exitOK, strings.HasPrefix(rep.Summary, "gate: ok:"))
			assert.Equal(t, code == exitOK, len(rep.Reasons) == 0, "a failure gives its reasons")
		})
	}
}

func TestBenchMinRuns(t *testing.T) {
	cases := []cliCase{
		// 2/C(10,5) = 0.0079 < 0.01, 2/C(8,4) = 0.029.
		{"at the default alpha 0.01 the gate needs 5 runs a side", nil, exitOK, "5\n", ""},
		// 2/C(8,4) = 0.029 < 0.05, 2/C(6,3) = 0.1.
		{"at alpha 0.05, 4", []string{"--alpha", "0.05"}, exitOK, "4\n", ""},
		// 2/C(14,7) = 0.00058 < 0.001, 2/C(12,6) = 0.0022.
		{"at alpha 0.001, 7", []string{"--alpha=0.001"}, exitOK, "7\n", ""},
		{"enough runs exit 0", []string{"--runs", "10"}, exitOK, "5\n", ""},
		{"exactly the minimum is enough", []string{"--runs", "5"}, exitOK, "5\n", ""},
		{"too few runs exit 1 and say why", []string{"--runs", "4"}, exitFailed, "5\n",
			"4 runs a side are too few: at alpha 0.01 benchmath's Mann-Whitney U test needs at least 5 runs a side to ever reach significance (4+4 fully separated runs give p = 0.0286)"},
		{"the compare flags are accepted, so a script passes the same ones", []string{"--format", "markdown", "--runs", "4", "--alpha", "0.05", "--gate-peers"}, exitOK, "4\n", ""},
		{"a file name is bad usage", []string{gateData("old.txt")}, exitUsage, "", "arabench bench min-runs: unexpected argument"},
		{"a bad alpha is bad usage", []string{"--alpha", "0"}, exitUsage, "", "alpha 0 is not in (0, 1)"},
	}
	for _, c := range cases {
		t.Run(c.rule, func(t *testing.T) {
			code, out, errs := runCLI(t, "", append([]string{"bench", "min-runs"}, c.args...)...)
			assert.Equal(t, c.want, code, "stderr: %s", errs)
			assert.Equal(t, c.wantOut, out, "the whole of stdout: the number only")
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
