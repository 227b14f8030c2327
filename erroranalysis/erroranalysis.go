// Package erroranalysis sorts a scored document's mistakes into the
// categories an error analysis reads: every place of a document's alignment
// (see metrics.Align) is judged correct, a wrong type, a wrong boundary, both,
// missed or spurious under a scheme (Judge), the judgments are counted
// (CountCategories) and the recurring errors grouped by what they got wrong
// (GroupErrors), and a report's score is broken down by document (PerDoc).
// The HTML page of `arabench report` and its per-document table are built on
// it; the counts it gives add up to the MUC counts of package metrics.
package erroranalysis

import (
	"fmt"
	"sort"
	"strings"

	"github.com/arabench/arabench/metrics"
)

// Category is what became of one place of a document's alignment under a
// scheme, in the words an error analysis uses: the MUC categories with the
// wrong pairs (INC and PAR) split by what differs, the span or the type.
type Category uint8

// The categories, in the order reports list them.
const (
	// Correct: a pair the scheme counts COR.
	Correct Category = iota + 1
	// WrongType: a pair that is not COR whose spans are the same (under
	// clitic: equal once a leading proclitic stack is removed) and whose
	// types differ.
	WrongType
	// WrongBoundary: a pair that is not COR whose types are the same and
	// whose spans differ.
	WrongBoundary
	// WrongBoth: a pair that is not COR whose spans and types both differ.
	WrongBoth
	// Missed: a gold mention paired with no prediction (MIS).
	Missed
	// Spurious: a prediction paired with no gold mention (SPU).
	Spurious
)

// Categories lists every category in report order.
var Categories = []Category{Correct, WrongType, WrongBoundary, WrongBoth, Missed, Spurious}

var categoryNames = [...]string{
	Correct:       "correct",
	WrongType:     "wrong type",
	WrongBoundary: "wrong boundary",
	WrongBoth:     "wrong type and boundary",
	Missed:        "missed",
	Spurious:      "spurious",
}

var categoryKeys = [...]string{
	Correct:       "correct",
	WrongType:     "type",
	WrongBoundary: "boundary",
	WrongBoth:     "both",
	Missed:        "missed",
	Spurious:      "spurious",
}

// String names the category as reports print it, e.g. "wrong boundary".
func (c Category) String() string {
	if c >= Correct && c <= Spurious {
		return categoryNames[c]
	}
	return fmt.Sprintf("Category(%d)", uint8(c))
}

// Key is the category's one-word name for column heads and HTML attributes:
// correct, type, boundary, both, missed, spurious.
func (c Category) Key() string {
	if c >= Correct && c <= Spurious {
		return categoryKeys[c]
	}
	return c.String()
}

// Judgment is one entry of a document's alignment with its category.
type Judgment struct {
	metrics.Pair
	// Category is what the scheme judged made of the pair.
	Category Category
}

// Judge gives every entry of the alignment pairs of d (see metrics.Align;
// nil aligns d.Gold with d.Pred) its category under scheme s. A pair that s
// counts COR is Correct, whatever differs (under exact, a same-span pair of
// other types is correct); any other pair is WrongType, WrongBoundary or
// WrongBoth by whether the types and the spans are equal, spans that are
// clitic-equal (metrics.CliticEqual) counting as equal under the clitic
// scheme. The bag scheme forms no pairs; under it a pair is judged as under
// strict. The judgments come in the order of pairs.
//
// Over a document, Correct counts COR, the three wrong categories together
// count INC+PAR, Missed counts MIS, and Spurious counts SPU less the unplaced
// predictions (metrics.Doc.Unplaced), which have no place to judge.
func Judge(s metrics.Scheme, d metrics.Doc, pairs []metrics.Pair) []Judgment {
	if pairs == nil {
		pairs = metrics.Align(d.Gold, d.Pred)
	}
	out := make([]Judgment, len(pairs))
	for i, pr := range pairs {
		out[i] = Judgment{Pair: pr, Category: judge(s, d, pr)}
	}
	return out
}

func judge(s metrics.Scheme, d metrics.Doc, pr metrics.Pair) Category {
	switch {
	case pr.Gold < 0:
		return Spurious
	case pr.Pred < 0:
		return Missed
	}
	g, p := d.Gold[pr.Gold], d.Pred[pr.Pred]
	if metrics.Classify(s, d.Text, g, p) == metrics.COR {
		return Correct
	}
	sameSpan := g.Start == p.Start && g.End == p.End
	if s == metrics.SchemeClitic && !sameSpan {
		sameSpan = metrics.CliticEqual(d.Text, g, p)
	}
	switch {
	case sameSpan:
		return WrongType
	case g.Type == p.Type:
		return WrongBoundary
	}
	return WrongBoth
}

