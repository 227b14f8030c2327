package compare

import (
	"fmt"
	"sort"
	"strings"
	"unicode"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/runfile"
)

// ChangeKind is what became of one place of a document between two systems'
// predictions. The kinds are exclusive and cover every change.
type ChangeKind uint8

// The kinds of change, in the order reports list them. "Right" means COR
// under the scheme of the diff; a gold mention's place is the gold mention
// and the predictions paired with it, a place without gold is a prediction
// paired with no gold mention (and the other system's prediction that
// overlaps it).
const (
	// NewlyCorrect: a gold mention the new system gets right and the old did
	// not (it missed it, or predicted it over another span). Recall gains.
	NewlyCorrect ChangeKind = iota + 1
	// NewlyWrong: a gold mention the old system got right and the new does
	// not (it misses it, or predicts it over another span). Recall loses.
	NewlyWrong
	// ChangedType: both systems predict the place over the same span, with
	// different types, and not both right. One of them may be right: the
	// gold says which (a LOC the old system got right and the new calls ORG
	// is a changed type, not a newly wrong mention).
	ChangedType
	// ChangedBoundary: both systems predict a wrong mention at the place,
	// over different spans.
	ChangedBoundary
	// NewFalsePositive: the new system predicts a wrong mention where the
	// old predicted nothing (a spurious mention, or a wrong one on a gold
	// mention that neither gets right). Precision loses.
	NewFalsePositive
	// RemovedFalsePositive: the old system predicted a wrong mention where
	// the new predicts nothing. Precision gains.
	RemovedFalsePositive
)

// ChangeKinds lists the kinds in report order.
var ChangeKinds = []ChangeKind{NewlyCorrect, NewlyWrong, ChangedType, ChangedBoundary, NewFalsePositive, RemovedFalsePositive}

var changeNames = map[ChangeKind]string{
	NewlyCorrect:         "newly correct",
	NewlyWrong:           "newly wrong",
	ChangedType:          "changed type",
	ChangedBoundary:      "changed boundary",
	NewFalsePositive:     "new false positive",
	RemovedFalsePositive: "false positive removed",
}

// String names the kind as reports print it, e.g. "newly correct".
func (k ChangeKind) String() string {
	if n, ok := changeNames[k]; ok {
		return n
	}
	return fmt.Sprintf("ChangeKind(%d)", uint8(k))
}

// plural names n changes of the kind: "2 new false positives".
func (k ChangeKind) plural(n int) string {
	switch {
	case n == 1:
		return k.String()
	case k == NewFalsePositive:
		return "new false positives"
	case k == RemovedFalsePositive:
		return "false positives removed"
	}
	return k.String()
}

// MarshalText encodes the kind with underscores: "newly_correct".
func (k ChangeKind) MarshalText() ([]byte, error) {
	if _, ok := changeNames[k]; !ok {
		return nil, fmt.Errorf("unknown change kind %d", uint8(k))
	}
	return []byte(strings.ReplaceAll(k.String(), " ", "_")), nil
}

// UnmarshalText decodes what MarshalText encodes.
func (k *ChangeKind) UnmarshalText(b []byte) error {
	name := strings.ReplaceAll(string(b), "_", " ")
	for kind, n := range changeNames {
		if n == name {
			*k = kind
			return nil
		}
	}
	return fmt.Errorf("unknown change kind %q", b)
}

// Change is one mention-level difference between two systems on a document.
// Offsets are CODE POINTS, as in run files.
type Change struct {
	Kind ChangeKind `json:"kind"`
	Doc  string     `json:"doc"`
	// Start and End span the place: the gold mention's span, or for a place
	// without gold the union of the predictions' spans.
	Start int `json:"start"`
	End   int `json:"end"`
	// Text is the text of the place.
	Text string `json:"text"`
	// Gold is the gold mention of the place; nil for a place without gold.
	Gold *runfile.Mention `json:"gold,omitempty"`
	// Old and New are each system's prediction at the place; nil for none.
	Old *runfile.Mention `json:"old,omitempty"`
	New *runfile.Mention `json:"new,omitempty"`
	// Context is the place in its sentence: up to ContextRunes code points
	// either side, cut at a word boundary, with the place in [brackets] and
	// white space runs shown as one space.
	Context string `json:"context"`
}

// ContextRunes is how many code points of text a Change's context shows
// around the place, at most, on each side.
const ContextRunes = 40

// DocPair is one document as two systems saw it: the text, the gold mentions
// and each system's predictions, byte offsets into Text.
type DocPair struct {
	ID   string
	Text string
	Gold []corpus.Mention
	Old  []corpus.Mention
	New  []corpus.Mention
}

