package render

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/signature"
	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Format is an encoding of a report.
type Format string

// The encodings of a report.
const (
	FormatTable    Format = "table"
	FormatMarkdown Format = "markdown"
	FormatCSV      Format = "csv"
	FormatJSON     Format = "json"
)

// ParseFormat returns the format named s: table, markdown (or md), csv, json.
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "table":
		return FormatTable, nil
	case "markdown", "md":
		return FormatMarkdown, nil
	case "csv":
		return FormatCSV, nil
	case "json":
		return FormatJSON, nil
	}
	return "", fmt.Errorf("unknown format %q (want table, markdown, csv or json)", s)
}

// Write encodes the scores of scheme s in format f; see WriteTable,
// WriteMarkdown, WriteCSV and WriteJSON.
func Write(w io.Writer, r *metrics.Report, f Format, s metrics.Scheme) error {
	switch f {
	case FormatTable:
		return WriteTable(w, r, s)
	case FormatMarkdown:
		return WriteMarkdown(w, r, s)
	case FormatCSV:
		return WriteCSV(w, r, s)
	case FormatJSON:
		return WriteJSON(w, r, s)
	}
	return fmt.Errorf("unknown format %q", f)
}

// columns heads every tabular encoding: the row label, the scores, the
// support (gold mentions), the predictions (ACT) and the MUC tallies.
var columns = []string{"type", "P", "R", "F1", "support", "pred", "COR", "INC", "PAR", "MIS", "SPU"}

// rows renders the scheme's table body: one row per type, then micro (the
// overall tally), macro (unweighted mean of the type rows) and weighted (their
// mean weighted by support), as seqeval's classification report has them; the
// averages' tallies are left blank, as they are the micro row's.
func rows(sr *metrics.SchemeReport) [][]string {
	out := make([][]string, 0, len(sr.Types)+3)
	for _, t := range sr.Types {
		out = append(out, tallyRow(t.Type, t.Score, t.Tally))
	}
	out = append(out, tallyRow("micro", sr.Micro, sr.Total))
	for _, avg := range []struct {
		label string
		s     metrics.Score
	}{{"macro", sr.Macro}, {"weighted", sr.Weighted}} {
		out = append(out, []string{avg.label, Fixed(avg.s.Precision), Fixed(avg.s.Recall), Fixed(avg.s.F1),
			strconv.Itoa(avg.s.Support), "", "", "", "", "", ""})
	}
	return out
}

func tallyRow(label string, s metrics.Score, t metrics.Tally) []string {
	return []string{label, Fixed(s.Precision), Fixed(s.Recall), Fixed(s.F1), strconv.Itoa(s.Support),
		strconv.Itoa(t.ACT()), strconv.Itoa(t.COR), strconv.Itoa(t.INC), strconv.Itoa(t.PAR),
		strconv.Itoa(t.MIS), strconv.Itoa(t.SPU)}
}

// Fixed formats a score as the tables show it, with four decimals.
func Fixed(x float64) string { return strconv.FormatFloat(x, 'f', 4, 64) }

// signatureFor is the report's signature with the rendered scheme filled in.
func signatureFor(r *metrics.Report, s metrics.Scheme) signature.Signature {
	sig := r.Signature
	sig.Scheme = string(s)
	return sig
}

// footer lines: linking and values when the report has them.
func footer(r *metrics.Report) []string {
	var out []string
	if l := r.Linking; l != nil {
		out = append(out, fmt.Sprintf("linking: P %s R %s F1 %s (TP %d, FP %d, FN %d)",
			Fixed(l.Score.Precision), Fixed(l.Score.Recall), Fixed(l.Score.F1), l.Tally.TP, l.Tally.FP, l.Tally.FN))
	}
	if v := r.Values; v != nil {
		out = append(out, fmt.Sprintf("NUM values: accuracy %s (%d correct of %d strictly matched; %d NUM predictions carry a value)",
			Fixed(v.Accuracy), v.Tally.Correct, v.Tally.Matched, v.Tally.Carried))
	}
	return out
}

// alignRight left-aligns the first left columns of an n-column table (its
// labels) and right-aligns the others (its numbers).
func alignRight(n, left int) tw.Alignment {
	a := make(tw.Alignment, n)
	for i := range a {
		a[i] = tw.AlignRight
		if i < left {
			a[i] = tw.AlignLeft
		}
	}
	return a
}

// RenderRows prints one table as a terminal table or in Markdown; merge
// merges repeated leading cells (the scheme column) in a terminal table.
func RenderRows(w io.Writer, md bool, header []string, align tw.Alignment, body [][]string, merge bool) error {
	var opts []tablewriter.Option
	if merge && !md {
		opts = append(opts, mergedRows())
	}
	opts = append(opts, tablewriter.WithHeaderAutoFormat(tw.Off), tablewriter.WithAlignment(align),
		tablewriter.WithRowAutoWrap(tw.WrapNone), tablewriter.WithHeaderAutoWrap(tw.WrapNone))
	if md {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()))
	}
	t := tablewriter.NewTable(w, opts...)
	t.Header(header)
	if err := t.Bulk(body); err != nil {
		return err
	}
	return t.Render()
}

