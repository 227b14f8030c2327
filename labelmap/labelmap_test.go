package labelmap

import (
	"strings"
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestMapRenamesDropsAndKeeps(t *testing.T) {
	var m Map
	require.NoError(t, m.Parse("PERS=PER, MISC=,Politician=PER,Nation=LOC,Population-Center=LOC"))
	ms := []corpus.Mention{
		{Start: 0, End: 4, Type: "PERS"},
		{Start: 5, End: 9, Type: "MISC"},
		{Start: 10, End: 14, Type: "Nation"},
		{Start: 14, End: 20, Type: "Population-Center"},
		{Start: 21, End: 25, Type: "ORG"},
	}
	got := m.Apply(ms)
	assert.Equal(t, []corpus.Mention{
		{Start: 0, End: 4, Type: "PER"},
		{Start: 10, End: 14, Type: "LOC"},
		{Start: 14, End: 20, Type: "LOC"}, // two entities still, though both are LOC now
		{Start: 21, End: 25, Type: "ORG"},
	}, got)
	assert.Equal(t, "PERS", ms[0].Type, "the input is left alone")

	require.NoError(t, m.Keep([]string{"PER", "LOC"}))
	assert.Len(t, m.Apply(ms), 3, "ORG is not kept")
	assert.Equal(t, "MISC=,Nation=LOC,PERS=PER,Politician=PER,Population-Center=LOC;types=LOC,PER", m.String())
	assert.Len(t, m.Hash(), 8)
}

func TestMapFileAndErrors(t *testing.T) {
	var a, b Map
	require.NoError(t, a.Parse("PERS=PER,MISC="))
	require.NoError(t, b.ReadTSV(strings.NewReader("\ufeff# ANERcorp to arabench\nPERS\tPER\r\nMISC\t\n\n"), "map.tsv"))
	assert.Equal(t, a.Hash(), b.Hash(), "the same map written either way")

	var empty Map
	assert.True(t, empty.Empty())
	assert.Equal(t, "none", empty.Hash())
	ms := []corpus.Mention{{Type: "X"}}
	assert.Equal(t, ms, empty.Apply(ms))

	var c Map
	assert.ErrorContains(t, c.Parse("PERS"), `want FROM=TO`)
	assert.ErrorContains(t, c.Parse("PERS=PER,PERS=LOC"), "PERS is mapped twice")
	assert.ErrorContains(t, c.ReadTSV(strings.NewReader("ok\tPER\nP R\tPER\n"), "m.tsv"), `m.tsv:2: label "P R" does not match`)
	assert.ErrorContains(t, c.Keep([]string{"a b"}), `--types: label "a b"`)
}

// FuzzParse: a map that parses prints a String that parses to the same map.
func FuzzParse(f *testing.F) {
	f.Add("PERS=PER,MISC=")
	f.Add("a=b,,c=")
	f.Fuzz(func(t *testing.T, s string) {
		var m Map
		if m.Parse(s) != nil || m.Empty() {
			return
		}
		var again Map
		require.NoError(t, again.Parse(m.String()), m.String())
		assert.Equal(t, m.Hash(), again.Hash())
	})
}
