package metrics

import (
	"bufio"
	"encoding/json"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/seqeval"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The oracle cases in ../testdata/oracles hold nervaluate 1.1.0's results on
// CoNLL files (see that folder's README.md for how the tool was fed: one
// nervaluate document per sentence, list loader).

// nervResult is one EvaluationResult of nervaluate.json.
type nervResult struct {
	Correct   int     `json:"correct"`
	Incorrect int     `json:"incorrect"`
	Partial   int     `json:"partial"`
	Missed    int     `json:"missed"`
	Spurious  int     `json:"spurious"`
	Possible  int     `json:"possible"`
	Actual    int     `json:"actual"`
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
	// Half and NoHalf are the partial scheme's metrics recomputed from the
	// merged counts with and without the half credit.
	Half   *nervPRF `json:"recomputed_with_half_credit"`
	NoHalf *nervPRF `json:"recomputed_without_half_credit"`
}

type nervPRF struct {
	Precision float64 `json:"precision"`
	Recall    float64 `json:"recall"`
	F1        float64 `json:"f1"`
}

type nervFile struct {
	nervRun
	Error string `json:"error"`
	// DictIOBES is the run over spans decoded as IOBES with the dict
	// loader, for the cases whose S- and E- tags the list loader refuses.
	DictIOBES *nervRun `json:"alt_dict_loader_on_iobes_spans"`
}

type nervRun struct {
	DocumentsFed int                              `json:"documents_fed"`
	HalfCredit   bool                             `json:"returned_partial_uses_half_credit"`
	Overall      map[string]nervResult            `json:"overall"`
	Entities     map[string]map[string]nervResult `json:"entities"`
}

// nervSchemes maps nervaluate's scheme names to ours.
var nervSchemes = map[string]Scheme{
	"strict": SchemeStrict, "exact": SchemeExact, "ent_type": SchemeType, "partial": SchemePartial,
}

// readOracleSentences reads an oracle input.conll as the oracle README says
// the Python tools were fed: fields split on single spaces, gold the
// second-to-last field and prediction the last; a sentence ends at an empty
// line, a -X- line or a -DOCSTART- line, none of which is fed; empty sentences
// are dropped.
func readOracleSentences(t *testing.T, path string) (tokens [][]string, gold, pred [][]string) {
	t.Helper()
	f, err := os.Open(path)
	require.NoError(t, err)
	defer f.Close()
	var tok, g, p []string
	flush := func() {
		if len(tok) > 0 {
			tokens, gold, pred = append(tokens, tok), append(gold, g), append(pred, p)
		}
		tok, g, p = nil, nil, nil
	}
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "" {
			flush()
			continue
		}
		fields := strings.Split(line, " ")
		if fields[0] == "-X-" || fields[0] == "-DOCSTART-" {
			flush()
			continue
		}
		tok = append(tok, fields[0])
		g = append(g, fields[len(fields)-2])
		p = append(p, fields[len(fields)-1])
	}
	require.NoError(t, sc.Err())
	flush()
	return tokens, gold, pred
}

// tagChunk is a chunk of a tag sequence: its type and its first and last
// token.
type tagChunk struct {
	typ         string
	first, last int
}

// listLoaderChunks decodes tags as nervaluate's list loader does: B- always
// opens an entity; I- continues an open entity of its type and otherwise
// opens one; O closes. It reports false for any other tag, on which the list
// loader raises.
func listLoaderChunks(tags []string) ([]tagChunk, bool) {
	var out []tagChunk
	open := -1 // index in out of the open chunk
	for i, tag := range tags {
		switch {
		case tag == "O":
			open = -1
		case strings.HasPrefix(tag, "I-") && open >= 0 && out[open].typ == tag[2:]:
			out[open].last = i
		case strings.HasPrefix(tag, "B-"), strings.HasPrefix(tag, "I-"):
			out = append(out, tagChunk{typ: tag[2:], first: i, last: i})
			open = len(out) - 1
		default:
			return nil, false
		}
	}
	return out, true
}

// iobesChunks decodes tags as IOBES, as the oracle decoded the spans it fed
// the dict loader: seqeval's default reading, where S- is a chunk of its own
// and E- ends one.
func iobesChunks(tags []string) ([]tagChunk, bool) {
	var out []tagChunk
	for _, c := range seqeval.Entities(tags) {
		out = append(out, tagChunk{typ: c.Type, first: c.Start, last: c.End - 1})
	}
	return out, true
}

// sentenceDoc builds a scoring unit from a sentence: the tokens joined by
// single spaces, each chunk a mention spanning its tokens' bytes.
func sentenceDoc(id string, tokens, gold, pred []string, decode func([]string) ([]tagChunk, bool)) (Doc, bool) {
	starts := make([]int, len(tokens))
	var b strings.Builder
	for i, tok := range tokens {
		if i > 0 {
			b.WriteByte(' ')
		}
		starts[i] = b.Len()
		b.WriteString(tok)
	}
	text := b.String()
	mentions := func(tags []string) ([]corpus.Mention, bool) {
		chunks, ok := decode(tags)
		var ms []corpus.Mention
		for _, c := range chunks {
			start, end := starts[c.first], starts[c.last]+len(tokens[c.last])
			ms = append(ms, corpus.Mention{Start: start, End: end, Type: c.typ, Text: text[start:end]})
		}
		return ms, ok
	}
	g, okG := mentions(gold)
	p, okP := mentions(pred)
	return Doc{ID: id, Text: text, Gold: g, Pred: p}, okG && okP
}

