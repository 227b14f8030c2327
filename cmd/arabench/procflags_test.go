package main

import (
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract"
	"github.com/arabench/arabench/metrics"
)

// mainEnv makes the test binary run arabench's main instead of the tests, so
// that a test can signal a real arabench process without building one.
const mainEnv = "ARABENCH_TEST_RUN_MAIN"

func TestMain(m *testing.M) {
	if os.Getenv(mainEnv) == "1" {
		main()
	}
	os.Exit(m.Run())
}

// needSh skips a test whose extractor is a shell script when there is no sh.
func needSh(t *testing.T) {
	t.Helper()
	if _, err := exec.LookPath("sh"); err != nil {
		t.Skip("no sh to run the extractor scripts of this test")
	}
}

// seedIDs are the ids of the seed corpus, in corpus order.
func seedIDs() []string {
	var ids []string
	for _, d := range corpus.Seed().Documents {
		ids = append(ids, d.ID)
	}
	return ids
}

// lines reads a file of one item per line.
func lines(t *testing.T, path string) []string {
	t.Helper()
	b, err := os.ReadFile(path)
	require.NoError(t, err)
	return strings.Fields(string(b))
}

// recorder is an extractor script that appends every document id it gets to
// rec, and answers موسكو [51,56) as a LOC in document 000 and nothing in
// the others.
func recorder(rec string) string {
	return `while read -r line; do
  doc=$(printf '%s' "$line" | sed 's/^{"doc":"\([^"]*\)".*/\1/')
  echo "$doc" >> '` + rec + `'
  case $doc in
    000_*) printf '{"doc":"%s","mentions":[{"start":51,"end":56,"type":"LOC"}]}\n' "$doc" ;;
    *) printf '{"doc":"%s","mentions":[]}\n' "$doc" ;;
  esac
done
`
}

func TestEvalRefusesAbsurdProcessFlags(t *testing.T) {
	cases := []struct {
		flags []string
		want  string
	}{
		{[]string{"--timeout", "0"}, "--timeout 0s: must be more than 0"},
		{[]string{"--timeout", "-5s"}, "--timeout -5s: must be more than 0"},
		{[]string{"--startup-timeout", "0"}, "--startup-timeout 0s: must be more than 0"},
		{[]string{"--jobs", "0"}, "--jobs 0: must be from 1 to 256"},
		{[]string{"--jobs", "100000"}, "--jobs 100000: must be from 1 to 256"},
		{[]string{"--max-failures", "-1"}, "--max-failures -1: must be 0 (never stop) or more"},
		{[]string{"--retries", "-1"}, "--retries -1: must be from 0 to 10"},
		{[]string{"--retries", "1000000"}, "--retries 1000000: must be from 0 to 10"},
		{[]string{"--max-line", "100"}, `invalid value "100" for flag -max-line: 100 is outside 1KiB to 1GiB`},
		{[]string{"--max-line", "2GiB"}, `invalid value "2GiB" for flag -max-line: 2GiB is outside 1KiB to 1GiB`},
		{[]string{"--max-line", "99999999999999999999"}, `invalid value "99999999999999999999" for flag -max-line: "99999999999999999999" is not a size such as 65536, 512KiB, 64MiB or 1GiB`},
		{[]string{"--max-line", "lots"}, `invalid value "lots" for flag -max-line: "lots" is not a size such as 65536, 512KiB, 64MiB or 1GiB`},
	}
	for _, tc := range cases {
		t.Run(strings.Join(tc.flags, " "), func(t *testing.T) {
			marker := filepath.Join(t.TempDir(), "started")
			code, out, errs := runCLI(t, "", append([]string{"eval", "--extractor", "cmd:touch " + marker}, tc.flags...)...)
			assert.Equal(t, exitUsage, code)
			assert.Contains(t, errs, tc.want)
			assert.Empty(t, out)
			assert.NoFileExists(t, marker, "refused before anything runs")
		})
	}
}

