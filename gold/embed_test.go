package gold

import (
	"testing"

	"github.com/arabench/arabench/corpus"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The committed gold must pass every check of the guidelines, with no
// warning, and hold the counts gold/README.md states.
func TestSeedGoldPassesEveryCheck(t *testing.T) {
	r := Check(SeedFS(), corpus.Seed(), guidelines)
	assert.Empty(t, r.Problems)
	total := r.Total()
	assert.Equal(t, 525, total.Mentions())
	g, err := Seed()
	require.NoError(t, err)
	assert.Len(t, g.Mentions("001_6498fe370d19e1ff"), 231)
	assert.Len(t, g.Hash(), 8)
}
