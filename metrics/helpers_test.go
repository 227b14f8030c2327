package metrics

import (
	"testing"

	"github.com/arabench/arabench/corpus/corpustest"
)

// at and tokens build mentions over a text; see package corpustest.
var (
	at     = corpustest.At
	tokens = corpustest.Tokens
)

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
