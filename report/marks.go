package report

import (
	"sort"
)

// item is one entry of a document's alignment to mark in its text: the byte
// span it covers (the union of the gold mention's and the prediction's
// spans, which overlap) and the mark's attributes.
type item struct {
	start, end int
	mark       mark
}

// mark is the view of one mark element: what the template writes as the
// attributes of <mark>. An item that crosses the end of another is written
// as several fragments; every fragment but the first has Cont set, every
// fragment but the last has Part set (the text marker goes after the last).
type mark struct {
	// ID is the element id of a mark that something links to, else "".
	ID       string
	Category string // erroranalysis.Category.Key
	Gold     string // gold type, "" for a spurious prediction
	Pred     string // predicted type, "" for a missed gold mention
	Change   string // change kind in a comparison, "" for none
	Tip      string
	Cont     bool
	Part     bool
}

// token is one piece of a marked-up text: a run of text, the opening of a
// mark, or the closing of the innermost open mark.
type token struct {
	Text  string
	Open  *mark
	Close bool
}

// markup cuts text into tokens so that every item is marked and the marks
// nest: items are opened in order of start (the longer first), and an item
// still open when an item opened inside it ends is closed with it and opened
// again right after, as a continuation. Items must lie inside text, with
// start <= end on character boundaries.
func markup(text string, items []item) []token {
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool {
		x, y := items[order[a]], items[order[b]]
		if x.start != y.start {
			return x.start < y.start
		}
		return x.end > y.end
	})
	bounds := make([]int, 0, 2*len(items))
	for _, it := range items {
		bounds = append(bounds, it.start, it.end)
	}
	sort.Ints(bounds)

	var toks []token
	last := make([]int, len(items)) // token index of each item's last opening
	var stack []int                 // open items, innermost last
	open := func(i int, cont bool) {
		m := items[i].mark
		m.Cont, m.Part = cont, true
		if cont {
			m.ID = ""
		}
		last[i] = len(toks)
		toks = append(toks, token{Open: &m})
		stack = append(stack, i)
	}
	pos, next := 0, 0
	for k, b := range bounds {
		if k > 0 && b == bounds[k-1] {
			continue
		}
		if b > pos {
			toks = append(toks, token{Text: text[pos:b]})
			pos = b
		}
		// Close every item ending here, with the items opened inside it,
		// and reopen those that go on.
		lowest := -1
		for j, i := range stack {
			if items[i].end == b {
				lowest = j
				break
			}
		}
		if lowest >= 0 {
			above := append([]int(nil), stack[lowest:]...)
			for range above {
				toks = append(toks, token{Close: true})
			}
			stack = stack[:lowest]
			for _, i := range above {
				if items[i].end > b {
					open(i, true)
				}
			}
		}
		for next < len(order) && items[order[next]].start == b {
			i := order[next]
			next++
			open(i, false)
			if items[i].end == b { // an empty span
				stack = stack[:len(stack)-1]
				toks = append(toks, token{Close: true})
			}
		}
	}
	if pos < len(text) {
		toks = append(toks, token{Text: text[pos:]})
	}
	for i := range items {
		toks[last[i]].Open.Part = false
	}
	return toks
}
