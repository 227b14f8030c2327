package gold

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
)

var update = flag.Bool("update", false, "rewrite the golden files in testdata")

func TestWriteTableMatchesGolden(t *testing.T) {
	r := Check(fixture(t, ""), corpus.Seed(), guidelines)
	var buf bytes.Buffer
	require.NoError(t, r.WriteTable(&buf))
	golden := filepath.Join("testdata", "table.golden")
	if *update {
		require.NoError(t, os.WriteFile(golden, buf.Bytes(), 0o644))
	}
	want, err := os.ReadFile(golden)
	require.NoError(t, err)
	assert.Equal(t, string(want), buf.String())
}

func TestTotalSumsTheDocuments(t *testing.T) {
	r := Report{Docs: []DocCounts{
		{Doc: "a", Types: map[string]int{"PER": 2, "NUM": 1}, Links: 2, Values: 1},
		{Doc: "b", Types: map[string]int{"PER": 1, "LOC": 3}, Links: 4},
	}}
	total := r.Total()
	// PER 2+1 = 3, LOC 0+3 = 3, NUM 1+0 = 1; links 2+4 = 6; values 1+0 = 1.
	assert.Equal(t, DocCounts{Doc: "total", Types: map[string]int{"PER": 3, "LOC": 3, "NUM": 1}, Links: 6, Values: 1}, total)
	assert.Equal(t, 7, total.Mentions())
}
