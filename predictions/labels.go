package predictions

import (
	"cmp"
	"fmt"
	"slices"
	"strings"

	"github.com/arabench/arabench/corpus"
)

// LabelCount is a mention label and how many mentions carry it.
type LabelCount struct {
	Label string
	Count int
}

// LabelMismatch is where the labels of predictions and gold disagree. A
// prediction keeps its label whatever it is, so a label the gold never uses
// (PERS for PER, MISC) is scored as it is: exact and partial can still match
// its span, but strict, type and clitic never count it correct. Such a label
// is almost always a naming mismatch or a type the benchmark does not
// annotate, and either way the number printed would mislead without a word.
type LabelMismatch struct {
	// PredOnly lists the labels of predictions that no gold mention has,
	// most frequent first (then by label).
	PredOnly []LabelCount
	// GoldOnly lists the gold labels that no prediction has, most frequent
	// first, when PredOnly is not empty: the two lists side by side show a
	// renamed vocabulary (gold PER, predictions PERS). A system that simply
	// never predicts a type shows in that type's row (recall 0) instead.
	GoldOnly []LabelCount
}

// CompareLabels counts the labels of the gold and predicted mentions of
// every document and returns those that only one side uses.
func CompareLabels(gold, pred map[string][]corpus.Mention) LabelMismatch {
	var t LabelTally
	t.Add(gold, pred)
	return t.Mismatch()
}

// LabelTally counts the labels of gold and predicted mentions added a part
// of the documents at a time; its Mismatch is CompareLabels of them all.
// The zero value is ready to use.
type LabelTally struct {
	gold, pred map[string]int
}

// Add counts the labels of more documents' gold and predicted mentions.
func (t *LabelTally) Add(gold, pred map[string][]corpus.Mention) {
	if t.gold == nil {
		t.gold, t.pred = map[string]int{}, map[string]int{}
	}
	countLabels(t.gold, gold)
	countLabels(t.pred, pred)
}

// Mismatch returns the labels that only one side uses.
func (t *LabelTally) Mismatch() LabelMismatch {
	var m LabelMismatch
	m.PredOnly = only(t.pred, t.gold)
	if len(m.PredOnly) > 0 {
		m.GoldOnly = only(t.gold, t.pred)
	}
	return m
}

// Warnings renders the mismatch as messages for standard error, one per
// side, each naming every label with its count; none when the labels agree.
func (m LabelMismatch) Warnings() []string {
	var out []string
	if len(m.PredOnly) > 0 {
		out = append(out, fmt.Sprintf("predictions carry %s that the gold never uses: %s; they are scored as they are, so strict, type and clitic never count them correct",
			plural(len(m.PredOnly), "a label", "labels"), formatCounts(m.PredOnly)))
	}
	if len(m.GoldOnly) > 0 {
		out = append(out, fmt.Sprintf("no prediction carries the gold's %s %s: every such gold mention is missed under strict, type and clitic (are the predictions' labels named differently?)",
			plural(len(m.GoldOnly), "label", "labels"), formatCounts(m.GoldOnly)))
	}
	return out
}

// countLabels adds the count of every label of docs to n.
func countLabels(n map[string]int, docs map[string][]corpus.Mention) {
	for _, ms := range docs {
		for _, m := range ms {
			n[m.Type]++
		}
	}
}

// only lists the labels of a that b lacks, most frequent first.
func only(a, b map[string]int) []LabelCount {
	var out []LabelCount
	for l, n := range a {
		if b[l] == 0 {
			out = append(out, LabelCount{l, n})
		}
	}
	slices.SortFunc(out, func(x, y LabelCount) int {
		return cmp.Or(cmp.Compare(y.Count, x.Count), cmp.Compare(x.Label, y.Label))
	})
	return out
}

// formatCounts writes label counts as `PERS ×120, MISC ×33`.
func formatCounts(cs []LabelCount) string {
	parts := make([]string, len(cs))
	for i, c := range cs {
		parts[i] = fmt.Sprintf("%s ×%d", c.Label, c.Count)
	}
	return strings.Join(parts, ", ")
}

func plural(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
