package gold

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"testing"
	"unicode/utf8"

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

// BenchmarkSpans reads a JSONL spans gold of 1,000 documents (the seed's,
// each under 200 ids) whole (ReadFile, what a brat folder or a token file
// costs) and streamed (OpenSpans, then every document in id order, what
// eval does with a spans file): MB/s of the file, and the memory each holds.
func BenchmarkSpans(b *testing.B) {
	path, size := seedSpansFile(b, 200)
	b.Run("read=whole", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			if _, _, err := ReadFile(path, FormatJSONL, conll.Options{}); err != nil {
				b.Fatal(err)
			}
		}
	})
	b.Run("read=stream", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for b.Loop() {
			s, err := OpenSpans(path)
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
func seedSpansFile(b *testing.B, copies int) (string, int64) {
	g, err := Seed()
	require.NoError(b, err)
	type span struct {
		Start  int    `json:"start"`
		End    int    `json:"end"`
		Type   string `json:"type"`
		Entity string `json:"entity,omitempty"`
		Value  string `json:"value,omitempty"`
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	for k := range copies {
		for _, d := range g.Corpus().Documents {
			spans := []span{}
			for _, m := range g.Mentions(d.ID) {
				start := utf8.RuneCountInString(d.Text[:m.Start])
				spans = append(spans, span{start, start + utf8.RuneCountInString(m.Text), string(m.Type), m.Entity, m.Value})
			}
			line := map[string]any{"doc": fmt.Sprintf("%s-%03d", d.ID, k), "text": d.Text, "mentions": spans}
			require.NoError(b, enc.Encode(line))
		}
	}
	path := filepath.Join(b.TempDir(), "gold.jsonl")
	require.NoError(b, os.WriteFile(path, buf.Bytes(), 0o644))
	return path, int64(buf.Len())
}
