package compare

import (
	"bytes"
	"encoding/binary"
	"encoding/json"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
	"unicode"

	"github.com/arabench/arabench/bootstrap"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/corpus/corpustest"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/metrics/metricstest"
	"github.com/arabench/arabench/render"
	"github.com/arabench/arabench/signature"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// compareFixture is two small systems on two documents, with one change of
// every kind under strict:
//
//	بوتين     PER  old missed,        new right          newly correct
//	لافروف    PER  old right,         new missed         newly wrong
//	موسكو     LOC  old ORG,           new DATE           changed type
//	وواشنطن   LOC  old "وواشنطن ثم",  new "وواشنطن"      changed boundary
//	الأحد     —    old none,          new DATE           new false positive
//	البنتاغون ORG  old LOC,           new none           false positive removed
//	100 ألف   NUM  right in both, value 100000           no change
func compareFixture(t *testing.T) []DocPair {
	t.Helper()
	a := "قال بوتين إن لافروف زار وواشنطن ثم موسكو يوم الأحد."
	b := "ونشر البنتاغون 100 ألف جندي.\nوقال | المتحدث"
	m := func(text, sub, typ string) corpus.Mention { return corpustest.At(t, text, sub, 0, typ) }
	num := m(b, "100 ألف", "NUM")
	num.Value = "100000"
	return []DocPair{
		{ID: "a", Text: a,
			Gold: []corpus.Mention{m(a, "بوتين", "PER"), m(a, "لافروف", "PER"), m(a, "واشنطن", "LOC"), m(a, "موسكو", "LOC")},
			Old:  []corpus.Mention{m(a, "لافروف", "PER"), m(a, "وواشنطن ثم", "LOC"), m(a, "موسكو", "ORG")},
			New:  []corpus.Mention{m(a, "بوتين", "PER"), m(a, "وواشنطن", "LOC"), m(a, "موسكو", "DATE"), m(a, "الأحد", "DATE")},
		},
		{ID: "b", Text: b,
			Gold: []corpus.Mention{m(b, "البنتاغون", "ORG"), num},
			Old:  []corpus.Mention{m(b, "البنتاغون", "LOC"), num},
			New:  []corpus.Mention{num},
		},
	}
}

func compareOptions() Options {
	return Options{
		Old:       System{Name: "rules", Version: "1", Signature: "arabench:1.0|gold:3f2a9c1e|corpus:fixture-2|norm:none|scheme:strict|avg:micro|boot:none"},
		New:       System{Name: "rules", Version: "2"},
		Signature: signature.Signature{Gold: "3f2a9c1e", Corpus: "fixture-2", Norm: "none", Avg: "micro"},
		Schemes:   []metrics.Scheme{metrics.SchemeStrict, metrics.SchemeClitic},
		Bootstrap: bootstrap.Bootstrap{Resamples: 200, Seed: bootstrap.DefaultSeed},
	}
}

func TestCompareFixture(t *testing.T) {
	c, err := Compare(compareFixture(t), compareOptions())
	require.NoError(t, err)
	var kinds []ChangeKind
	for _, ch := range c.Changes {
		kinds = append(kinds, ch.Kind)
	}
	assert.Equal(t, ChangeKinds, kinds, "one change of each kind, in kind order")
	assert.Equal(t, metrics.SchemeStrict, c.DiffScheme, "the diff judges under the first scheme shown")
	assert.Equal(t, []string{"PER", "ORG", "LOC", "DATE", "NUM"}, c.Types)
	assert.Equal(t, 1, c.Counts()[NewlyWrong])
	assert.Len(t, c.ChangesOf(ChangedType), 1)
	assert.Equal(t, "a", c.ChangesOf(ChangedType)[0].Doc)
	assert.Empty(t, c.ChangesOf(ChangeKind(99)))
	assert.Equal(t, "1000@12345", bootstrap.Bootstrap{Seed: bootstrap.DefaultSeed}.Spec())
	assert.Equal(t, "200@12345", c.Signature.Boot)

	rows, err := c.Rows(metrics.SchemeStrict)
	require.NoError(t, err)
	require.Len(t, rows, 7)
	// Strict micro. Old: COR 2 (لافروف, 100 ألف) of ACT 5, POS 6:
	// F1 = 2·2/(5+6) = 0.3636. New: COR 2 (بوتين, 100 ألف) of ACT 5:
	// F1 = 0.3636. Δ = 0, but not in every resample (the two changes are in
	// one sentence, the others elsewhere), so p is sacrebleu's share of
	// resamples with |δᵢ| at or above their mean: large, not 1.
	micro := rows[5]
	assert.Equal(t, "micro", micro.Label)
	assert.Equal(t, 6, micro.Support)
	assert.InDelta(t, 4.0/11, micro.Old.F1, 1e-12)
	assert.InDelta(t, 4.0/11, micro.New.F1, 1e-12)
	assert.Equal(t, 0.0, micro.F1.Delta)
	assert.Greater(t, micro.F1.P, 0.05)
	assert.Equal(t, "", micro.Verdict())
	assert.Equal(t, "macro", rows[6].Label)
	// DATE: only predicted by the new system (wrong), support 0.
	date := rows[3]
	assert.Equal(t, "DATE", date.Label)
	assert.Equal(t, 0, date.Support)

	_, err = c.Rows("nope")
	assert.ErrorContains(t, err, "nope")
}

func TestCompareRunWithItself(t *testing.T) {
	docs := compareFixture(t)
	for i := range docs {
		docs[i].New = docs[i].Old
	}
	c, err := Compare(docs, Options{Bootstrap: bootstrap.Bootstrap{Resamples: 100}})
	require.NoError(t, err)
	assert.Empty(t, c.Changes)
	assert.Equal(t, metrics.Schemes, c.Schemes, "every scheme by default")
	for _, s := range c.Schemes {
		rows, err := c.Rows(s)
		require.NoError(t, err)
		for _, r := range rows {
			assert.Equal(t, r.Old, r.New)
			assert.Equal(t, 0.0, r.F1.Delta)
			assert.Equal(t, 1.0, r.F1.P, "%s %s", s, r.Label)
			assert.Equal(t, "", r.Verdict())
		}
	}
	var out bytes.Buffer
	require.NoError(t, c.Write(&out, render.FormatTable))
	assert.NotContains(t, out.String(), "better")
	assert.NotContains(t, out.String(), "worse")
	assert.Contains(t, out.String(), "mentions under strict: 0 newly correct, 0 newly wrong")
}

func TestCompareSeedCorpusPerTypeSwings(t *testing.T) {
	// Old finds the gold DATE and NUM mentions only (what a date-and-number
	// extractor does); new finds those and the gold PER mentions. PER must
	// swing, significantly; DATE and NUM must not move.
	docs := metricstest.SeedDocs(t)
	pairs := make([]DocPair, len(docs))
	nPER := 0
	for i, d := range docs {
		var old, new []corpus.Mention
		for _, m := range d.Gold {
			switch m.Type {
			case corpus.DATE, corpus.NUM:
				old = append(old, m)
				new = append(new, m)
			case corpus.PER:
				new = append(new, m)
				nPER++
			}
		}
		pairs[i] = DocPair{ID: d.ID, Text: d.Text, Gold: d.Gold, Old: old, New: new}
	}
	c, err := Compare(pairs, Options{Bootstrap: bootstrap.Bootstrap{Seed: bootstrap.DefaultSeed}})
	require.NoError(t, err)
	rows, err := c.Rows(metrics.SchemeStrict)
	require.NoError(t, err)
	byType := map[string]Row{}
	for _, r := range rows {
		byType[r.Label] = r
	}
	assert.Equal(t, 1.0, byType["PER"].F1.Delta)
	assert.Less(t, byType["PER"].F1.P, 0.01)
	assert.Equal(t, "better", byType["PER"].Verdict())
	assert.Equal(t, "better", byType["micro"].Verdict())
	for _, typ := range []string{"ORG", "LOC", "DATE", "NUM"} {
		assert.Equal(t, 0.0, byType[typ].F1.Delta, typ)
		assert.Equal(t, "", byType[typ].Verdict(), typ)
	}
	assert.Equal(t, nPER, c.Counts()[NewlyCorrect])
	assert.Len(t, c.Changes, nPER)
}

func TestCompareGolden(t *testing.T) {
	c, err := Compare(compareFixture(t), compareOptions())
	require.NoError(t, err)
	for _, tc := range []struct {
		format render.Format
		name   string
	}{
		{render.FormatTable, "compare.txt"},
		{render.FormatMarkdown, "compare.md"},
		{render.FormatJSON, "compare.json"},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, c.Write(&out, tc.format))
			metricstest.Golden(t, tc.name, out.Bytes())
		})
	}
}

