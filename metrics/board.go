package metrics

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/renderer"
	"github.com/olekukonko/tablewriter/tw"
)

// Entry is one scored system on a board: an extractor's name, its version
// and its report.
type Entry struct {
	Name    string
	Version string
	Report  *Report
}

// Avg is the overall row a board shows.
type Avg string

// The overall averages.
const (
	Micro Avg = "micro"
	Macro Avg = "macro"
)

// ParseAvg returns the average named s.
func ParseAvg(s string) (Avg, error) {
	switch Avg(s) {
	case Micro, Macro:
		return Avg(s), nil
	}
	return "", fmt.Errorf("unknown average %q (want micro or macro)", s)
}

// Board is the view `arabench eval` prints: several systems side by side
// under one or more schemes, one row per system and type plus the overall
// row (micro or macro), each scheme's precision, recall and F1 in its own
// columns. Every entry's signature must be the same but for the scheme.
type Board struct {
	Entries []Entry
	Schemes []Scheme
	Avg     Avg
}

// header is the board's column row.
func (b *Board) header() []string {
	h := []string{"extractor", "type", "support"}
	for _, s := range b.Schemes {
		h = append(h, string(s)+" P", string(s)+" R", string(s)+" F1")
	}
	return h
}

// scoreRows returns, for one entry, its rows: the label and one Score per
// scheme.
func (b *Board) scoreRows(e Entry) ([]string, [][]Score, error) {
	var labels []string
	var scores [][]Score
	for _, t := range e.Report.Types {
		labels = append(labels, t)
	}
	labels = append(labels, string(b.Avg))
	scores = make([][]Score, len(labels))
	for _, s := range b.Schemes {
		sr, err := schemeReport(e.Report, s)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", e.Name, err)
		}
		for i, row := range sr.Types {
			scores[i] = append(scores[i], row.Score)
		}
		overall := sr.Micro
		if b.Avg == Macro {
			overall = sr.Macro
		}
		scores[len(labels)-1] = append(scores[len(labels)-1], overall)
	}
	return labels, scores, nil
}

// cells renders the board body as strings.
func (b *Board) cells() ([][]string, error) {
	var out [][]string
	for _, e := range b.Entries {
		labels, scores, err := b.scoreRows(e)
		if err != nil {
			return nil, err
		}
		for i, l := range labels {
			row := []string{e.Name, l, strconv.Itoa(scores[i][0].Support)}
			for _, s := range scores[i] {
				row = append(row, fixed(s.Precision), fixed(s.Recall), fixed(s.F1))
			}
			out = append(out, row)
		}
	}
	return out, nil
}

// footer lists each entry's linking and value lines, then one signature line
// per scheme.
func (b *Board) footer() []string {
	var lines []string
	for _, e := range b.Entries {
		for _, l := range footer(e.Report) {
			lines = append(lines, e.Name+" "+l)
		}
	}
	for _, s := range b.Signatures() {
		lines = append(lines, s.String())
	}
	return lines
}

// Signatures returns the signature of each scheme's columns.
func (b *Board) Signatures() []Signature {
	if len(b.Entries) == 0 {
		return nil
	}
	var out []Signature
	for _, s := range b.Schemes {
		sig := signatureFor(b.Entries[0].Report, s)
		sig.Avg = string(b.Avg)
		out = append(out, sig)
	}
	return out
}

// Write encodes the board in format f.
func (b *Board) Write(w io.Writer, f Format) error {
	switch f {
	case FormatTable, FormatMarkdown:
		return b.writeTable(w, f)
	case FormatCSV:
		return b.writeCSV(w)
	case FormatJSON:
		return b.writeJSON(w)
	}
	return fmt.Errorf("unknown format %q", f)
}

func (b *Board) writeTable(w io.Writer, f Format) error {
	body, err := b.cells()
	if err != nil {
		return err
	}
	h := b.header()
	align := make(tw.Alignment, len(h))
	align[0], align[1] = tw.AlignLeft, tw.AlignLeft
	for i := 2; i < len(align); i++ {
		align[i] = tw.AlignRight
	}
	opts := []tablewriter.Option{tablewriter.WithHeaderAutoFormat(tw.Off), tablewriter.WithAlignment(align)}
	if f == FormatMarkdown {
		opts = append(opts, tablewriter.WithRenderer(renderer.NewMarkdown()))
	} else {
		opts = append(opts, tablewriter.WithRowMergeMode(tw.MergeHierarchical))
	}
	t := tablewriter.NewTable(w, opts...)
	t.Header(h)
	if err := t.Bulk(body); err != nil {
		return err
	}
	if err := t.Render(); err != nil {
		return err
	}
	lines := b.footer()
	if f == FormatMarkdown {
		md := []string{""}
		for _, l := range lines {
			md = append(md, "`"+l+"`", "")
		}
		lines = md
	}
	return writeLines(w, lines)
}

func (b *Board) writeCSV(w io.Writer) error {
	body, err := b.cells()
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(b.header()); err != nil {
		return err
	}
	if err := cw.WriteAll(body); err != nil {
		return err
	}
	var lines []string
	for _, s := range b.Signatures() {
		lines = append(lines, "# "+s.String())
	}
	return writeLines(w, lines)
}

// jsonEntry is one system in the board's JSON encoding: its full report
// under every scheme shown.
type jsonEntry struct {
	Extractor string       `json:"extractor"`
	Version   string       `json:"version,omitempty"`
	Schemes   []jsonReport `json:"schemes"`
}

func (b *Board) writeJSON(w io.Writer) error {
	out := struct {
		Entries    []jsonEntry `json:"extractors"`
		Signatures []string    `json:"signatures"`
	}{Entries: []jsonEntry{}}
	for _, e := range b.Entries {
		je := jsonEntry{Extractor: e.Name, Version: e.Version}
		for _, s := range b.Schemes {
			jr, err := newJSONReport(e.Report, s)
			if err != nil {
				return fmt.Errorf("%s: %w", e.Name, err)
			}
			je.Schemes = append(je.Schemes, jr)
		}
		out.Entries = append(out.Entries, je)
	}
	for _, s := range b.Signatures() {
		out.Signatures = append(out.Signatures, s.String())
	}
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	return enc.Encode(out)
}
