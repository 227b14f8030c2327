package runfile

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/signature"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// scanAll reads every document of a run file with a Scanner.
func scanAll(t testing.TB, name string, r io.ReadSeeker) (*Run, error) {
	t.Helper()
	s, err := NewScanner(name, r)
	if err != nil {
		return nil, err
	}
	run := *s.Header()
	run.Predictions = []Doc{}
	for s.Scan() {
		run.Predictions = append(run.Predictions, s.Doc())
	}
	return &run, s.Err()
}

// smallReads hands out its bytes a few at a time, so that every value the
// scanner reads is cut across reads.
type smallReads struct {
	*bytes.Reader
	n int
}

func (r smallReads) Read(p []byte) (int, error) { return r.Reader.Read(p[:min(len(p), r.n)]) }

// moveField moves the field key (with its value, up to the next top-level
// comma or the end) of a run file written by Run.Write to the end.
func moveField(t *testing.T, file []byte, key string) string {
	t.Helper()
	var fields map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(file, &fields))
	var b strings.Builder
	b.WriteString("{")
	first := true
	write := func(k string) {
		if !first {
			b.WriteString(",\n")
		}
		first = false
		fmt.Fprintf(&b, "%q: %s", k, fields[k])
	}
	for _, k := range []string{"shard", "partial", "ci", "metrics", "signature", "extractor_version", "extractor", "arabench", "format", "predictions"} {
		if _, ok := fields[k]; ok && k != key {
			write(k)
		}
	}
	write(key)
	b.WriteString("}\n")
	return b.String()
}

func TestScannerReadsWhatReadRunReads(t *testing.T) {
	_, _, file := runFixture(t)
	want, err := ReadRun("run.json", bytes.NewReader(file))
	require.NoError(t, err)
	for _, tc := range []struct {
		name string
		file string
	}{
		{"as Run.Write writes it", string(file)},
		{"predictions last", moveField(t, file, "predictions")},
		{"format and signature after the predictions", moveField(t, file, "format")},
		{"after a byte order mark", "\ufeff" + string(file)},
		{"on one line", compact(t, file)},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for _, n := range []int{1, 3, 1 << 20} {
				got, err := scanAll(t, "run.json", smallReads{bytes.NewReader([]byte(tc.file)), n})
				require.NoError(t, err, "reads of %d bytes", n)
				assert.Equal(t, want, got, "reads of %d bytes", n)
			}
		})
	}
}

func compact(t *testing.T, file []byte) string {
	var b bytes.Buffer
	require.NoError(t, json.Compact(&b, file))
	return b.String()
}

func TestScannerHeaderComesBeforeTheDocuments(t *testing.T) {
	_, _, file := runFixture(t)
	s, err := NewScanner("run.json", bytes.NewReader([]byte(moveField(t, file, "metrics"))))
	require.NoError(t, err)
	assert.Equal(t, "rules", s.Header().Extractor)
	assert.Len(t, s.Header().Metrics, len(metrics.Schemes), "a field after the predictions is read before the first document")
	assert.Nil(t, s.Header().Predictions)
	require.NotNil(t, s.Header().CI)
}

func TestScannerRewindsAndCounts(t *testing.T) {
	c, preds, _ := runFixture(t)
	delete(preds, "b")
	run, err := NewRun("rules", "", c, preds, metrics.Evaluate(nil, metrics.Options{}), signature.Signature{Corpus: signature.CorpusHash(c.Documents)})
	require.NoError(t, err)
	require.NoError(t, run.MarkDoc("b", metrics.StatusNotRun, "interrupted"))
	run.Partial = true
	var buf bytes.Buffer
	require.NoError(t, run.Write(&buf))
	s, err := NewScanner("run.json", bytes.NewReader(buf.Bytes()))
	require.NoError(t, err)
	for pass := 1; pass <= 2; pass++ {
		var ids []string
		for s.Scan() {
			ids = append(ids, s.Doc().Doc)
		}
		require.NoError(t, s.Err())
		assert.Equal(t, []string{"a", "b"}, ids, "pass %d", pass)
		assert.Equal(t, run.Coverage(), s.Coverage(), "pass %d", pass)
		assert.False(t, s.Scan(), "the end stays the end")
		require.NoError(t, s.Rewind())
	}
}