func TestCompareMarkdownEscapesPipesAndCapsLists(t *testing.T) {
	docs := compareFixture(t)
	// A spurious mention over a '|' in the text, listed in a table cell.
	docs[1].New = append(docs[1].New, corpustest.At(t, docs[1].Text, "وقال | المتحدث", 0, "PER"))
	opts := compareOptions()
	opts.MaxChanges = 1
	c, err := Compare(docs, opts)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, c.Write(&out, render.FormatMarkdown))
	md := out.String()
	assert.Contains(t, md, `وقال \| المتحدث`)
	assert.Contains(t, md, "<summary>new false positives (2)</summary>")
	assert.Contains(t, md, "- `الأحد` —→DATE ×1 (no gold)\n- … 1 more groups\n\n| doc", "one group of two shown, a blank line before the table")
	assert.Contains(t, md, "\n\n… 1 more not shown\n", "a blank line keeps the note out of the table")
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| ") {
			cells := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
			assert.Contains(t, []int{17, 7}, cells, "a row of the score table or of a change table: %s", line)
		}
	}
}

func TestCompareAdjustsEveryRowButTheHeadline(t *testing.T) {
	c, err := Compare(compareFixture(t), compareOptions())
	require.NoError(t, err)
	// Two schemes of 7 rows (5 types, micro, macro): the headline and a
	// family of 13.
	assert.Equal(t, 13, c.Family())
	assert.Equal(t, 260, c.ResamplesNeeded(), "13/(n+1) < 0.05 needs n ≥ 260")
	h := c.Headline()
	assert.True(t, h.Headline)
	assert.Equal(t, "micro", h.Label)
	assert.Equal(t, h.F1.P, h.PAdjusted, "the headline is tested alone")

	var raw, adjusted []float64
	for _, s := range c.Schemes {
		rows, err := c.Rows(s)
		require.NoError(t, err)
		for _, r := range rows {
			assert.Equal(t, s == metrics.SchemeStrict && r.Label == "micro", r.Headline, "%s %s", s, r.Label)
			if !r.Headline {
				raw = append(raw, r.F1.P)
				adjusted = append(adjusted, r.PAdjusted)
			}
		}
	}
	assert.Equal(t, bootstrap.Holm(raw), adjusted)
	// Clitic micro: F1 4/11 → 6/11 (وواشنطن counts), p 0.0249 alone, below
	// Alpha; the smallest p of the family, so Holm multiplies it by 13:
	// 0.3234, and there is no verdict.
	rows, err := c.Rows(metrics.SchemeClitic)
	require.NoError(t, err)
	micro := rows[5]
	assert.InDelta(t, 6.0/11, micro.New.F1, 1e-12)
	assert.InDelta(t, 5.0/201, micro.F1.P, 1e-12)
	assert.InDelta(t, 13*5.0/201, micro.PAdjusted, 1e-12)
	assert.Equal(t, "", micro.Verdict())

	var out bytes.Buffer
	require.NoError(t, c.Write(&out, render.FormatTable))
	assert.Contains(t, out.String(), "verdict where p < 0.05: the headline (strict micro) on its own p; the 13 other rows on p Holm, their p-values Holm–Bonferroni adjusted together; with 200 resamples no other row can get a verdict (the smallest p Holm is 13/201): use at least 260 resamples\n")
	out.Reset()
	opts := compareOptions()
	opts.Bootstrap.Resamples = 260
	c, err = Compare(compareFixture(t), opts)
	require.NoError(t, err)
	require.NoError(t, c.Write(&out, render.FormatTable))
	assert.Contains(t, out.String(), "the 13 other rows on p Holm, their p-values Holm–Bonferroni adjusted together\n")
}

