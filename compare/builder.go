package compare

import (
	"errors"
	"slices"
	"strings"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/metrics"
)

// Builder compares two systems document by document, for corpora too large
// to hold both systems' predictions at once: Add scores one document and
// diffs its mentions, Finish runs the paired bootstrap and returns the
// comparison. Of a document it keeps its sentence units' scores (in the
// compact form of bootstrap.Units), its changes, and unless Options.SumOnly
// its scores; the caller may drop the document after Add. Compare is Add
// over every document, then Finish.
type Builder struct {
	opts     Options
	c        *Comparison
	docs     int
	finished bool
	// oldScores and newScores hold each document's scores, or with SumOnly
	// their sums (one DocScore each).
	oldScores, newScores []metrics.DocScore
	oldUnits, newUnits   *bootstrap.Units
	byKind               map[ChangeKind][]Change
	// group indexes, per kind, the groups of c.groups by their key (Count 0).
	group map[ChangeKind]map[ChangeGroup]int
}

// NewBuilder starts a comparison under opts.
func NewBuilder(opts Options) *Builder {
	schemes := opts.Schemes
	if len(schemes) == 0 {
		schemes = metrics.Schemes
	}
	diffScheme := opts.DiffScheme
	if diffScheme == "" {
		diffScheme = schemes[0]
	}
	sig := opts.Signature
	sig.Boot = opts.Bootstrap.Spec()
	c := &Comparison{Old: opts.Old, New: opts.New, Schemes: schemes, DiffScheme: diffScheme,
		MaxChanges: opts.MaxChanges, Signature: sig,
		counts: map[ChangeKind]int{}, groups: map[ChangeKind][]ChangeGroup{}}
	b := &Builder{opts: opts, c: c, oldUnits: bootstrap.NewUnits(), newUnits: bootstrap.NewUnits(),
		byKind: map[ChangeKind][]Change{}, group: map[ChangeKind]map[ChangeGroup]int{}}
	if opts.SumOnly {
		b.oldScores, b.newScores = make([]metrics.DocScore, 1), make([]metrics.DocScore, 1)
	}
	return b
}

// Add scores document d under both systems and diffs their mentions. Units
// are cut once for both systems (bootstrap.SentenceSpans with the gold and
// both systems' predictions), so that the bootstrap pairs the same
// sentences.
func (b *Builder) Add(d DocPair) error {
	if b.finished {
		return errors.New("compare: document added after Finish")
	}
	b.docs++
	oldDoc := metrics.Doc{ID: d.ID, Text: d.Text, Gold: d.Gold, Pred: d.Old}
	newDoc := metrics.Doc{ID: d.ID, Text: d.Text, Gold: d.Gold, Pred: d.New}
	b.oldScores = b.addScore(b.oldScores, metrics.ScoreDoc(oldDoc))
	b.newScores = b.addScore(b.newScores, metrics.ScoreDoc(newDoc))
	spans := bootstrap.SentenceSpans(d.Text, d.Gold, d.Old, d.New)
	for _, u := range bootstrap.SplitDoc(oldDoc, spans) {
		b.oldUnits.Add(metrics.ScoreDoc(u))
	}
	for _, u := range bootstrap.SplitDoc(newDoc, spans) {
		b.newUnits.Add(metrics.ScoreDoc(u))
	}
	for _, ch := range DiffMentions(b.c.DiffScheme, d) {
		b.addChange(ch)
	}
	return nil
}

// addScore appends ds to scores, or with SumOnly adds it to scores[0].
func (b *Builder) addScore(scores []metrics.DocScore, ds metrics.DocScore) []metrics.DocScore {
	if !b.opts.SumOnly {
		return append(scores, ds)
	}
	sum := &scores[0]
	if sum.Totals == nil {
		sum.Totals = map[metrics.Scheme]metrics.Tally{}
		sum.Tallies = map[metrics.Scheme]metrics.TypeTallies{}
	}
	for _, t := range ds.Types {
		if !slices.Contains(sum.Types, t) {
			sum.Types = append(sum.Types, t)
		}
	}
	for s, t := range ds.Totals {
		x := sum.Totals[s]
		x.Add(t)
		sum.Totals[s] = x
	}
	for s, tt := range ds.Tallies {
		if sum.Tallies[s] == nil {
			sum.Tallies[s] = metrics.TypeTallies{}
		}
		sum.Tallies[s].Add(tt)
	}
	sum.Links.Add(ds.Links)
	sum.Values.Add(ds.Values)
	return scores
}

// addChange counts ch, adds it to its group, and keeps it unless
// ListedOnly and its kind has MaxChanges already.
func (b *Builder) addChange(ch Change) {
	k := ch.Kind
	b.c.counts[k]++
	g := groupOf(ch)
	if b.group[k] == nil {
		b.group[k] = map[ChangeGroup]int{}
	}
	i, ok := b.group[k][g]
	if !ok {
		// The group outlives the document: its strings must not hold the
		// document's text.
		g.Text, g.Old, g.New = strings.Clone(g.Text), strings.Clone(g.Old), strings.Clone(g.New)
		i = len(b.c.groups[k])
		b.group[k][g] = i
		b.c.groups[k] = append(b.c.groups[k], g)
	}
	b.c.groups[k][i].Count++
	if b.opts.ListedOnly && b.opts.MaxChanges > 0 && len(b.byKind[k]) >= b.opts.MaxChanges {
		b.c.partial = true
		return
	}
	b.byKind[k] = append(b.byKind[k], ch)
}

// Finish runs the paired bootstrap over the units of every document added
// and returns the comparison. The Builder takes no more documents.
//
// A comparison tests many rows at once (every type, micro and macro, under
// every scheme shown), and among a few dozen tests of equal systems some come
// out below Alpha by chance. So one row, the headline (micro F1 under the
// first scheme), is tested alone, and the p-values of all the other rows are
// adjusted together by Holm–Bonferroni (see bootstrap.Holm); verdicts use
// the adjusted p-values.
func (b *Builder) Finish() (*Comparison, error) {
	if b.finished {
		return nil, errors.New("compare: Finish called twice")
	}
	b.finished = true
	c := b.c
	for _, k := range ChangeKinds {
		c.Changes = append(c.Changes, b.byKind[k]...)
	}
	b.byKind = nil
	c.OldReport = b.report(b.oldScores)
	c.NewReport = b.report(b.newScores)
	test, err := b.opts.Bootstrap.Paired(b.oldUnits, b.newUnits, c.Schemes...)
	if err != nil {
		return nil, err
	}
	c.Test = test
	seen := map[string]bool{}
	for _, r := range []*metrics.Report{c.OldReport, c.NewReport} {
		for _, t := range r.Types {
			if !seen[t] {
				seen[t] = true
				c.Types = append(c.Types, t)
			}
		}
	}
	metrics.SortTypes(c.Types)
	if err := c.adjust(); err != nil {
		return nil, err
	}
	return c, nil
}

// report sums scores into a report; with SumOnly the report's Docs is nil.
func (b *Builder) report(scores []metrics.DocScore) *metrics.Report {
	opts := metrics.Options{Signature: b.c.Signature}
	if !b.opts.SumOnly {
		return metrics.Summarize(scores, opts)
	}
	if b.docs == 0 {
		scores = nil
	}
	r := metrics.Summarize(scores, opts)
	r.Docs = nil
	return r
}
