package gazetteer

import (
	"bytes"
	"context"
	"os"
	"testing"

	"github.com/arabench/arabench/bench"
	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/tokenize"
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

// BenchmarkPasses measures the passes of find one after another, each row
// adding one to those before it (pass=normalize, tokenize, screen, match),
// on the benchmark inputs that do not grow to 64 MiB: the difference between
// two rows is what the later pass costs among the others, where on a text
// that repeats it costs more than alone (the passes between two of its runs
// take the branch history it would have learnt). The match row cuts the text
// into chunks as find does; the rows before it, which decide nothing, start
// each chunk where the last one ended, so that their chunks do not overlap
// by the tokens find leaves to the next chunk.
func BenchmarkPasses(b *testing.B) {
	g, err := New()
	if err != nil {
		b.Fatal(err)
	}
	passes := []string{"normalize", "tokenize", "screen", "match"}
	for _, in := range bench.Inputs() {
		if in.Name == "64MiB" {
			continue
		}
		text := string(bench.Data(b, in))
		for n, pass := range passes {
			b.Run("input="+in.Name+"/pass="+pass, func(b *testing.B) {
				var s scratch
				b.SetBytes(int64(len(text)))
				b.ReportAllocs()
				for b.Loop() {
					s.found.reset()
					for base := 0; base < len(text); {
						end := chunkEnd(text, base, chunkSize)
						g.normalizeChunk(&s, text[base:end])
						if n >= 1 {
							s.toks = tokenize.Append(s.toks[:0], s.norm)
						}
						if n >= 2 {
							g.screen(&s)
						}
						next := end
						if n >= 3 {
							next = g.matchChunk(&s, base, end, end == len(text))
						}
						base = next
					}
				}
			})
		}
	}
}
