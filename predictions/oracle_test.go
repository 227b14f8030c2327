package predictions

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
)

// conllevalCounts is conlleval.pl's "with G phrases; found: F phrases;
// correct: C" line.
var conllevalCounts = regexp.MustCompile(`with (\d+) phrases; found: (\d+) phrases; correct: (\d+)\.`)

// TestReadCoNLLOnTheOracleCases reads every oracle case (../testdata/oracles,
// see its README.md) as two CoNLL prediction files, the gold column and
// the predicted one, over a corpus of its sentences (one document each), and
// counts gold chunks, predicted chunks and exact matches. They equal
// conlleval.pl's on every case but four, each for a reason of its own:
//   - three cases hold -DOCSTART- lines, ordinary tokens to conlleval.pl
//     and document boundaries to ReadCoNLL;
//   - iobes_input tags S- and E-: ReadCoNLL decodes IOBES as seqeval's
//     default does (S-X S-X is two chunks), where conlleval.pl has no S- rule
//     and joins them into one. Its counts are seqeval's.
//
// The realistic cases' types are ANERcorp's (PERS, MISC): every chunk is
// kept under its label, none read as O.
func TestReadCoNLLOnTheOracleCases(t *testing.T) {
	docStart := map[string]bool{"docstart_lines": true, "several_documents": true, "several_documents_conll2003_columns": true}
	// seqeval default on iobes_input: support 6; micro precision 0.6 and
	// recall 0.5, so 3 correct of 5 predicted.
	override := map[string][3]int{"iobes_input": {6, 5, 3}}
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "oracles", "cases", "*", "input.conll"))
	require.NoError(t, err)
	require.Len(t, dirs, 37)
	equal := 0
	for _, in := range dirs {
		name := filepath.Base(filepath.Dir(in))
		t.Run(name, func(t *testing.T) {
			if docStart[name] {
				t.Skip("-DOCSTART- is a token to conlleval.pl, a document boundary here")
			}
			data, err := os.ReadFile(in)
			require.NoError(t, err)
			report, err := os.ReadFile(filepath.Join(filepath.Dir(in), "conlleval.txt"))
			require.NoError(t, err)
			var want [3]int
			m := conllevalCounts.FindStringSubmatch(string(report))
			require.NotNil(t, m)
			for i := range want {
				fmt.Sscan(m[i+1], &want[i])
			}
			if o, ok := override[name]; ok {
				want = o
			}
			c, gold, pred := oracleFiles(string(data))
			g, errs := ReadCoNLL("gold", strings.NewReader(gold), c, CoNLLOptions{})
			require.Empty(t, errs)
			p, errs := ReadCoNLL("pred", strings.NewReader(pred), c, CoNLLOptions{})
			require.Empty(t, errs)
			var got [3]int
			for _, d := range c.Documents {
				got[0] += len(g[d.ID])
				got[1] += len(p[d.ID])
				for _, x := range p[d.ID] {
					for _, y := range g[d.ID] {
						if x == y {
							got[2]++
						}
					}
				}
			}
			assert.Equal(t, want, got, "gold chunks, predicted chunks, exact matches")
			if want == got {
				equal++
			}
		})
	}
	assert.Equal(t, len(dirs)-len(docStart), equal, "the cases without -DOCSTART- equal conlleval.pl, iobes_input seqeval")
}

// oracleFiles turns a conlleval input into a corpus of its sentences (tokens
// joined by single spaces, ids s00000, s00001, …) and two CoNLL prediction
// files of it, one of the gold column and one of the predicted column.
func oracleFiles(in string) (c *corpus.Corpus, gold, pred string) {
	c = &corpus.Corpus{Name: "oracle"}
	var g, p strings.Builder
	var toks []string
	flush := func() {
		if len(toks) > 0 {
			c.Documents = append(c.Documents, corpus.Document{ID: fmt.Sprintf("s%05d", len(c.Documents)), Text: strings.Join(toks, " ")})
			toks = nil
		}
	}
	for _, line := range strings.Split(in, "\n") {
		f := strings.Fields(line)
		if len(f) == 0 || f[0] == "-X-" {
			flush()
			continue
		}
		if len(toks) == 0 {
			id := fmt.Sprintf("s%05d", len(c.Documents))
			g.WriteString("-DOCSTART- " + id + "\n")
			p.WriteString("-DOCSTART- " + id + "\n")
		}
		toks = append(toks, f[0])
		g.WriteString(f[0] + " " + f[len(f)-2] + "\n")
		p.WriteString(f[0] + " " + f[len(f)-1] + "\n")
	}
	flush()
	return c, g.String(), p.String()
}
