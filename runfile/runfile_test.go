package runfile

import (
	"bytes"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/render"
	"github.com/arabench/arabench/signature"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// runFixture is a two-document corpus, predictions on it and their run file.
func runFixture(t testing.TB) (*corpus.Corpus, map[string][]corpus.Mention, []byte) {
	t.Helper()
	c := &corpus.Corpus{Name: "fixture-2", Documents: []corpus.Document{
		{ID: "a", Text: "قال بوتين إن لافروف زار موسكو."},
		{ID: "b", Text: "Putin met Lavrov."},
	}}
	a, b := c.Documents[0].Text, c.Documents[1].Text
	mention := func(text, sub, typ string) corpus.Mention {
		i := strings.Index(text, sub)
		require.GreaterOrEqual(t, i, 0)
		return corpus.Mention{Start: i, End: i + len(sub), Type: typ, Text: sub}
	}
	preds := map[string][]corpus.Mention{
		"a": {mention(a, "بوتين", "PER"), mention(a, "موسكو", "LOC")},
		"b": {mention(b, "Lavrov", "PER")},
	}
	docs := []metrics.Doc{{ID: "a", Text: a, Pred: preds["a"]}, {ID: "b", Text: b, Pred: preds["b"]}}
	sig := signature.Signature{Gold: "3f2a9c1e", Corpus: c.Name, Norm: "none", Scheme: "strict", Avg: "micro", Boot: "1000@12345"}
	report := metrics.Evaluate(docs, metrics.Options{Signature: sig})
	run, err := NewRun("rules", "v2", c, preds, report, sig)
	require.NoError(t, err)
	run.CI = bootstrap.Bootstrap{Seed: bootstrap.DefaultSeed, Resamples: 20}.Intervals(bootstrap.SentenceUnits(docs))
	var buf bytes.Buffer
	require.NoError(t, run.Write(&buf))
	return c, preds, buf.Bytes()
}

func TestRunFileRoundTrip(t *testing.T) {
	c, preds, file := runFixture(t)
	run, err := ReadRun("run.json", bytes.NewReader(file))
	require.NoError(t, err)
	assert.Equal(t, Format, run.Format)
	assert.Equal(t, "rules", run.Extractor)
	assert.Equal(t, "v2", run.ExtractorVersion)
	assert.Equal(t, signature.Version, run.Arabench)
	assert.Contains(t, run.Signature, "|boot:1000@12345")
	assert.Len(t, run.Metrics, len(metrics.Schemes), "every metric, under every scheme")
	require.NotNil(t, run.CI)
	assert.Equal(t, 20, run.CI.Resamples)
	// Code points in the file: بوتين starts after "قال " (4 code points, 7 bytes).
	assert.Equal(t, Mention{Start: 4, End: 9, Type: "PER", Text: "بوتين"}, run.Predictions[0].Mentions[0])
	got, errs := run.Mentions("run.json", c)
	assert.Empty(t, errs)
	assert.Equal(t, preds, got)
}

func TestRunFileRecordsDocumentsNotScored(t *testing.T) {
	c, preds, _ := runFixture(t)
	delete(preds, "b")
	run, err := NewRun("rules", "", c, preds, metrics.Evaluate(nil, metrics.Options{}), signature.Signature{Corpus: signature.CorpusHash(c.Documents)})
	require.NoError(t, err)
	assert.Equal(t, metrics.Coverage{Documents: 2, Scored: 2}, run.Coverage(), "every document is scored until marked")
	require.NoError(t, run.MarkDoc("b", metrics.StatusFailed, "no answer within 30s"))
	assert.ErrorContains(t, run.MarkDoc("a", metrics.StatusFailed, "x"), `doc "a" is failed but has 2 predictions`)
	assert.ErrorContains(t, run.MarkDoc("zz", metrics.StatusNotRun, ""), `no doc "zz"`)
	assert.ErrorContains(t, run.MarkDoc("b", metrics.StatusScored, ""), "is not the status of a document that was not scored")

	var buf bytes.Buffer
	require.NoError(t, run.Write(&buf))
	assert.Contains(t, buf.String(), `"status": "failed",`+"\n"+`   "error": "no answer within 30s"`)
	back, err := ReadRun("run.json", &buf)
	require.NoError(t, err)
	cov := back.Coverage()
	assert.Equal(t, metrics.Coverage{Documents: 2, Scored: 1, Failed: []string{"b"}}, cov)
	assert.False(t, cov.Complete())
	assert.Equal(t, []string{"b"}, cov.Unscored())
	assert.Equal(t, `1 of 2 documents failed; scores cover all 2 documents, the 1 not scored counted as empty predictions (their gold mentions missed)`, cov.Summary())
}

func TestReadRunReadsFormat1AsAllScored(t *testing.T) {
	// A file written before statuses existed: no status field anywhere.
	old := `{"format":"arabench-run/1","signature":"arabench:1.0|gold:fa853faa|corpus:seed-5|norm:none|scheme:strict|avg:micro",` +
		`"predictions":[{"doc":"a","mentions":[]},{"doc":"b","mentions":[{"start":0,"end":5,"type":"PER"}]}]}`
	run, err := ReadRun("old.json", strings.NewReader(old))
	require.NoError(t, err)
	assert.Equal(t, "arabench-run/1", run.Format)
	assert.Equal(t, metrics.Coverage{Documents: 2, Scored: 2}, run.Coverage())
	assert.True(t, run.Predictions[0].Scored())
}

func TestCoverageSummary(t *testing.T) {
	for _, tc := range []struct {
		name string
		cov  metrics.Coverage
		want string
	}{
		{"every document scored", metrics.Coverage{Documents: 37, Scored: 37}, ""},
		{"three failed of 37",
			metrics.Coverage{Documents: 37, Scored: 34, Failed: []string{"a", "b", "c"}},
			`3 of 37 documents failed; scores cover all 37 documents, the 3 not scored counted as empty predictions (their gold mentions missed)`},
		{"an interrupted run counts what failed and what never ran",
			metrics.Coverage{Documents: 10, Scored: 5, Failed: []string{"a"}, NotRun: []string{"f", "g", "h", "i"}, Partial: true},
			`interrupted run: 1 of 10 documents failed, 4 of 10 documents never ran; scores cover all 10 documents, the 5 not scored counted as empty predictions (their gold mentions missed)`},
		{"missing predictions",
			metrics.Coverage{Documents: 5, Scored: 3, Missing: []string{"d", "e"}},
			`2 of 5 documents had no predictions; scores cover all 5 documents, the 2 not scored counted as empty predictions (their gold mentions missed)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			assert.Equal(t, tc.want, tc.cov.Summary())
			assert.Equal(t, tc.want == "", tc.cov.Complete())
		})
	}
}

func TestReadRunRefusesBadFiles(t *testing.T) {
	_, _, file := runFixture(t)
	valid := string(file)
	replace := func(old, new string) string {
		require.Contains(t, valid, old)
		return strings.Replace(valid, old, new, 1)
	}
	for _, tc := range []struct {
		name, content, want string
	}{
		{"an empty file", "", "run.json: empty file, not a run file"},
		{"a truncated file", valid[:len(valid)/2], "run.json: truncated run file"},
		{"a run file from a future format", replace(`"format": "arabench-run/2"`, `"format": "arabench-run/3"`),
			`run.json: run file format "arabench-run/3", this arabench reads "arabench-run/2": re-run`},
		{"an unknown status", replace(`"status": "scored"`, `"status": "skipped"`),
			`run.json: doc "a": unknown status "skipped" (want scored, failed, not_run or missing)`},
		{"a failed document with predictions", replace(`"status": "scored"`, `"status": "failed"`),
			`run.json: doc "a" is failed but holds 2 predictions: the file is damaged`},
		{"a status in a format 1 file", replace(`"format": "arabench-run/2"`, `"format": "arabench-run/1"`),
			`run.json: doc "a" has a status, which format "arabench-run/1" does not have`},
		{"another tool's JSON", `{"format": "sacrebleu", "score": 31.2}`, `format "sacrebleu" is not an arabench run file`},
		{"JSON without a format", `{"extractor": "x"}`, `no "format" field`},
		{"not JSON at all", "BLEU = 31.2", "run.json:1:1: not a run file: invalid character 'B'"},
		{"an offset of the wrong type", replace(`"start": 4`, `"start": "4"`),
			`field "predictions.mentions.start" holds a JSON string where a run file has a number`},
		{"predictions of the wrong type", replace(`"predictions": [`, `"predictions": {"x": 1}, "old_predictions": [`),
			`field "predictions" holds a JSON object where a run file has an array`},
		{"a bad signature", replace(`"signature": "arabench:1.0|`, `"signature": "arabench:1.0|colour:red|`), `bad signature: signature: unknown part "colour"`},
		{"no predictions", replace(`"predictions": [`, `"predictionz": [`), `no "predictions"`},
		{"two runs in one file", valid + valid, "unexpected data after the run"},
		{"trailing garbage", valid + "garbage", "unexpected data after the run"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run, err := ReadRun("run.json", strings.NewReader(tc.content))
			assert.Nil(t, run)
			assert.ErrorContains(t, err, tc.want)
		})
	}
}

func TestReadRunPointsAtLineAndColumn(t *testing.T) {
	_, _, file := runFixture(t)
	valid := string(file)
	// The fixture ends with "}\n": text after it starts on the line after
	// its last newline.
	lastLine := strings.Count(valid, "\n") + 1
	for _, tc := range []struct {
		name, content, want string
	}{
		{"a syntax error names the line and the column of the wrong character",
			"{\n \"format\": \"arabench-run/1\",\n x\n}",
			"run.json:3:2: not a run file: invalid character 'x' looking for beginning of object key string"},
		// Line 2 is ` "format": 1`: a space, "format" in columns 2-9, the
		// colon in 10, a space in 11, and the number in 12.
		{"a value of the wrong type is pointed at where it starts", "{\n \"format\": 1\n}",
			`run.json:2:12: field "format" holds a JSON number where a run file has a string`},
		// بوتين is 5 code points of 2 bytes each: the 1 is at code point
		// column 34, byte column 39.
		{"columns count code points, not bytes", `{"extractor": "بوتين", "format": 1}`,
			`run.json:1:34: field "format" holds a JSON number where a run file has a string`},
		// Line 3 is `  {"start": "4\""}`: the string opens in column 13,
		// and the escaped quote inside it does not end it.
		{"a string of the wrong type is pointed at by its opening quote",
			"{\"predictions\": [\n {\"doc\": \"a\", \"mentions\": [\n  {\"start\": \"4\\\"\"}]}]}",
			`run.json:3:13: field "predictions.mentions.start" holds a JSON string where a run file has a number`},
		{"an array of the wrong type is pointed at by its bracket", `{"predictions": [], "metrics": {}}`,
			`run.json:1:32: field "metrics" holds a JSON object where a run file has an array`},
		{"data after the run is pointed at where it starts", valid + "\n\n  garbage",
			fmt.Sprintf("run.json:%d:3: unexpected data after the run", lastLine+2)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run, err := ReadRun("run.json", strings.NewReader(tc.content))
			assert.Nil(t, run)
			require.Error(t, err)
			assert.True(t, strings.HasPrefix(err.Error(), tc.want), "got %v\nwant %s…", err, tc.want)
		})
	}
}

func TestRunWriteFile(t *testing.T) {
	_, _, file := runFixture(t)
	run, err := ReadRun("run.json", bytes.NewReader(file))
	require.NoError(t, err)

	t.Run("the file is complete and readable by all", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "run.json")
		require.NoError(t, run.WriteFile(path))
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o644), info.Mode().Perm())
		got, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, string(file), string(got))
		assert.Equal(t, []string{"run.json"}, dirNames(t, dir), "no temporary file is left")
	})

	t.Run("an existing file is replaced, mode and content", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "run.json")
		require.NoError(t, os.WriteFile(path, []byte("old"), 0o600))
		require.NoError(t, run.WriteFile(path))
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.Equal(t, os.FileMode(0o644), info.Mode().Perm())
		got, err := os.ReadFile(path)
		require.NoError(t, err)
		assert.Equal(t, string(file), string(got))
	})

	t.Run("a failed write leaves neither a temporary file nor the target", func(t *testing.T) {
		bad := *run
		bad.Metrics = append([]render.JSONReport(nil), run.Metrics...)
		bad.Metrics[0].Macro.F1 = math.NaN() // JSON has no NaN: encoding fails
		dir := t.TempDir()
		err := bad.WriteFile(filepath.Join(dir, "run.json"))
		assert.ErrorContains(t, err, "unsupported value: NaN")
		assert.Empty(t, dirNames(t, dir))
	})

	t.Run("a failed rename leaves no temporary file and the target as it was", func(t *testing.T) {
		dir := t.TempDir()
		path := filepath.Join(dir, "run.json")
		require.NoError(t, os.Mkdir(path, 0o755))
		assert.Error(t, run.WriteFile(path), "a folder cannot be replaced by a file")
		assert.Equal(t, []string{"run.json"}, dirNames(t, dir))
		info, err := os.Stat(path)
		require.NoError(t, err)
		assert.True(t, info.IsDir())
	})

	t.Run("a missing folder is an error", func(t *testing.T) {
		assert.Error(t, run.WriteFile(filepath.Join(t.TempDir(), "missing", "run.json")))
	})
}

// dirNames lists the names in dir.
func dirNames(t *testing.T, dir string) []string {
	t.Helper()
	entries, err := os.ReadDir(dir)
	require.NoError(t, err)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
	}
	return names
}

func TestReadRunRefusesEveryTruncation(t *testing.T) {
	_, _, file := runFixture(t)
	trimmed := bytes.TrimRight(file, "\n")
	for n := 0; n < len(trimmed); n++ {
		_, err := ReadRun("run.json", bytes.NewReader(trimmed[:n]))
		require.Error(t, err, "the first %d bytes", n)
	}
	_, err := ReadRun("run.json", bytes.NewReader(trimmed))
	assert.NoError(t, err, "the whole file without its final newline")
}

func TestRunMentionsReportsWhatDoesNotFit(t *testing.T) {
	c, _, file := runFixture(t)
	read := func(edit func(r *Run)) []error {
		run, err := ReadRun("run.json", bytes.NewReader(file))
		require.NoError(t, err)
		edit(run)
		_, errs := run.Mentions("run.json", c)
		return errs
	}
	for _, tc := range []struct {
		name string
		edit func(r *Run)
		want string
	}{
		{"a document not in the corpus", func(r *Run) { r.Predictions[1].Doc = "zz" },
			`run.json: doc "zz" is not in corpus fixture-2`},
		{"a document listed twice", func(r *Run) { r.Predictions[1].Doc = "a" }, `run.json: doc "a" is listed twice`},
		{"a document missing from the run", func(r *Run) { r.Predictions = r.Predictions[:1] },
			`run.json: doc "b" of corpus fixture-2 has no entry in the run`},
		{"offsets past the end", func(r *Run) { r.Predictions[1].Mentions[0].End = 99 },
			`run.json: doc "b": mention 1: code point offset 99 out of range`},
		{"reversed offsets", func(r *Run) { r.Predictions[0].Mentions[1].Start = 30 },
			`run.json: doc "a": mention 2: span [30,29) is reversed`},
		{"a mention without a type", func(r *Run) { r.Predictions[0].Mentions[0].Type = "" },
			`run.json: doc "a": mention 1 has no type`},
		{"a text that is not the span's", func(r *Run) { r.Predictions[1].Mentions[0].Text = "Lavrof" },
			`text "Lavrof" differs from the span [10,16) of the document, "Lavrov": the run was made on other texts`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			errs := read(tc.edit)
			require.NotEmpty(t, errs)
			assert.ErrorContains(t, errs[0], tc.want)
		})
	}
	// What fits is kept.
	run, err := ReadRun("run.json", bytes.NewReader(file))
	require.NoError(t, err)
	run.Predictions[1].Mentions[0].End = 99
	got, errs := run.Mentions("run.json", c)
	assert.Len(t, errs, 1)
	assert.Len(t, got["a"], 2)
	assert.Empty(t, got["b"])
}

func FuzzReadRun(f *testing.F) {
	c, _, file := runFixture(f)
	f.Add(file)
	f.Add([]byte(`{"format":"arabench-run/1","signature":"arabench:1.0|gold:x|corpus:y|norm:none|scheme:strict|avg:micro","predictions":[{"doc":"a","mentions":[{"start":-1,"end":3}]}]}`))
	f.Add([]byte(`{"format":"arabench-run/2"}`))
	f.Add([]byte(`[]`))
	f.Add([]byte("\ufeff{\"predictions\":[{\"doc\":\"b\",\"status\":\"failed\",\"mentions\":[]}],\"Format\":\"arabench-run/2\",\"signature\":\"arabench:1.0|gold:x|corpus:y|norm:none|scheme:strict|avg:micro\",\"partial\":true}"))
	f.Fuzz(func(t *testing.T, data []byte) {
		// ReadRun and the Scanner read what json.Unmarshal of the whole
		// file reads, and refuse what it refuses.
		compareWithReference(t, data)
		run, err := ReadRun("fuzz.json", bytes.NewReader(data))
		if err != nil {
			assert.True(t, strings.HasPrefix(err.Error(), "fuzz.json"), "errors name the file: %v", err)
			return
		}
		got, errs := run.Mentions("fuzz.json", c)
		for id, ms := range got {
			d, ok := c.Doc(id)
			require.True(t, ok)
			for _, m := range ms {
				require.True(t, 0 <= m.Start && m.Start <= m.End && m.End <= len(d.Text), fmt.Sprint(m))
			}
		}
		for _, e := range errs {
			assert.True(t, strings.HasPrefix(e.Error(), "fuzz.json"), "errors name the file: %v", e)
		}
	})
}

// TestRunFileWithInvalidUTF8AndABOMReadsBack: a document holding bytes that
// are not UTF-8 is written with U+FFFD in its mentions' texts (encoding/json
// replaces them); reading the run back against the same document still
// matches every mention. A BOM before the JSON is skipped.
func TestRunFileWithInvalidUTF8AndABOMReadsBack(t *testing.T) {
	text := "قال \xff\xfeبوتين في موسكو"
	c := &corpus.Corpus{Name: "x", Documents: []corpus.Document{{ID: "a", Text: text}}}
	start := len("قال ")
	preds := map[string][]corpus.Mention{"a": {{Start: start, End: start + 2 + len("بوتين"), Type: "PER", Text: text[start : start+2+len("بوتين")]}}}
	run, err := NewRun("x", "", c, preds, metrics.Evaluate(nil, metrics.Options{}), signature.Signature{Corpus: signature.CorpusHash(c.Documents)})
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, run.Write(&buf))
	assert.Contains(t, buf.String(), `"\ufffd\ufffdبوتين"`, "each invalid byte is written as U+FFFD")
	back, err := ReadRun("run.json", io.MultiReader(strings.NewReader("\ufeff"), &buf))
	require.NoError(t, err)
	got, errs := back.Mentions("run.json", c)
	assert.Empty(t, errs)
	assert.Equal(t, preds, got)
}
