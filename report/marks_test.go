package report

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// show writes tokens compactly, naming each item by its Tip: <1> opens a
// mark, <1+> a continuation, {1} follows the opening of an item's last
// fragment (where its marker goes), </> closes.
func show(toks []token) string {
	var b strings.Builder
	for _, t := range toks {
		switch {
		case t.Open != nil:
			b.WriteString("<" + t.Open.Tip)
			if t.Open.Cont {
				b.WriteString("+")
			}
			b.WriteString(">")
			if !t.Open.Part {
				b.WriteString("{" + t.Open.Tip + "}")
			}
		case t.Close:
			b.WriteString("</>")
		default:
			b.WriteString(t.Text)
		}
	}
	return b.String()
}

func TestMarkup(t *testing.T) {
	it := func(id string, start, end int) item {
		return item{start: start, end: end, mark: mark{ID: id, Tip: id}}
	}
	cases := []struct {
		name  string
		items []item
		want  string
	}{
		{"no marks", nil, "abcdefg"},
		{"apart", []item{it("1", 1, 3), it("2", 4, 5)}, "a<1>{1}bc</>d<2>{2}e</>fg"},
		{"the input order does not matter", []item{it("2", 4, 5), it("1", 1, 3)}, "a<1>{1}bc</>d<2>{2}e</>fg"},
		{"adjacent", []item{it("1", 0, 2), it("2", 2, 4)}, "<1>{1}ab</><2>{2}cd</>efg"},
		{"nested: the longer outside", []item{it("2", 1, 3), it("1", 0, 5)}, "<1>{1}a<2>{2}bc</>de</>fg"},
		{"same start", []item{it("1", 0, 2), it("2", 0, 5)}, "<2>{2}<1>{1}ab</>cde</>fg"},
		{"same span: input order", []item{it("1", 2, 4), it("2", 2, 4)}, "ab<1>{1}<2>{2}cd</></>efg"},
		{"crossing: the later one goes on after the first ends, labelled at its end",
			[]item{it("1", 0, 3), it("2", 2, 5)}, "<1>{1}ab<2>c</></><2+>{2}de</>fg"},
		{"a chain", []item{it("1", 0, 3), it("2", 2, 5), it("3", 4, 7)}, "<1>{1}ab<2>c</></><2+>{2}d<3>e</></><3+>{3}fg</>"},
		{"empty span", []item{it("1", 3, 3)}, "abc<1>{1}</>defg"},
		{"whole text", []item{it("1", 0, 7)}, "<1>{1}abcdefg</>"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			assert.Equal(t, c.want, show(markup("abcdefg", c.items)))
		})
	}
}

// TestMarkupRandom checks on random spans that the marks nest, that the text
// comes out whole and in order, and that every item opens exactly once as a
// first fragment and has exactly one last fragment.
func TestMarkupRandom(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	text := strings.Repeat("abcdefghij", 5)
	for round := 0; round < 500; round++ {
		n := rng.Intn(8)
		items := make([]item, n)
		for i := range items {
			s := rng.Intn(len(text) + 1)
			e := s + rng.Intn(len(text)-s+1)
			id := string(rune('A' + i))
			items[i] = item{start: s, end: e, mark: mark{ID: id, Tip: id}}
		}
		toks := markup(text, items)
		var got strings.Builder
		depth := 0
		firsts, labels := map[string]int{}, map[string]int{}
		for _, tk := range toks {
			switch {
			case tk.Open != nil:
				depth++
				if !tk.Open.Cont {
					firsts[tk.Open.ID]++
				} else {
					require.Empty(t, tk.Open.ID, "round %d: only the first fragment has the id", round)
				}
				if !tk.Open.Part {
					labels[tk.Open.Tip]++
				}
			case tk.Close:
				depth--
				require.GreaterOrEqual(t, depth, 0, "round %d: a close without an open", round)
			default:
				got.WriteString(tk.Text)
			}
		}
		require.Equal(t, 0, depth, "round %d: every mark is closed", round)
		require.Equal(t, text, got.String(), "round %d", round)
		for _, it := range items {
			require.Equal(t, 1, firsts[it.mark.ID], "round %d: %s opens once", round, it.mark.ID)
			require.Equal(t, 1, labels[it.mark.ID], "round %d: %s has one last fragment", round, it.mark.ID)
		}
	}
}
