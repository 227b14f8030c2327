package compare

import (
	"fmt"
	"maps"
	"math"
	"slices"
	"sort"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/runfile"
	"github.com/arabench/arabench/signature"
)

// System identifies one side of a comparison: the extractor's name and
// version and the signature of its run.
type System struct {
	Name      string `json:"extractor"`
	Version   string `json:"version,omitempty"`
	Signature string `json:"signature,omitempty"`
}

// Options controls Compare.
type Options struct {
	// Old and New name the two systems.
	Old, New System
	// Signature pins the data both systems were scored on (gold, corpus,
	// normalization, average); Compare fills in the bootstrap part and the
	// renderings the scheme.
	Signature signature.Signature
	// Schemes are the schemes shown, in order; nil shows all of Schemes.
	Schemes []metrics.Scheme
	// Bootstrap sets the paired bootstrap's resamples and seed.
	Bootstrap bootstrap.Bootstrap
	// DiffScheme is the scheme under which the mention diff judges a
	// prediction right; "" uses the first of Schemes.
	DiffScheme metrics.Scheme
	// MaxChanges caps the changes the table and Markdown renderings list per
	// kind (the counts are always complete); 0 lists them all. JSON always
	// lists every change.
	MaxChanges int
	// SumOnly keeps of the systems' reports their sums: OldReport.Docs and
	// NewReport.Docs are nil rather than one score per document.
	SumOnly bool
	// ListedOnly keeps of the changes those the table and Markdown
	// renderings list: the first MaxChanges of each kind (Counts and Groups
	// still count every change; MaxChanges 0 keeps them all). The JSON
	// rendering, which lists every change, refuses a comparison that left
	// changes out.
	ListedOnly bool
}

// Comparison answers, for two systems scored on the same documents and gold,
// which scores moved, whether each F1 move is real (a paired bootstrap over
// sentence units), and which mentions changed.
type Comparison struct {
	Old, New System
	// Schemes are the schemes shown.
	Schemes []metrics.Scheme
	// Types is every type of either report, sorted with metrics.SortTypes.
	Types []string
	// OldReport and NewReport score each system per document, as eval does.
	OldReport, NewReport *metrics.Report
	// Test is the paired bootstrap of every F1.
	Test *bootstrap.PairedBootstrap
	// DiffScheme judges the mention diff.
	DiffScheme metrics.Scheme
	// Changes lists every mention-level change, by kind (ChangeKinds
	// order), then document (input order), then place; with
	// Options.ListedOnly only the first MaxChanges of each kind.
	Changes []Change
	// MaxChanges is Options.MaxChanges.
	MaxChanges int
	// Signature pins the comparison, boot part included.
	Signature signature.Signature
	// rows holds Rows' answer per scheme, p-values adjusted.
	rows map[metrics.Scheme][]Row
	// family is the number of rows whose p-values are adjusted together.
	family int
	// counts holds the number of changes of each kind that has any.
	counts map[ChangeKind]int
	// groups holds the groups of each kind, in order of first occurrence.
	groups map[ChangeKind][]ChangeGroup
	// partial is set when Changes leaves changes out (ListedOnly).
	partial bool
}

// Compare scores both systems on docs, runs the paired bootstrap over the
// sentence units of docs and diffs their mentions: a Builder given every
// document of docs in order.
func Compare(docs []DocPair, opts Options) (*Comparison, error) {
	b := NewBuilder(opts)
	if !opts.SumOnly {
		b.oldScores = make([]metrics.DocScore, 0, len(docs))
		b.newScores = make([]metrics.DocScore, 0, len(docs))
	}
	for _, d := range docs {
		if err := b.Add(d); err != nil {
			return nil, err
		}
	}
	return b.Finish()
}

