package metrics

import (
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/require"
)

// at returns a mention of type typ over the n-th (0-based) occurrence of sub
// in text, with its byte offsets.
func at(t *testing.T, text, sub string, n int, typ string) corpus.Mention {
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

// tokens builds a text from words joined by single spaces and returns a
// function making a mention over words first..last (inclusive), the way
// token-level examples (nervaluate's, conlleval's) number them.
func tokens(words ...string) (string, func(first, last int, typ string) corpus.Mention) {
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

// tallyOf is the total tally of scheme s in r.
func tallyOf(r *Report, s Scheme) Tally { return r.Schemes[s].Total }

// row returns the row of type typ under scheme s.
func row(t *testing.T, r *Report, s Scheme, typ string) TypeRow {
	t.Helper()
	for _, x := range r.Schemes[s].Types {
		if x.Type == typ {
			return x
		}
	}
	t.Fatalf("no %s row under %s", typ, s)
	return TypeRow{}
}
