package render

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"strings"
	"testing"

	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/metrics/metricstest"
	"github.com/arabench/arabench/signature"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestRenderGolden(t *testing.T) {
	r := metricstest.FixtureReport(t)
	formats := []struct {
		format Format
		ext    string
	}{
		{FormatTable, "txt"},
		{FormatMarkdown, "md"},
		{FormatCSV, "csv"},
		{FormatJSON, "json"},
	}
	for _, s := range []metrics.Scheme{metrics.SchemeStrict, metrics.SchemePartial, metrics.SchemeClitic} {
		for _, f := range formats {
			t.Run(string(s)+"/"+string(f.format), func(t *testing.T) {
				var buf bytes.Buffer
				require.NoError(t, Write(&buf, r, f.format, s))
				metricstest.Golden(t, string(s)+"."+f.ext, buf.Bytes())

				// Every encoding ends with the signature of the scheme shown.
				sig := r.Signature
				sig.Scheme = string(s)
				lines := strings.Split(strings.TrimRight(buf.String(), "\n"), "\n")
				last := lines[len(lines)-1]
				if f.format == FormatJSON {
					last = lines[len(lines)-2] // the last field, before the closing brace
				}
				assert.Contains(t, last, sig.String())
			})
		}
	}
}

// TestFixtureNumbers pins the fixture's arithmetic, so that the golden files
// are checked against something other than themselves. The pairs:
//
//	             strict partial clitic
//	بوتين         COR    COR     COR
//	لافروف        INC    PAR     INC
//	وواشنطن       INC    PAR     COR
//	موسكو → ORG   INC    COR     INC
//	100 ألف       COR    COR     COR
//	البنتاغون     MIS    MIS     MIS
//	الأحد         SPU    SPU     SPU
//
// POS = ACT = 6, so P = R = F1:
//
//	strict  COR 2, INC 3            → 2/6 = 1/3
//	partial COR 3, PAR 2            → (3 + 0.5·2)/6 = 2/3
//	clitic  COR 3, INC 2            → 3/6 = 1/2
//
// Strict per type, each type matched alone: LOC pairs وواشنطن with واشنطن
// and misses موسكو, whose prediction is an ORG one (INC 1, MIS 1, POS 2, ACT
// 1); ORG misses البنتاغون and has the ORG claimed for موسكو spurious (MIS 1,
// SPU 1, POS 1, ACT 1, P 0). Macro over PER ORG LOC DATE NUM: P = (1/2 + 0 + 0 + 0 +
// 1)/5 = 0.3.
//
// Linking, as document sets: gold {putin, lavrov, washington, moscow,
// pentagon}, predicted {putin, lavrov, washington, moscow-oblast} → TP 3, FP
// 1, FN 2: P 3/4, R 3/5, F1 = 2·0.75·0.6/1.35 = 2/3.
func TestFixtureNumbers(t *testing.T) {
	r := metricstest.FixtureReport(t)
	assert.Equal(t, metrics.Tally{COR: 2, INC: 3, MIS: 1, SPU: 1}, r.Schemes[metrics.SchemeStrict].Total)
	assert.InDelta(t, 1.0/3, r.Schemes[metrics.SchemeStrict].Micro.F1, 1e-12)
	assert.InDelta(t, 0.3, r.Schemes[metrics.SchemeStrict].Macro.Precision, 1e-12)
	assert.Equal(t, metrics.Tally{COR: 3, PAR: 2, MIS: 1, SPU: 1}, r.Schemes[metrics.SchemePartial].Total)
	assert.InDelta(t, 2.0/3, r.Schemes[metrics.SchemePartial].Micro.F1, 1e-12)
	assert.Equal(t, metrics.Tally{COR: 3, INC: 2, MIS: 1, SPU: 1}, r.Schemes[metrics.SchemeClitic].Total)
	assert.InDelta(t, 0.5, r.Schemes[metrics.SchemeClitic].Micro.F1, 1e-12)

	loc, ok := r.Schemes[metrics.SchemeStrict].Row("LOC")
	require.True(t, ok)
	assert.Equal(t, metrics.Tally{INC: 1, MIS: 1}, loc.Tally)
	org, ok := r.Schemes[metrics.SchemeStrict].Row("ORG")
	require.True(t, ok)
	assert.Equal(t, metrics.Tally{MIS: 1, SPU: 1}, org.Tally)
	assert.Equal(t, 1, org.Tally.ACT())

	require.NotNil(t, r.Linking)
	assert.Equal(t, metrics.LinkTally{TP: 3, FP: 1, FN: 2, Linked: 4}, r.Linking.Tally)
	assert.InDelta(t, 2.0/3, r.Linking.Score.F1, 1e-12)
	require.NotNil(t, r.Values)
	assert.Equal(t, metrics.ValueTally{Matched: 1, Correct: 1, Carried: 1}, r.Values.Tally)
}

func TestCSVReadsBackWithCommentLines(t *testing.T) {
	r := metricstest.FixtureReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteCSV(&buf, r, metrics.SchemeStrict))
	cr := csv.NewReader(&buf)
	cr.Comment = '#'
	records, err := cr.ReadAll()
	require.NoError(t, err)
	require.Len(t, records, 1+len(r.Types)+3, "header, one row per type, micro, macro, weighted")
	assert.Equal(t, columns, records[0])
	assert.Equal(t, "micro", records[len(records)-3][0])
	assert.Equal(t, "macro", records[len(records)-2][0])
	assert.Equal(t, "weighted", records[len(records)-1][0])
}

func TestJSONDecodes(t *testing.T) {
	r := metricstest.FixtureReport(t)
	var buf bytes.Buffer
	require.NoError(t, WriteJSON(&buf, r, metrics.SchemeStrict))
	var got struct {
		Scheme    string
		Types     []map[string]any
		Micro     map[string]any
		Signature string
	}
	require.NoError(t, json.Unmarshal(buf.Bytes(), &got))
	assert.Equal(t, "strict", got.Scheme)
	assert.Len(t, got.Types, len(r.Types))
	sig, err := signature.Parse(got.Signature)
	require.NoError(t, err)
	assert.Equal(t, "strict", sig.Scheme)
	assert.Equal(t, "1000@12345", sig.Boot)
}

func TestRenderErrors(t *testing.T) {
	r := metricstest.FixtureReport(t)
	assert.ErrorContains(t, Write(&bytes.Buffer{}, r, FormatTable, metrics.Scheme("lenient")), `no scores for scheme "lenient"`)
	assert.ErrorContains(t, Write(&bytes.Buffer{}, r, Format("xml"), metrics.SchemeStrict), "unknown format")
	for _, f := range []Format{FormatTable, FormatMarkdown, FormatCSV, FormatJSON} {
		assert.Error(t, Write(&bytes.Buffer{}, r, f, metrics.Scheme("lenient")), f)
	}
	for in, want := range map[string]Format{"table": FormatTable, "MD": FormatMarkdown, "markdown": FormatMarkdown, "csv": FormatCSV, " json ": FormatJSON} {
		got, err := ParseFormat(in)
		require.NoError(t, err, in)
		assert.Equal(t, want, got, in)
	}
	_, err := ParseFormat("xml")
	assert.ErrorContains(t, err, "unknown format")
}