func TestScannerRefusesBadFiles(t *testing.T) {
	_, _, file := runFixture(t)
	valid := string(file)
	replace := func(old, new string) string {
		require.Contains(t, valid, old)
		return strings.Replace(valid, old, new, 1)
	}
	lastLine := strings.Count(valid, "\n") + 1
	// The line of the second document's first mention, and its offset.
	docB := strings.Count(valid[:strings.Index(valid, `"start": 10`)], "\n") + 1
	for _, tc := range []struct {
		name, content string
		// atOpen: the error comes from NewScanner, else from Scan.
		atOpen bool
		want   string
	}{
		{"an empty file", " \n", true, "run.json: empty file, not a run file"},
		{"a truncated file", valid[:len(valid)/2], true, "run.json: truncated run file"},
		{"a file cut after a document", valid[:strings.Index(valid, `{`+"\n   \"doc\": \"b\"")], true, "run.json: truncated run file"},
		{"a future format, found before any document is read", replace(`"format": "arabench-run/2"`, `"format": "arabench-run/3"`), true,
			`run.json: run file format "arabench-run/3", this arabench reads "arabench-run/2": re-run`},
		{"an unknown status", replace(`"status": "scored"`, `"status": "skipped"`), false,
			`run.json: doc "a": unknown status "skipped" (want scored, failed, not_run or missing)`},
		{"a status in a format 1 file", replace(`"format": "arabench-run/2"`, `"format": "arabench-run/1"`), false,
			`run.json: doc "a" has a status, which format "arabench-run/1" does not have`},
		{"an offset of the wrong type in the second document", replace(`"start": 10`, `"start": "10"`), false,
			fmt.Sprintf(`run.json:%d:15: field "predictions.mentions.start" holds a JSON string where a run file has a number`, docB)},
		{"a syntax error in a document", replace(`"start": 10`, `"start": 10 x`), false,
			fmt.Sprintf(`run.json:%d:18: not a run file: invalid character 'x' after object key:value pair`, docB)},
		{"a literal run on into letters", replace(`"extractor_version"`, `"x": truex, "extractor_version"`), true, "invalid character 'x' after object key:value pair"},
		{"a document that is not an object", replace(`"predictions": [`, `"predictions": [5, `), false,
			`run.json:7:18: field "predictions" holds a JSON number where a run file has an object`},
		{"a bracket that closes another kind", replace(`"start": 10`, `"start": [10}`), true,
			fmt.Sprintf(`run.json:%d:18: not a run file: invalid character '}' after array element`, docB)},
		{"predictions of the wrong type", replace(`"predictions": [`, `"predictions": {"x": 1}, "old_predictions": [`), true,
			`field "predictions" holds a JSON object where a run file has an array`},
		{"a field of the wrong type after the predictions", replace(`"resamples": 20`, `"resamples": "20"`), true,
			`field "ci.resamples" holds a JSON string where a run file has a number`},
		{"a field given twice", replace(`"extractor": "rules"`, `"extractor": "rules", "EXTRACTOR": "gazetteer"`), true,
			`run.json:4:24: field "extractor" appears twice: the file is damaged`},
		{"no predictions", replace(`"predictions": [`, `"predictionz": [`), true, `no "predictions"`},
		{"two runs in one file", valid + valid, true, fmt.Sprintf("run.json:%d:1: unexpected data after the run", lastLine)},
		{"a comma before the end of the predictions", replace("\n ],\n \"metrics\"", ",\n ],\n \"metrics\""), false,
			"not a run file: invalid character ']' looking for beginning of value"},
		{"not JSON at all", "BLEU = 31.2", true, "run.json:1:1: not a run file: invalid character 'B' looking for beginning of value"},
		{"an array", "[]", true, `run.json:1:1: field "" holds a JSON array where a run file has an object`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if _, err := readRunReference("run.json", []byte(tc.content)); err != nil && placed.MatchString(tc.want) && placed.MatchString(err.Error()) {
				assert.Equal(t, placed.FindString(err.Error()), placed.FindString(tc.want), "the place json.Unmarshal of the whole file gives: %v", err)
			}
			s, err := NewScanner("run.json", bytes.NewReader([]byte(tc.content)))
			if tc.atOpen {
				require.Error(t, err)
				assert.ErrorContains(t, err, tc.want)
				return
			}
			require.NoError(t, err)
			for s.Scan() {
			}
			require.Error(t, s.Err())
			assert.ErrorContains(t, s.Err(), tc.want)
			assert.False(t, s.Scan())
			_, err = ReadRun("run.json", strings.NewReader(tc.content))
			assert.ErrorContains(t, err, tc.want, "ReadRun says the same")
		})
	}
}

