package gold

import (
	"io"
	"strconv"

	"github.com/olekukonko/tablewriter"
	"github.com/olekukonko/tablewriter/tw"
)

// WriteTable writes the report's counts as a table: a row per document with
// its mentions per type (r.Types), how many carry a link and how many a
// value, and a total row.
func (r Report) WriteTable(w io.Writer) error {
	header := append([]string{"document"}, r.Types...)
	header = append(header, "links", "values")
	aligns := make([]tw.Align, len(header))
	aligns[0] = tw.AlignLeft
	for i := 1; i < len(aligns); i++ {
		aligns[i] = tw.AlignRight
	}
	t := tablewriter.NewTable(w,
		tablewriter.WithHeaderAutoFormat(tw.Off),
		tablewriter.WithRowAlignmentConfig(tw.CellAlignment{PerColumn: aligns}),
		tablewriter.WithFooterAlignmentConfig(tw.CellAlignment{PerColumn: aligns}),
	)
	t.Header(header)
	for _, d := range r.Docs {
		if err := t.Append(r.countsRow(d)); err != nil {
			return err
		}
	}
	t.Footer(r.countsRow(r.Total()))
	return t.Render()
}

func (r Report) countsRow(d DocCounts) []string {
	row := []string{d.Doc}
	for _, typ := range r.Types {
		row = append(row, strconv.Itoa(d.Types[typ]))
	}
	return append(row, strconv.Itoa(d.Links), strconv.Itoa(d.Values))
}
