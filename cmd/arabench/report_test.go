package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/runfile"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// pageHas checks that page holds sub, without printing the whole page when
// it does not.
func pageHas(t *testing.T, page, sub string, msg ...any) {
	t.Helper()
	if !strings.Contains(page, sub) {
		t.Errorf("the page lacks %q %v", sub, msg)
	}
}

// reportPage runs report with args and returns the page it wrote.
func reportPage(t *testing.T, args ...string) (string, string) {
	t.Helper()
	out := filepath.Join(t.TempDir(), "report.html")
	code, _, errs := runCLI(t, "", append([]string{"report", "-o", out}, args...)...)
	require.Equal(t, exitOK, code, errs)
	page, err := os.ReadFile(out)
	require.NoError(t, err)
	return string(page), errs
}

func TestReportOneRun(t *testing.T) {
	page, errs := reportPage(t, evalRun(t, "gazetteer"))
	assert.Contains(t, errs, "arabench report: wrote ")
	assert.Contains(t, errs, "(5 documents, 527 marks")
	pageHas(t, page, "<title>arabench report: gazetteer</title>")
	assert.Equal(t, 5, strings.Count(page, `<div class="text" dir="rtl" lang="ar">`), "one right-to-left text per seed document")
	// The gazetteer's strict tally on the seed (see eval --counts): COR 414,
	// INC 4, MIS 107, SPU 2.
	for _, want := range []string{`<td data-muc="COR">414</td>`, `<td data-muc="INC">4</td>`, `<td data-muc="MIS">107</td>`, `<td data-muc="SPU">2</td>`,
		`<td data-count="correct">414</td>`, `<td data-count="missed">107</td>`} {
		pageHas(t, page, want)
	}
	pageHas(t, page, "|scheme:strict|")
}

func TestReportSchemeAndStdout(t *testing.T) {
	run := evalRun(t, "gazetteer")
	code, out, errs := runCLI(t, "", "report", run, "--scheme", "clitic", "-o", "-")
	require.Equal(t, exitOK, code, errs)
	assert.True(t, strings.HasPrefix(out, "<!DOCTYPE html>"), "the page on standard output")
	assert.Contains(t, out, "scheme <b>clitic</b>")
	assert.Empty(t, errs)
}

func TestReportComparison(t *testing.T) {
	old := evalRun(t, "rules")
	page, _ := reportPage(t, old, rulesPlusGoldPER(t, old))
	pageHas(t, page, "<title>arabench report: rules → rules&#43;per</title>")
	pageHas(t, page, "Comparison under strict")
	// The new run adds every one of the 115 gold PER mentions and nothing else.
	pageHas(t, page, `<td data-change="newly_correct">115</td>`)
	pageHas(t, page, `<td data-change="newly_wrong">0</td>`)
	assert.Equal(t, 115, strings.Count(page, ` data-c="newly_correct"`))
	pageHas(t, page, `<td class="verdict better">better</td>`)
}

func TestReportFailedDocuments(t *testing.T) {
	run := evalRun(t, "gazetteer")
	failed := rewriteRun(t, readRun(t, run), func(r *runfile.Run) {
		for i := range r.Predictions {
			if r.Predictions[i].Doc == doc0 {
				r.Predictions[i].Mentions = []runfile.Mention{}
			}
		}
		require.NoError(t, r.MarkDoc(doc0, metrics.StatusFailed, "exit status 3"))
	})
	page, _ := reportPage(t, failed)
	pageHas(t, page, "not scored: failed (exit status 3)")
	pageHas(t, page, "<span id=\"scored\">4</span> of 5 documents scored")
}

func TestReportRefuses(t *testing.T) {
	run := evalRun(t, "gazetteer")
	otherGold := rewriteRun(t, readRun(t, run), func(r *runfile.Run) {
		r.Signature = strings.Replace(r.Signature, "gold:", "gold:0", 1)
	})
	notFitting := rewriteRun(t, readRun(t, run), func(r *runfile.Run) {
		r.Predictions[0].Doc = "no-such-doc"
	})
	cases := []struct {
		name string
		args []string
		want string
	}{
		{"no run", nil, "want one run file, or two to compare (OLD.json NEW.json), got none"},
		{"three runs", []string{run, run, run}, "want one run file, or two to compare (OLD.json NEW.json), got 3:"},
		{"the bag scheme", []string{run, "--scheme", "bag"}, "the bag scheme places no mention"},
		{"an unknown scheme", []string{run, "--scheme", "lenient"}, `unknown scheme "lenient"`},
		{"other gold", []string{otherGold}, "was scored on other data than the loaded corpus and gold (gold 0"},
		{"other documents", []string{notFitting}, `doc "no-such-doc" is not in corpus seed-5`},
		{"not a run file", []string{writeFile(t, "x.json", "{}")}, `no "format" field`},
		{"a missing file", []string{filepath.Join(t.TempDir(), "nope.json")}, "no such file"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			out := filepath.Join(t.TempDir(), "r.html")
			code, _, errs := runCLI(t, "", append([]string{"report", "-o", out}, tc.args...)...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, errs, tc.want)
			_, err := os.Stat(out)
			assert.True(t, os.IsNotExist(err), "no page written")
		})
	}
}

func TestEvalViews(t *testing.T) {
	code, out, errs := runCLI(t, "", "eval", "--extractor", "gazetteer", "--scheme", "strict", "--counts", "--per-doc", "--confusion")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "│ strict COR │ strict INC │ strict PAR │ strict MIS │ strict SPU │ strict POS │ strict ACT │")
	assert.Contains(t, out, "per document: gazetteer, strict")
	assert.Contains(t, out, "│ "+doc0+" │ 0.9286 │ 0.6341 │ 0.7536 │  41 │  28 │  26 │   1 │   0 │  14 │   1 │")
	assert.Contains(t, out, "type confusion: gazetteer")
	assert.Contains(t, out, "│ no match         │   0 │   2 │   0 │    0 │   0 │        0 │", "two spurious ORG")

	code, plain, _ := runCLI(t, "", "eval", "--extractor", "gazetteer", "--scheme", "strict")
	require.Equal(t, exitOK, code)
	assert.NotContains(t, plain, "COR")
	assert.NotContains(t, plain, "per document")
}

func TestScoreConllevalViews(t *testing.T) {
	conll := writeFile(t, "x.txt", "بوتين B-PER B-PER\nفي O O\nموسكو B-LOC B-ORG\n\nلافروف B-PER O\n")
	code, out, errs := runCLI(t, "", "score", "--conlleval", conll, "--scheme", "strict", "--per-doc", "--confusion", "--format", "csv")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, out, "# per document: x.txt, strict\n")
	assert.Contains(t, out, "document,P,R,F1,POS,ACT,COR,INC,PAR,MIS,SPU\n")
	// Sentence 1: بوتين correct, موسكو LOC→ORG; sentence 2: لافروف missed.
	assert.Contains(t, out, "gold \\ predicted,PER,ORG,LOC,no match\nPER,1,0,0,1\nORG,0,0,0,0\nLOC,0,1,0,0\nno match,0,0,0,0\n")
}

// TestReportChecksItsOutputFirst: a bad -o path is refused before the runs
// are read and scored.
func TestReportChecksItsOutputFirst(t *testing.T) {
	code, _, errs := runCLI(t, "", "report", "-o", filepath.Join(t.TempDir(), "no", "such", "dir", "r.html"), "whatever.json")
	assert.Equal(t, exitUsage, code)
	assert.Contains(t, errs, "-o ")
	assert.Contains(t, errs, "cannot write there")
	assert.NotContains(t, errs, "whatever.json", "the run was not read")
}
