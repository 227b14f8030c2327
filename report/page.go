package report

import (
	_ "embed"
	"html/template"
	"strconv"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/erroranalysis"
	"github.com/arabench/arabench/metrics"
)

// The page is one html/template: every string that comes from a document, a
// run file or the gold goes through its contextual escaping, so a document
// holding <script>, </mark> or a quote shows those characters as text. The
// style sheet and the script are this package's own files, inlined.
var (
	//go:embed page.html
	pageHTML string
	//go:embed style.css
	styleText string
	//go:embed filter.js
	filterText string

	styleCSS = template.CSS(styleText)
	filterJS = template.JS(filterText)

	pageTemplate = template.Must(template.New("page").Funcs(template.FuncMap{
		"fixed":  fixed,
		"signed": signed,
		"pvalue": pvalue,
	}).Parse(pageHTML))
)

// page is what the template shows.
type page struct {
	Title, Scheme, Corpus, Signature string
	// Boot describes the paired bootstrap of a comparison.
	Boot    string
	Compare bool
	// Docs is the number of documents, Scored the number scored, Marks the
	// number of marks.
	Docs, Scored, Marks int
	Systems             []systemView
	Notes               []string
	// Types are the types the type filter offers.
	Types      []string
	Categories []categoryView
	MUC        []countView
	ScoreRows  []scoreRow
	Deltas     []deltaRow
	Changes    []changeCount
	Confusion  confusion
	Groups     []groupView
	GroupsMore int
	DocRows    []docRow
	Documents  []docView
	CSS        template.CSS
	JS         template.JS
}

type systemView struct{ Name, Version, Source, Signature string }

type countView struct {
	Name string
	N    int
}

// categoryView is a category in the legend, the counts and the filter, with
// the types of its sample mark.
type categoryView struct {
	Key, Name  string
	Gold, Pred string
	N          int
}

func categoryViews(n erroranalysis.CategoryCounts) []categoryView {
	samples := map[erroranalysis.Category][2]string{
		erroranalysis.Correct:       {"PER", "PER"},
		erroranalysis.WrongType:     {"LOC", "ORG"},
		erroranalysis.WrongBoundary: {"PER", "PER"},
		erroranalysis.WrongBoth:     {"NUM", "DATE"},
		erroranalysis.Missed:        {"ORG", ""},
		erroranalysis.Spurious:      {"", "DATE"},
	}
	out := make([]categoryView, len(erroranalysis.Categories))
	for i, c := range erroranalysis.Categories {
		out[i] = categoryView{Key: c.Key(), Name: c.String(), Gold: samples[c][0], Pred: samples[c][1], N: n[c]}
	}
	return out
}

// scoreRow is a line of the per-type table; the averages have no tally.
type scoreRow struct {
	Label string
	Score metrics.Score
	Tally *metrics.Tally
}

func scoreRows(sr *metrics.SchemeReport) []scoreRow {
	var rows []scoreRow
	for _, t := range sr.Types {
		tally := t.Tally
		rows = append(rows, scoreRow{Label: t.Type, Score: t.Score, Tally: &tally})
	}
	total := sr.Total
	return append(rows, scoreRow{Label: "micro", Score: sr.Micro, Tally: &total},
		scoreRow{Label: "macro", Score: sr.Macro}, scoreRow{Label: "weighted", Score: sr.Weighted})
}

type deltaRow struct {
	Label    string
	Support  int
	Old, New metrics.Score
	Delta    bootstrap.Delta
	// PAdjusted is the p-value the verdict uses: the headline's own, every
	// other row's Holm-adjusted (see compare.Row).
	PAdjusted float64
	Verdict   string
}

type changeCount struct {
	Key, Name string
	N         int
}

type confusion struct {
	Labels []string
	Rows   []confusionRow
}

type confusionRow struct {
	Label string
	Cells []confusionCell
}

type confusionCell struct {
	N     int
	Class string
	Title string
}

func newConfusionView(c *metrics.Confusion) confusion {
	v := confusion{Labels: c.Labels}
	last := len(c.Labels) - 1
	for i, g := range c.Labels {
		row := confusionRow{Label: g}
		for j, p := range c.Labels {
			cell := confusionCell{N: c.Counts[i][j]}
			switch {
			case i == last && j == last:
				cell.Class = "none"
			case i == last:
				cell.Class = "spurious"
				cell.Title = strconv.Itoa(cell.N) + " predicted " + p + " paired with no gold mention"
			case j == last:
				cell.Class = "missed"
				cell.Title = strconv.Itoa(cell.N) + " gold " + g + " paired with no prediction"
			default:
				if i == j {
					cell.Class = "diag"
				} else {
					cell.Class = "off"
				}
				cell.Title = strconv.Itoa(cell.N) + " gold " + g + " paired with predicted " + p + ", " +
					strconv.Itoa(c.Exact[i][j]) + " of them over the same span"
			}
			if cell.N == 0 {
				cell.Class += " zero"
			}
			row.Cells = append(row.Cells, cell)
		}
		v.Rows = append(v.Rows, row)
	}
	return v
}

type groupView struct {
	Key, Category      string
	GoldType, GoldText string
	PredType, PredText string
	N                  int
	Links              []linkView
	More               int
}

type linkView struct{ Href, Text string }

// docRow is a line of the per-document table.
type docRow struct {
	Anchor, ID string
	// Status is the run file's word for a document not scored.
	Status   string
	Scored   bool
	POS, ACT int
	Score    metrics.Score
	Counts   erroranalysis.CategoryCounts
	// OldF1 and Delta are the old run's F1 and the change, in a comparison.
	OldF1, Delta float64
}

// Cats lists the row's counts in category order.
func (r docRow) Cats() []int {
	out := make([]int, len(erroranalysis.Categories))
	for i, c := range erroranalysis.Categories {
		out[i] = r.Counts[c]
	}
	return out
}

type docView struct {
	Anchor, ID string
	// Status and Error say why a document was not scored.
	Status, Error string
	Summary       string
	Tokens        []token
	Changes       []changeItem
}

type changeItem struct {
	Key, Kind, Gold, Old, New, Context string
	// Href links the change's mark, "" when the shown run has none there.
	Href string
}

// signed formats a difference with its sign: +0.0123, -0.0456.
func signed(x float64) string {
	s := fixed(x)
	if x >= 0 {
		s = "+" + s
	}
	return s
}

// pvalue formats a p-value with the precision a bootstrap of this size can
// give.
func pvalue(p float64) string {
	if p < 0.001 {
		return "<0.001"
	}
	return strconv.FormatFloat(p, 'f', 3, 64)
}
