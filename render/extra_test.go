package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/erroranalysis"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/metrics/metricstest"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func fixtureBoard(t *testing.T, ci bool) *Board {
	r := metricstest.FixtureReport(t)
	e := Entry{Name: "fixture", Report: r}
	if ci {
		e.CI = bootstrap.Bootstrap{Resamples: 50, Seed: 1}.Intervals(bootstrap.UnitsOf(r.Docs))
	}
	return &Board{Entries: []Entry{e}, Schemes: []metrics.Scheme{metrics.SchemeStrict, metrics.SchemePartial}, Avg: metrics.Micro}
}

func TestExtraViewsGolden(t *testing.T) {
	r := metricstest.FixtureReport(t)
	rows, err := erroranalysis.PerDoc(r, metrics.SchemeStrict)
	require.NoError(t, err)
	conf := metrics.NewConfusion([]metrics.Doc{metricstest.FixtureDoc(t)}, nil)
	formats := []struct {
		format Format
		ext    string
	}{{FormatTable, "txt"}, {FormatMarkdown, "md"}, {FormatCSV, "csv"}, {FormatJSON, "json"}}
	for _, f := range formats {
		t.Run(string(f.format), func(t *testing.T) {
			var buf bytes.Buffer
			require.NoError(t, WriteBoardCounts(&buf, fixtureBoard(t, false), f.format))
			metricstest.Golden(t, "counts."+f.ext, buf.Bytes())
			buf.Reset()
			require.NoError(t, WritePerDoc(&buf, "fixture", metrics.SchemeStrict, rows, f.format))
			metricstest.Golden(t, "perdoc."+f.ext, buf.Bytes())
			buf.Reset()
			require.NoError(t, WriteConfusion(&buf, "fixture", conf, f.format))
			metricstest.Golden(t, "confusion."+f.ext, buf.Bytes())
		})
	}
}

// TestBoardCountsColumns checks the counts against the fixture's arithmetic
// (see TestFixtureNumbers) and that the board's own columns are unchanged.
func TestBoardCountsColumns(t *testing.T) {
	for _, ci := range []bool{false, true} {
		b := fixtureBoard(t, ci)
		var plain, counts bytes.Buffer
		require.NoError(t, b.Write(&plain, FormatCSV))
		require.NoError(t, WriteBoardCounts(&counts, b, FormatCSV))
		read := func(buf *bytes.Buffer) [][]string {
			cr := csv.NewReader(buf)
			cr.Comment = '#'
			recs, err := cr.ReadAll()
			require.NoError(t, err)
			return recs
		}
		p, c := read(&plain), read(&counts)
		require.Equal(t, len(p), len(c))
		// Each scheme's group of columns is the board's, then the 7 counts.
		width := 3
		if ci {
			width = 5
		}
		for i := range p {
			assert.Equal(t, p[i][:3+width], c[i][:3+width], "row %d: extractor, type, support and strict scores", i)
			assert.Equal(t, p[i][3+width:], c[i][3+width+7:3+2*width+7], "row %d: partial scores", i)
		}
		col := func(name string) int {
			for j, h := range c[0] {
				if h == name {
					return j
				}
			}
			t.Fatalf("no column %q in %v", name, c[0])
			return -1
		}
		micro := c[len(c)-1]
		require.Equal(t, "micro", micro[1])
		// strict: COR 2, INC 3, MIS 1, SPU 1, POS 6, ACT 6; partial: COR 3, PAR 2.
		for name, want := range map[string]string{"strict COR": "2", "strict INC": "3", "strict PAR": "0", "strict MIS": "1",
			"strict SPU": "1", "strict POS": "6", "strict ACT": "6", "partial COR": "3", "partial PAR": "2", "partial INC": "0"} {
			assert.Equal(t, want, micro[col(name)], name)
		}
		loc := c[3]
		require.Equal(t, "LOC", loc[1])
		assert.Equal(t, []string{"0", "1", "0", "1", "0", "2", "1"}, loc[col("strict COR"):col("strict COR")+7],
			"LOC matched alone: وواشنطن INC, موسكو MIS")
	}
}

func TestBoardCountsAverages(t *testing.T) {
	b := fixtureBoard(t, false)
	b.Avg = metrics.Macro
	var buf bytes.Buffer
	require.NoError(t, WriteBoardCounts(&buf, b, FormatCSV))
	cr := csv.NewReader(&buf)
	cr.Comment = '#'
	recs, err := cr.ReadAll()
	require.NoError(t, err)
	last := recs[len(recs)-1]
	assert.Equal(t, "macro", last[1])
	assert.Equal(t, "0.3000", last[3], "macro P of the fixture")
	assert.Equal(t, []string{"", "", "", "", "", "", ""}, last[6:13], "a mean of rows has no counts of its own")
}

func TestExtraViewsJSONDecode(t *testing.T) {
	r := metricstest.FixtureReport(t)
	rows, err := erroranalysis.PerDoc(r, metrics.SchemePartial)
	require.NoError(t, err)
	var buf bytes.Buffer
	require.NoError(t, WritePerDoc(&buf, "x", metrics.SchemePartial, rows, FormatJSON))
	require.NoError(t, WriteConfusion(&buf, "x", metrics.NewConfusion([]metrics.Doc{metricstest.FixtureDoc(t)}, nil), FormatJSON))
	dec := json.NewDecoder(&buf)
	var perDoc struct {
		View string
		Docs []map[string]any `json:"documents"`
	}
	require.NoError(t, dec.Decode(&perDoc))
	assert.Equal(t, "per-doc", perDoc.View)
	require.Len(t, perDoc.Docs, 1)
	assert.Equal(t, 3.0, perDoc.Docs[0]["COR"])
	assert.Equal(t, 2.0, perDoc.Docs[0]["PAR"])
	assert.InDelta(t, 2.0/3, perDoc.Docs[0]["f1"], 1e-12)
	var conf struct {
		View   string
		Labels []string
		Counts [][]int
	}
	require.NoError(t, dec.Decode(&conf), "the views follow one another in one stream")
	assert.Equal(t, "confusion", conf.View)
	assert.Equal(t, "no match", conf.Labels[len(conf.Labels)-1])
	assert.Equal(t, 2, conf.Counts[0][0])
}

func TestExtraViewsUnknownFormat(t *testing.T) {
	err := WritePerDoc(&bytes.Buffer{}, "x", metrics.SchemeStrict, nil, Format("xml"))
	assert.ErrorContains(t, err, `unknown format "xml"`)
	var buf bytes.Buffer
	require.NoError(t, WritePerDoc(&buf, "x", metrics.SchemeStrict, nil, FormatTable))
	assert.True(t, strings.HasPrefix(buf.String(), "\nper document: x, strict\n"), buf.String())
}
