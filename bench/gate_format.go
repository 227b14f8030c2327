package bench

import (
	"encoding/json"
	"fmt"
	"io"
	"math"
	"strconv"
	"strings"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
	"golang.org/x/perf/benchunit"
)

// A Format is a way to print a GateReport.
type Format string

// The formats of a GateReport.
const (
	FormatTable    Format = "table"    // a terminal table
	FormatMarkdown Format = "markdown" // a GitHub-flavoured Markdown table, for a pull request comment or job summary
	FormatJSON     Format = "json"     // one JSON object, for tools
)

// ParseFormat returns the Format named s.
func ParseFormat(s string) (Format, error) {
	switch f := Format(s); f {
	case FormatTable, FormatMarkdown, FormatJSON:
		return f, nil
	}
	return "", fmt.Errorf("unknown format %q: want table, markdown or json", s)
}

// Write prints the report to w in format f. Table and Markdown end with
// the summary line; JSON holds everything, warnings included.
func (r *GateReport) Write(w io.Writer, f Format) error {
	switch f {
	case FormatTable:
		if err := r.writeTable(w, false); err != nil {
			return err
		}
		_, err := fmt.Fprintln(w, r.Summary())
		return err
	case FormatMarkdown:
		if err := r.writeTable(w, true); err != nil {
			return err
		}
		_, err := fmt.Fprintf(w, "\n%s\n", r.Summary())
		return err
	case FormatJSON:
		return r.writeJSON(w)
	}
	return fmt.Errorf("unknown format %q", string(f))
}

// Summary is the one-line conclusion, e.g. "gate: FAIL: 1 regression in
// 8 comparisons (alpha 0.01, min effect 5%, alloc slack 0%)". It starts
// with the Status: "ok" only when the gate passes, "FAIL" or "ERROR"
// otherwise.
func (r *GateReport) Summary() string {
	var parts []string
	if len(r.Errors) > 0 {
		parts = append(parts, plural(len(r.Errors), "input error"))
	}
	parts = append(parts, plural(len(r.Regressions()), "regression"))
	if n := len(r.rowsWith(Improvement)); n > 0 {
		parts = append(parts, plural(n, "improvement"))
	}
	if n := len(r.gatedWith(true, TooFewRuns)); n > 0 {
		few := fmt.Sprintf("%d with too few runs (need %d+%d)", n, r.MinRuns, r.MinRuns)
		if r.Options.AllowFewRuns {
			few += ", allowed"
		}
		parts = append(parts, few)
	}
	if n := len(r.gatedWith(false, Regression)); n > 0 {
		parts = append(parts, plural(n, "peer regression")+" not gated")
	}
	if n := len(r.gatedWith(false, TooFewRuns)); n > 0 {
		parts = append(parts, fmt.Sprintf("%d peer %s with too few runs not gated", n, pluralNoun(n, "row")))
	}
	if n := len(r.rowsWith(Incompatible)); n > 0 {
		parts = append(parts, fmt.Sprintf("%d in incompatible units", n))
	}
	if n := len(r.rowsWith(OnlyOld, OnlyNew)); n > 0 {
		parts = append(parts, fmt.Sprintf("%d on one side only", n))
	}
	return fmt.Sprintf("gate: %s: %s in %s (alpha %v, min effect %s, alloc slack %s)",
		r.Status(), strings.Join(parts, ", "), plural(r.Compared(), "comparison"),
		r.Options.Alpha, percent(r.Options.MinEffect), percent(r.Options.AllocSlack))
}

func plural(n int, noun string) string {
	return strconv.Itoa(n) + " " + pluralNoun(n, noun)
}

func pluralNoun(n int, noun string) string {
	if n == 1 {
		return noun
	}
	return noun + "s"
}

func percent(f float64) string {
	return strconv.FormatFloat(f*100, 'f', -1, 64) + "%"
}

// multiPkg reports whether the rows come from more than one package, in
// which case the table names each row's package.
func (r *GateReport) multiPkg() bool {
	for _, row := range r.Rows {
		if row.Pkg != r.Rows[0].Pkg {
			return true
		}
	}
	return false
}

// markdownEscaper keeps a benchmark name's "|" from ending a Markdown cell.
var markdownEscaper = strings.NewReplacer("|", `\|`)

