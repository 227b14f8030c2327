package seqeval

import (
	"bytes"
	"encoding/json"
	"io"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Rows returns the type rows followed by the micro, macro and weighted rows,
// the order seqeval reports them in.
func (r *Report) Rows() []Row {
	return append(append([]Row(nil), r.Types...), r.Micro, r.Macro, r.Weighted)
}

// WriteText writes the report as seqeval's classification_report(...,
// digits=digits) prints it: a header, the type rows, a blank line, the three
// averages and a final newline (the one print adds). Names are right-aligned
// to the longest of the type names, "weighted avg" and digits, counted in
// characters as Python counts them; a NaN prints as "nan".
func (r *Report) WriteText(w io.Writer, digits int) error {
	width := max(utf8.RuneCountInString("weighted avg"), digits)
	for _, row := range r.Types {
		width = max(width, utf8.RuneCountInString(row.Name))
	}
	var b strings.Builder
	b.WriteString(pad("", width) + " ")
	for _, h := range []string{"precision", "recall", "f1-score", "support"} {
		b.WriteString(" " + pad(h, 9))
	}
	b.WriteString("\n\n")
	line := func(row Row) {
		b.WriteString(pad(row.Name, width) + " ")
		for _, v := range []float64{row.Precision, row.Recall, row.F1} {
			s := "nan"
			if !math.IsNaN(v) {
				s = strconv.FormatFloat(v, 'f', digits, 64)
			}
			b.WriteString(" " + pad(s, 9))
		}
		b.WriteString(" " + pad(strconv.Itoa(row.Support), 9) + "\n")
	}
	for _, row := range r.Types {
		line(row)
	}
	b.WriteString("\n")
	for _, row := range []Row{r.Micro, r.Macro, r.Weighted} {
		line(row)
	}
	b.WriteString("\n")
	_, err := io.WriteString(w, b.String())
	return err
}

// pad right-aligns s in width characters.
func pad(s string, width int) string {
	return strings.Repeat(" ", max(0, width-utf8.RuneCountInString(s))) + s
}

// MarshalJSON writes the report as seqeval's output_dict: one object per
// row, keyed by the row's name, types first in order, with "precision",
// "recall", "f1-score" and "support", plus arabench's "predicted" and
// "correct". A NaN is written as null.
func (r *Report) MarshalJSON() ([]byte, error) {
	var b bytes.Buffer
	b.WriteByte('{')
	for i, row := range r.Rows() {
		if i > 0 {
			b.WriteByte(',')
		}
		name, err := json.Marshal(row.Name)
		if err != nil {
			return nil, err
		}
		b.Write(name)
		b.WriteString(`:{"precision":`)
		b.WriteString(jsonFloat(row.Precision))
		b.WriteString(`,"recall":`)
		b.WriteString(jsonFloat(row.Recall))
		b.WriteString(`,"f1-score":`)
		b.WriteString(jsonFloat(row.F1))
		b.WriteString(`,"support":` + strconv.Itoa(row.Support))
		b.WriteString(`,"predicted":` + strconv.Itoa(row.Predicted))
		b.WriteString(`,"correct":` + strconv.Itoa(row.Correct) + "}")
	}
	b.WriteByte('}')
	return b.Bytes(), nil
}

// jsonFloat formats v as the shortest decimal that reads back as v, or null
// for NaN.
func jsonFloat(v float64) string {
	if math.IsNaN(v) {
		return "null"
	}
	return strconv.FormatFloat(v, 'g', -1, 64)
}
