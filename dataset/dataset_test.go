package dataset

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

func TestAnercorpAsPublished(t *testing.T) {
	s, err := Load("anercorp")
	require.NoError(t, err)
	assert.Equal(t, "anercorp-test", s.Corpus.Name)
	require.Len(t, s.Corpus.Documents, 925)
	counts := map[string]int{}
	for _, d := range s.Corpus.Documents {
		for _, m := range s.Gold.Mentions(d.ID) {
			counts[m.Type]++
			assert.Equal(t, d.Text[m.Start:m.End], m.Text)
		}
	}
	// The chunk counts of the dataset's README, under conlleval's rules.
	assert.Equal(t, map[string]int{"LOC": 676, "PERS": 907, "ORG": 459, "MISC": 243}, counts)
	assert.Equal(t, "s0001", s.Corpus.Documents[0].ID)
	assert.Contains(t, s.Credit, "CC BY-SA 4.0")
}

func TestSeedIsTheDefault(t *testing.T) {
	s, err := Load(Default)
	require.NoError(t, err)
	assert.Equal(t, "seed-5", s.Name)
	assert.Len(t, s.Corpus.Documents, 5)
	assert.Empty(t, s.Credit)
	_, err = Load("conll2003")
	assert.ErrorContains(t, err, `unknown dataset "conll2003" (built in: [anercorp seed])`)
}