func TestCompareGroupsChanges(t *testing.T) {
	text := "زار روسيا ثم روسيا ثم وروسيا ثم روسيا."
	m := func(n int, sub, typ string) corpus.Mention { return corpustest.At(t, text, sub, n, typ) }
	// Gold: روسيا LOC four times (the third after the proclitic wa).
	gold := []corpus.Mention{m(0, "روسيا", "LOC"), m(1, "روسيا", "LOC"), m(2, "روسيا", "LOC"), m(3, "روسيا", "LOC")}
	docs := []DocPair{{ID: "d", Text: text, Gold: gold,
		// Old: right on all four.
		Old: gold,
		// New: ORG on the first two (a right LOC retyped), the third over
		// وروسيا (a boundary lost), the fourth missed.
		New: []corpus.Mention{m(0, "روسيا", "ORG"), m(1, "روسيا", "ORG"), m(0, "وروسيا", "LOC")}}}
	c, err := Compare(docs, Options{Schemes: []metrics.Scheme{metrics.SchemeStrict}, Bootstrap: bootstrap.Bootstrap{Resamples: 10}})
	require.NoError(t, err)
	assert.Equal(t, map[ChangeKind]int{ChangedType: 2, NewlyWrong: 2}, c.Counts())
	assert.Equal(t, []ChangeGroup{{Kind: ChangedType, Text: "روسيا", Gold: "LOC", Old: "LOC", New: "ORG", Count: 2}}, c.Groups(ChangedType))
	assert.Equal(t, "روسيا LOC→ORG ×2 (gold LOC)", c.Groups(ChangedType)[0].String())
	assert.Equal(t, []ChangeGroup{
		{Kind: NewlyWrong, Text: "روسيا", Old: "LOC", New: "LOC[وروسيا]", Count: 1},
		{Kind: NewlyWrong, Text: "روسيا", Old: "LOC", New: "—", Count: 1},
	}, c.Groups(NewlyWrong), "a group per way the prediction changed, in order of first occurrence at equal counts")
	assert.Empty(t, c.Groups(NewlyCorrect))
}

