package metrics

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
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
	m := func(text, sub, typ string) corpus.Mention { return at(t, text, sub, 0, typ) }
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

func compareOptions() CompareOptions {
	return CompareOptions{
		Old:       System{Name: "rules", Version: "1", Signature: "arabench:1.0|gold:3f2a9c1e|corpus:fixture-2|norm:none|scheme:strict|avg:micro|boot:none"},
		New:       System{Name: "rules", Version: "2"},
		Signature: Signature{Gold: "3f2a9c1e", Corpus: "fixture-2", Norm: "none", Avg: "micro"},
		Schemes:   []Scheme{SchemeStrict, SchemeClitic},
		Bootstrap: Bootstrap{Resamples: 200, Seed: DefaultSeed},
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
	assert.Equal(t, SchemeStrict, c.DiffScheme, "the diff judges under the first scheme shown")
	assert.Equal(t, []string{"PER", "ORG", "LOC", "DATE", "NUM"}, c.Types)
	assert.Equal(t, 1, c.Counts()[NewlyWrong])
	assert.Len(t, c.ChangesOf(ChangedType), 1)
	assert.Equal(t, "a", c.ChangesOf(ChangedType)[0].Doc)
	assert.Empty(t, c.ChangesOf(ChangeKind(99)))
	assert.Equal(t, "1000@12345", Bootstrap{Seed: DefaultSeed}.Spec())
	assert.Equal(t, "200@12345", c.Signature.Boot)

	rows, err := c.Rows(SchemeStrict)
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
	c, err := Compare(docs, CompareOptions{Bootstrap: Bootstrap{Resamples: 100}})
	require.NoError(t, err)
	assert.Empty(t, c.Changes)
	assert.Equal(t, Schemes, c.Schemes, "every scheme by default")
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
	require.NoError(t, c.Write(&out, FormatTable))
	assert.NotContains(t, out.String(), "better")
	assert.NotContains(t, out.String(), "worse")
	assert.Contains(t, out.String(), "mentions under strict: 0 newly correct, 0 newly wrong")
}

func TestCompareSeedCorpusPerTypeSwings(t *testing.T) {
	// Old finds the gold DATE and NUM mentions only (what a date-and-number
	// extractor does); new finds those and the gold PER mentions. PER must
	// swing, significantly; DATE and NUM must not move.
	docs := seedDocs(t)
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
	c, err := Compare(pairs, CompareOptions{Bootstrap: Bootstrap{Seed: DefaultSeed}})
	require.NoError(t, err)
	rows, err := c.Rows(SchemeStrict)
	require.NoError(t, err)
	byType := map[string]CompareRow{}
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
		format Format
		name   string
	}{
		{FormatTable, "compare.txt"},
		{FormatMarkdown, "compare.md"},
		{FormatJSON, "compare.json"},
	} {
		t.Run(string(tc.format), func(t *testing.T) {
			var out bytes.Buffer
			require.NoError(t, c.Write(&out, tc.format))
			golden(t, tc.name, out.Bytes())
		})
	}
}

func TestCompareMarkdownEscapesPipesAndCapsLists(t *testing.T) {
	docs := compareFixture(t)
	// A spurious mention over a '|' in the text, listed in a table cell.
	docs[1].New = append(docs[1].New, at(t, docs[1].Text, "وقال | المتحدث", 0, "PER"))
	opts := compareOptions()
	opts.MaxChanges = 1
	c, err := Compare(docs, opts)
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, c.Write(&out, FormatMarkdown))
	md := out.String()
	assert.Contains(t, md, `وقال \| المتحدث`)
	assert.Contains(t, md, "<summary>new false positives (2)</summary>")
	assert.Contains(t, md, "\n\n… 1 more not shown\n", "a blank line keeps the note out of the table")
	for _, line := range strings.Split(md, "\n") {
		if strings.HasPrefix(line, "| ") {
			cells := strings.Count(strings.ReplaceAll(line, `\|`, ""), "|")
			assert.Contains(t, []int{16, 6}, cells, "a row of the score table or of a change table: %s", line)
		}
	}
}

func TestCompareJSONDecodes(t *testing.T) {
	c, err := Compare(compareFixture(t), compareOptions())
	require.NoError(t, err)
	var out bytes.Buffer
	require.NoError(t, c.Write(&out, FormatJSON))
	var got struct {
		Old     System `json:"old"`
		Schemes []struct {
			Scheme string `json:"scheme"`
			Rows   []struct {
				Type    string   `json:"type"`
				P       float64  `json:"p"`
				CI      Interval `json:"f1_delta_ci"`
				Verdict string   `json:"verdict"`
			} `json:"rows"`
		} `json:"schemes"`
		Counts  map[string]int `json:"counts"`
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
}

func TestCompareRefusesCSV(t *testing.T) {
	c, err := Compare(compareFixture(t), compareOptions())
	require.NoError(t, err)
	assert.ErrorContains(t, c.Write(&bytes.Buffer{}, FormatCSV), "table, markdown or json")
}
