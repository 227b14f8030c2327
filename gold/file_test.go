package gold

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/conll"
)

func writeTemp(t *testing.T, name, data string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	require.NoError(t, os.WriteFile(p, []byte(data), 0o644))
	return p
}

func TestGoldFilesOfEveryFormatReadAlike(t *testing.T) {
	// One sentence, "زار بوتين موسكو": بوتين PERS [4,9), موسكو LOC [10,15)
	// in code points.
	conllFile := writeTemp(t, "g.txt", "-DOCSTART- a\nزار O\nبوتين B-PERS\nموسكو B-LOC\n")
	spans := writeTemp(t, "g.data", `{"doc":"a","text":"زار بوتين موسكو","mentions":[{"start":4,"end":9,"type":"PERS"},{"start":10,"end":15,"type":"LOC","text":"موسكو"}]}`+"\n")
	var hashes []string
	for _, tc := range []struct {
		path string
		want Format
	}{{conllFile, FormatCoNLL}, {spans, FormatJSONL}} {
		f, err := DetectFormat(tc.path)
		require.NoError(t, err)
		assert.Equal(t, tc.want, f, "told from the content, not the name")
		c, g, err := ReadFile(tc.path, f, conll.Options{})
		require.NoError(t, err)
		require.Len(t, c.Documents, 1)
		assert.Equal(t, "زار بوتين موسكو", c.Documents[0].Text)
		ms := g.Mentions("a")
		require.Len(t, ms, 2)
		// Byte offsets: زار is 6 bytes and a space, بوتين 10 bytes.
		assert.Equal(t, [3]any{7, 17, "PERS"}, [3]any{ms[0].Start, ms[0].End, ms[0].Type})
		assert.Equal(t, [3]any{18, 28, "LOC"}, [3]any{ms[1].Start, ms[1].End, ms[1].Type})
		hashes = append(hashes, g.Hash())
	}
	assert.Equal(t, hashes[0], hashes[1], "the same gold hashes alike whatever the file")
}

func TestReadSpansNamesTheLine(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"not JSON", "{\"doc\":\"a\",\"text\":\"x\"}\n{nope\n", "g.jsonl:2: not a JSON object"},
		{"no doc", `{"text":"x"}`, `g.jsonl:1: no "doc"`},
		{"span past the text", `{"doc":"a","text":"abc","mentions":[{"start":1,"end":9,"type":"X"}]}`, `g.jsonl:1: doc "a": mention 0: span [1,9) is out of range: the text has 3 code points`},
		{"text disagrees", `{"doc":"a","text":"abc","mentions":[{"start":0,"end":1,"type":"X","text":"b"}]}`, `g.jsonl:1: doc "a": mention 0: text "b" differs from the span, which reads "a"`},
		{"doc twice", "{\"doc\":\"a\",\"text\":\"x\"}\n{\"doc\":\"a\",\"text\":\"x\"}\n", `g.jsonl:2: doc "a" is listed again (first at line 1)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := ReadSpans("g.jsonl", strings.NewReader(tc.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
	_, err := DetectFormat(writeTemp(t, "a.ann", "T1\tPER 0 5\tPutin\n"))
	assert.ErrorContains(t, err, "a brat gold is the folder of its <doc>.ann files")
}

func FuzzReadSpans(f *testing.F) {
	for _, s := range []string{
		`{"doc":"a","text":"زار بوتين","mentions":[{"start":4,"end":9,"type":"PER"}]}`,
		`{"doc":"a","text":"ab\xffcd","mentions":[{"start":1,"end":4,"type":"X","text":"b\ufffdc"}]}`,
		"\ufeff{\"doc\":\"a\",\"text\":\"\"}\n{\"doc\":\"b\",\"text\":\"x\",\"mentions\":[{\"start\":0,\"end\":1,\"type\":\"X\"},{\"start\":0,\"end\":1,\"type\":\"Y\"}]}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		sameAsReadFile(t, writeTemp(t, "fuzz.jsonl", in))
		c, ms, err := ReadSpans("fuzz.jsonl", strings.NewReader(in))
		if err != nil {
			return
		}
		for id, list := range ms {
			doc, ok := c.Doc(id)
			if !ok {
				t.Fatalf("mentions of %q, which is not a document", id)
			}
			for _, m := range list {
				if m.Start < 0 || m.End > len(doc.Text) || m.Start >= m.End || doc.Text[m.Start:m.End] != m.Text {
					t.Fatalf("doc %q: mention %v is not a span of its text", id, m)
				}
			}
		}
	})
}