// placed matches the place an error names.
var placed = regexp.MustCompile(`^run\.json:\d+:\d+:`)

func TestOpenClosesWhatItOpened(t *testing.T) {
	_, _, file := runFixture(t)
	path := filepath.Join(t.TempDir(), "run.json")
	require.NoError(t, os.WriteFile(path, file, 0o644))
	s, err := Open(path)
	require.NoError(t, err)
	require.True(t, s.Scan())
	assert.Equal(t, "a", s.Doc().Doc)
	require.NoError(t, s.Close())
	assert.Error(t, s.closer.(*os.File).Close(), "the file is closed")

	require.NoError(t, os.WriteFile(path, []byte("{}"), 0o644))
	_, err = Open(path)
	assert.ErrorContains(t, err, path+`: no "format" field`)
	_, err = Open(filepath.Join(t.TempDir(), "missing.json"))
	assert.ErrorIs(t, err, os.ErrNotExist)
}

func TestAlignerGivesEachDocumentsMentions(t *testing.T) {
	c := &corpus.Corpus{Name: "abc", Documents: []corpus.Document{
		{ID: "a", Text: "Putin met Lavrov."}, {ID: "b", Text: "no one"}, {ID: "c", Text: "Lavrov left."},
	}}
	doc := func(id string, ms ...Mention) Doc { return Doc{Doc: id, Mentions: ms} }
	per := func(s, e int) Mention { return Mention{Start: s, End: e, Type: "PER"} }
	for _, tc := range []struct {
		name    string
		docs    []Doc
		inOrder bool
	}{
		{"in corpus order", []Doc{doc("a", per(0, 5), per(10, 16)), doc("b"), doc("c", per(0, 6))}, true},
		{"a document missing, one not in the corpus, one listed twice",
			[]Doc{doc("a", per(0, 5)), doc("zz", per(0, 1)), doc("a", per(10, 16)), doc("c", per(0, 6))}, true},
		{"in another order", []Doc{doc("c", per(0, 6)), doc("a", per(0, 5)), doc("b")}, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			run := &Run{Format: Format, Signature: "arabench:1.0|gold:x|corpus:abc|norm:none|scheme:strict|avg:micro", Predictions: tc.docs}
			want, wantErrs := run.Mentions("run.json", c)
			var buf bytes.Buffer
			require.NoError(t, run.Write(&buf))
			s, err := NewScanner("run.json", bytes.NewReader(buf.Bytes()))
			require.NoError(t, err)
			m := NewMatcher("run.json", c)
			for s.Scan() {
				m.Match(s.Doc())
			}
			require.NoError(t, s.Err())
			assert.Equal(t, wantErrs, m.Finish(), "the problems Run.Mentions reports")
			assert.Equal(t, tc.inOrder, m.InOrder())

			a, err := NewAligner(s, c, m.InOrder())
			require.NoError(t, err)
			got := map[string][]corpus.Mention{}
			for k, d := range c.Documents {
				ms, err := a.Mentions(k)
				require.NoError(t, err)
				if len(ms) > 0 {
					got[d.ID] = ms
				}
			}
			assert.Equal(t, want, got)
			_, err = a.Mentions(0)
			assert.ErrorContains(t, err, "asked for after")
		})
	}
	t.Run("a run said to be in order that is not", func(t *testing.T) {
		// b, a, c: a turns up after b, and the aligner says so.
		run := &Run{Format: Format, Signature: "arabench:1.0|gold:x|corpus:abc|norm:none|scheme:strict|avg:micro",
			Predictions: []Doc{doc("b"), doc("a"), doc("c")}}
		var buf bytes.Buffer
		require.NoError(t, run.Write(&buf))
		s, err := NewScanner("run.json", bytes.NewReader(buf.Bytes()))
		require.NoError(t, err)
		a, err := NewAligner(s, c, true)
		require.NoError(t, err)
		_, err = a.Mentions(0)
		require.NoError(t, err, "no a before b: a has no entry so far")
		_, err = a.Mentions(1)
		require.NoError(t, err)
		_, err = a.Mentions(2)
		assert.ErrorContains(t, err, "not in corpus order")
	})
}