// CategoryCounts counts judgments by category: n[Correct] and so on. Index 0
// is unused.
type CategoryCounts [Spurious + 1]int

// Add adds o's counts to n.
func (n *CategoryCounts) Add(o CategoryCounts) {
	for i := range n {
		n[i] += o[i]
	}
}

// Wrong is the number of wrong pairs: WrongType + WrongBoundary + WrongBoth,
// which is INC+PAR of the scheme judged under.
func (n CategoryCounts) Wrong() int { return n[WrongType] + n[WrongBoundary] + n[WrongBoth] }

// CountCategories counts the categories of js.
func CountCategories(js []Judgment) CategoryCounts {
	var n CategoryCounts
	for _, j := range js {
		n[j.Category]++
	}
	return n
}

// DocRow is one document's line of a per-document table: its tally and
// score under one scheme.
type DocRow struct {
	// ID is the unit's id (metrics.DocScore.ID).
	ID string
	// Tally is the unit's tally under the scheme.
	Tally metrics.Tally
	// Score is the precision, recall and F1 of Tally.
	Score metrics.Score
}

// PerDoc returns the tally and score of every unit of r under scheme s, in
// the report's order. The rows' tallies add up to the report's total.
func PerDoc(r *metrics.Report, s metrics.Scheme) ([]DocRow, error) {
	if _, err := r.ForScheme(s); err != nil {
		return nil, err
	}
	rows := make([]DocRow, len(r.Docs))
	for i, ds := range r.Docs {
		t := ds.Totals[s]
		rows[i] = DocRow{ID: ds.ID, Tally: t, Score: t.Score()}
	}
	return rows, nil
}

// Group is one kind of error that recurs: every place judged in the same
// category with the same gold and predicted type and text. Texts are the
// mentions' texts with every run of white space shown as one space.
type Group struct {
	// Category is the category every place of the group was judged in.
	Category Category
	// GoldType and GoldText describe the gold mention; both are "" for a
	// spurious prediction.
	GoldType, GoldText string
	// PredType and PredText describe the prediction; both are "" for a
	// missed gold mention.
	PredType, PredText string
	// Places are the occurrences, in document and alignment order.
	Places []Place
}

// Place is one entry of a document's alignment: the document's index in the
// list given to GroupErrors and the pair, by index into its Gold and Pred.
type Place struct {
	// Doc is the document's index in the list given to GroupErrors.
	Doc int
	metrics.Pair
}

// GroupErrors groups every place that is not Correct by its category and its
// gold and predicted type and text, so that a reader sees at once that
// "روسيا LOC→ORG" happened 44 times. judged[i] holds the judgments of
// docs[i] (see Judge). Groups are sorted by the number of places, most first,
// then by category (Categories order), then by their first place.
func GroupErrors(docs []metrics.Doc, judged [][]Judgment) []Group {
	type key struct {
		cat                                    Category
		goldType, goldText, predType, predText string
	}
	index := map[key]int{}
	var groups []Group
	for i, d := range docs {
		for _, j := range judged[i] {
			if j.Category == Correct {
				continue
			}
			var k key
			k.cat = j.Category
			if j.Gold >= 0 {
				g := d.Gold[j.Gold]
				k.goldType, k.goldText = g.Type, surface(d.Text, g.Start, g.End, g.Text)
			}
			if j.Pred >= 0 {
				p := d.Pred[j.Pred]
				k.predType, k.predText = p.Type, surface(d.Text, p.Start, p.End, p.Text)
			}
			n, ok := index[k]
			if !ok {
				n = len(groups)
				index[k] = n
				groups = append(groups, Group{Category: k.cat, GoldType: k.goldType, GoldText: k.goldText,
					PredType: k.predType, PredText: k.predText})
			}
			groups[n].Places = append(groups[n].Places, Place{Doc: i, Pair: j.Pair})
		}
	}
	sort.SliceStable(groups, func(a, b int) bool {
		ga, gb := groups[a], groups[b]
		if len(ga.Places) != len(gb.Places) {
			return len(ga.Places) > len(gb.Places)
		}
		return ga.Category < gb.Category
	})
	return groups
}

// surface is the text of the span [start, end) of text with white space runs
// shown as one space, or fallback when the span is not inside text.
func surface(text string, start, end int, fallback string) string {
	s := fallback
	if 0 <= start && start <= end && end <= len(text) {
		s = text[start:end]
	}
	return strings.Join(strings.Fields(s), " ")
}
