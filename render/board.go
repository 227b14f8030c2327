package render

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/signature"
	"io"
	"slices"
	"strconv"
)

// Entry is one scored system on a board: an extractor's name, its version
// and its report.
type Entry struct {
	Name    string
	Version string
	Report  *metrics.Report
	// CI holds the bootstrap intervals of the report's F1s (see
	// bootstrap.Bootstrap.Intervals), shown beside every F1; nil shows none.
	CI *bootstrap.Intervals
	// Coverage, when not nil, says which documents were scored; the footer
	// shows it when some were not, and the JSON always.
	Coverage *metrics.Coverage
	// Declared, when not nil, lists the types the system says it produces;
	// the row of a type outside them that it never predicted shows "–" (not
	// predicted) instead of scores of 0.
	Declared []string
	// Notes are lines for the footer and the JSON: what was not scored and
	// why.
	Notes []string
	// Unplaced lists the predicted strings that found no place in their
	// document (see package anchor), for the JSON.
	Unplaced []Unplaced
}

// Unplaced is a predicted string that found no place in its document:
// surplus (the text has fewer occurrences) or absent (a hallucination).
type Unplaced struct {
	Doc     string `json:"doc"`
	Type    string `json:"type"`
	Text    string `json:"text"`
	Outcome string `json:"outcome"`
}

// NotPredicted is what a board shows for the scores of a type the system
// does not produce.
const NotPredicted = "–"

// notPredicted reports whether row's type is outside e's declared types and
// e predicted none of it.
func (e Entry) notPredicted(row metrics.TypeRow) bool {
	return e.Declared != nil && !slices.Contains(e.Declared, row.Type) && row.Tally.ACT() == 0
}

// Board is the view `arabench eval` prints: several systems side by side
// under one or more schemes, one row per system and type plus the overall
// row (micro or macro), each scheme's precision, recall and F1 in its own
// columns. When an entry carries intervals, each F1 column is followed by its
// 95% bootstrap interval ("lo–hi"; in CSV two columns, lo and hi). Every
// entry's signature must be the same but for the scheme.
type Board struct {
	Entries []Entry
	Schemes []metrics.Scheme
	Avg     metrics.Avg
}

// hasCI reports whether some entry carries intervals.
func (b *Board) hasCI() bool {
	for _, e := range b.Entries {
		if e.CI != nil {
			return true
		}
	}
	return false
}

// header is the board's column row; split gives an interval two columns.
func (b *Board) header(split bool) []string {
	h := []string{"extractor", "type", "support"}
	ci := b.hasCI()
	for _, s := range b.Schemes {
		h = append(h, string(s)+" P", string(s)+" R", string(s)+" F1")
		switch {
		case ci && split:
			h = append(h, string(s)+" F1 lo", string(s)+" F1 hi")
		case ci:
			h = append(h, string(s)+" F1 95% CI")
		}
	}
	return h
}

// boardCell is one scheme's scores on a row, with the F1's interval if any.
type boardCell struct {
	Score        metrics.Score
	CI           *bootstrap.Interval
	NotPredicted bool
}

// scoreRows returns, for one entry, its rows: the label and one cell per
// scheme.
func (b *Board) scoreRows(e Entry) ([]string, [][]boardCell, error) {
	labels := append([]string{}, e.Report.Types...)
	labels = append(labels, string(b.Avg))
	cells := make([][]boardCell, len(labels))
	for _, s := range b.Schemes {
		sr, err := e.Report.ForScheme(s)
		if err != nil {
			return nil, nil, fmt.Errorf("%s: %w", e.Name, err)
		}
		for i, row := range sr.Types {
			c := boardCell{Score: row.Score, NotPredicted: e.notPredicted(row)}
			if e.CI != nil {
				if iv, ok := e.CI.Type(s, row.Type); ok {
					c.CI = &iv
				}
			}
			cells[i] = append(cells[i], c)
		}
		overall := boardCell{Score: sr.Micro}
		switch b.Avg {
		case metrics.Macro:
			overall.Score = sr.Macro
		case metrics.Weighted:
			overall.Score = sr.Weighted
		}
		if e.CI != nil {
			if iv, ok := e.CI.Overall(s, b.Avg); ok {
				overall.CI = &iv
			}
		}
		cells[len(labels)-1] = append(cells[len(labels)-1], overall)
	}
	return labels, cells, nil
}