func TestValueScanFindsTheEndInAnyCut(t *testing.T) {
	for _, tc := range []struct {
		name, value string
		end         valueEnd
	}{
		{"an object with escaped quotes and brackets in strings", `{"a": "x\"}]\\", "b": [1, {"c": "]"}]}`, valueEnded},
		{"a string", `"a \"quoted\" word"`, valueEnded},
		{"a number", `-12.5e3`, valueEnded},
		{"a literal", `true`, valueEnded},
		{"a bracket closing another", `{"a": [1}`, valueMismatched},
		{"a string cut", `"abc`, valueCut},
		{"an object cut", `{"a": [1, 2]`, valueCut},
	} {
		t.Run(tc.name, func(t *testing.T) {
			for n := 1; n <= len(tc.value); n++ {
				var l lexer
				l.reset(smallReads{bytes.NewReader([]byte(tc.value + " ,")), n}, 0)
				raw, start, end, err := l.value()
				require.NoError(t, err)
				assert.Equal(t, tc.end, end, "reads of %d bytes", n)
				assert.Equal(t, int64(0), start)
				assert.Equal(t, tc.value, strings.TrimRight(string(raw), " ,"), "reads of %d bytes", n)
			}
		})
	}
}

// readRunReference is ReadRun as it was before the Scanner: the whole file
// decoded by json.Unmarshal. FuzzReadRun checks the two agree.
func readRunReference(name string, data []byte) (*Run, error) {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	if len(bytes.TrimSpace(data)) == 0 {
		return nil, fmt.Errorf("%s: empty file, not a run file", name)
	}
	var r Run
	if err := json.Unmarshal(data, &r); err != nil {
		var se *json.SyntaxError
		var te *json.UnmarshalTypeError
		switch {
		case errors.As(err, &se):
			return nil, fmt.Errorf("%s:%s: not a run file: %v", name, referencePosition(data, int(se.Offset)-1), err)
		case errors.As(err, &te):
			return nil, fmt.Errorf("%s:%s: field %q holds a JSON %s", name, referencePosition(data, valueStart(data, te.Offset)), te.Field, te.Value)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if err := checkHeader(name, &r, r.Predictions != nil); err != nil {
		return nil, err
	}
	for _, d := range r.Predictions {
		if err := checkDoc(name, r.Format, d); err != nil {
			return nil, err
		}
	}
	return &r, nil
}

func referencePosition(data []byte, i int) string {
	i = min(max(i, 0), len(data))
	before := data[:i]
	lineStart := bytes.LastIndexByte(before, '\n') + 1
	return fmt.Sprintf("%d:%d", bytes.Count(before, []byte{'\n'})+1, utf8.RuneCount(before[lineStart:])+1)
}

// compareWithReference checks that ReadRun and a Scanner read data as the
// reference does: the same run, or an error from each. The one difference
// allowed is a field given twice, which the reference merges.
func compareWithReference(t *testing.T, data []byte) {
	want, wantErr := readRunReference("fuzz.json", data)
	got, err := ReadRun("fuzz.json", bytes.NewReader(data))
	scanned, scanErr := scanAll(t, "fuzz.json", bytes.NewReader(data))
	assert.Equal(t, err == nil, scanErr == nil, "ReadRun: %v\nScanner: %v", err, scanErr)
	if err == nil {
		assert.Equal(t, got, scanned)
	}
	if wantErr == nil && err != nil && strings.Contains(err.Error(), "appears twice") {
		return
	}
	require.Equal(t, wantErr == nil, err == nil, "reference: %v\nReadRun: %v", wantErr, err)
	if err == nil {
		assert.Equal(t, want, got)
	}
}

func TestReadRunReadsAPipeAndTheScannerSaysWhyNot(t *testing.T) {
	_, _, file := runFixture(t)
	pipe := func() *os.File {
		r, w, err := os.Pipe()
		require.NoError(t, err)
		go func() {
			w.Write(file)
			w.Close()
		}()
		t.Cleanup(func() { r.Close() })
		return r
	}
	run, err := ReadRun("run.json", pipe())
	require.NoError(t, err)
	assert.Len(t, run.Predictions, 2)
	_, err = NewScanner("run.json", pipe())
	assert.ErrorContains(t, err, "run.json: ")
	assert.ErrorContains(t, err, "from a file that can seek (not a pipe)")
}
