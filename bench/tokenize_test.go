package bench

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/corpus"
	"github.com/arabench/arabench/extract"
	"github.com/arabench/arabench/extract/gazetteer"
	"github.com/arabench/arabench/extract/rules"
	"github.com/arabench/arabench/gold"
	"github.com/arabench/arabench/metrics"
	"github.com/arabench/arabench/tokenize"
)

// BenchmarkTokenize measures the tokenizer on every input: Append into a
// reused slice (byte offsets and kinds for every token), the streaming
// Scanner (which also counts code point offsets), and beside them the peers
// utf8.Valid (the floor) and strings.Fields (the tokenizer one writes first:
// white space only, no kinds, no offsets).
func BenchmarkTokenize(b *testing.B) {
	for _, in := range Inputs() {
		b.Run("mode=append/input="+in.Name, func(b *testing.B) {
			src := Data(b, in)
			toks := tokenize.Append(nil, src)
			Measure(b, src, func() { toks = tokenize.Append(toks[:0], src) })
		})
		b.Run("mode=scanner/input="+in.Name, func(b *testing.B) {
			src := Data(b, in)
			r := bytes.NewReader(src)
			Measure(b, src, func() {
				r.Reset(src)
				s := tokenize.NewScanner(r)
				for s.Scan() {
				}
			})
		})
		b.Run("peer=utf8.Valid/input="+in.Name, func(b *testing.B) {
			src := Data(b, in)
			Measure(b, src, func() {
				if !utf8.Valid(src) {
					panic("benchmark input is not valid UTF-8")
				}
			})
		})
		b.Run("peer=strings.Fields/input="+in.Name, func(b *testing.B) {
			src := Data(b, in)
			s := string(src)
			Measure(b, src, func() { _ = strings.Fields(s) })
		})
	}
}

// BenchmarkExtract measures the built-in extractors on the seed corpus and
// the 1 MiB input, after loading, and the gazetteer also on the 64 MiB input
// (as one document; skipped under -short), where its speed must stay that of
// 1 MiB, and on the ANERcorp text, which does not repeat.
func BenchmarkExtract(b *testing.B) {
	gz, err := gazetteer.New()
	require.NoError(b, err)
	for _, run := range []struct {
		ex     extract.Extractor
		inputs []*Input
	}{{gz, Inputs()}, {rules.New(), Inputs()[:2]}} {
		ex := run.ex
		for _, in := range run.inputs {
			b.Run(fmt.Sprintf("extractor=%s/input=%s", ex.Name(), in.Name), func(b *testing.B) {
				src := Data(b, in)
				doc := corpus.Document{ID: "bench", Text: string(src)}
				ctx := context.Background()
				Measure(b, src, func() {
					if _, err := ex.Extract(ctx, doc); err != nil {
						panic(err)
					}
				})
			})
		}
	}
}

// BenchmarkGazetteerLoad measures building the gazetteer from its lexicons.
func BenchmarkGazetteerLoad(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		if _, err := gazetteer.New(); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkScore measures scoring the gazetteer's predictions on the seed
// corpus against the gold, every scheme at once.
func BenchmarkScore(b *testing.B) {
	c := corpus.Seed()
	g, err := gold.Seed()
	require.NoError(b, err)
	gz, err := gazetteer.New()
	require.NoError(b, err)
	res := extract.Run(context.Background(), gz, c.Documents)
	docs := make([]metrics.Doc, len(c.Documents))
	for i, d := range c.Documents {
		docs[i] = metrics.Doc{ID: d.ID, Text: d.Text, Gold: g.Mentions(d.ID), Pred: res.Predictions()[d.ID]}
	}
	b.SetBytes(int64(c.Size()))
	b.ReportAllocs()
	for b.Loop() {
		metrics.Evaluate(docs, metrics.Options{})
	}
}