func TestByteSizeFlag(t *testing.T) {
	cases := []struct {
		in   string
		want int
	}{
		{"1024", 1 << 10},
		{"1KiB", 1 << 10},
		{"64MiB", 64 << 20},
		{"64M", 64 << 20},
		{"512 KiB", 512 << 10},
		{"1GiB", 1 << 30},
		{"1G", 1 << 30},
		{"3000B", 3000},
	}
	for _, tc := range cases {
		b := sizeFlag{min: extract.MinLineLimit, max: extract.MaxLineLimit}
		require.NoError(t, b.Set(tc.in), tc.in)
		assert.Equal(t, tc.want, b.n, tc.in)
	}
	assert.Equal(t, "64MiB", formatSize(64<<20))
	assert.Equal(t, "3000", formatSize(3000))
}

func TestEvalStopsAfterMaxFailuresInARow(t *testing.T) {
	needSh(t)
	// A program that cannot load its model: every start fails. It counts
	// its starts.
	starts := filepath.Join(t.TempDir(), "starts")
	ex := script(t, "echo start >> '"+starts+"'\necho 'cannot open model.bin' >&2\nexit 3\n")
	save := filepath.Join(t.TempDir(), "run.json")
	code, out, errs := runCLI(t, "", "eval", "--extractor", ex, "--max-failures", "2", "--save", save, "--scheme", "strict")
	assert.Equal(t, exitFailed, code)
	assert.Len(t, lines(t, starts), 2, "started for two documents, not five")
	assert.Equal(t, 2, strings.Count(errs, "exit status 3"), errs)
	assert.Equal(t, 2, strings.Count(errs, "cannot open model.bin"), errs)
	assert.Contains(t, errs, "arabench eval: "+ex+": stopped after 2 documents in a row failed (--max-failures 2; 0 never stops): 3 of 5 documents not run\n")
	assert.NotContains(t, errs, "not run: stopped", "no line per document not run")
	assert.Contains(t, out, "2 of 5 documents failed, 3 of 5 documents never ran; scores cover all 5 documents")

	run := readRun(t, save)
	cov := run.Coverage()
	assert.Equal(t, seedIDs()[:2], cov.Failed)
	assert.Equal(t, seedIDs()[2:], cov.NotRun, "the run file records the documents never sent as not run")
	assert.Equal(t, metrics.StatusNotRun, run.Predictions[4].Status)
	assert.Contains(t, run.Predictions[4].Error, "not run: stopped after 2 documents in a row failed")

	// 0 never stops: every document is tried.
	require.NoError(t, os.Remove(starts))
	code, _, errs = runCLI(t, "", "eval", "--extractor", ex, "--max-failures", "0")
	assert.Equal(t, exitFailed, code)
	assert.Len(t, lines(t, starts), 5)
	assert.NotContains(t, errs, "stopped after")
}

func TestEvalRetriesADocumentThatFailedOnce(t *testing.T) {
	needSh(t)
	// Each document fails the first time the program sees it.
	dir := t.TempDir()
	seen := filepath.Join(dir, "seen")
	ex := script(t, `while read -r line; do
  doc=$(printf '%s' "$line" | sed 's/^{"doc":"\([^"]*\)".*/\1/')
  if grep -q "$doc" '`+seen+`' 2>/dev/null; then
    printf '{"doc":"%s","mentions":[]}\n' "$doc"
  else
    printf '{"doc":"%s","error":"busy"}\n' "$doc"
  fi
  echo "$doc" >> '`+seen+`'
done
`)
	code, _, errs := runCLI(t, "", "eval", "--extractor", ex, "--retries", "1")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, errs, "arabench eval: "+ex+": 5 documents were answered only on a retry (--retries 1)")
	var want []string
	for _, id := range seedIDs() {
		want = append(want, id, id)
	}
	assert.Equal(t, want, lines(t, seen), "each retry follows its failure at once")

	require.NoError(t, os.Remove(seen))
	code, _, errs = runCLI(t, "", "eval", "--extractor", ex)
	assert.Equal(t, exitFailed, code, "without --retries every document fails")
	assert.Equal(t, 5, strings.Count(errs, "the program reported an error: busy"))
}

