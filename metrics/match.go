package metrics

import (
	"sort"
	"unicode/utf8"

	"github.com/arabench/arabench/corpus"
)

// Pair is one entry of a document's alignment: a gold mention and the
// prediction paired with it, by index into the slices given to Align. Gold is
// -1 for a prediction paired with nothing (SPU under every scheme), Pred is -1
// for a gold mention paired with nothing (MIS under every scheme).
type Pair struct {
	Gold int `json:"gold"`
	Pred int `json:"pred"`
}

// Align pairs the gold and predicted mentions of one document one-to-one, the
// way nervaluate 1.1.0 does under each of its four schemes: the predictions,
// in text order, each take the first gold mention, in text order, that is
// still free and whose span overlaps theirs (shares at least one byte; equal
// spans overlap). Type plays no part in the pairing and neither does the size
// of the overlap: a prediction overlapping a gold LOC and then a gold PER is
// paired with the LOC even when it is a PER itself, and the PER is missed.
// Text order is by start, then end, then type, then input order.
//
// Pairing by text order rather than by the best overlap is what makes the
// counts equal nervaluate's on chains of overlaps: gold A overlapping
// prediction 1 which overlaps gold B which overlaps prediction 2 gives the
// pairs (A, 1) and (B, 2).
//
// The result lists the gold mentions in input order, each with its prediction
// or -1, then the spurious predictions in input order.
func Align(gold, pred []corpus.Mention) []Pair {
	gorder := textOrder(gold)
	// maxEnd[i] is the largest end among gorder[:i+1]: gold mentions before
	// the first i with maxEnd[i] >= p.Start all end before p starts.
	maxEnd := make([]int, len(gorder))
	for i, g := range gorder {
		maxEnd[i] = gold[g].End
		if i > 0 && maxEnd[i-1] > maxEnd[i] {
			maxEnd[i] = maxEnd[i-1]
		}
	}
	goldTo := make([]int, len(gold))
	for i := range goldTo {
		goldTo[i] = -1
	}
	predTaken := make([]bool, len(pred))
	for _, p := range textOrder(pred) {
		pm := pred[p]
		lo := sort.Search(len(gorder), func(i int) bool { return maxEnd[i] >= pm.Start })
		for _, g := range gorder[lo:] {
			gm := gold[g]
			if gm.Start >= pm.End && !(gm.Start == pm.Start && gm.End == pm.End) {
				break
			}
			if goldTo[g] < 0 && overlaps(gm, pm) {
				goldTo[g] = p
				predTaken[p] = true
				break
			}
		}
	}
	pairs := make([]Pair, 0, len(gold)+len(pred))
	for g, p := range goldTo {
		pairs = append(pairs, Pair{Gold: g, Pred: p})
	}
	for p, taken := range predTaken {
		if !taken {
			pairs = append(pairs, Pair{Gold: -1, Pred: p})
		}
	}
	return pairs
}

// overlaps reports whether two spans share a byte or are equal.
func overlaps(a, b corpus.Mention) bool {
	return a.Overlaps(b) || (a.Start == b.Start && a.End == b.End)
}

// textOrder returns the indices of ms sorted by start, then end, then type,
// then index.
func textOrder(ms []corpus.Mention) []int {
	order := make([]int, len(ms))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool {
		a, b := ms[order[i]], ms[order[j]]
		if a.Start != b.Start {
			return a.Start < b.Start
		}
		if a.End != b.End {
			return a.End < b.End
		}
		return a.Type < b.Type
	})
	return order
}

// Classify returns what scheme s makes of the aligned pair (g, p) of a
// document whose text is text:
//
//	strict   COR if same span and type, else INC
//	exact    COR if same span, else INC
//	type     COR if same type, else INC (the pair's spans overlap by construction)
//	partial  COR if same span, else PAR
//	clitic   COR if clitic-equal span and same type, else INC
//
// The bag scheme forms no pairs (see SchemeBag); a pair is judged under it as
// under strict.
func Classify(s Scheme, text string, g, p corpus.Mention) Outcome {
	sameSpan := g.Start == p.Start && g.End == p.End
	sameType := g.Type == p.Type
	var ok bool
	switch s {
	case SchemeStrict, SchemeBag:
		ok = sameSpan && sameType
	case SchemeExact:
		ok = sameSpan
	case SchemeType:
		ok = sameType
	case SchemePartial:
		if sameSpan {
			return COR
		}
		return PAR
	case SchemeClitic:
		ok = sameType && (sameSpan || CliticEqual(text, g, p))
	}
	if ok {
		return COR
	}
	return INC
}

// MaxProclitics is the longest proclitic stack SchemeClitic removes: a
// conjunction (و ف), a preposition (ب ل ك) and the lam of another preposition
// or of purpose, as in ولل.
const MaxProclitics = 3

// CliticEqual reports whether spans a and b are equal once a leading proclitic
// stack is removed from one of them: they end at the same byte and the text
// between their starts is 1 to MaxProclitics letters from و ف ب ل ك, each
// optionally carrying diacritics or tatweel, with at least one byte of the
// shorter span left. Removing the difference of the starts, rather than
// stripping each span greedily, keeps names that begin with those letters
// whole: gold لبنان against وللبنان differs by ول, whereas greedy stripping
// would eat the name's own ل and ب.
func CliticEqual(text string, a, b corpus.Mention) bool {
	if a.End != b.End || a.Start == b.Start {
		return false
	}
	lo, hi := min(a.Start, b.Start), max(a.Start, b.Start)
	if lo < 0 || hi >= a.End || a.End > len(text) {
		return false
	}
	return isProcliticStack(text[lo:hi])
}

// isProcliticStack reports whether s is 1 to MaxProclitics proclitic letters,
// each followed by any number of Arabic diacritics or tatweel.
func isProcliticStack(s string) bool {
	letters := 0
	for i := 0; i < len(s); {
		r, size := utf8.DecodeRuneInString(s[i:])
		switch {
		case isProcliticLetter(r):
			letters++
			if letters > MaxProclitics {
				return false
			}
		case letters > 0 && isMark(r):
		default:
			return false
		}
		i += size
	}
	return letters > 0
}

func isProcliticLetter(r rune) bool {
	switch r {
	case 'و', 'ف', 'ب', 'ل', 'ك':
		return true
	}
	return false
}

// isMark reports whether r may ride on a proclitic letter without making it
// another word: the harakat and tanwin (U+064B–U+0652), superscript alef
// (U+0670) and tatweel (U+0640).
func isMark(r rune) bool {
	return (r >= 0x064B && r <= 0x0652) || r == 0x0670 || r == 0x0640
}