// adjust builds every scheme's rows and adjusts the p-values of every row
// but the headline together.
func (c *Comparison) adjust() error {
	c.rows = map[metrics.Scheme][]Row{}
	var ps []float64
	for i, s := range c.Schemes {
		rows, err := c.buildRows(s)
		if err != nil {
			return err
		}
		for j := range rows {
			if i == 0 && j == len(rows)-2 { // the micro row, whatever the types are called
				rows[j].Headline = true
				rows[j].PAdjusted = rows[j].F1.P
				continue
			}
			ps = append(ps, rows[j].F1.P)
		}
		c.rows[s] = rows
	}
	adj := bootstrap.Holm(ps)
	c.family = len(adj)
	k := 0
	for _, s := range c.Schemes {
		for j := range c.rows[s] {
			if !c.rows[s][j].Headline {
				c.rows[s][j].PAdjusted = adj[k]
				k++
			}
		}
	}
	return nil
}

// Row is one line of a comparison under one scheme: a type, or the
// micro or macro average.
type Row struct {
	// Label is the type, "micro" or "macro".
	Label string
	// Support is the number of gold mentions (of the type, or all).
	Support int
	// Old and New are each system's precision, recall and F1.
	Old, New metrics.Score
	// F1 is the paired bootstrap of the F1 difference; F1.P is its p-value
	// as if the row were the only test.
	F1 bootstrap.Delta
	// Headline marks the comparison's headline: micro F1 under the first
	// scheme shown, tested alone.
	Headline bool
	// PAdjusted is F1.P adjusted for the other rows tested with it: for the
	// headline F1.P itself, for every other row the Holm–Bonferroni adjusted
	// p-value over all rows but the headline.
	PAdjusted float64
}

// Verdict is "better" or "worse" when the F1 difference is significant
// (PAdjusted < Alpha), else "".
func (r Row) Verdict() string {
	switch {
	case r.PAdjusted >= bootstrap.Alpha:
		return ""
	case r.F1.Delta > 0:
		return "better"
	case r.F1.Delta < 0:
		return "worse"
	}
	return ""
}

// Rows returns the comparison's rows under scheme s: one per type of Types,
// then micro, then macro. The slice is the caller's.
func (c *Comparison) Rows(s metrics.Scheme) ([]Row, error) {
	rows, ok := c.rows[s]
	if !ok {
		return nil, fmt.Errorf("comparison does not show scheme %q", s)
	}
	return slices.Clone(rows), nil
}

// Headline returns the row the comparison leads with: micro F1 under the
// first scheme shown.
func (c *Comparison) Headline() Row {
	for _, r := range c.rows[c.Schemes[0]] {
		if r.Headline {
			return r
		}
	}
	return Row{}
}

// Family is the number of rows whose p-values are adjusted together: every
// row of every scheme shown but the headline.
func (c *Comparison) Family() int { return c.family }

// ResamplesNeeded is the fewest bootstrap resamples with which a row other
// than the headline can get a verdict: the smallest p-value of n resamples is
// 1/(n+1), and Holm multiplies the smallest of the family's by its size m, so
// m/(n+1) must be below Alpha.
func (c *Comparison) ResamplesNeeded() int {
	return int(math.Floor(float64(c.family) / bootstrap.Alpha))
}

// buildRows computes the rows under scheme s, p-values unadjusted.
func (c *Comparison) buildRows(s metrics.Scheme) ([]Row, error) {
	so, err := c.OldReport.ForScheme(s)
	if err != nil {
		return nil, err
	}
	sn, err := c.NewReport.ForScheme(s)
	if err != nil {
		return nil, err
	}
	ps := c.Test.Schemes[s]
	if ps == nil {
		return nil, fmt.Errorf("comparison has no bootstrap for scheme %q", s)
	}
	var rows []Row
	for _, t := range c.Types {
		ro, okOld := so.Row(t)
		rn, okNew := sn.Row(t)
		support := ro.Score.Support
		if !okOld && okNew {
			support = rn.Score.Support
		}
		rows = append(rows, Row{Label: t, Support: support, Old: ro.Score, New: rn.Score, F1: ps.Types[t]})
	}
	rows = append(rows,
		Row{Label: "micro", Support: so.Micro.Support, Old: so.Micro, New: sn.Micro, F1: ps.Micro},
		Row{Label: "macro", Support: so.Macro.Support, Old: so.Macro, New: sn.Macro, F1: ps.Macro})
	return rows, nil
}

