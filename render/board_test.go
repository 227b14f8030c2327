package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/metrics/metricstest"
	"github.com/arabench/arabench/signature"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// ciBoard is a board of two systems on the seed corpus, the first with
// intervals, the second without.
func ciBoard(t *testing.T, avg metrics.Avg) (*Board, *bootstrap.Intervals) {
	t.Helper()
	docs := metricstest.SeedDocs(t)
	boot := bootstrap.Bootstrap{Resamples: 100, Seed: bootstrap.DefaultSeed}
	sig := signature.Signature{Gold: "fa853faa", Corpus: "seed-5", Norm: "none", Avg: string(avg), Boot: boot.Spec()}
	r := metrics.Evaluate(docs, metrics.Options{Signature: sig})
	ci := boot.Intervals(bootstrap.SentenceUnits(docs))
	return &Board{Entries: []Entry{{Name: "degraded", Report: r, CI: ci}, {Name: "plain", Report: r}},
		Schemes: []metrics.Scheme{metrics.SchemeStrict, metrics.SchemeClitic}, Avg: avg}, ci
}

func TestBoardShowsIntervalsBesideEveryF1(t *testing.T) {
	b, ci := ciBoard(t, metrics.Micro)
	var out bytes.Buffer
	require.NoError(t, b.Write(&out, FormatTable))
	table := out.String()
	assert.Contains(t, table, "strict F1 95% CI")
	assert.Contains(t, table, "clitic F1 95% CI")
	micro, _ := ci.Overall(metrics.SchemeStrict, metrics.Micro)
	assert.Contains(t, table, Fixed(micro.Lo)+"–"+Fixed(micro.Hi))
	per, _ := ci.Type(metrics.SchemeClitic, "PER")
	assert.Contains(t, table, Fixed(per.Lo)+"–"+Fixed(per.Hi))
	assert.Contains(t, table, "|boot:100@12345")
}

func TestBoardIntervalsInCSVAndJSON(t *testing.T) {
	b, ci := ciBoard(t, metrics.Macro)
	var out bytes.Buffer
	require.NoError(t, b.Write(&out, FormatCSV))
	r := csv.NewReader(strings.NewReader(out.String()))
	r.Comment = '#'
	records, err := r.ReadAll()
	require.NoError(t, err)
	header := records[0]
	assert.Equal(t, []string{"strict F1", "strict F1 lo", "strict F1 hi"}, header[5:8])
	var macro, plain []string
	for _, rec := range records[1:] {
		if rec[1] == "macro" && rec[0] == "degraded" {
			macro = rec
		}
		if rec[1] == "macro" && rec[0] == "plain" {
			plain = rec
		}
	}
	require.NotNil(t, macro)
	iv, _ := ci.Overall(metrics.SchemeStrict, metrics.Macro)
	assert.Equal(t, []string{Fixed(iv.Lo), Fixed(iv.Hi)}, macro[6:8], "the overall row takes the interval of the board's average")
	assert.Equal(t, []string{"", ""}, plain[6:8], "a system without intervals leaves the cells blank")

	out.Reset()
	require.NoError(t, b.Write(&out, FormatJSON))
	var got struct {
		Extractors []struct {
			Extractor string               `json:"extractor"`
			CI        *bootstrap.Intervals `json:"ci"`
		} `json:"extractors"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &got))
	require.Len(t, got.Extractors, 2)
	assert.Equal(t, ci.Schemes[metrics.SchemeStrict].Macro, got.Extractors[0].CI.Schemes[metrics.SchemeStrict].Macro)
	assert.Nil(t, got.Extractors[1].CI)
}

func TestBoardWithoutIntervalsHasNoIntervalColumns(t *testing.T) {
	b, _ := ciBoard(t, metrics.Micro)
	for i := range b.Entries {
		b.Entries[i].CI = nil
	}
	var out bytes.Buffer
	require.NoError(t, b.Write(&out, FormatMarkdown))
	assert.NotContains(t, out.String(), "CI")
	assert.Equal(t, []string{"extractor", "type", "support", "strict P", "strict R", "strict F1", "clitic P", "clitic R", "clitic F1"}, b.header(true))
}

func TestBoardSaysWhichDocumentsWereNotScored(t *testing.T) {
	b, _ := ciBoard(t, metrics.Micro)
	failed := metrics.Coverage{Documents: 5, Scored: 3, Failed: []string{"001", "003"}}
	complete := metrics.Coverage{Documents: 5, Scored: 5}
	b.Entries[0].Coverage, b.Entries[1].Coverage = &failed, &complete
	line := `degraded: 2 of 5 documents failed; scores cover all 5 documents, the 2 not scored counted as empty predictions (their gold mentions missed)`
	for _, f := range []Format{FormatTable, FormatMarkdown, FormatCSV} {
		var out bytes.Buffer
		require.NoError(t, b.Write(&out, f))
		assert.Contains(t, out.String(), line, f)
		assert.NotContains(t, out.String(), "plain:", "%s: a complete run adds no line", f)
	}

	var out bytes.Buffer
	require.NoError(t, b.Write(&out, FormatJSON))
	var got struct {
		Extractors []struct {
			Documents struct {
				Documents int      `json:"documents"`
				Scored    int      `json:"scored"`
				Failed    []string `json:"failed"`
				CountAs   string   `json:"unscored_count_as"`
			} `json:"documents"`
		} `json:"extractors"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &got))
	require.Len(t, got.Extractors, 2)
	d := got.Extractors[0].Documents
	assert.Equal(t, 5, d.Documents)
	assert.Equal(t, 3, d.Scored)
	assert.Equal(t, []string{"001", "003"}, d.Failed)
	assert.Equal(t, "empty predictions", d.CountAs)
	assert.Equal(t, 5, got.Extractors[1].Documents.Scored)
}
