package render

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/erroranalysis"
	"github.com/arabench/arabench/metrics"
)

// The error analysis views of eval and score: the board with the MUC counts
// (--counts), the scores per document (--per-doc) and the type confusion
// matrix (--confusion). Tables and Markdown print a title line above each
// view, CSV a "# " comment line, and JSON one object per view with a "view"
// field, so that the views of several systems follow one another in one
// stream.

// countColumns are the MUC counts WriteBoardCounts adds after each scheme's
// F1, in nervaluate's order.
var countColumns = []string{"COR", "INC", "PAR", "MIS", "SPU", "POS", "ACT"}

func countCells(t metrics.Tally) []string {
	return []string{strconv.Itoa(t.COR), strconv.Itoa(t.INC), strconv.Itoa(t.PAR), strconv.Itoa(t.MIS),
		strconv.Itoa(t.SPU), strconv.Itoa(t.POS()), strconv.Itoa(t.ACT())}
}

// WriteBoardCounts prints the board as Board.Write does, with each scheme's
// MUC counts (COR, INC, PAR, MIS, SPU, POS, ACT) after its F1 and interval:
// a type's row has the type's counts, the micro row the overall tally; the
// macro and weighted rows, means of the type rows, leave them blank. The JSON
// encoding has the counts already and is Board.Write's.
func WriteBoardCounts(w io.Writer, b *Board, f Format) error {
	if f == FormatJSON {
		return b.Write(w, f)
	}
	split := f == FormatCSV
	header := []string{"extractor", "type", "support"}
	ci := b.hasCI()
	for _, s := range b.Schemes {
		header = append(header, string(s)+" P", string(s)+" R", string(s)+" F1")
		switch {
		case ci && split:
			header = append(header, string(s)+" F1 lo", string(s)+" F1 hi")
		case ci:
			header = append(header, string(s)+" F1 95% CI")
		}
		for _, c := range countColumns {
			header = append(header, string(s)+" "+c)
		}
	}
	var body [][]string
	for _, e := range b.Entries {
		labels := append(append([]string{}, e.Report.Types...), string(b.Avg))
		rows := make([][]string, len(labels))
		for i, l := range labels {
			rows[i] = []string{e.Name, l, ""}
		}
		last := len(labels) - 1
		for si, s := range b.Schemes {
			sr, err := e.Report.ForScheme(s)
			if err != nil {
				return fmt.Errorf("%s: %w", e.Name, err)
			}
			for i, row := range sr.Types {
				if si == 0 {
					rows[i][2] = strconv.Itoa(row.Score.Support)
				}
				rows[i] = appendScoreCells(rows[i], row.Score, e.CI, s, row.Type, "", ci, split)
				rows[i] = append(rows[i], countCells(row.Tally)...)
			}
			overall, counts := sr.Micro, countCells(sr.Total)
			switch b.Avg {
			case metrics.Macro:
				overall, counts = sr.Macro, make([]string, len(countColumns))
			case metrics.Weighted:
				overall, counts = sr.Weighted, make([]string, len(countColumns))
			}
			rows[last] = appendScoreCells(rows[last], overall, e.CI, s, "", b.Avg, ci, split)
			rows[last] = append(rows[last], counts...)
			if si == 0 {
				rows[last][2] = strconv.Itoa(overall.Support)
			}
		}
		body = append(body, rows...)
	}
	if f == FormatCSV {
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		if err := cw.WriteAll(body); err != nil {
			return err
		}
		var lines []string
		for _, s := range b.Signatures() {
			lines = append(lines, "# "+s.String())
		}
		return WriteLines(w, lines)
	}
	md := f == FormatMarkdown
	if err := RenderRows(w, md, header, alignRight(len(header), 2), body, true); err != nil {
		return err
	}
	lines := b.footer()
	if md {
		quoted := []string{""}
		for _, l := range lines {
			quoted = append(quoted, "`"+l+"`", "")
		}
		lines = quoted
	}
	return WriteLines(w, lines)
}

