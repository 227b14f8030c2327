package render

import (
	"strings"
	"testing"

	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/signature"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"
)

// The rows are metrics.ScoreNormalizer's on its test's three PER mentions,
// two spellings of one entity and a third: without a key that merges the
// spellings (none) and with one (fold).
func TestWriteNormBoard(t *testing.T) {
	rows := []metrics.NormRow{
		{Name: "none", Score: metrics.Score{Precision: 1, Recall: 2.0 / 3, F1: 0.8, Support: 3}, Clusters: 3, Entities: 2},
		{Name: "fold", Score: metrics.Score{Precision: 1, Recall: 1, F1: 1, Support: 3}, Clusters: 2, Entities: 2},
	}
	var b strings.Builder
	require.NoError(t, WriteNormBoard(&b, rows, FormatTable, signature.Signature{Scheme: "b3"}))
	assert.Contains(t, b.String(), "│ none       │ 1.0000 │ 0.6667 │ 0.8000 │        3 │        3 │        2 │")
	assert.Contains(t, b.String(), "│ fold       │ 1.0000 │ 1.0000 │ 1.0000 │        3 │        2 │        2 │")
	assert.Contains(t, b.String(), "scheme:b3")
}