func TestCompareJSONDecodes(t *testing.T) {
	c, err := Compare(compareFixture(t), compareOptions())
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, c.Write(&out, render.FormatJSON))
	var got struct {
		Old     System `json:"old"`
		Schemes []struct {
			Scheme string `json:"scheme"`
			Rows   []struct {
				Type      string             `json:"type"`
				P         float64            `json:"p"`
				PAdjusted float64            `json:"p_adjusted"`
				Headline  bool               `json:"headline"`
				CI        bootstrap.Interval `json:"f1_delta_ci"`
				Verdict   string             `json:"verdict"`
			} `json:"rows"`
		} `json:"schemes"`
		Testing struct {
			Headline struct {
				Scheme string `json:"scheme"`
				Type   string `json:"type"`
			} `json:"headline"`
			Method          string `json:"method"`
			Family          int    `json:"family"`
			ResamplesNeeded int    `json:"resamples_needed"`
		} `json:"multiple_testing"`
		Counts  map[string]int `json:"counts"`
		Groups  []ChangeGroup  `json:"groups"`
		Changes []Change       `json:"changes"`
	}
	require.NoError(t, json.Unmarshal(out.Bytes(), &got))
	assert.Equal(t, "rules", got.Old.Name)
	require.Len(t, got.Schemes, 2)
	assert.Len(t, got.Schemes[0].Rows, 7)
	assert.Equal(t, 1, got.Counts["changed_boundary"])
	assert.Equal(t, 0, got.Counts["newly_correct"]-1)
	assert.Len(t, got.Changes, 6)
	assert.Equal(t, "b", got.Changes[5].Doc)
	assert.Equal(t, "البنتاغون", got.Changes[5].Text)

	// Both p-values of every row; the headline's are equal.
	assert.Equal(t, "strict", got.Testing.Headline.Scheme)
	assert.Equal(t, "micro", got.Testing.Headline.Type)
	assert.Equal(t, "holm-bonferroni", got.Testing.Method)
	assert.Equal(t, 13, got.Testing.Family)
	assert.Equal(t, 260, got.Testing.ResamplesNeeded)
	strictMicro, cliticMicro := got.Schemes[0].Rows[5], got.Schemes[1].Rows[5]
	assert.True(t, strictMicro.Headline)
	assert.Equal(t, strictMicro.P, strictMicro.PAdjusted)
	assert.False(t, cliticMicro.Headline)
	assert.InDelta(t, 5.0/201, cliticMicro.P, 1e-12)
	assert.InDelta(t, 13*5.0/201, cliticMicro.PAdjusted, 1e-12)
	require.Len(t, got.Groups, 6, "one group per change")
	assert.Equal(t, ChangeGroup{Kind: ChangedType, Text: "موسكو", Gold: "LOC", Old: "ORG", New: "DATE", Count: 1}, got.Groups[2])
}

