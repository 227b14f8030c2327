package peers

import (
	"bytes"
	"fmt"
	"testing"
	"unicode/utf8"

	"github.com/blevesearch/bleve/v2/analysis"
	"github.com/blevesearch/bleve/v2/analysis/lang/ar"
	"github.com/stretchr/testify/assert"
	"github.com/stretchr/testify/require"

	"github.com/arabench/arabench/bench"
	"github.com/arabench/arabench/normalize"
)

// bleveNormalize runs Bleve's normalize_ar filter over one token.
func bleveNormalize(f analysis.TokenFilter, term []byte) []byte {
	stream := f.Filter(analysis.TokenStream{{Term: term}})
	return stream[0].Term
}

// The lucene preset gives Bleve's normalize_ar output on every whitespace
// token of the seed corpus, and on tokens that touch each of its rules and
// what it leaves alone.
func TestLuceneMatchesBleve(t *testing.T) {
	n, err := normalize.Preset("lucene")
	require.NoError(t, err)
	f := ar.NewArabicNormalizeFilter()
	tokens := bytes.Fields(bench.SeedText())
	require.Greater(t, len(tokens), 3000)
	changed := 0
	for _, tok := range tokens {
		want := bleveNormalize(f, bytes.Clone(tok))
		got := n.AppendNormalized(nil, tok)
		require.Equal(t, string(want), string(got), "token %q", tok)
		if !bytes.Equal(got, tok) {
			changed++
		}
	}
	assert.Greater(t, changed, 500, "the corpus exercises the rules: tokens the normalizers change")

	for _, tok := range []string{
		"آجن", "أحمد", "إعاذ", "ٱلله", "بنى", "فاطمة", "روبرـــــت", "مَبنا", "علِي", "بُوات", "ولداً", "ولدٍ",
		"ولدٌ", "نلْسون", "هتميّ", "هٰذا", "مسؤول", "رئيس", "ﻻ", "١٢٣", "ى\u0654", "ة\xff", "\xd8", "",
	} {
		want := bleveNormalize(f, []byte(tok))
		assert.Equal(t, string(want), n.String(tok), "token %q", tok)
	}
}

// BenchmarkNormalize measures Bleve's normalize_ar filter over the
// whitespace tokens of each input (peer=bleve), and, in the same run and
// under the same names as the main module's bench package, the lucene and
// search presets and utf8.Valid, so that the ratios against Bleve come from
// one run.
func BenchmarkNormalize(b *testing.B) {
	for _, p := range []string{"lucene", "search"} {
		n, err := normalize.Preset(p)
		require.NoError(b, err)
		for _, offsets := range bench.OffsetModes {
			for _, in := range bench.Inputs() {
				b.Run(fmt.Sprintf("preset=%s/offsets=%s/input=%s", p, offsets, in.Name), func(b *testing.B) {
					bench.MeasureNormalizer(b, n, offsets, bench.Data(b, in))
				})
			}
		}
	}
	for _, in := range bench.Inputs() {
		b.Run(fmt.Sprintf("peer=utf8.Valid/input=%s", in.Name), func(b *testing.B) {
			src := bench.Data(b, in)
			bench.Measure(b, src, func() {
				if !utf8.Valid(src) {
					panic("benchmark input is not valid UTF-8")
				}
			})
		})
	}
	for _, in := range bench.Inputs() {
		b.Run(fmt.Sprintf("peer=bleve/input=%s", in.Name), func(b *testing.B) {
			src := bench.Data(b, in)
			// Tokenizing is not timed: the filter gets a token stream, as
			// in Bleve's analyzer. Each pass restores the original terms,
			// since the filter replaces them.
			terms := bytes.Fields(src)
			tokens := make([]analysis.Token, len(terms))
			stream := make(analysis.TokenStream, len(terms))
			for i := range terms {
				tokens[i] = analysis.Token{Term: terms[i], Position: i + 1, Type: analysis.AlphaNumeric}
				stream[i] = &tokens[i]
			}
			f := ar.NewArabicNormalizeFilter()
			bench.Measure(b, src, func() {
				for i := range tokens {
					tokens[i].Term = terms[i]
				}
				f.Filter(stream)
			})
		})
	}
}
