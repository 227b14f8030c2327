// Package corpustest builds mentions over a text for the tests of packages
// that score or compare mentions: by the occurrence of a substring (At) or by
// token numbers (Tokens), and noisy predictions made from gold (Noisy).
package corpustest

import (
	"math/rand"
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/require"
)

// At returns a mention of type typ over the n-th (0-based) occurrence of sub
// in text, with its byte offsets.
func At(t testing.TB, text, sub string, n int, typ string) corpus.Mention {
	t.Helper()
	from := 0
	for i := 0; ; i++ {
		j := strings.Index(text[from:], sub)
		require.GreaterOrEqual(t, j, 0, "%q occurs fewer than %d times", sub, n+1)
		if i == n {
			s := from + j
			return corpus.Mention{Start: s, End: s + len(sub), Type: typ, Text: sub}
		}
		from += j + len(sub)
	}
}

// Tokens builds a text from words joined by single spaces and returns a
// function making a mention over words first..last (inclusive), the way
// token-level examples (nervaluate's, conlleval's) number them.
func Tokens(words ...string) (string, func(first, last int, typ string) corpus.Mention) {
	text := strings.Join(words, " ")
	starts := make([]int, len(words))
	pos := 0
	for i, w := range words {
		starts[i] = pos
		pos += len(w) + 1
	}
	return text, func(first, last int, typ string) corpus.Mention {
		s, e := starts[first], starts[last]+len(words[last])
		return corpus.Mention{Start: s, End: e, Type: typ, Text: text[s:e]}
	}
}

// Noisy returns predictions made from gold with a deterministic share of the
// mentions, drawn from rng, retyped, shortened, dropped or duplicated as a
// spurious neighbour. A sequence of calls sharing rng makes a sequence of
// documents noisy as one.
func Noisy(rng *rand.Rand, gold []corpus.Mention) []corpus.Mention {
	var pred []corpus.Mention
	for _, g := range gold {
		m := g
		switch rng.Intn(6) {
		case 0:
			continue
		case 1:
			m.Type = corpus.ORG
		case 2:
			if m.End-m.Start > 2 {
				m.Start += 2 // one Arabic letter
			}
		case 3:
			pred = append(pred, corpus.Mention{Start: 0, End: 2, Type: corpus.DATE})
		}
		pred = append(pred, m)
	}
	return pred
}
