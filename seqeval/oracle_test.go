package seqeval

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// readOracleInput reads input.conll as the oracles' score_refs.py fed it to
// seqeval: fields split on single spaces, gold the second-to-last and pred
// the last field; a sentence ends at an empty line or a -X- line; a
// -DOCSTART- line ends the sentence and is not fed; empty sentences are not
// fed.
func readOracleInput(t *testing.T, path string) (gold, pred [][]string) {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	lines := strings.Split(string(data), "\n")
	if lines[len(lines)-1] == "" {
		lines = lines[:len(lines)-1]
	}
	var g, p []string
	end := func() {
		if len(g) > 0 {
			gold, pred = append(gold, g), append(pred, p)
		}
		g, p = nil, nil
	}
	for _, line := range lines {
		if line == "" {
			end()
			continue
		}
		f := strings.Split(line, " ")
		if f[0] == "-X-" || f[0] == "-DOCSTART-" {
			end()
			continue
		}
		require.GreaterOrEqual(t, len(f), 3, "%s: %q", path, line)
		g, p = append(g, f[len(f)-2]), append(p, f[len(f)-1])
	}
	end()
	return gold, pred
}

// oracleRun is one run of seqeval.json: a report with its rows in seqeval's
// order, or the exception seqeval raised.
type oracleRun struct {
	Call  string
	Error string
	Rows  []oracleRow
}

type oracleRow struct {
	Name                  string
	Precision, Recall, F1 float64
	Support               int
}

// oracleRuns reads the runs of a seqeval.json by name ("default",
// "strict_IOB2", ...).
func oracleRuns(t *testing.T, path string) map[string]oracleRun {
	t.Helper()
	data, err := os.ReadFile(path)
	require.NoError(t, err)
	var raw map[string]json.RawMessage
	require.NoError(t, json.Unmarshal(data, &raw))
	runs := map[string]oracleRun{}
	for name, msg := range raw {
		if name != "default" && !strings.HasPrefix(name, "strict_") {
			continue
		}
		var r struct {
			Call   string          `json:"call"`
			Error  string          `json:"error"`
			Report json.RawMessage `json:"report"`
		}
		require.NoError(t, json.Unmarshal(msg, &r), "%s %s", path, name)
		run := oracleRun{Call: r.Call, Error: r.Error}
		if r.Report != nil {
			run.Rows = orderedRows(t, r.Report)
		}
		runs[name] = run
	}
	return runs
}

// orderedRows decodes a report object keeping its keys' order.
func orderedRows(t *testing.T, msg json.RawMessage) []oracleRow {
	t.Helper()
	dec := json.NewDecoder(bytes.NewReader(msg))
	dec.UseNumber()
	_, err := dec.Token()
	require.NoError(t, err)
	var rows []oracleRow
	for dec.More() {
		key, err := dec.Token()
		require.NoError(t, err)
		var v struct {
			Precision, Recall json.RawMessage
			F1                json.RawMessage `json:"f1-score"`
			Support           int
		}
		require.NoError(t, dec.Decode(&v))
		rows = append(rows, oracleRow{
			Name: key.(string), Support: v.Support,
			Precision: oracleFloat(t, v.Precision), Recall: oracleFloat(t, v.Recall), F1: oracleFloat(t, v.F1),
		})
	}
	return rows
}

// oracleFloat reads a JSON number, or the string "NaN".
func oracleFloat(t *testing.T, msg json.RawMessage) float64 {
	t.Helper()
	if string(msg) == `"NaN"` {
		return math.NaN()
	}
	f, err := strconv.ParseFloat(string(msg), 64)
	require.NoError(t, err, string(msg))
	return f
}

// optionsFor maps a run name of seqeval.json to Options.
func optionsFor(t *testing.T, run string) Options {
	t.Helper()
	if run == "default" {
		return Options{}
	}
	sc, err := ParseScheme(strings.TrimPrefix(run, "strict_"))
	require.NoError(t, err)
	return Options{Strict: true, Scheme: sc}
}

// sameFloat is exact equality, NaN equal to NaN.
func sameFloat(a, b float64) bool {
	return a == b || (math.IsNaN(a) && math.IsNaN(b))
}

// diffRun compares a report or an error with an oracle run and returns the
// differences.
func diffRun(want oracleRun, got *Report, err error) []string {
	if want.Error != "" {
		var te *TagError
		switch {
		case err == nil:
			return []string{"seqeval raised " + want.Error + "; got a report"}
		case want.Error == "TypeError: Found input variables without list of list.":
			if !errors.Is(err, ErrNoSentences) {
				return []string{"want ErrNoSentences, got " + err.Error()}
			}
		case errors.As(err, &te):
			if "ValueError: "+te.Reason() != want.Error {
				return []string{fmt.Sprintf("seqeval raised %q, got %q", want.Error, te.Reason())}
			}
		default:
			return []string{fmt.Sprintf("seqeval raised %q, got %v", want.Error, err)}
		}
		return nil
	}
	if err != nil {
		return []string{"unexpected error: " + err.Error()}
	}
	rows := got.Rows()
	if len(rows) != len(want.Rows) {
		return []string{fmt.Sprintf("%d rows, seqeval %d", len(rows), len(want.Rows))}
	}
	var diffs []string
	for i, w := range want.Rows {
		g := rows[i]
		if g.Name != w.Name || g.Support != w.Support || !sameFloat(g.Precision, w.Precision) ||
			!sameFloat(g.Recall, w.Recall) || !sameFloat(g.F1, w.F1) {
			diffs = append(diffs, fmt.Sprintf("row %d: got %s P=%v R=%v F1=%v support=%d, seqeval %s P=%v R=%v F1=%v support=%d",
				i, g.Name, g.Precision, g.Recall, g.F1, g.Support, w.Name, w.Precision, w.Recall, w.F1, w.Support))
		}
	}
	return diffs
}

// TestOracles checks every run of every oracle case: every row's name,
// support, precision, recall and F1 equal to the float64 seqeval returned
// (exact equality), and every exception seqeval raised an error here.
func TestOracles(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "oracles", "cases", "*", "seqeval.json"))
	require.NoError(t, err)
	require.Len(t, dirs, 37, "oracle cases")
	total, equal, errorRuns := 0, 0, 0
	for _, path := range dirs {
		dir := filepath.Dir(path)
		gold, pred := readOracleInput(t, filepath.Join(dir, "input.conll"))
		for name, want := range oracleRuns(t, path) {
			total++
			if want.Error != "" {
				errorRuns++
			}
			t.Run(filepath.Base(dir)+"/"+name, func(t *testing.T) {
				rep, err := ClassificationReport(gold, pred, optionsFor(t, name))
				diffs := diffRun(want, rep, err)
				assert.Empty(t, diffs, want.Call)
				if len(diffs) == 0 {
					equal++
				}
			})
		}
	}
	// 37 default runs, 37 strict IOB2, 2 strict IOBES (the two cases with
	// S-/E- tags) and 1 strict IOB1 (iob1_input); seqeval raised on 4.
	t.Logf("%d of %d seqeval runs equal (%d of them errors seqeval raised)", equal, total, errorRuns)
	assert.Equal(t, []int{77, 4}, []int{total, errorRuns})
	assert.Equal(t, total, equal)
}
