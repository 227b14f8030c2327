package metrics

import (
	"math/rand"
	"testing"

	"github.com/arabench/arabench/corpus"
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

// fixtureDoc is metricstest.FixtureDoc, which this package's tests cannot
// import (metricstest imports metrics): the document of
// metricstest.FixtureReport without entity ids, with one place of every
// category (see package erroranalysis) under strict.
//
//	بوتين        PER gold, PER predicted             correct
//	سيرغي لافروف PER gold, "لافروف" PER predicted     wrong boundary
//	واشنطن       LOC gold, "وواشنطن" LOC predicted    wrong boundary (clitic: correct)
//	موسكو        LOC gold, ORG predicted             wrong type
//	البنتاغون    ORG gold, not predicted             missed
//	الأحد        DATE predicted, not gold             spurious
//	100 ألف      NUM gold, "100" DATE predicted       wrong type and boundary
func fixtureDoc(t *testing.T) Doc {
	t.Helper()
	text := "قال بوتين إن سيرغي لافروف زار وواشنطن ثم موسكو يوم الأحد وإن البنتاغون نشر 100 ألف جندي"
	return Doc{ID: "fixture", Text: text,
		Gold: []corpus.Mention{
			at(t, text, "بوتين", 0, "PER"),
			at(t, text, "سيرغي لافروف", 0, "PER"),
			at(t, text, "واشنطن", 0, "LOC"),
			at(t, text, "موسكو", 0, "LOC"),
			at(t, text, "البنتاغون", 0, "ORG"),
			at(t, text, "100 ألف", 0, "NUM"),
		},
		Pred: []corpus.Mention{
			at(t, text, "بوتين", 0, "PER"),
			at(t, text, "لافروف", 0, "PER"),
			at(t, text, "وواشنطن", 0, "LOC"),
			at(t, text, "موسكو", 0, "ORG"),
			at(t, text, "الأحد", 0, "DATE"),
			at(t, text, "100", 0, "DATE"),
		},
	}
}

// noisy returns copies of docs whose predictions are the gold with a
// deterministic share of the mentions retyped, shortened, dropped or
// duplicated as a spurious neighbour (see corpustest.Noisy).
func noisy(docs []Doc, seed int64) []Doc {
	rng := rand.New(rand.NewSource(seed))
	out := make([]Doc, len(docs))
	for i, d := range docs {
		d.Pred = corpustest.Noisy(rng, d.Gold)
		out[i] = d
	}
	return out
}
