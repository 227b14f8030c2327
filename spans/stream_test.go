package spans_test

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/conll"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/signature"
	"github.com/arabench/arabench/spans"
)

// sameAsReadFile writes data to a spans file of the given name and checks
// that it streams as gold.ReadFile reads it: the same documents in the same
// order, the same mentions, the same hash and name; or that both refuse it
// with the same error.
func sameAsReadFile(t *testing.T, name, data string) {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(path, []byte(data), 0o644))
	c, g, wholeErr := gold.ReadFile(path, gold.FormatJSONL, conll.Options{})
	s, err := spans.Open(path)
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
	assert.Equal(t, signature.CorpusHash(c.Documents), s.CorpusHash())
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

func TestFileStreamsAsGoldReadFileReads(t *testing.T) {
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
			sameAsReadFile(t, "g.jsonl", tc.data)
		})
	}
}

// BenchmarkSpans reads a JSONL spans gold of 1,000 documents (the seed's,
// each under 200 ids) whole (gold.ReadFile, what a brat folder or a token
// file costs) and streamed (Open, then every document in id order, what eval
// does with a spans file): MB/s of the file, and the memory each holds.
func BenchmarkSpans(b *testing.B) {
	path, size := seedSpansFile(b, 200)
	b.Run("read=whole", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := gold.ReadFile(path, gold.FormatJSONL, conll.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("read=stream", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			s, err := spans.Open(path)
			if err != nil {
				b.Fatal(err)
			}
			for i := range s.Len() {
				if _, _, err := s.Doc(i); err != nil {
					b.Fatal(err)
				}
			}
			s.Close()
		}
	})
}

// seedSpansFile writes the seed gold as a JSONL spans file, every document
// copies times under ids of its own, and returns its path and size.
func seedSpansFile(t testing.TB, copies int) (string, int64) {
	g, err := gold.Seed()
	require.NoError(t, err)
	var buf bytes.Buffer
	for k := range copies {
		for _, d := range g.Corpus().Documents {
			ms := g.Mentions(d.ID)
			d.ID = fmt.Sprintf("%s-%03d", d.ID, k)
			require.NoError(t, spans.Write(&buf, d, ms))
		}
	}
	path := filepath.Join(t.TempDir(), "gold.jsonl")
	require.NoError(t, os.WriteFile(path, buf.Bytes(), 0o644))
	return path, int64(buf.Len())
}

func TestWriteReadsBack(t *testing.T) {
	// The seed gold written twice over (ids -000 and -001) reads back with
	// the same texts and mentions, offsets and all.
	g, err := gold.Seed()
	require.NoError(t, err)
	path, _ := seedSpansFile(t, 2)
	c, back, err := gold.ReadFile(path, gold.FormatJSONL, conll.Options{})
	require.NoError(t, err)
	require.Len(t, c.Documents, 2*len(g.Corpus().Documents))
	for _, d := range g.Corpus().Documents {
		for _, k := range []string{"-000", "-001"} {
			got, ok := c.Doc(d.ID + k)
			require.True(t, ok, d.ID+k)
			assert.Equal(t, d.Text, got.Text)
			assert.Equal(t, g.Mentions(d.ID), back.Mentions(d.ID+k))
		}
	}
}