// cells renders the board body as strings; split gives an interval two
// columns.
func (b *Board) cells(split bool) ([][]string, error) {
	var out [][]string
	ci := b.hasCI()
	for _, e := range b.Entries {
		labels, cells, err := b.scoreRows(e)
		if err != nil {
			return nil, err
		}
		for i, l := range labels {
			row := []string{e.Name, l, strconv.Itoa(cells[i][0].Score.Support)}
			for _, c := range cells[i] {
				s := c.Score
				if c.NotPredicted {
					row = append(row, NotPredicted, NotPredicted, NotPredicted)
				} else {
					row = append(row, Fixed(s.Precision), Fixed(s.Recall), Fixed(s.F1))
				}
				switch {
				case !ci:
				case c.CI == nil && split:
					row = append(row, "", "")
				case c.CI == nil:
					row = append(row, "")
				case split:
					row = append(row, Fixed(c.CI.Lo), Fixed(c.CI.Hi))
				default:
					row = append(row, Fixed(c.CI.Lo)+"–"+Fixed(c.CI.Hi))
				}
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
		if e.Coverage != nil {
			if l := e.Coverage.Summary(); l != "" {
				lines = append(lines, e.Name+": "+l)
			}
		}
		for _, l := range footer(e.Report) {
			lines = append(lines, e.Name+" "+l)
		}
		for _, l := range e.Notes {
			lines = append(lines, e.Name+": "+l)
		}
	}
	for _, s := range b.Signatures() {
		lines = append(lines, s.String())
	}
	return lines
}

// Signatures returns the signature of each scheme's columns.
func (b *Board) Signatures() []signature.Signature {
	if len(b.Entries) == 0 {
		return nil
	}
	var out []signature.Signature
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
	body, err := b.cells(false)
	if err != nil {
		return err
	}
	h := b.header(false)
	if err := RenderRows(w, f == FormatMarkdown, h, alignRight(len(h), 2), body, true); err != nil {
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
	return WriteLines(w, lines)
}

func (b *Board) writeCSV(w io.Writer) error {
	body, err := b.cells(true)
	if err != nil {
		return err
	}
	cw := csv.NewWriter(w)
	if err := cw.Write(b.header(true)); err != nil {
		return err
	}
	if err := cw.WriteAll(body); err != nil {
		return err
	}
	var lines []string
	for _, e := range b.Entries {
		if e.Coverage != nil {
			if l := e.Coverage.Summary(); l != "" {
				lines = append(lines, "# "+e.Name+": "+l)
			}
		}
	}
	for _, s := range b.Signatures() {
		lines = append(lines, "# "+s.String())
	}
	return WriteLines(w, lines)
}

// jsonEntry is one system in the board's JSON encoding: its full report
// under every scheme shown, and its F1 intervals when it has them.
type jsonEntry struct {
	Extractor string               `json:"extractor"`
	Version   string               `json:"version,omitempty"`
	Declared  []string             `json:"declared_types,omitempty"`
	Notes     []string             `json:"notes,omitempty"`
	Unplaced  []Unplaced           `json:"unplaced,omitempty"`
	Documents *jsonCoverage        `json:"documents,omitempty"`
	Schemes   []JSONReport         `json:"schemes"`
	CI        *bootstrap.Intervals `json:"ci,omitempty"`
}

// jsonCoverage is an entry's coverage in JSON, with how the documents not
// scored count.
type jsonCoverage struct {
	metrics.Coverage
	UnscoredAs string `json:"unscored_count_as"`
}

func (b *Board) writeJSON(w io.Writer) error {
	out := struct {
		Entries    []jsonEntry `json:"extractors"`
		Signatures []string    `json:"signatures"`
	}{Entries: []jsonEntry{}}
	for _, e := range b.Entries {
		je := jsonEntry{Extractor: e.Name, Version: e.Version, CI: e.CI, Declared: e.Declared, Notes: e.Notes, Unplaced: e.Unplaced}
		if e.Coverage != nil {
			je.Documents = &jsonCoverage{Coverage: *e.Coverage, UnscoredAs: metrics.UnscoredAs}
		}
		for _, s := range b.Schemes {
			jr, err := NewJSONReport(e.Report, s)
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
