package metrics

import (
	"fmt"
	"sort"
)

// System identifies one side of a comparison: the extractor's name and
// version and the signature of its run.
type System struct {
	Name      string `json:"extractor"`
	Version   string `json:"version,omitempty"`
	Signature string `json:"signature,omitempty"`
}

// CompareOptions controls Compare.
type CompareOptions struct {
	// Old and New name the two systems.
	Old, New System
	// Signature pins the data both systems were scored on (gold, corpus,
	// normalization, average); Compare fills in the bootstrap part and the
	// renderings the scheme.
	Signature Signature
	// Schemes are the schemes shown, in order; nil shows all of Schemes.
	Schemes []Scheme
	// Bootstrap sets the paired bootstrap's resamples and seed.
	Bootstrap Bootstrap
	// DiffScheme is the scheme under which the mention diff judges a
	// prediction right; "" uses the first of Schemes.
	DiffScheme Scheme
	// MaxChanges caps the changes the table and Markdown renderings list per
	// kind (the counts are always complete); 0 lists them all. JSON always
	// lists every change.
	MaxChanges int
}

// Comparison answers, for two systems scored on the same documents and gold,
// which scores moved, whether each F1 move is real (a paired bootstrap over
// sentence units), and which mentions changed.
type Comparison struct {
	Old, New System
	// Schemes are the schemes shown.
	Schemes []Scheme
	// Types is every type of either report, sorted with SortTypes.
	Types []string
	// OldReport and NewReport score each system per document, as eval does.
	OldReport, NewReport *Report
	// Test is the paired bootstrap of every F1.
	Test *PairedBootstrap
	// DiffScheme judges the mention diff.
	DiffScheme Scheme
	// Changes lists every mention-level change, by kind (ChangeKinds
	// order), then document (input order), then place.
	Changes []Change
	// MaxChanges is CompareOptions.MaxChanges.
	MaxChanges int
	// Signature pins the comparison, boot part included.
	Signature Signature
}

// Compare scores both systems on docs, runs the paired bootstrap over the
// sentence units of docs and diffs their mentions. Units are cut once for
// both systems (SentenceSpans with the gold and both systems' predictions),
// so that the bootstrap pairs the same sentences.
func Compare(docs []DocPair, opts CompareOptions) (*Comparison, error) {
	schemes := opts.Schemes
	if len(schemes) == 0 {
		schemes = Schemes
	}
	diffScheme := opts.DiffScheme
	if diffScheme == "" {
		diffScheme = schemes[0]
	}
	sig := opts.Signature
	sig.Boot = opts.Bootstrap.Spec()
	c := &Comparison{Old: opts.Old, New: opts.New, Schemes: schemes, DiffScheme: diffScheme,
		MaxChanges: opts.MaxChanges, Signature: sig}

	oldDocs, newDocs := make([]Doc, len(docs)), make([]Doc, len(docs))
	var oldUnits, newUnits []DocScore
	byKind := map[ChangeKind][]Change{}
	for i, d := range docs {
		oldDocs[i] = Doc{ID: d.ID, Text: d.Text, Gold: d.Gold, Pred: d.Old}
		newDocs[i] = Doc{ID: d.ID, Text: d.Text, Gold: d.Gold, Pred: d.New}
		spans := SentenceSpans(d.Text, d.Gold, d.Old, d.New)
		for _, u := range SplitDoc(oldDocs[i], spans) {
			oldUnits = append(oldUnits, ScoreDoc(u))
		}
		for _, u := range SplitDoc(newDocs[i], spans) {
			newUnits = append(newUnits, ScoreDoc(u))
		}
		for _, ch := range DiffMentions(diffScheme, d) {
			byKind[ch.Kind] = append(byKind[ch.Kind], ch)
		}
	}
	for _, k := range ChangeKinds {
		c.Changes = append(c.Changes, byKind[k]...)
	}
	c.OldReport = Evaluate(oldDocs, Options{Signature: sig})
	c.NewReport = Evaluate(newDocs, Options{Signature: sig})
	test, err := opts.Bootstrap.Paired(oldUnits, newUnits)
	if err != nil {
		return nil, err
	}
	c.Test = test
	seen := map[string]bool{}
	for _, r := range []*Report{c.OldReport, c.NewReport} {
		for _, t := range r.Types {
			if !seen[t] {
				seen[t] = true
				c.Types = append(c.Types, t)
			}
		}
	}
	SortTypes(c.Types)
	return c, nil
}

// CompareRow is one line of a comparison under one scheme: a type, or the
// micro or macro average.
type CompareRow struct {
	// Label is the type, "micro" or "macro".
	Label string
	// Support is the number of gold mentions (of the type, or all).
	Support int
	// Old and New are each system's precision, recall and F1.
	Old, New Score
	// F1 is the paired bootstrap of the F1 difference.
	F1 Delta
}

// Verdict is "better" or "worse" when the F1 difference is significant (p <
// Alpha), else "".
func (r CompareRow) Verdict() string {
	switch {
	case !r.F1.Significant():
		return ""
	case r.F1.Delta > 0:
		return "better"
	case r.F1.Delta < 0:
		return "worse"
	}
	return ""
}

// Rows returns the comparison's rows under scheme s: one per type of Types,
// then micro, then macro.
func (c *Comparison) Rows(s Scheme) ([]CompareRow, error) {
	so, err := schemeReport(c.OldReport, s)
	if err != nil {
		return nil, err
	}
	sn, err := schemeReport(c.NewReport, s)
	if err != nil {
		return nil, err
	}
	ps := c.Test.Schemes[s]
	if ps == nil {
		return nil, fmt.Errorf("comparison has no bootstrap for scheme %q", s)
	}
	var rows []CompareRow
	for _, t := range c.Types {
		ro, okOld := typeRow(so, t)
		rn, okNew := typeRow(sn, t)
		support := ro.Score.Support
		if !okOld && okNew {
			support = rn.Score.Support
		}
		rows = append(rows, CompareRow{Label: t, Support: support, Old: ro.Score, New: rn.Score, F1: ps.Types[t]})
	}
	rows = append(rows,
		CompareRow{Label: "micro", Support: so.Micro.Support, Old: so.Micro, New: sn.Micro, F1: ps.Micro},
		CompareRow{Label: "macro", Support: so.Macro.Support, Old: so.Macro, New: sn.Macro, F1: ps.Macro})
	return rows, nil
}

func typeRow(sr *SchemeReport, t string) (TypeRow, bool) {
	for _, r := range sr.Types {
		if r.Type == t {
			return r, true
		}
	}
	return TypeRow{Type: t}, false
}

// Counts returns the number of changes of each kind.
func (c *Comparison) Counts() map[ChangeKind]int {
	n := map[ChangeKind]int{}
	for _, ch := range c.Changes {
		n[ch.Kind]++
	}
	return n
}

// ChangesOf returns the changes of kind k, in order.
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

// Signatures returns the signature of each scheme shown.
func (c *Comparison) Signatures() []Signature {
	out := make([]Signature, 0, len(c.Schemes))
	for _, s := range c.Schemes {
		sig := c.Signature
		sig.Scheme = string(s)
		out = append(out, sig)
	}
	return out
}
