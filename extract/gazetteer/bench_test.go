package gazetteer

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/arabench/arabench/corpus"
)

// newsText returns testdata/news.txt repeated to at least size bytes. The
// text is composed for these tests in the style of Arabic wire news: long
// sentences in which most words are not names.
func newsText(tb testing.TB, size int) string {
	tb.Helper()
	para, err := os.ReadFile("testdata/news.txt")
	if err != nil {
		tb.Fatal(err)
	}
	var b bytes.Buffer
	b.Grow(size + len(para))
	for b.Len() < size {
		b.Write(para)
	}
	return b.String()
}

func BenchmarkGazetteer(b *testing.B) {
	g, err := New()
	if err != nil {
		b.Fatal(err)
	}
	for _, in := range []struct {
		name string
		size int
	}{{"64KiB", 64 << 10}, {"1MiB", 1 << 20}} {
		doc := corpus.Document{ID: "news", Text: newsText(b, in.size)}
		b.Run("input="+in.name, func(b *testing.B) {
			ctx := context.Background()
			b.SetBytes(int64(len(doc.Text)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := g.Extract(ctx, doc); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := New(); err != nil {
			b.Fatal(err)
		}
	}
}