func TestCompareRefusesCSV(t *testing.T) {
	c, err := Compare(compareFixture(t), compareOptions())
	require.NoError(t, err)
	assert.ErrorContains(t, c.Write(&bytes.Buffer{}, render.FormatCSV), "table, markdown or json")
}

var (
	aaPairs   = flag.Int("aa-pairs", 20, "TestAAFalseAlarm: the number of pairs of equally good systems to compare")
	aaSchemes = flag.String("aa-schemes", "strict,clitic", "TestAAFalseAlarm: the schemes compared (compare's default)")
	aaNoise   = flag.Float64("aa-noise", 0.1, "TestAAFalseAlarm: the probability of each kind of noise (drop, retype, shift) per gold mention")
)

// noiseSource draws the noise of one system: ChaCha8, whose output the Go
// project pins, read 64 bits at a time, so that a seed gives the same
// system on every platform and Go release.
type noiseSource struct{ src *rand.ChaCha8 }

func newNoiseSource(seed uint64) noiseSource {
	var s [32]byte
	binary.LittleEndian.PutUint64(s[:], seed)
	return noiseSource{rand.NewChaCha8(s)}
}

// float is uniform in [0, 1).
func (n noiseSource) float() float64 { return float64(n.src.Uint64()>>11) / (1 << 53) }

// below is uniform in [0, k), k small (the bias of the modulo is below 2⁻⁶⁰).
func (n noiseSource) below(k int) int { return int(n.src.Uint64() % uint64(k)) }

// noisyGold is a system as good as any other drawn with the same q: each gold
// mention, independently, is dropped with probability q, retyped (to one of
// the other four types, uniformly) with probability q, or has one boundary
// moved out over the next or the previous word with probability q; the rest
// are kept as they are. Byte offsets into text.
func noisyGold(n noiseSource, text string, gold []corpus.Mention, q float64) []corpus.Mention {
	var out []corpus.Mention
	for _, m := range gold {
		x := n.float()
		switch {
		case x < q:
			continue
		case x < 2*q:
			var others []string
			for _, t := range corpus.Types {
				if t != m.Type {
					others = append(others, t)
				}
			}
			m.Type = others[n.below(len(others))]
		case x < 3*q:
			m.Start, m.End = widen(text, m.Start, m.End, n.below(2) == 0)
		}
		m.Text = text[m.Start:m.End]
		out = append(out, m)
	}
	return out
}

