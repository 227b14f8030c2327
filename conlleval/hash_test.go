package conlleval

import (
	"strings"
	"testing"

	"github.com/arabench/arabench/metrics"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestHashesIgnoreGuessesAndFileNames(t *testing.T) {
	read := func(name, in string) []metrics.Doc {
		f, err := Read(strings.NewReader(in), name, Options{Delimiter: " ", OTag: "O"})
		require.NoError(t, err)
		return f.Documents()
	}
	base := "بوتين B-PER B-PER\nفي O O\nموسكو B-LOC O\n"
	gold, corp := Hashes(read("sys1.txt", base))
	for _, tc := range []struct {
		name           string
		file, in       string
		sameGold, same bool
	}{
		{"another system's guesses, another file name", "sys2.conll", "بوتين B-PER O\nفي O B-LOC\nموسكو B-LOC B-LOC\n", true, true},
		{"another gold tag", "sys1.txt", "بوتين B-PER B-PER\nفي O O\nموسكو B-ORG O\n", false, true},
		{"another token", "sys1.txt", "بوتين B-PER B-PER\nفي O O\nواشنطن B-LOC O\n", false, false},
		{"a sentence split in two", "sys1.txt", "بوتين B-PER B-PER\n\nفي O O\nموسكو B-LOC O\n", false, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			g, c := Hashes(read(tc.file, tc.in))
			assert.Equal(t, tc.sameGold, g == gold, "gold %s vs %s", g, gold)
			assert.Equal(t, tc.same, c == corp, "corpus %s vs %s", c, corp)
		})
	}
}
