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

// The ranks of a candidate pair, best first: how much evidence it carries
// that the two mentions are one.
const (
	rankExactSameType = iota
	rankExactOtherType
	rankCliticSameType
	rankOverlapSameType
	rankOverlapOtherType
)

// candidate is a gold and predicted mention that could be paired.
type candidate struct {
	g, p    int
	rank    int
	overlap int // bytes shared
	drift   int // |Δstart| + |Δend|
}

// Align pairs the gold and predicted mentions of one document one-to-one. text
// is the document text; only the clitic rank reads it, and a span outside it
// never counts as clitic-equal.
//
// Candidates are the pairs whose spans are equal or overlap. They are ranked
// by, in order: exact span with the same type; exact span with another type;
// clitic-equal span (see SchemeClitic) with the same type; overlap with the
// same type; overlap with another type. Within a rank, more shared bytes come
// first, then boundaries closer together (smaller |Δstart|+|Δend|), then
// position in the text (gold start, gold end, prediction start, prediction
// end), then the types, and only for mentions identical in span and type the
// input order. The pairs are taken greedily in that order, each when both its
// mentions are still free. The result lists paired gold mentions and missed
// ones in gold order, then spurious predictions in prediction order.
//
// The greedy assignment is maximal: no gold mention left unpaired overlaps a
// prediction left unpaired.
func Align(text string, gold, pred []corpus.Mention) []Pair {
	cands := candidates(text, gold, pred)
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if a.rank != b.rank {
			return a.rank < b.rank
		}
		if a.overlap != b.overlap {
			return a.overlap > b.overlap
		}
		if a.drift != b.drift {
			return a.drift < b.drift
		}
		ga, gb := gold[a.g], gold[b.g]
		if ga.Start != gb.Start {
			return ga.Start < gb.Start
		}
		if ga.End != gb.End {
			return ga.End < gb.End
		}
		pa, pb := pred[a.p], pred[b.p]
		if pa.Start != pb.Start {
			return pa.Start < pb.Start
		}
		if pa.End != pb.End {
			return pa.End < pb.End
		}
		if ga.Type != gb.Type {
			return ga.Type < gb.Type
		}
		if pa.Type != pb.Type {
			return pa.Type < pb.Type
		}
		if a.g != b.g {
			return a.g < b.g
		}
		return a.p < b.p
	})
	goldTo := make([]int, len(gold))
	for i := range goldTo {
		goldTo[i] = -1
	}
	predTaken := make([]bool, len(pred))
	for _, c := range cands {
		if goldTo[c.g] >= 0 || predTaken[c.p] {
			continue
		}
		goldTo[c.g] = c.p
		predTaken[c.p] = true
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

// candidates lists every gold/prediction pair with equal or overlapping spans.
// Predictions are swept in start order with a running maximum of their ends,
// so a document costs O((G+P) log P) plus the candidates found, not G·P.
func candidates(text string, gold, pred []corpus.Mention) []candidate {
	order := make([]int, len(pred))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return pred[order[i]].Start < pred[order[j]].Start })
	maxEnd := make([]int, len(order))
	for i, p := range order {
		maxEnd[i] = pred[p].End
		if i > 0 && maxEnd[i-1] > maxEnd[i] {
			maxEnd[i] = maxEnd[i-1]
		}
	}
	var cands []candidate
	for g, gm := range gold {
		// Predictions before lo end before gm starts; those from hi on start
		// after it ends. Equal empty spans sit on both limits, hence >= and >.
		lo := sort.Search(len(order), func(i int) bool { return maxEnd[i] >= gm.Start })
		hi := sort.Search(len(order), func(i int) bool { return pred[order[i]].Start > gm.End })
		for _, p := range order[lo:max(lo, hi)] {
			pm := pred[p]
			c, ok := rankPair(text, gm, pm)
			if !ok {
				continue
			}
			c.g, c.p = g, p
			cands = append(cands, c)
		}
	}
	return cands
}

// rankPair ranks the pair (g, p), or reports false when its spans neither are
// equal nor overlap.
func rankPair(text string, g, p corpus.Mention) (candidate, bool) {
	sameSpan := g.Start == p.Start && g.End == p.End
	if !sameSpan && !g.Overlaps(p) {
		return candidate{}, false
	}
	c := candidate{
		overlap: max(0, min(g.End, p.End)-max(g.Start, p.Start)),
		drift:   abs(g.Start-p.Start) + abs(g.End-p.End),
	}
	sameType := g.Type == p.Type
	switch {
	case sameSpan && sameType:
		c.rank = rankExactSameType
	case sameSpan:
		c.rank = rankExactOtherType
	case sameType && cliticEqual(text, g, p):
		c.rank = rankCliticSameType
	case sameType:
		c.rank = rankOverlapSameType
	default:
		c.rank = rankOverlapOtherType
	}
	return c, true
}

func abs(x int) int {
	if x < 0 {
		return -x
	}
	return x
}

// Classify returns what scheme s makes of the aligned pair (g, p) of a
// document whose text is text:
//
//	strict   COR if same span and type, else INC
//	exact    COR if same span, else INC
//	type     COR if same type, else INC (the pair's spans overlap by construction)
//	partial  COR if same span, else PAR
//	clitic   COR if clitic-equal span and same type, else INC
func Classify(s Scheme, text string, g, p corpus.Mention) Outcome {
	sameSpan := g.Start == p.Start && g.End == p.End
	sameType := g.Type == p.Type
	var ok bool
	switch s {
	case SchemeStrict:
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
		ok = sameType && (sameSpan || cliticEqual(text, g, p))
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

// cliticEqual reports whether spans a and b are equal once a leading proclitic
// stack is removed from one of them: they end at the same byte and the text
// between their starts is 1 to MaxProclitics letters from و ف ب ل ك, each
// optionally carrying diacritics or tatweel, with at least one byte of the
// shorter span left. Removing the difference of the starts, rather than
// stripping each span greedily, keeps names that begin with those letters
// whole: gold لبنان against وللبنان differs by ول, whereas greedy stripping
// would eat the name's own ل and ب.
func cliticEqual(text string, a, b corpus.Mention) bool {
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