// mergedRows blanks a terminal table's leading cells that repeat the row
// above (the extractor, the scheme). It sets the whole configuration, so it
// goes before the other options.
func mergedRows() tablewriter.Option {
	return tablewriter.WithConfig(tablewriter.NewConfigBuilder().Row().Merging().WithMode(tw.MergeHierarchical).Build().Build().Build())
}

func renderTable(w io.Writer, sr *metrics.SchemeReport, md bool) error {
	return RenderRows(w, md, columns, alignRight(len(columns), 1), rows(sr), false)
}

// WriteTable prints the scores of scheme s as a terminal table (one row per
// type, then micro and macro), the linking and NUM value lines when the report
// has them, and the signature line.
func WriteTable(w io.Writer, r *metrics.Report, s metrics.Scheme) error {
	sr, err := r.ForScheme(s)
	if err != nil {
		return err
	}
	if err := renderTable(w, sr, false); err != nil {
		return err
	}
	return WriteLines(w, append(footer(r), signatureFor(r, s).String()))
}

// WriteMarkdown prints the scores of scheme s as a Markdown table, then the
// linking and NUM value lines, then the signature in backquotes (so that its
// '|' are not read as a table).
func WriteMarkdown(w io.Writer, r *metrics.Report, s metrics.Scheme) error {
	sr, err := r.ForScheme(s)
	if err != nil {
		return err
	}
	if err := renderTable(w, sr, true); err != nil {
		return err
	}
	lines := []string{""}
	for _, l := range footer(r) {
		lines = append(lines, l, "")
	}
	return WriteLines(w, append(lines, "`"+signatureFor(r, s).String()+"`"))
}

// WriteCSV prints the scores of scheme s as CSV with a header row, one row
// per type, micro and macro, and ends with the signature as a comment line
// ("# arabench:…"); read it back with csv.Reader.Comment = '#'. Linking and
// values are in the JSON encoding only.
func WriteCSV(w io.Writer, r *metrics.Report, s metrics.Scheme) error {
	sr, err := r.ForScheme(s)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(columns); err != nil {
		return err
	}
	if err := cw.WriteAll(rows(sr)); err != nil {
		return err
	}
	return WriteLines(w, []string{"# " + signatureFor(r, s).String()})
}

// jsonRow is a table row in the JSON encoding.
type jsonRow struct {
	Type      string  `json:"type"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	Support   int     `json:"support"`
	Predicted int     `json:"predicted"`
	COR       int     `json:"COR"`
	INC       int     `json:"INC"`
	PAR       int     `json:"PAR"`
	MIS       int     `json:"MIS"`
	SPU       int     `json:"SPU"`
}

func newJSONRow(label string, s metrics.Score, t metrics.Tally) jsonRow {
	return jsonRow{Type: label, Precision: s.Precision, Recall: s.Recall, F1: s.F1, Support: s.Support,
		Predicted: t.ACT(), COR: t.COR, INC: t.INC, PAR: t.PAR, MIS: t.MIS, SPU: t.SPU}
}

// JSONReport is the JSON encoding of a report under one scheme.
type JSONReport struct {
	Scheme   metrics.Scheme `json:"scheme"`
	Types    []jsonRow      `json:"types"`
	Micro    jsonRow        `json:"micro"`
	Macro    metrics.Score  `json:"macro"`
	Weighted metrics.Score  `json:"weighted"`
	Linking  *struct {
		metrics.LinkTally
		metrics.Score
	} `json:"linking,omitempty"`
	Values *struct {
		metrics.ValueTally
		Accuracy float64 `json:"accuracy"`
	} `json:"values,omitempty"`
	Signature string `json:"signature"`
}

// WriteJSON encodes the scores of scheme s as one indented JSON object: the
// per-type rows, micro, macro and weighted, linking and values when the report has
// them, and the signature last. Fractions are in [0,1].
func WriteJSON(w io.Writer, r *metrics.Report, s metrics.Scheme) error {
	out, err := NewJSONReport(r, s)
	if err != nil {
		return err
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}

// NewJSONReport builds the JSON encoding of r under scheme s.
func NewJSONReport(r *metrics.Report, s metrics.Scheme) (JSONReport, error) {
	sr, err := r.ForScheme(s)
	if err != nil {
		return JSONReport{}, err
	}
	out := JSONReport{
		Scheme:    s,
		Types:     []jsonRow{},
		Micro:     newJSONRow("micro", sr.Micro, sr.Total),
		Macro:     sr.Macro,
		Weighted:  sr.Weighted,
		Signature: signatureFor(r, s).String(),
	}
	for _, t := range sr.Types {
		out.Types = append(out.Types, newJSONRow(t.Type, t.Score, t.Tally))
	}
	if l := r.Linking; l != nil {
		out.Linking = &struct {
			metrics.LinkTally
			metrics.Score
		}{l.Tally, l.Score}
	}
	if v := r.Values; v != nil {
		out.Values = &struct {
			metrics.ValueTally
			Accuracy float64 `json:"accuracy"`
		}{v.Tally, v.Accuracy}
	}
	return out, nil
}

// WriteLines writes each line followed by a newline, in one write.
func WriteLines(w io.Writer, lines []string) error {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString(l)
		b.WriteByte('\n')
	}
	_, err := io.WriteString(w, b.String())
	return err
}