func TestEvalSendsDocumentsInCorpusOrderWhateverTheJobs(t *testing.T) {
	needSh(t)
	rec := filepath.Join(t.TempDir(), "stream")
	ex := script(t, recorder(rec))
	var firstOut string
	for _, jobs := range []string{"1", "1", "3", "3"} {
		_ = os.Remove(rec)
		code, out, errs := runCLI(t, "", "eval", "--extractor", ex, "--jobs", jobs, "--format", "json", "--scheme", "strict")
		require.Equal(t, exitOK, code, errs)
		got := lines(t, rec)
		if jobs == "1" {
			assert.Equal(t, seedIDs(), got, "--jobs 1: one stream, in corpus order")
		} else {
			assert.ElementsMatch(t, seedIDs(), got, "--jobs 3: every document once")
		}
		assert.Contains(t, out, `"COR": 1,`, "the one mention is scored")
		if firstOut == "" {
			firstOut = out
			continue
		}
		assert.Equal(t, firstOut, out, "--jobs %s: the same output as --jobs 1", jobs)
	}
}

func TestEvalJobsRunProcessesSideBySide(t *testing.T) {
	needSh(t)
	// Each process records its pid and the documents it gets, one file per
	// process: three processes, each given every third document in order.
	dir := t.TempDir()
	ex := script(t, `while read -r line; do
  doc=$(printf '%s' "$line" | sed 's/^{"doc":"\([^"]*\)".*/\1/')
  echo "$doc" >> '`+dir+`'/$$
  printf '{"doc":"%s","mentions":[]}\n' "$doc"
done
`)
	code, _, errs := runCLI(t, "", "eval", "--extractor", ex, "--jobs", "3")
	require.Equal(t, exitOK, code, errs)
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var streams []string
	for _, e := range entries {
		streams = append(streams, strings.Join(lines(t, filepath.Join(dir, e.Name())), " "))
	}
	ids := seedIDs()
	assert.ElementsMatch(t, []string{
		ids[0] + " " + ids[3],
		ids[1] + " " + ids[4],
		ids[2],
	}, streams, "process k gets documents k, k+3, … in corpus order")
}

func TestEvalProgressLines(t *testing.T) {
	needSh(t)
	ex := script(t, recorder(filepath.Join(t.TempDir(), "stream")))
	code, _, errs := runCLI(t, "", "eval", "--extractor", ex, "--progress")
	require.Equal(t, exitOK, code, errs)
	assert.Contains(t, errs, "arabench eval: "+ex+": 5 of 5 documents in ", "the closing line for logs")

	code, _, errs = runCLI(t, "", "eval", "--extractor", ex)
	require.Equal(t, exitOK, code, errs)
	assert.Empty(t, errs, "no progress when stderr is not a terminal and --progress is not given")
}

func TestProgressEveryFewSeconds(t *testing.T) {
	defer func(d time.Duration) { progressEvery = d }(progressEvery)
	progressEvery = 20 * time.Millisecond
	var buf bytes.Buffer
	p := startProgress(&buf, "cmd:tagger", 10, true)
	p.set(3)
	time.Sleep(100 * time.Millisecond)
	p.finish()
	got := strings.Split(strings.TrimSuffix(buf.String(), "\n"), "\n")
	require.GreaterOrEqual(t, len(got), 2, buf.String())
	assert.True(t, strings.HasPrefix(got[0], "arabench eval: cmd:tagger: 3 of 10 documents in "), got[0])
	assert.True(t, strings.HasPrefix(got[len(got)-1], "arabench eval: cmd:tagger: 3 of 10 documents in "), "a closing line")

	buf.Reset()
	p = startProgress(&buf, "cmd:tagger", 10, false)
	p.set(3)
	p.finish()
	assert.Empty(t, buf.String(), "nothing without --progress off a terminal")
}

func TestProgressLine(t *testing.T) {
	cases := []struct {
		done, total int
		elapsed     time.Duration
		end         bool
		want        string
	}{
		{0, 100, 0, false, "0 of 100 documents in 0s"},
		{0, 100, 5 * time.Second, false, "0 of 100 documents in 5s"},
		// 20 in 10s is 2/s; 80 left take 40s.
		{20, 100, 10 * time.Second, false, "20 of 100 documents in 10s, 2.0 docs/s, about 40s left"},
		{100, 100, 50 * time.Second, true, "100 of 100 documents in 50s, 2.0 docs/s"},
		// Interrupted: the closing line has no time left.
		{30, 100, 10 * time.Second, true, "30 of 100 documents in 10s, 3.0 docs/s"},
	}
	for _, tc := range cases {
		assert.Equal(t, tc.want, progressLine(tc.done, tc.total, tc.elapsed, tc.end), fmt.Sprint(tc.done, tc.elapsed))
	}
}