// DiffMentions lists what changed in d between the old and the new
// predictions, judged under scheme s (a pair is right when s counts it COR).
// Each system's predictions are aligned with the gold as for scoring (see
// metrics.Align). For every gold mention, with o and n the predictions paired
// with it in each system (or none):
//
//	o right, n right                      no change
//	o, n same span, other types           ChangedType (one of them may be right)
//	o not right, n right                  NewlyCorrect
//	o right, n not right                  NewlyWrong
//	neither right, o and n the same       no change (both none, or same span and type)
//	neither right, both predicted         ChangedBoundary (the spans differ)
//	neither right, only n predicted       NewFalsePositive
//	neither right, only o predicted       RemovedFalsePositive
//
// The predictions paired with no gold mention (spurious) are diffed apart:
// one that the other system also predicts, same span and type, is no change
// (wherever that other one was paired); the rest are aligned with each other
// like gold with predictions, and an aligned pair is ChangedType (same span)
// or ChangedBoundary, an old one left alone RemovedFalsePositive, a new one
// NewFalsePositive. Changes come in the order of their place in the text.
func DiffMentions(s metrics.Scheme, d DocPair) []Change {
	d.Gold = metrics.TrimInvisible(d.Text, d.Gold)
	d.Old, d.New = metrics.TrimInvisible(d.Text, d.Old), metrics.TrimInvisible(d.Text, d.New)
	oldPairs := metrics.Align(d.Gold, d.Old)
	newPairs := metrics.Align(d.Gold, d.New)
	oldFor, oldSpur := pairedWith(len(d.Gold), oldPairs)
	newFor, newSpur := pairedWith(len(d.Gold), newPairs)
	dd := differ{d: d, ix: corpus.NewIndex(d.Text)}
	right := func(g int, preds []corpus.Mention, p int) bool {
		return p >= 0 && metrics.Classify(s, d.Text, d.Gold[g], preds[p]) == metrics.COR
	}
	for g := range d.Gold {
		po, pn := oldFor[g], newFor[g]
		ro, rn := right(g, d.Old, po), right(g, d.New, pn)
		mo, mn := pick(d.Old, po), pick(d.New, pn)
		var kind ChangeKind
		switch {
		case ro && rn:
			continue
		case retyped(mo, mn):
			kind = ChangedType
		case rn:
			kind = NewlyCorrect
		case ro:
			kind = NewlyWrong
		case sameMention(mo, mn):
			continue
		case mo != nil && mn != nil:
			kind = changedKind(*mo, *mn)
		case mn != nil:
			kind = NewFalsePositive
		default:
			kind = RemovedFalsePositive
		}
		dd.add(kind, &d.Gold[g], mo, mn)
	}

	// Spurious predictions: drop those the other system predicts too, then
	// align the rest with each other.
	so := unshared(d.Old, oldSpur, d.New)
	sn := unshared(d.New, newSpur, d.Old)
	for _, pr := range metrics.Align(so, sn) {
		switch {
		case pr.Gold < 0:
			dd.add(NewFalsePositive, nil, nil, &sn[pr.Pred])
		case pr.Pred < 0:
			dd.add(RemovedFalsePositive, nil, &so[pr.Gold], nil)
		default:
			dd.add(changedKind(so[pr.Gold], sn[pr.Pred]), nil, &so[pr.Gold], &sn[pr.Pred])
		}
	}
	sortChanges(dd.out)
	return dd.out
}

// pairedWith returns, per gold mention, the index of the prediction paired
// with it (-1 for none), and the indices of the predictions paired with none.
func pairedWith(nGold int, pairs []metrics.Pair) (forGold, spurious []int) {
	forGold = make([]int, nGold)
	for i := range forGold {
		forGold[i] = -1
	}
	for _, pr := range pairs {
		switch {
		case pr.Gold < 0:
			spurious = append(spurious, pr.Pred)
		default:
			forGold[pr.Gold] = pr.Pred
		}
	}
	return forGold, spurious
}

func pick(ms []corpus.Mention, i int) *corpus.Mention {
	if i < 0 {
		return nil
	}
	return &ms[i]
}

func sameMention(a, b *corpus.Mention) bool {
	if a == nil || b == nil {
		return a == b
	}
	return a.Start == b.Start && a.End == b.End && a.Type == b.Type
}

// retyped reports whether both systems predict the same span with other
// types.
func retyped(o, n *corpus.Mention) bool {
	return o != nil && n != nil && o.Start == n.Start && o.End == n.End && o.Type != n.Type
}

func changedKind(o, n corpus.Mention) ChangeKind {
	if o.Start == n.Start && o.End == n.End {
		return ChangedType
	}
	return ChangedBoundary
}