// TestNervaluateOracles scores every oracle case one sentence at a time, as
// nervaluate was fed, and checks the tallies and P/R/F1 of the four schemes,
// overall and per type, against nervaluate 1.1.0's. The partial scheme's
// precision, recall and F1 equal nervaluate's half-credit values; when
// nervaluate was fed more than one document it returned the values without
// the half credit (see the README's peculiarities), and the test checks that
// COR/ACT and COR/POS of our counts equal those.
func TestNervaluateOracles(t *testing.T) {
	dirs, err := filepath.Glob(filepath.Join("..", "testdata", "oracles", "cases", "*"))
	require.NoError(t, err)
	require.NotEmpty(t, dirs)
	equal := 0
	for _, dir := range dirs {
		name := filepath.Base(dir)
		t.Run(name, func(t *testing.T) {
			raw, err := os.ReadFile(filepath.Join(dir, "nervaluate.json"))
			require.NoError(t, err)
			var want nervFile
			require.NoError(t, json.Unmarshal(raw, &want))
			tokens, gold, pred := readOracleSentences(t, filepath.Join(dir, "input.conll"))
			var docs []Doc
			loadable := true
			for i := range tokens {
				d, ok := sentenceDoc(strconv.Itoa(i), tokens[i], gold[i], pred[i], listLoaderChunks)
				loadable = loadable && ok
				docs = append(docs, d)
			}
			run := want.nervRun
			if want.Error != "" {
				assert.False(t, loadable, "nervaluate raised %q; the list loader must refuse these tags too", want.Error)
				if want.DictIOBES == nil {
					equal++
					return
				}
				// The same sentences as spans decoded as IOBES (S- single,
				// E- end), as the oracle fed them to the dict loader.
				run = *want.DictIOBES
				docs = docs[:0]
				for i := range tokens {
					d, _ := sentenceDoc(strconv.Itoa(i), tokens[i], gold[i], pred[i], iobesChunks)
					docs = append(docs, d)
				}
				loadable = true
			}
			require.True(t, loadable)
			require.Equal(t, run.DocumentsFed, len(docs))
			r := Evaluate(docs, Options{})
			ok := true
			for name, s := range nervSchemes {
				w, present := run.Overall[name]
				if !present {
					// No document fed: nervaluate returns no result at all.
					assert.Empty(t, docs)
					continue
				}
				ok = checkNerv(t, "overall "+name, r.Schemes[s].Total, r.Schemes[s].Micro, w, run.HalfCredit) && ok
			}
			types := make([]string, 0, len(run.Entities))
			for typ := range run.Entities {
				types = append(types, typ)
			}
			sort.Strings(types)
			for _, typ := range types {
				for name, s := range nervSchemes {
					row, found := r.Schemes[s].Row(typ)
					if !found {
						row = TypeRow{Type: typ}
					}
					ok = checkNerv(t, typ+" "+name, row.Tally, row.Tally.Score(), run.Entities[typ][name], run.HalfCredit) && ok
				}
			}
			if ok {
				equal++
			}
		})
	}
	t.Logf("nervaluate 1.1.0: %d of %d cases equal (tallies and P/R/F1, overall and per type, four schemes; the two IOBES cases through the dict loader run)", equal, len(dirs))
	assert.Equal(t, len(dirs), equal)
}

// checkNerv compares one tally and score with nervaluate's result.
func checkNerv(t *testing.T, what string, got Tally, score Score, w nervResult, halfCredit bool) bool {
	t.Helper()
	ok := assert.Equal(t, [7]int{w.Correct, w.Incorrect, w.Partial, w.Missed, w.Spurious, w.Possible, w.Actual},
		[7]int{got.COR, got.INC, got.PAR, got.MIS, got.SPU, got.POS(), got.ACT()}, "%s: COR INC PAR MIS SPU POS ACT", what)
	wantPRF := nervPRF{w.Precision, w.Recall, w.F1}
	if w.Half != nil {
		// Our partial scores are always the half-credit ones.
		ok = assert.Equal(t, *w.Half, nervPRF{score.Precision, score.Recall, score.F1}, "%s: half-credit P/R/F1", what) && ok
		if !halfCredit {
			// nervaluate returned them without the half credit.
			p, r := ratio(float64(got.COR), got.ACT()), ratio(float64(got.COR), got.POS())
			ok = assert.Equal(t, wantPRF, nervPRF{p, r, harmonic(p, r)}, "%s: nervaluate's returned P/R/F1 (no half credit)", what) && ok
			ok = assert.Equal(t, *w.NoHalf, wantPRF, "%s", what) && ok
		}
		return ok
	}
	return assert.Equal(t, wantPRF, nervPRF{score.Precision, score.Recall, score.F1}, "%s: P/R/F1", what) && ok
}
