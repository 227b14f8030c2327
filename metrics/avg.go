package metrics

import "fmt"

// Avg is the overall row a board shows.
type Avg string

// The overall averages.
const (
	Micro Avg = "micro"
	Macro Avg = "macro"
	// Weighted is seqeval's "weighted avg": per-type scores weighted by
	// support.
	Weighted Avg = "weighted"
)

// ParseAvg returns the average named s.
func ParseAvg(s string) (Avg, error) {
	switch Avg(s) {
	case Micro, Macro, Weighted:
		return Avg(s), nil
	}
	return "", fmt.Errorf("unknown average %q (want micro, macro or weighted)", s)
}