func (r *GateReport) writeTable(w io.Writer, markdown bool) error {
	header := []string{"benchmark", "unit", "old", "new", "delta", "p", "n", "verdict"}
	withPkg := r.multiPkg()
	if withPkg {
		header = append([]string{"package"}, header...)
	}
	aligns := make([]tw.Align, len(header))
	for i, h := range header {
		switch h {
		case "old", "new", "delta", "p", "n":
			aligns[i] = tw.AlignRight
		default:
			aligns[i] = tw.AlignLeft
		}
	}
	opts := []tablewriter.Option{
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: aligns}),
	}
	if markdown {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()))
	}
	t := tablewriter.NewTable(w, opts...)
	t.Header(header)
	for _, row := range r.Rows {
		cells := []string{row.Name, row.Unit, formatValue(row.Old, row.Unit), formatValue(row.New, row.Unit),
			formatDelta(row.Delta), formatP(row.P), fmt.Sprintf("%d+%d", row.N1, row.N2), verdictCell(row)}
		if withPkg {
			cells = append([]string{row.Pkg}, cells...)
		}
		if markdown {
			for i, c := range cells {
				cells[i] = markdownEscaper.Replace(c)
			}
		}
		if err := t.Append(cells); err != nil {
			return err
		}
	}
	return t.Render()
}

// verdictCell is the verdict column: the verdict, and for a peer whose
// verdict would fail the gate, that it does not.
func verdictCell(row Row) string {
	if !row.Gated && (row.Verdict == Regression || row.Verdict == TooFewRuns) {
		return row.Verdict.String() + " (peer, not gated)"
	}
	return row.Verdict.String()
}

// formatValue scales v with benchunit as benchstat does: "1.234µ" sec/op,
// "45.6Mi" B/s.
func formatValue(v float64, unit string) string {
	if math.IsNaN(v) {
		return "-"
	}
	return benchunit.Scale(v, benchunit.ClassOf(unit))
}

func formatDelta(d float64) string {
	switch {
	case math.IsNaN(d):
		return "-"
	case math.IsInf(d, 1):
		return "+∞"
	case math.IsInf(d, -1):
		return "-∞"
	}
	return fmt.Sprintf("%+.2f%%", d*100)
}

func formatP(p float64) string {
	if math.IsNaN(p) {
		return "-"
	}
	return fmt.Sprintf("%.3f", p)
}

// jsonReport is the JSON shape of a GateReport; numbers that are NaN or
// infinite (a side missing, a zero old median) are null.
type jsonReport struct {
	Status       Status    `json:"status"`
	ExitStatus   int       `json:"exit_status"`
	Failed       bool      `json:"failed"`
	Summary      string    `json:"summary"`
	Reasons      []string  `json:"reasons"`
	Alpha        float64   `json:"alpha"`
	MinEffect    float64   `json:"min_effect"`
	AllocSlack   float64   `json:"alloc_slack"`
	AllowFewRuns bool      `json:"allow_few_runs"`
	GatePeers    bool      `json:"gate_peers"`
	MinRuns      int       `json:"min_runs"`
	Regressions  int       `json:"regressions"`
	Rows         []jsonRow `json:"rows"`
	Errors       []string  `json:"errors"`
	Warnings     []string  `json:"warnings"`
}

type jsonRow struct {
	Pkg      string   `json:"pkg,omitempty"`
	Name     string   `json:"name"`
	Unit     string   `json:"unit"`
	Better   int      `json:"better"`
	N1       int      `json:"n_old"`
	N2       int      `json:"n_new"`
	Old      *float64 `json:"old_median"`
	New      *float64 `json:"new_median"`
	Delta    *float64 `json:"delta"`
	P        *float64 `json:"p"`
	Verdict  Verdict  `json:"verdict"`
	Peer     bool     `json:"peer"`
	Gated    bool     `json:"gated"`
	Warnings []string `json:"warnings,omitempty"`
}

func finite(f float64) *float64 {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return nil
	}
	return &f
}

func (r *GateReport) writeJSON(w io.Writer) error {
	st := r.Status()
	out := jsonReport{
		Status: st, ExitStatus: int(st), Failed: st != Pass, Summary: r.Summary(),
		Reasons: append([]string{}, r.Reasons()...),
		Alpha:   r.Options.Alpha, MinEffect: r.Options.MinEffect, AllocSlack: r.Options.AllocSlack,
		AllowFewRuns: r.Options.AllowFewRuns, GatePeers: r.Options.GatePeers, MinRuns: r.MinRuns,
		Regressions: len(r.Regressions()),
		Rows:        make([]jsonRow, 0, len(r.Rows)),
		Errors:      append([]string{}, r.Errors...),
		Warnings:    append([]string{}, r.Warnings...),
	}
	for _, row := range r.Rows {
		out.Rows = append(out.Rows, jsonRow{
			Pkg: row.Pkg, Name: row.Name, Unit: row.Unit, Better: row.Better, N1: row.N1, N2: row.N2,
			Old: finite(row.Old), New: finite(row.New), Delta: finite(row.Delta), P: finite(row.P),
			Verdict: row.Verdict, Peer: row.Peer, Gated: row.Gated, Warnings: row.Warnings,
		})
	}
	enc := json.NewEncoder(w)
	enc.SetEscapeHTML(false) // "->" in the reasons, not "-\u003e"
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