// widen moves one boundary of [start, end) out over the next word (right) or
// the previous one; at the end of the text, the other way.
func widen(text string, start, end int, right bool) (int, int) {
	next := func() (int, bool) {
		rest := text[end:]
		i := strings.IndexFunc(rest, func(r rune) bool { return !unicode.IsSpace(r) })
		if i < 0 {
			return end, false
		}
		j := strings.IndexFunc(rest[i:], unicode.IsSpace)
		if j < 0 {
			j = len(rest) - i
		}
		return end + i + j, true
	}
	prev := func() (int, bool) {
		before := strings.TrimRightFunc(text[:start], unicode.IsSpace)
		if before == "" {
			return start, false
		}
		return strings.LastIndexFunc(before, unicode.IsSpace) + 1, true
	}
	if right {
		if e, ok := next(); ok {
			return start, e
		}
		s, _ := prev()
		return s, end
	}
	if s, ok := prev(); ok {
		return s, end
	}
	e, _ := next()
	return start, e
}

// TestAAFalseAlarm compares pairs of equally good systems, the gold with
// noise drawn from different seeds (noisyGold), and counts the pairs that
// compare calls better or worse anywhere. Those are false alarms: at level
// Alpha about one pair in twenty may get one, and the test allows one of the
// default twenty. For the figure in docs/compare.md, run more pairs:
//
//	go test ./metrics -run TestAAFalseAlarm -v -aa-pairs 200
func TestAAFalseAlarm(t *testing.T) {
	g, err := gold.Seed()
	require.NoError(t, err)
	var schemes []metrics.Scheme
	for _, name := range strings.Split(*aaSchemes, ",") {
		s, err := metrics.ParseScheme(name)
		require.NoError(t, err)
		schemes = append(schemes, s)
	}
	docs := corpus.Seed().Documents
	var alarms, headline, unadjusted int
	var deltas []float64
	var se float64
	for i := 0; i < *aaPairs; i++ {
		old, new := newNoiseSource(uint64(2*i+1)), newNoiseSource(uint64(2*i+2))
		pairs := make([]DocPair, len(docs))
		for k, d := range docs {
			gm := g.Mentions(d.ID)
			pairs[k] = DocPair{ID: d.ID, Text: d.Text, Gold: gm,
				Old: noisyGold(old, d.Text, gm, *aaNoise), New: noisyGold(new, d.Text, gm, *aaNoise)}
		}
		c, err := Compare(pairs, Options{Schemes: schemes, Bootstrap: bootstrap.Bootstrap{Seed: bootstrap.DefaultSeed}})
		require.NoError(t, err)
		var verdicts, raw []string
		for _, s := range schemes {
			rows, err := c.Rows(s)
			require.NoError(t, err)
			for _, r := range rows {
				if v := r.Verdict(); v != "" {
					verdicts = append(verdicts, fmt.Sprintf("%s %s %s (p %.4f, p Holm %.4f)", s, r.Label, v, r.F1.P, r.PAdjusted))
				}
				if r.F1.P < bootstrap.Alpha {
					raw = append(raw, string(s)+" "+r.Label)
				}
			}
		}
		h := c.Headline()
		deltas = append(deltas, h.F1.Delta)
		se += (h.F1.CI.Hi - h.F1.CI.Lo) / (2 * 1.96)
		if len(verdicts) > 0 {
			alarms++
			t.Logf("pair %d: micro F1 %.4f vs %.4f: %s", i+1, h.Old.F1, h.New.F1, strings.Join(verdicts, "; "))
		}
		if h.Verdict() != "" {
			headline++
		}
		if len(raw) > 0 {
			unadjusted++
		}
	}
	var sd float64
	for _, d := range deltas {
		sd += d * d
	}
	sd = math.Sqrt(sd / float64(len(deltas)))
	t.Logf("%d pairs, noise %.2f, schemes %s: %d with a verdict (%d on the headline); %d with some row at p < %g before the Holm adjustment; headline ΔF1: spread %.4f over the pairs, bootstrap standard error (95%% interval / 3.92) %.4f on average",
		*aaPairs, *aaNoise, *aaSchemes, alarms, headline, unadjusted, bootstrap.Alpha, sd, se/float64(*aaPairs))
	if *aaPairs == 20 {
		assert.LessOrEqual(t, alarms, 1, "at most one false alarm in twenty pairs")
	}
}