// Counts returns the number of changes of each kind that has any. The map
// is the caller's.
func (c *Comparison) Counts() map[ChangeKind]int { return maps.Clone(c.counts) }

// ChangesOf returns the changes of kind k in Changes, in order.
func (c *Comparison) ChangesOf(k ChangeKind) []Change {
	i := sort.Search(len(c.Changes), func(i int) bool { return kindRank(c.Changes[i].Kind) >= kindRank(k) })
	j := i
	for j < len(c.Changes) && c.Changes[j].Kind == k {
		j++
	}
	return c.Changes[i:j]
}

func kindRank(k ChangeKind) int {
	for i, x := range ChangeKinds {
		if x == k {
			return i
		}
	}
	return len(ChangeKinds)
}

// ChangeGroup counts the changes of one kind at places of the same text whose
// predictions changed the same way: "روسيا LOC→ORG ×44".
type ChangeGroup struct {
	Kind ChangeKind `json:"kind"`
	// Text is the places' text, every run of white space as one space.
	Text string `json:"text"`
	// Gold is the gold type of the places, "" for places without gold. It
	// is left out (and not told apart) for newly correct and newly wrong
	// changes, where the right side shows it.
	Gold string `json:"gold,omitempty"`
	// Old and New say what each system predicted at the places: "—" for
	// nothing, the type for a mention over the place, TYPE[text] for a
	// mention over another span.
	Old string `json:"old"`
	New string `json:"new"`
	// Count is the number of changes in the group.
	Count int `json:"count"`
}

// String shows the group as reports list it: text, old→new, count, and the
// gold where it is kept: "روسيا LOC→ORG ×44 (gold LOC)".
func (g ChangeGroup) String() string {
	s := fmt.Sprintf("%s %s→%s ×%d", g.Text, g.Old, g.New, g.Count)
	return s + g.goldNote()
}

func (g ChangeGroup) goldNote() string {
	switch {
	case g.Kind == NewlyCorrect || g.Kind == NewlyWrong:
		return ""
	case g.Gold == "":
		return " (no gold)"
	}
	return " (gold " + g.Gold + ")"
}

// Groups returns the changes of kind k grouped by text, gold and what each
// system predicted, the largest group first (ties in order of first
// occurrence).
func (c *Comparison) Groups(k ChangeKind) []ChangeGroup {
	out := slices.Clone(c.groups[k])
	slices.SortStableFunc(out, func(a, b ChangeGroup) int { return b.Count - a.Count })
	return out
}

// groupOf is the group of ch, without its count.
func groupOf(ch Change) ChangeGroup {
	g := ChangeGroup{Kind: ch.Kind, Text: oneLine(ch.Text), Old: placeLabel(ch, ch.Old, false), New: placeLabel(ch, ch.New, false)}
	if ch.Gold != nil && ch.Kind != NewlyCorrect && ch.Kind != NewlyWrong {
		g.Gold = ch.Gold.Type
	}
	return g
}

// placeLabel shows a mention at a change's place: "—" for none, its type
// when it spans the place, else its type and text, as TYPE[text] or, with
// offsets, as "TYPE start–end text" (code points).
func placeLabel(ch Change, m *runfile.Mention, offsets bool) string {
	switch {
	case m == nil:
		return "—"
	case m.Start == ch.Start && m.End == ch.End:
		return m.Type
	case offsets:
		return fmt.Sprintf("%s %d–%d %s", m.Type, m.Start, m.End, oneLine(m.Text))
	}
	return m.Type + "[" + oneLine(m.Text) + "]"
}

// Signatures returns the signature of each scheme shown.
func (c *Comparison) Signatures() []signature.Signature {
	out := make([]signature.Signature, 0, len(c.Schemes))
	for _, s := range c.Schemes {
		sig := c.Signature
		sig.Scheme = string(s)
		out = append(out, sig)
	}
	return out
}
