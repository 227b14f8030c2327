package conlleval

import (
	"encoding/json"
	"fmt"
	"io"
	"strings"
)

// WriteText writes the report exactly as conlleval.pl prints it (without -l):
// the overall line, the accuracy line when there are tokens, and one line per
// type, percentages with two decimals.
func (r *Report) WriteText(w io.Writer) error {
	// The arithmetic follows the script's, in percent, so that rounding to
	// two decimals agrees to the last digit.
	pct := func(num, den int) float64 {
		if den == 0 {
			return 0
		}
		return 100 * float64(num) / float64(den)
	}
	fb1 := func(p, r float64) float64 {
		if p+r == 0 {
			return 0
		}
		return 2 * p * r / (p + r)
	}
	var b strings.Builder
	o := r.Overall
	fmt.Fprintf(&b, "processed %d tokens with %d phrases; found: %d phrases; correct: %d.\n", r.Tokens, o.Phrases, o.Found, o.Correct)
	if r.Tokens > 0 {
		p, rc := pct(o.Correct, o.Found), pct(o.Correct, o.Phrases)
		fmt.Fprintf(&b, "accuracy: %6.2f%%; precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f\n", pct(r.CorrectTags, r.Tokens), p, rc, fb1(p, rc))
	}
	for _, t := range r.Types {
		p, rc := pct(t.Correct, t.Found), pct(t.Correct, t.Phrases)
		// Perl's %17s pads by bytes, not by characters.
		line := strings.Repeat(" ", max(0, 17-len(t.Type))) + t.Type +
			fmt.Sprintf(": precision: %6.2f%%; recall: %6.2f%%; FB1: %6.2f  %d\n", p, rc, fb1(p, rc), t.Found)
		b.WriteString(line)
		// The script drops repeated type names from its sorted key lists
		// with a test that is false for the empty name, so a chunk type ""
		// (from untyped tags such as a bare B) prints once per list it is
		// in: twice when both gold and found chunks have it.
		if t.Type == "" && t.Phrases > 0 && t.Found > 0 {
			b.WriteString(line)
		}
	}
	_, err := io.WriteString(w, b.String())
	return err
}

// jsonScores are the ratios of a Counts, as fractions (conlleval.pl prints
// them as percentages, 100 times these, rounded to two decimals).
type jsonScores struct {
	Counts
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

func scores(c Counts) jsonScores {
	return jsonScores{Counts: c, Precision: c.Precision(), Recall: c.Recall(), F1: c.F1()}
}

// MarshalJSON encodes the report with every number conlleval.pl prints:
//
//	{"tokens": 23, "correct_tags": 15, "accuracy": 0.652…,
//	 "phrases": 9, "found": 10, "correct": 5, "precision": 0.5, "recall": 0.555…, "f1": 0.526…,
//	 "types": [{"type": "LOC", "phrases": 4, "found": 3, "correct": 2, "precision": …}, …]}
//
// The ratios are fractions, not percentages.
func (r *Report) MarshalJSON() ([]byte, error) {
	type typeScores struct {
		Type string `json:"type"`
		jsonScores
	}
	out := struct {
		Tokens      int     `json:"tokens"`
		CorrectTags int     `json:"correct_tags"`
		Accuracy    float64 `json:"accuracy"`
		jsonScores
		Types []typeScores `json:"types"`
	}{Tokens: r.Tokens, CorrectTags: r.CorrectTags, Accuracy: r.Accuracy(), jsonScores: scores(r.Overall), Types: []typeScores{}}
	for _, t := range r.Types {
		out.Types = append(out.Types, typeScores{Type: t.Type, jsonScores: scores(t.Counts)})
	}
	return json.Marshal(out)
}