// appendScoreCells appends P, R and F1, and the F1's interval when the board
// shows intervals: the interval of type typ, or of the average avg when typ
// is "".
func appendScoreCells(row []string, sc metrics.Score, x *bootstrap.Intervals, s metrics.Scheme, typ string, avg metrics.Avg, ci, split bool) []string {
	row = append(row, Fixed(sc.Precision), Fixed(sc.Recall), Fixed(sc.F1))
	if !ci {
		return row
	}
	var iv bootstrap.Interval
	ok := false
	if x != nil {
		if typ != "" {
			iv, ok = x.Type(s, typ)
		} else {
			iv, ok = x.Overall(s, avg)
		}
	}
	switch {
	case !ok && split:
		return append(row, "", "")
	case !ok:
		return append(row, "")
	case split:
		return append(row, Fixed(iv.Lo), Fixed(iv.Hi))
	}
	return append(row, Fixed(iv.Lo)+"–"+Fixed(iv.Hi))
}

// perDocColumns head the per-document table.
var perDocColumns = []string{"document", "P", "R", "F1", "POS", "ACT", "COR", "INC", "PAR", "MIS", "SPU"}

// WritePerDoc prints the scores of one system per document under scheme s
// (see erroranalysis.PerDoc): precision, recall and F1, then the document's
// POS, ACT and MUC tallies, one row per document in corpus order. name is the
// system's.
func WritePerDoc(w io.Writer, name string, s metrics.Scheme, rows []erroranalysis.DocRow, f Format) error {
	title := fmt.Sprintf("per document: %s, %s", name, s)
	if f == FormatJSON {
		type jsonDoc struct {
			Doc       string  `json:"doc"`
			Precision float64 `json:"precision"`
			Recall    float64 `json:"recall"`
			F1        float64 `json:"f1"`
			POS       int     `json:"POS"`
			ACT       int     `json:"ACT"`
			metrics.Tally
		}
		out := struct {
			View      string         `json:"view"`
			Extractor string         `json:"extractor"`
			Scheme    metrics.Scheme `json:"scheme"`
			Docs      []jsonDoc      `json:"documents"`
		}{View: "per-doc", Extractor: name, Scheme: s, Docs: []jsonDoc{}}
		for _, r := range rows {
			out.Docs = append(out.Docs, jsonDoc{r.ID, r.Score.Precision, r.Score.Recall, r.Score.F1, r.Tally.POS(), r.Tally.ACT(), r.Tally})
		}
		return writeJSONView(w, out)
	}
	body := make([][]string, len(rows))
	for i, r := range rows {
		t := r.Tally
		body[i] = []string{r.ID, Fixed(r.Score.Precision), Fixed(r.Score.Recall), Fixed(r.Score.F1),
			strconv.Itoa(t.POS()), strconv.Itoa(t.ACT()), strconv.Itoa(t.COR), strconv.Itoa(t.INC),
			strconv.Itoa(t.PAR), strconv.Itoa(t.MIS), strconv.Itoa(t.SPU)}
	}
	return writeView(w, f, title, perDocColumns, body)
}

// WriteConfusion prints one system's type confusion matrix (see metrics.Confusion):
// a row per gold type, a column per predicted type, and the no-match row and
// column. name is the system's.
func WriteConfusion(w io.Writer, name string, c *metrics.Confusion, f Format) error {
	title := fmt.Sprintf("type confusion: %s (rows gold, columns predicted; every aligned pair, whatever its spans)", name)
	if f == FormatJSON {
		return writeJSONView(w, struct {
			View      string   `json:"view"`
			Extractor string   `json:"extractor"`
			Labels    []string `json:"labels"`
			Counts    [][]int  `json:"counts"`
			Exact     [][]int  `json:"exact"`
		}{"confusion", name, c.Labels, c.Counts, c.Exact})
	}
	header := append([]string{"gold \\ predicted"}, c.Labels...)
	body := make([][]string, len(c.Labels))
	for i, l := range c.Labels {
		row := []string{l}
		for _, n := range c.Counts[i] {
			row = append(row, strconv.Itoa(n))
		}
		body[i] = row
	}
	return writeView(w, f, title, header, body)
}

// writeView prints a titled table in a terminal, Markdown or CSV format.
func writeView(w io.Writer, f Format, title string, header []string, body [][]string) error {
	switch f {
	case FormatTable, FormatMarkdown:
		if _, err := io.WriteString(w, "\n"+title+"\n"); err != nil {
			return err
		}
		if f == FormatMarkdown {
			if _, err := io.WriteString(w, "\n"); err != nil {
				return err
			}
		}
		return RenderRows(w, f == FormatMarkdown, header, alignRight(len(header), 1), body, false)
	case FormatCSV:
		if err := WriteLines(w, []string{"# " + title}); err != nil {
			return err
		}
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		return cw.WriteAll(body)
	}
	return fmt.Errorf("unknown format %q", f)
}

func writeJSONView(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
