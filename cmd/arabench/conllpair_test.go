package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/conlleval"
)

// splitPair cuts a conlleval input (token, gold tag, guessed tag) into two
// token files, the gold's and the predictions'.
func splitPair(in string) (gold, pred string) {
	var g, p strings.Builder
	for _, l := range strings.SplitAfter(in, "\n") {
		f := strings.Fields(l)
		if len(f) < 3 {
			g.WriteString("\n")
			p.WriteString("\n")
			continue
		}
		g.WriteString(f[0] + " " + f[len(f)-2] + "\n")
		p.WriteString(f[0] + " " + f[len(f)-1] + "\n")
	}
	return g.String(), p.String()
}

// joinPair builds conlleval's input from two token files of the same
// tokens: token, gold tag, predicted tag.
func joinPair(t *testing.T, gold, pred string) string {
	t.Helper()
	gl, pl := strings.Split(gold, "\n"), strings.Split(pred, "\n")
	require.Equal(t, len(gl), len(pl))
	var b strings.Builder
	for i := range gl {
		g, p := strings.Fields(gl[i]), strings.Fields(pl[i])
		if len(g) == 0 {
			b.WriteString("\n")
			continue
		}
		require.Equal(t, g[0], p[0], "line %d", i+1)
		b.WriteString(g[0] + " " + g[len(g)-1] + " " + p[len(p)-1] + "\n")
	}
	return b.String()
}

// assertConlleval checks that the strict scores of got equal conlleval's
// report on the three-column file joined from gold and pred: phrases,
// found and correct, overall and per type.
func assertConlleval(t *testing.T, got boardJSON, gold, pred string) {
	t.Helper()
	cf, err := conlleval.Read(strings.NewReader(joinPair(t, gold, pred)), "pair", conlleval.Options{})
	require.NoError(t, err)
	rep := cf.Evaluate()
	strict := got.Extractors[0].Schemes[0]
	require.Equal(t, "strict", strict.Scheme)
	assert.Equal(t, [3]int{rep.Overall.Phrases, rep.Overall.Found, rep.Overall.Correct},
		[3]int{strict.Micro.Support, strict.Micro.Predicted, strict.Micro.COR}, "phrases, found, correct")
	assert.InDelta(t, rep.Overall.F1(), strict.Micro.F1, 1e-12)
	require.Len(t, strict.Types, len(rep.Types), "the same types, in byte order")
	for i, tc := range rep.Types {
		row := strict.Types[i]
		assert.Equal(t, tc.Type, row.Type)
		assert.Equal(t, [3]int{tc.Phrases, tc.Found, tc.Correct}, [3]int{row.Support, row.Predicted, row.COR}, "type %s", tc.Type)
		assert.InDelta(t, tc.F1(), row.F1, 1e-12)
	}
}

// TestScoreTwoTokenFilesEqualsConlleval scores the gold and guessed columns
// of each ANERcorp oracle case (testdata/oracles: ANERcorp CAMeL Lab train
// split sentences with noise, CC BY-SA 4.0) as two token files, and checks
// every strict number against conlleval's on the same pair.
func TestScoreTwoTokenFilesEqualsConlleval(t *testing.T) {
	cases, err := filepath.Glob(filepath.Join("..", "..", "testdata", "oracles", "cases", "anercorp_*", "input.conll"))
	require.NoError(t, err)
	require.Len(t, cases, 8)
	equal := 0
	for _, in := range cases {
		t.Run(filepath.Base(filepath.Dir(in)), func(t *testing.T) {
			data, err := os.ReadFile(in)
			require.NoError(t, err)
			gold, pred := splitPair(string(data))
			got, _ := scoreJSON(t, "--gold", writeFile(t, "gold.conll", gold), "--pred", writeFile(t, "pred.conll", pred))
			assertConlleval(t, got, gold, pred)
			if !t.Failed() {
				equal++
			}
		})
	}
	assert.Equal(t, 8, equal, "8 of 8 cases equal conlleval")
}

// TestScoreAnercorpEqualsConlleval scores a corrupted copy of the built-in
// ANERcorp test split's tags against the built-in gold.
func TestScoreAnercorpEqualsConlleval(t *testing.T) {
	data, err := os.ReadFile(filepath.Join("..", "..", "dataset", "anercorp", "ANERCorp_CamelLab_test.txt"))
	require.NoError(t, err)
	// Every 7th token gets another tag, cycling through some that make
	// chunks begin, continue, change type and vanish.
	swaps := []string{"O", "B-PERS", "I-PERS", "B-LOC", "I-ORG", "B-MISC", "O", "I-LOC"}
	var gold, pred strings.Builder
	n := 0
	for _, l := range strings.SplitAfter(string(data), "\n") {
		f := strings.Fields(l)
		if len(f) < 2 {
			gold.WriteString("\n")
			pred.WriteString("\n")
			continue
		}
		tag := f[len(f)-1]
		gold.WriteString(f[0] + " " + tag + "\n")
		if n%7 == 3 {
			tag = swaps[(n/7)%len(swaps)]
		}
		n++
		pred.WriteString(f[0] + " " + tag + "\n")
	}
	got, errs := scoreJSON(t, "--dataset", "anercorp", "--pred", writeFile(t, "anercorp-noisy.conll", pred.String()))
	assertConlleval(t, got, gold.String(), pred.String())
	assert.Contains(t, errs, "CC BY-SA 4.0", "the dataset is credited")
	// The same pair as two files gives the same numbers and signature.
	again, _ := scoreJSON(t, "--gold", writeFile(t, "anercorp.conll", gold.String()), "--pred", writeFile(t, "anercorp-noisy.conll", pred.String()))
	assert.Equal(t, got.Extractors[0].Schemes, again.Extractors[0].Schemes)
	assert.Equal(t, got.Signatures, again.Signatures, "the gold and corpus hashes pin content, not the file")
}
