package metrics

import "github.com/arabench/arabench/corpus"

// NoMatch labels the last row and column of a Confusion: the predictions
// paired with no gold mention (row) and the gold mentions paired with no
// prediction (column).
const NoMatch = "no match"

// Confusion is the type confusion matrix of a set of documents: how often a
// gold mention of one type was paired with a prediction of another, read off
// the documents' alignments (see Align). The alignment is the same under
// every scheme, so the matrix is too: a pair counts in its cell whatever its
// spans, and Exact says how many of a cell's pairs have equal spans.
type Confusion struct {
	// Labels name the rows (gold) and the columns (predicted): every type of
	// the gold and the predictions, sorted with SortTypes, then NoMatch.
	Labels []string
	// Counts[i][j] is the number of gold mentions of type Labels[i] paired
	// with a prediction of type Labels[j]. The last column counts the gold
	// mentions of each type paired with nothing (MIS), the last row the
	// predictions of each type paired with nothing (SPU, unplaced
	// predictions included); the corner is 0.
	Counts [][]int
	// Exact[i][j] is the number of the pairs of Counts[i][j] whose spans are
	// equal; 0 in the last row and column.
	Exact [][]int
}

// NewConfusion builds the confusion matrix of docs. pairs[i] is the alignment
// of docs[i] (DocScore.Pairs); a nil pairs, or a nil entry, aligns the
// document's mentions.
func NewConfusion(docs []Doc, pairs [][]Pair) *Confusion {
	seen := map[string]bool{}
	var types []string
	for _, d := range docs {
		for _, ms := range [][]corpus.Mention{d.Gold, d.Pred, d.Unplaced} {
			for _, m := range ms {
				if !seen[m.Type] {
					seen[m.Type] = true
					types = append(types, m.Type)
				}
			}
		}
	}
	SortTypes(types)
	c := &Confusion{Labels: append(types, NoMatch)}
	at := make(map[string]int, len(c.Labels))
	for i, l := range types {
		at[l] = i
	}
	none := len(types)
	c.Counts = make([][]int, len(c.Labels))
	c.Exact = make([][]int, len(c.Labels))
	for i := range c.Counts {
		c.Counts[i] = make([]int, len(c.Labels))
		c.Exact[i] = make([]int, len(c.Labels))
	}
	for i, d := range docs {
		var ps []Pair
		if pairs != nil {
			ps = pairs[i]
		}
		if ps == nil {
			ps = Align(d.Gold, d.Pred)
		}
		for _, pr := range ps {
			switch {
			case pr.Gold < 0:
				c.Counts[none][at[d.Pred[pr.Pred].Type]]++
			case pr.Pred < 0:
				c.Counts[at[d.Gold[pr.Gold].Type]][none]++
			default:
				g, p := d.Gold[pr.Gold], d.Pred[pr.Pred]
				gi, pi := at[g.Type], at[p.Type]
				c.Counts[gi][pi]++
				if g.Start == p.Start && g.End == p.End {
					c.Exact[gi][pi]++
				}
			}
		}
		for _, m := range d.Unplaced {
			c.Counts[none][at[m.Type]]++
		}
	}
	return c
}

// Count returns the cell of gold label g and predicted label p (a type or
// NoMatch); 0 for a label not in the matrix.
func (c *Confusion) Count(g, p string) int {
	i, j := c.index(g), c.index(p)
	if i < 0 || j < 0 {
		return 0
	}
	return c.Counts[i][j]
}

func (c *Confusion) index(label string) int {
	for i, l := range c.Labels {
		if l == label {
			return i
		}
	}
	return -1
}

// Add returns the confusion matrix of the documents of c and of o together:
// the union of their labels, the counts summed. Either may be nil.
func (c *Confusion) Add(o *Confusion) *Confusion {
	if c == nil {
		return o
	}
	if o == nil {
		return c
	}
	seen := map[string]bool{NoMatch: true}
	var types []string
	for _, l := range append(c.Labels, o.Labels...) {
		if !seen[l] {
			seen[l] = true
			types = append(types, l)
		}
	}
	SortTypes(types)
	sum := &Confusion{Labels: append(types, NoMatch)}
	n := len(sum.Labels)
	sum.Counts, sum.Exact = make([][]int, n), make([][]int, n)
	for i := range sum.Counts {
		sum.Counts[i], sum.Exact[i] = make([]int, n), make([]int, n)
	}
	for _, x := range []*Confusion{c, o} {
		for i, g := range x.Labels {
			for j, p := range x.Labels {
				si, sj := sum.index(g), sum.index(p)
				sum.Counts[si][sj] += x.Counts[i][j]
				sum.Exact[si][sj] += x.Exact[i][j]
			}
		}
	}
	return sum
}
