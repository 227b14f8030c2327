package spans_test

import (
	"strings"
	"testing"

	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/spans"
)

func TestReadNamesTheLine(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"not JSON", "{\"doc\":\"a\",\"text\":\"x\"}\n{nope\n", "g.jsonl:2: not a JSON object"},
		{"no doc", `{"text":"x"}`, `g.jsonl:1: no "doc"`},
		{"span past the text", `{"doc":"a","text":"abc","mentions":[{"start":1,"end":9,"type":"X"}]}`, `g.jsonl:1: doc "a": mention 0: span [1,9) is out of range: the text has 3 code points`},
		{"text disagrees", `{"doc":"a","text":"abc","mentions":[{"start":0,"end":1,"type":"X","text":"b"}]}`, `g.jsonl:1: doc "a": mention 0: text "b" differs from the span, which reads "a"`},
		{"doc twice", "{\"doc\":\"a\",\"text\":\"x\"}\n{\"doc\":\"a\",\"text\":\"x\"}\n", `g.jsonl:2: doc "a" is listed again (first at line 1)`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, _, err := spans.Read("g.jsonl", strings.NewReader(tc.in))
			require.Error(t, err)
			assert.Contains(t, err.Error(), tc.want)
		})
	}
}

func FuzzRead(f *testing.F) {
	for _, s := range []string{
		`{"doc":"a","text":"زار بوتين","mentions":[{"start":4,"end":9,"type":"PER"}]}`,
		`{"doc":"a","text":"ab\xffcd","mentions":[{"start":1,"end":4,"type":"X","text":"b\ufffdc"}]}`,
		"\ufeff{\"doc\":\"a\",\"text\":\"\"}\n{\"doc\":\"b\",\"text\":\"x\",\"mentions\":[{\"start\":0,\"end\":1,\"type\":\"X\"},{\"start\":0,\"end\":1,\"type\":\"Y\"}]}",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, in string) {
		sameAsReadFile(t, "fuzz.jsonl", in)
		c, ms, err := spans.Read("fuzz.jsonl", strings.NewReader(in))
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