// unshared returns the mentions ms[i], i in idx, that others has no mention
// of the same span and type, each identical one in others excusing one.
func unshared(ms []corpus.Mention, idx []int, others []corpus.Mention) []corpus.Mention {
	type key struct {
		start, end int
		typ        string
	}
	count := map[key]int{}
	for _, m := range others {
		count[key{m.Start, m.End, m.Type}]++
	}
	// Identical mentions that are paired with gold in ms use up their
	// counterparts first.
	spur := make(map[int]bool, len(idx))
	for _, i := range idx {
		spur[i] = true
	}
	for i, m := range ms {
		if k := (key{m.Start, m.End, m.Type}); !spur[i] && count[k] > 0 {
			count[k]--
		}
	}
	var out []corpus.Mention
	for _, i := range idx {
		m := ms[i]
		if k := (key{m.Start, m.End, m.Type}); count[k] > 0 {
			count[k]--
			continue
		}
		out = append(out, m)
	}
	return out
}

// differ collects the changes of one document.
type differ struct {
	d   DocPair
	ix  *corpus.Index
	out []Change
}

func (dd *differ) add(kind ChangeKind, g, o, n *corpus.Mention) {
	c := Change{Kind: kind, Doc: dd.d.ID}
	start, end := -1, -1
	for _, m := range []*corpus.Mention{g, o, n} {
		if m == nil {
			continue
		}
		if start < 0 || m.Start < start {
			start = m.Start
		}
		if m.End > end {
			end = m.End
		}
		if m == g {
			break // a gold mention is the place by itself
		}
	}
	c.Gold, c.Old, c.New = dd.runMention(g), dd.runMention(o), dd.runMention(n)
	c.Start, c.End = dd.codePoints(start, end)
	if 0 <= start && start <= end && end <= len(dd.d.Text) {
		c.Text = dd.d.Text[start:end]
	}
	c.Context = Context(dd.d.Text, start, end, ContextRunes)
	dd.out = append(dd.out, c)
}

// runMention converts m to code points; offsets that do not convert (a
// mention outside the text) are kept as they are.
func (dd *differ) runMention(m *corpus.Mention) *runfile.Mention {
	if m == nil {
		return nil
	}
	s, e := dd.codePoints(m.Start, m.End)
	text := m.Text
	if 0 <= m.Start && m.Start <= m.End && m.End <= len(dd.d.Text) {
		text = dd.d.Text[m.Start:m.End]
	}
	return &runfile.Mention{Start: s, End: e, Type: m.Type, Text: text, Entity: m.Entity, Value: m.Value}
}

func (dd *differ) codePoints(start, end int) (int, int) {
	s, e, err := dd.ix.CodePointSpan(start, end)
	if err != nil {
		return start, end
	}
	return s, e
}

func sortChanges(cs []Change) {
	// Insertion order is gold order then spurious order; a stable sort by
	// place merges them.
	sort.SliceStable(cs, func(i, j int) bool {
		if cs[i].Start != cs[j].Start {
			return cs[i].Start < cs[j].Start
		}
		return cs[i].End < cs[j].End
	})
}

// Context returns the text around the byte span [start, end) of text: the
// span in [brackets], with up to width code points before and after it, cut
// back to a word boundary and marked … where text was left out. Every run of
// white space (line breaks included) shows as one space. A span outside the
// text gives "".
func Context(text string, start, end, width int) string {
	if start < 0 || end < start || end > len(text) {
		return ""
	}
	left := start
	for n := 0; n < width && left > 0; n++ {
		_, size := utf8.DecodeLastRuneInString(text[:left])
		left -= size
	}
	right := end
	for n := 0; n < width && right < len(text); n++ {
		_, size := utf8.DecodeRuneInString(text[right:])
		right += size
	}
	before, after := text[left:start], text[end:right]
	var b strings.Builder
	if left > 0 {
		// Drop the partial word at the cut.
		if i := strings.IndexFunc(before, unicode.IsSpace); i >= 0 {
			before = before[i:]
		}
		b.WriteString("…")
	}
	writeSpaced(&b, strings.TrimLeftFunc(before, unicode.IsSpace))
	b.WriteByte('[')
	writeSpaced(&b, text[start:end])
	b.WriteByte(']')
	cut := right < len(text)
	if cut {
		if i := strings.LastIndexFunc(after, unicode.IsSpace); i >= 0 {
			after = after[:i]
		}
	}
	writeSpaced(&b, strings.TrimRightFunc(after, unicode.IsSpace))
	if cut {
		b.WriteString("…")
	}
	return b.String()
}

// writeSpaced writes s with every run of white space as one space.
func writeSpaced(b *strings.Builder, s string) {
	space := false
	for _, r := range s {
		if unicode.IsSpace(r) {
			space = true
			continue
		}
		if space {
			b.WriteByte(' ')
			space = false
		}
		b.WriteRune(r)
	}
	if space {
		b.WriteByte(' ')
	}
}
