package render

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/signature"
	"io"
	"strconv"
)

// WriteNormBoard prints normalizer rows side by side in format f (table,
// markdown, csv or json), ending with the signature.
func WriteNormBoard(w io.Writer, rows []metrics.NormRow, f Format, sig signature.Signature) error {
	header := []string{"normalizer", "B³ P", "B³ R", "B³ F1", "mentions", "clusters", "entities"}
	var body [][]string
	for _, r := range rows {
		body = append(body, []string{r.Name, Fixed(r.Score.Precision), Fixed(r.Score.Recall), Fixed(r.Score.F1),
			strconv.Itoa(r.Score.Support), strconv.Itoa(r.Clusters), strconv.Itoa(r.Entities)})
	}
	switch f {
	case FormatTable, FormatMarkdown:
		line := sig.String()
		if f == FormatMarkdown {
			line = "\n`" + line + "`"
		}
		if err := RenderRows(w, f == FormatMarkdown, header, alignRight(len(header), 1), body, false); err != nil {
			return err
		}
		return WriteLines(w, []string{line})
	case FormatCSV:
		cw := csv.NewWriter(w)
		if err := cw.Write(header); err != nil {
			return err
		}
		if err := cw.WriteAll(body); err != nil {
			return err
		}
		return WriteLines(w, []string{"# " + sig.String()})
	case FormatJSON:
		type jsonNorm struct {
			Normalizer string  `json:"normalizer"`
			Precision  float64 `json:"b3_precision"`
			Recall     float64 `json:"b3_recall"`
			F1         float64 `json:"b3_f1"`
			Mentions   int     `json:"mentions"`
			Clusters   int     `json:"clusters"`
			Entities   int     `json:"entities"`
		}
		out := struct {
			Normalizers []jsonNorm `json:"normalizers"`
			Signature   string     `json:"signature"`
		}{Signature: sig.String()}
		for _, r := range rows {
			out.Normalizers = append(out.Normalizers, jsonNorm{r.Name, r.Score.Precision, r.Score.Recall, r.Score.F1, r.Score.Support, r.Clusters, r.Entities})
		}
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(out)
	}
	return fmt.Errorf("unknown format %q", f)
}
