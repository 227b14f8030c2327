package gold

import (
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/conll"
	"github.com/arabench/arabench/metrics"
)

// sameAsReadFile checks that the spans file at path streams as ReadFile
// reads it: the same documents in the same order, the same mentions, the
// same hash and name; or that both refuse it with the same error.
func sameAsReadFile(t *testing.T, path string) {
	t.Helper()
	c, g, wholeErr := ReadFile(path, FormatJSONL, conll.Options{})
	s, err := OpenSpans(path)
	if wholeErr != nil {
		require.Error(t, err)
		assert.Equal(t, wholeErr.Error(), err.Error(), "the same problems")
		return
	}
	require.NoError(t, err)
	defer s.Close()
	require.Equal(t, len(c.Documents), s.Len())
	assert.Equal(t, c.Name, s.Name())
	assert.Equal(t, g.Hash(), s.Hash())
	assert.Equal(t, metrics.CorpusHash(c.Documents), s.CorpusHash())
	assert.Equal(t, g.HasLinks(), s.HasLinks())
	assert.Equal(t, g.HasValues(), s.HasValues())
	for i, want := range c.Documents {
		doc, ms, err := s.Doc(i)
		require.NoError(t, err)
		assert.Equal(t, want, doc, "document %d", i)
		assert.Equal(t, want.ID, s.ID(i))
		assert.Equal(t, g.Mentions(want.ID), ms, "mentions of %q", want.ID)
	}
}

func TestSpanFileStreamsAsReadFileReads(t *testing.T) {
	const (
		a = `{"doc":"a","text":"زار بوتين موسكو","mentions":[{"start":10,"end":15,"type":"LOC","entity":"Q649"},{"start":4,"end":9,"type":"PER"}]}`
		b = `{"doc":"b","text":"عشرة","mentions":[{"start":0,"end":4,"type":"NUM","value":"10"}]}`
		c = `{"doc":"c","text":"لا شيء"}`
	)
	for _, tc := range []struct{ name, data string }{
		{"in id order", a + "\n" + b + "\n" + c + "\n"},
		{"out of id order: read in id order", c + "\n" + a + "\n\n" + b},
		{"with a byte order mark and CRLF", "\ufeff" + b + "\r\n" + a + "\r\n"},
		{"one document", c},
		{"a bad line", a + "\n{oops\n"},
		{"a document twice", a + "\n" + a + "\n"},
		{"no document", "\n\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			sameAsReadFile(t, writeTemp(t, "g.jsonl", tc.data))
		})
	}
}
