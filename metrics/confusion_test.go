package metrics

import (
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestConfusionFixture(t *testing.T) {
	d := fixtureDoc(t)
	d.Unplaced = []corpus.Mention{{Type: "PER", Text: "بوش"}}
	c := NewConfusion([]Doc{d}, nil)
	require.Equal(t, []string{"PER", "ORG", "LOC", "DATE", "NUM", NoMatch}, c.Labels)
	// Rows gold, columns predicted:
	//          PER ORG LOC DATE NUM none
	//   PER     2                         بوتين (same span), لافروف (shorter)
	//   ORG                           1   البنتاغون missed
	//   LOC         1   1                 موسكو as ORG, وواشنطن (longer)
	//   DATE
	//   NUM                 1             100 as DATE (shorter)
	//   none    1           1             بوش unplaced, الأحد spurious
	want := [][]int{
		{2, 0, 0, 0, 0, 0},
		{0, 0, 0, 0, 0, 1},
		{0, 1, 1, 0, 0, 0},
		{0, 0, 0, 0, 0, 0},
		{0, 0, 0, 1, 0, 0},
		{1, 0, 0, 1, 0, 0},
	}
	assert.Equal(t, want, c.Counts)
	assert.Equal(t, 1, c.Exact[0][0], "of the two PER pairs only بوتين has the gold span")
	assert.Equal(t, 1, c.Exact[2][1], "موسكو LOC→ORG has the gold span")
	assert.Equal(t, 0, c.Exact[2][2], "وواشنطن does not")
	assert.Equal(t, 1, c.Count("LOC", "ORG"))
	assert.Equal(t, 1, c.Count("ORG", NoMatch))
	assert.Equal(t, 0, c.Count("GPE", "LOC"), "a label not in the matrix")
}

func TestConfusionMarginals(t *testing.T) {
	// Each row sums to the gold mentions of its type, each column to the
	// predictions of its type, and the no-match cells to MIS and SPU.
	docs := noisy(seedGold(t), 11)
	scores := make([]DocScore, len(docs))
	pairs := make([][]Pair, len(docs))
	for i, d := range docs {
		scores[i] = ScoreDoc(d)
		pairs[i] = scores[i].Pairs
	}
	c := NewConfusion(docs, pairs)
	assert.Equal(t, c, NewConfusion(docs, nil), "given or computed alignments agree")
	gold, pred := map[string]int{}, map[string]int{}
	for _, d := range docs {
		for _, m := range d.Gold {
			gold[m.Type]++
		}
		for _, m := range d.Pred {
			pred[m.Type]++
		}
	}
	n := len(c.Labels) - 1
	mis, spu := 0, 0
	for i, l := range c.Labels[:n] {
		row, col := 0, 0
		for j := range c.Labels {
			row += c.Counts[i][j]
			col += c.Counts[j][i]
		}
		assert.Equal(t, gold[l], row, "row %s", l)
		assert.Equal(t, pred[l], col, "column %s", l)
		mis += c.Counts[i][n]
		spu += c.Counts[n][i]
	}
	tot := Summarize(scores, Options{}).Schemes[SchemeStrict].Total
	assert.Equal(t, tot.MIS, mis)
	assert.Equal(t, tot.SPU, spu)
	assert.Greater(t, c.Count("LOC", "ORG"), 0, "the noise retypes some LOC as ORG")
}

func TestConfusionOfPartsAddsUpToTheWhole(t *testing.T) {
	docs := noisy(seedGold(t), 7)
	whole := NewConfusion(docs, nil)
	for _, cut := range []int{0, 1, len(docs) / 2, len(docs) - 1} {
		var sum *Confusion
		sum = sum.Add(NewConfusion(docs[:cut], nil))
		sum = sum.Add(NewConfusion(docs[cut:], nil))
		assert.Equal(t, whole, sum, "cut at %d", cut)
	}
}
